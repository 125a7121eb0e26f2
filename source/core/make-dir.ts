import {mkdirSync, statSync} from 'node:fs';
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
