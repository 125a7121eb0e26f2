import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {readRegular} from '../core/open-regular.js';
import {join} from 'node:path';

/** Where ingest stopped in one log file, and the reader's state to resume with. */
export interface FileCursor {
	source: string;
	ino: number;
	size: number;
	mtimeMs: number;
	/** Next byte to read. */
	offset: number;
	/** Hex of the 32 bytes before `offset`: detects a same-inode rewrite. */
	tail?: string;
	/** Reader version that read the file. */
	rv: number;
	state?: unknown;
}

export interface CursorFile {
	version: 1;
	files: Record<string, FileCursor>;
}

const NAME = 'cursors.json';

export function loadCursors(home: string): CursorFile {
	try {
		const raw = JSON.parse(readRegular(join(home, NAME)).toString('utf8')) as CursorFile;
		if (raw && raw.version === 1 && raw.files && typeof raw.files === 'object') return raw;
	} catch {}
	return {version: 1, files: {}};
}

/** Atomic replace (tmp + rename): a kill leaves the old or the new file, never half of one. */
export function saveCursors(home: string, cursors: CursorFile): void {
	const tmp = join(home, `${NAME}.${process.pid}.tmp`);
	try {
		writeFileSync(tmp, JSON.stringify(cursors), {mode: 0o600});
		renameSync(tmp, join(home, NAME));
	} catch (error) {
		// A full disk: leave no temporary file behind.
		rmSync(tmp, {force: true});
		throw error;
	}
}
