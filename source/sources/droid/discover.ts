/**
 * Where Factory Droid keeps its sessions: `$DROID_SESSIONS_DIR`, else `$FACTORY_DIR/sessions`,
 * else `~/.factory/sessions` (Linux and macOS alike), flat or in per-project directories; burn
 * reads each session's `<sessionId>.settings.json` (its running token totals).
 */
import {join} from 'node:path';
import type {LogFile, SourceRoot} from '../discover.js';
import {expandTilde, pathExists, userHome, walkLogs} from '../log-walk.js';

export function droidSessionsDir(env: NodeJS.ProcessEnv): string {
	if (env.DROID_SESSIONS_DIR) return expandTilde(env.DROID_SESSIONS_DIR, env);
	if (env.FACTORY_DIR) return join(expandTilde(env.FACTORY_DIR, env), 'sessions');
	return join(userHome(env), '.factory', 'sessions');
}

export function discoverDroid(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const dir = droidSessionsDir(env);
	const unreadableDirs: string[] = [];
	const files = walkLogs('droid', dir, (name) => name.endsWith('.settings.json'), 2, unreadableDirs);
	return {files, roots: [{source: 'droid', path: dir, exists: pathExists(dir)}], unreadableDirs};
}
