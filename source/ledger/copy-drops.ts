import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

/**
 * The losing copies of responses copied across sessions (docs/ledger.md, "Copies across
 * sessions"), as the copy index leaves them for reports: one small file per ledger partition,
 *   <home>/copies/drop/<partition>.json   {"<sessionId>": ["<messageId>", …], …}
 * naming the turns of that partition that a copy in another session wins. A scan reads the
 * files of the partitions it reads, and nothing else of the index.
 */
export const copiesDir = (home: string): string => join(home, 'copies');
export const dropDir = (home: string): string => join(copiesDir(home), 'drop');
export const dropPath = (home: string, partition: string): string => join(dropDir(home), `${partition}.json`);

/** Session id → message ids of the turns to drop. */
export type Drops = Map<string, Set<string>>;

/** Parses one drop file's text into `into`; false when it is not the expected shape. */
export function parseDrops(text: string, into: Drops): boolean {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return false;
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return false;
	for (const [sid, ids] of Object.entries(raw as Record<string, unknown>)) {
		if (!Array.isArray(ids)) continue;
		let set = into.get(sid);
		if (!set) {
			set = new Set();
			into.set(sid, set);
		}
		for (const id of ids) if (typeof id === 'string') set.add(id);
	}
	return true;
}

/** The drops of the given partitions (names as in the ledger: `YYYY-MM-DD`, `undated`); null when none. */
export function readDrops(home: string, partitions: readonly string[]): Drops | null {
	let present: Set<string>;
	try {
		present = new Set(readdirSync(dropDir(home)));
	} catch {
		return null;
	}
	const drops: Drops = new Map();
	for (const p of partitions) {
		const name = `${p}.json`;
		if (!present.has(name)) continue;
		try {
			parseDrops(readFileSync(join(dropDir(home), name), 'utf8'), drops);
		} catch {
			// Unreadable: the next ingest rewrites it; this report counts the copies.
		}
	}
	return drops.size > 0 ? drops : null;
}
