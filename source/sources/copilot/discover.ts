/**
 * Where Copilot CLI keeps its sessions: `$COPILOT_HOME` (it relocates the whole directory),
 * else `~/.copilot`, on Linux and macOS alike; one journal per session at
 * `session-state/<sessionId>/events.jsonl`. Decided by location, never by the `producer`
 * string (VS Code writes the same one).
 */
import {join} from 'node:path';
import type {LogFile, SourceRoot} from '../discover.js';
import {expandTilde, pathExists, userHome, walkLogs} from '../log-walk.js';

export function copilotHome(env: NodeJS.ProcessEnv): string {
	return env.COPILOT_HOME ? expandTilde(env.COPILOT_HOME, env) : join(userHome(env), '.copilot');
}

export function discoverCopilot(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]; dbs: string[]} {
	const dir = join(copilotHome(env), 'session-state');
	const unreadableDirs: string[] = [];
	const files = walkLogs('copilot', dir, (name) => name === 'events.jsonl', 1, unreadableDirs);
	const store = join(copilotHome(env), 'session-store.db');
	return {files, roots: [{source: 'copilot', path: dir, exists: pathExists(dir)}], unreadableDirs, dbs: pathExists(store) ? [store] : []};
}

/** Session ids that have a journal (`session-state/<id>/events.jsonl`). */
export const journalIds = (files: readonly LogFile[]): string[] => files.map((f) => f.path.split(/[\\/]/).slice(-2)[0]!);
