/**
 * `<home>/copies/meta.json` (copies.ts): written once the copy index covers the whole ledger.
 * Apart from the index itself so the warm path (refresh.ts) can ask without loading it.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {copiesDir} from './copy-drops.js';

export const META_VERSION = 1;

/** The index in `dir` is complete (its meta says this version). */
export function readMeta(dir: string): boolean {
	try {
		const m = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {v?: unknown};
		return m?.v === META_VERSION;
	} catch {
		return false;
	}
}

/**
 * The index is complete and holds everything observed (no journal a killed ingest left to
 * replay): an ingest with nothing new would change nothing in it.
 */
export function copyIndexSettled(home: string): boolean {
	const dir = copiesDir(home);
	return readMeta(dir) && !existsSync(join(dir, 'journal.jsonl'));
}
