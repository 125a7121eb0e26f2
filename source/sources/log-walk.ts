/**
 * Finding the log files of the line-oriented sources added after Claude, Codex and OpenCode
 * (pi, Copilot CLI, …): a bounded walk under one directory, links followed once, unreadable
 * directories reported (their logs are counted as left out, never skipped in silence).
 */
import {readdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import type {LogFile} from './discover.js';
import {VisitedDirs} from './visited.js';

export const userHome = (env: NodeJS.ProcessEnv): string => env.HOME || homedir();

/** `~` and `~/…` expanded against HOME. */
export function expandTilde(path: string, env: NodeJS.ProcessEnv): string {
	if (path === '~') return userHome(env);
	if (path.startsWith('~/')) return join(userHome(env), path.slice(2));
	return path;
}

export function pathExists(path: string): boolean {
	try {
		statSync(path);
		return true;
	} catch {
		return false;
	}
}

/**
 * Files under `dir` (to `maxDepth` levels) whose name `want` accepts, with their stat, for
 * `source`. Directories that exist but cannot be listed go to `unreadable`.
 */
export function walkLogs(
	source: LogFile['source'],
	dir: string,
	want: (name: string, parent: string) => boolean,
	maxDepth: number,
	unreadable: string[],
	visited = new VisitedDirs(),
): LogFile[] {
	const out: LogFile[] = [];
	const walk = (d: string, depth: number) => {
		if (depth > maxDepth || !(depth === 0 ? visited.enterRoot(d) : visited.enter(d))) return;
		let names: string[];
		try {
			names = readdirSync(d);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push(d);
			return;
		}
		for (const name of names.sort()) {
			const path = join(d, name);
			let st;
			try {
				st = statSync(path);
			} catch {
				continue;
			}
			if (st.isDirectory()) walk(path, depth + 1);
			else if (st.isFile() && want(name, d)) out.push({source, path, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino});
		}
	};
	walk(dir, 0);
	return out;
}
