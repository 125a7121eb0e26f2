import {statSync} from 'node:fs';

/**
 * Directories already walked, by device and inode (symbolic links followed): a link back to an
 * ancestor (`sessions/loop -> .`) or a second link to the same directory is walked once.
 */
export class VisitedDirs {
	private readonly seen = new Set<string>();

	/** True the first time a directory is entered; false when seen before or not a directory. */
	enter(path: string): boolean {
		let key: string;
		try {
			const st = statSync(path, {bigint: true});
			if (!st.isDirectory()) return false;
			key = `${st.dev}:${st.ino}`;
		} catch {
			return false;
		}
		if (this.seen.has(key)) return false;
		this.seen.add(key);
		return true;
	}
}
