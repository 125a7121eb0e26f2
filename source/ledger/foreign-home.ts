import {statSync} from 'node:fs';
import {join} from 'node:path';

/** 16 hex digits naming a cache directory: two FNV-1a hashes (a name, not a checksum; no crypto to load). */
export function cacheKey(s: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Bumped when the split of the same bytes changes. */
const SPLIT_VERSION = 'split-2';

/** Where the partitioned copy of a foreign ledger lives: keyed by its path, size and mtime. */
export function foreignCacheHome(home: string, foreignDir: string): string | undefined {
	const file = join(foreignDir, 'ledger.jsonl');
	let st;
	try {
		st = statSync(file);
	} catch {
		return undefined;
	}
	// SPLIT_VERSION: a copy made by an older splitter (which put every spaced line in
	// `undated`) is not served again.
	const key = cacheKey(`${file}|${st.size}|${st.mtimeMs}|${SPLIT_VERSION}`);
	return join(home, 'foreign', key);
}
