import {lstatSync} from 'node:fs';

/** A file's identity for a cache key: size, mtime, inode and mode of its lstat ('-' when it cannot be stat'ed). */
export function statKey(path: string): string {
	try {
		const st = lstatSync(path);
		return `${st.size}:${st.mtimeMs}:${st.ino}:${st.mode}`;
	} catch {
		return '-';
	}
}
