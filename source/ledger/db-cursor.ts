/**
 * Databases read as a whole (OpenCode's `opencode.db`, Goose's `sessions.db`, Copilot's
 * session store): one is unchanged when the file and its `-wal` kept the stat its cursor saw.
 * Shared by their ingest and by the warm path's check (refresh.ts), which must not load the
 * readers to ask.
 */
import {statSync} from 'node:fs';
import type {FileCursor} from './cursors.js';

export interface Stamp {
	size: number;
	mtimeMs: number;
}

/** Inode, size and mtime of a path, or undefined (gone, unreadable). */
export function statStamp(path: string): {size: number; mtimeMs: number; ino: number} | undefined {
	try {
		const s = statSync(path);
		return {size: s.size, mtimeMs: s.mtimeMs, ino: s.ino};
	} catch {
		return undefined;
	}
}

/** The database and its `-wal` are as the cursor saw them (its state keeps the `-wal`'s stamp). */
export function dbUnchanged(cursor: FileCursor | undefined, st: {size: number; mtimeMs: number; ino: number} | undefined, wal: Stamp | undefined): boolean {
	if (!cursor || !st) return false;
	const prev = (cursor.state as {wal?: Stamp} | undefined)?.wal;
	return (
		cursor.ino === st.ino &&
		cursor.size === st.size &&
		cursor.mtimeMs === st.mtimeMs &&
		(prev?.size ?? -1) === (wal?.size ?? -1) &&
		(prev?.mtimeMs ?? -1) === (wal?.mtimeMs ?? -1)
	);
}
