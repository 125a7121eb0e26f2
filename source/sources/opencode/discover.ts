import {readdirSync, statSync, type Dirent} from 'node:fs';
import {join} from 'node:path';
import {VisitedDirs} from '../visited.js';

/** An OpenCode SQLite database with the stat needed to skip it when nothing changed. */
export interface OpencodeDbFile {
	path: string;
	size: number;
	mtimeMs: number;
	ino: number;
	/**
	 * The write-ahead log beside it (`<db>-wal`), when present: OpenCode runs in WAL mode, so
	 * new rows land there and the main file's mtime does not move until a checkpoint.
	 */
	wal?: {size: number; mtimeMs: number};
}

/** Which JSON-tree layout a session comes from. */
export type OpencodeJsonLayout =
	/** `storage/session/<projectID>/ses_*.json`, `storage/message/<sessionID>/`, `storage/part/<messageID>/` */
	| 'v2'
	/** `storage/session/info/ses_*.json`, `storage/session/message/<sessionID>/`, `storage/session/part/<sessionID>/<messageID>/` */
	| 'legacy';

/** One session of the JSON tree (OpenCode before 1.2, kept on disk after the migration to SQLite). */
export interface OpencodeJsonSession {
	id: string;
	layout: OpencodeJsonLayout;
	/** The `storage` directory. */
	storage: string;
	/** `v2` only: the project directory name (git root commit or `global`). */
	projectId?: string;
	sessionFile: string;
	mtimeMs: number;
	/** Directory holding the session's message files. */
	messageDir: string;
	/** Absent when the directory does not exist. */
	messageDirMtimeMs?: number;
}

export interface OpencodeDataDir {
	root: string;
	dbs: OpencodeDbFile[];
	sessions: OpencodeJsonSession[];
}

function entries(dir: string): Dirent[] {
	try {
		return readdirSync(dir, {withFileTypes: true});
	} catch {
		return [];
	}
}

function stat(path: string): {size: number; mtimeMs: number; ino: number; dir: boolean; file: boolean} | undefined {
	try {
		const st = statSync(path);
		return {size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, dir: st.isDirectory(), file: st.isFile()};
	} catch {
		return undefined;
	}
}

/** `opencode.db` and `opencode-<channel>.db`; the `-wal`/`-shm` companions are not databases. */
export function isOpencodeDbName(name: string): boolean {
	return name === 'opencode.db' || /^opencode-[^/\\]+\.db$/.test(name);
}

function isSessionFile(name: string): boolean {
	return name.startsWith('ses_') && name.endsWith('.json');
}

function session(
	layout: OpencodeJsonLayout,
	storage: string,
	file: string,
	name: string,
	messageDir: string,
	projectId?: string,
): OpencodeJsonSession | undefined {
	const st = stat(file);
	if (!st || !st.file) return undefined;
	const md = stat(messageDir);
	return {
		id: name.slice(0, -'.json'.length),
		layout,
		storage,
		...(projectId !== undefined ? {projectId} : {}),
		sessionFile: file,
		mtimeMs: st.mtimeMs,
		messageDir,
		...(md && md.dir ? {messageDirMtimeMs: md.mtimeMs} : {}),
	};
}

/** Lists what there is to read under one OpenCode data directory. Reads no file contents. */
export function discoverOpencodeDir(root: string): OpencodeDataDir {
	const dbs: OpencodeDbFile[] = [];
	for (const e of entries(root)) {
		if (!isOpencodeDbName(e.name)) continue;
		const path = join(root, e.name);
		const st = stat(path);
		// Only regular files: a FIFO or device named like a database would block the reader.
		if (!st || !st.file) continue;
		const wal = stat(`${path}-wal`);
		dbs.push({
			path,
			size: st.size,
			mtimeMs: st.mtimeMs,
			ino: st.ino,
			...(wal && !wal.dir ? {wal: {size: wal.size, mtimeMs: wal.mtimeMs}} : {}),
		});
	}
	dbs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

	const storage = join(root, 'storage');
	const sessionRoot = join(storage, 'session');
	const sessions: OpencodeJsonSession[] = [];
	const visited = new VisitedDirs();
	for (const dir of visited.enterRoot(sessionRoot) ? entries(sessionRoot) : []) {
		const dirPath = join(sessionRoot, dir.name);
		if (dir.name === 'message' || dir.name === 'part') continue;
		if (!visited.enter(dirPath)) continue;
		if (dir.name === 'info') {
			for (const f of entries(dirPath)) {
				if (!isSessionFile(f.name)) continue;
				const id = f.name.slice(0, -'.json'.length);
				const s = session('legacy', storage, join(dirPath, f.name), f.name, join(sessionRoot, 'message', id));
				if (s) sessions.push(s);
			}
			continue;
		}
		for (const f of entries(dirPath)) {
			if (!isSessionFile(f.name)) continue;
			const id = f.name.slice(0, -'.json'.length);
			const s = session('v2', storage, join(dirPath, f.name), f.name, join(storage, 'message', id), dir.name);
			if (s) sessions.push(s);
		}
	}
	sessions.sort((a, b) => (a.sessionFile < b.sessionFile ? -1 : a.sessionFile > b.sessionFile ? 1 : 0));
	return {root, dbs, sessions};
}
