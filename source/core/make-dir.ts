import {chmodSync, mkdirSync, statSync} from 'node:fs';
import {dirname} from 'node:path';

const WHY: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	ENAMETOOLONG: 'name too long',
	ELOOP: 'too many symbolic links',
	ENOENT: 'the file system does not allow creating it',
};

/** A directory error in one plain line (no errno dump). */
export class DirError extends Error {
	constructor(
		readonly path: string,
		readonly why: string,
		readonly code?: string,
	) {
		super(`cannot create ${path}: ${why}`);
	}
}

function kind(path: string): 'dir' | 'other' | 'missing' | {code: string} {
	try {
		return statSync(path).isDirectory() ? 'dir' : 'other';
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
		return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : {code};
	}
}

/**
 * `mkdir -p` without Node's recursive mkdir, which loops forever where a parent exists but
 * refuses new entries with ENOENT (procfs, sysfs). Creates each missing level once, with `mode`;
 * throws a DirError saying in plain words what is in the way.
 */
export function makeDirs(dir: string, mode: number): void {
	const missing: string[] = [];
	let at = dir;
	for (;;) {
		const k = kind(at);
		if (k === 'dir') break;
		if (k === 'other') throw new DirError(dir, at === dir ? 'a file with that name is in the way' : `${at} is a file, not a directory`, 'ENOTDIR');
		if (typeof k === 'object') throw new DirError(dir, `${at}: ${WHY[k.code] ?? k.code}`, k.code);
		missing.push(at);
		const up = dirname(at);
		if (up === at) break;
		at = up;
	}
	for (const path of missing.reverse()) {
		try {
			mkdirSync(path, {mode});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
			if (code === 'EEXIST' && kind(path) === 'dir') continue; // created meanwhile
			throw new DirError(dir, path === dir ? (WHY[code] ?? code) : `${path}: ${WHY[code] ?? code}`, code);
		}
	}
}

/**
 * A private directory that others may write into (0777, 0775, …) lets anyone plant links or
 * files in it: set it to 0700 when it is ours. Returns a line saying so, or undefined when
 * nothing changed (the directory is private already, or not ours to change).
 */
export function tightenDir(dir: string): string | undefined {
	try {
		const st = statSync(dir);
		// A sticky directory (/tmp) is shared on purpose: never changed.
		if (!st.isDirectory() || (st.mode & 0o022) === 0 || (st.mode & 0o1000) !== 0 || st.uid !== process.getuid?.()) return undefined;
		chmodSync(dir, 0o700);
		return `${dir} was writable by others (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); set to 0700`;
	} catch {
		return undefined;
	}
}
