import {readdirSync, utimesSync, type Dirent} from 'node:fs';
import {join} from 'node:path';

/**
 * Sets the times of every directory under `root` (and `root`) an hour back: a tree whose
 * directories settled long ago, as a user's are, so Claude's walk replays (claude-walk.ts
 * SETTLE_MS). Files keep their times. `at` (seconds): that time instead, to put directories
 * back to the times an earlier call gave them. Returns the time set.
 */
export function ageTree(root: string, secondsAgo = 3600, at?: number): number {
	const when = at ?? Math.floor(Date.now() / 1000 - secondsAgo);
	const dirs = [root];
	for (const e of readdirSync(root, {recursive: true, withFileTypes: true}) as Dirent[]) if (e.isDirectory()) dirs.push(join(e.parentPath ?? e.path, e.name));
	// Deepest first: setting a child's times does not touch its parent's, but be plain about it.
	for (const d of dirs.reverse()) utimesSync(d, when, when);
	return when;
}
