import {realpathSync} from 'node:fs';
import {dirname} from 'node:path';
import {dirIdentity} from './raw-stat.js';

/**
 * Directories already walked, by device and inode (symbolic links followed): a link back to an
 * ancestor (`sessions/loop -> .`) or a second link to the same directory is walked once. A
 * walk starts with `enterRoot`, which also fences off the root's own ancestors: a link up and
 * out of the root (`sessions/up -> ../..`) would otherwise walk everything beside it (the
 * whole home), taking other agents' files for this source's logs.
 */
export class VisitedDirs {
	private readonly seen = new Set<string>();

	/** True the first time a directory is entered; false when seen before or not a directory. */
	enter(path: string): boolean {
		const key = dirIdentity(path);
		return key !== undefined && this.enterKnown(key);
	}

	/** `enter` for a directory whose identity (raw-stat.ts dirState) the caller has. */
	enterKnown(key: string): boolean {
		if (this.seen.has(key)) return false;
		this.seen.add(key);
		return true;
	}

	/** `enter` for the directory a walk starts from; its ancestors are never entered from below. */
	enterRoot(path: string): boolean {
		const key = dirIdentity(path);
		return key !== undefined && this.enterRootKnown(path, key);
	}

	/** `enterRoot` for a directory whose identity the caller has. */
	enterRootKnown(path: string, key: string): boolean {
		if (!this.enterKnown(key)) return false;
		let real: string;
		try {
			real = realpathSync(path);
		} catch {
			return true;
		}
		for (let d = dirname(real); ; d = dirname(d)) {
			const key = dirIdentity(d);
			if (key !== undefined) this.seen.add(key);
			if (dirname(d) === d) break;
		}
		return true;
	}
}
