/**
 * Where Goose keeps its sessions: `$GOOSE_PATH_ROOT/data/sessions` when set, else
 * `$XDG_DATA_HOME/goose/sessions` or `~/.local/share/goose/sessions`, and on macOS also
 * `~/Library/Application Support/Block/goose/sessions` (and the unprefixed `goose`). Legacy
 * sessions are `<YYYYMMDD_HHMMSS>.jsonl`; newer versions keep `sessions.db` (SQLite).
 */
import {isAbsolute, join} from 'node:path';
import type {LogFile, SourceRoot} from '../discover.js';
import {expandTilde, pathExists, userHome, walkLogs} from '../log-walk.js';
import {VisitedDirs} from '../visited.js';

export function gooseSessionDirs(env: NodeJS.ProcessEnv): string[] {
	if (env.GOOSE_PATH_ROOT) return [join(expandTilde(env.GOOSE_PATH_ROOT, env), 'data', 'sessions')];
	const home = userHome(env);
	const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
	return [
		join(xdg, 'goose', 'sessions'),
		join(xdg, 'Block', 'goose', 'sessions'),
		join(home, 'Library', 'Application Support', 'Block', 'goose', 'sessions'),
		join(home, 'Library', 'Application Support', 'goose', 'sessions'),
	];
}

export function discoverGoose(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]; dbs: string[]} {
	const unreadableDirs: string[] = [];
	const files: LogFile[] = [];
	const roots: SourceRoot[] = [];
	const dbs: string[] = [];
	const visited = new VisitedDirs();
	for (const dir of gooseSessionDirs(env)) {
		const exists = pathExists(dir);
		if (!exists && roots.length > 0) continue;
		roots.push({source: 'goose', path: dir, exists});
		files.push(...walkLogs('goose', dir, (name) => /^\d{8}_\d{6}\.jsonl$/.test(name), 0, unreadableDirs, visited));
		const db = join(dir, 'sessions.db');
		if (pathExists(db)) dbs.push(db);
	}
	return {files, roots, unreadableDirs, dbs};
}
