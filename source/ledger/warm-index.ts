/**
 * The warm index (issue 17: the warm run over 50,000 logs; issue 15: the status line). At the
 * end of an ingest where every log it found is settled (its cursor saw exactly the stat
 * discovery found, and an unchanged stat skips it), `<home>/warm-index` records that discovery
 * as found: Claude's walk (sources/claude-walk.ts: every directory listed with its identity and
 * mtime, every path probed, every log with its stat) and the other sources' logs with theirs.
 * The next warm run replays the walk before anything else (one stat per entry, no directory
 * listed); when it stands, and the other sources' logs are what the index holds, the answer is
 * "no log changed" (no cursor shard header read). When the walk cannot be replayed (a directory
 * changed in the last seconds before the ingest, an unreadable one) or does not stand, Claude's
 * logs are discovered as before and the walk found is compared with the one kept, natively.
 * Any difference (a log appended, truncated, rewritten, added, gone, a directory changed, a
 * reader version changed) is not a verdict: the run falls back to the cursor digests
 * (cursors.ts `allUnchanged`), as before.
 *
 * The index may only say what the cursors say. So it is removed before anything changes them:
 * every cursor save removes it first (cursors.ts), and so does the ingest proper as soon as it
 * holds the lock (ingest.ts), before it touches the ledger; it is written only at the end of an
 * ingest that completed, after its last cursor save, or under the lock when the cursor digests
 * found every log settled (refresh.ts). A kill in between leaves no index, and the digests
 * decide. A damaged or foreign index (not a regular file, another format or other readers,
 * lengths that do not match) matches nothing and replays nothing.
 *
 * The file: one JSON line (magic, format, reader versions, logs, Claude's roots, whether the
 * walk replays, and the lengths that follow), then the walk's text and the other logs' text
 * (UTF-8), zeros to a multiple of 8 bytes, then the walk's numbers and the other logs' stats
 * (float64, the machine's byte order).
 */
import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import type {Discovery} from '../sources/discover-all.js';
import type {WalkData} from '../sources/claude-walk.js';
import {CODEX_COUNTERS_RV, COPY_KEYS_RV, READER_VERSION} from '../sources/reader.js';

const NAME = 'warm-index';
const MAGIC = 'burn-warm-index';
const FORMAT = 4;
/** Field separator: no file name or path holds a NUL. */
const SEP = '\0';

/** The index's first line. */
interface Header {
	magic: string;
	format: number;
	rv: number[];
	/** Logs found (a cheap first check). */
	logs: number;
	roots: Array<[string, boolean]>;
	replay: boolean;
	/** Bytes of the walk's text, numbers in the walk, bytes of the other logs' text, numbers of their stats. */
	walk: number;
	values: number;
	loose: number;
	stamps: number;
}

/** An index as read: Claude's walk (to replay), and the other logs' part as bytes (to compare). */
export interface WarmIndex {
	logs: number;
	walk: WalkData;
	looseText: Buffer;
	looseStamps: Buffer;
}

const readers = (): number[] => [READER_VERSION, COPY_KEYS_RV, CODEX_COUNTERS_RV];

export function warmIndexPath(home: string): string {
	return join(home, NAME);
}

/** Removes the index (before the cursors or the ledger change). Absent is fine; any other failure is thrown. */
export function removeWarmIndex(home: string): void {
	rmSync(warmIndexPath(home), {force: true});
}

/**
 * The other sources' logs (not Claude's: its walk) as one text and one array of numbers:
 * source and path of each, and its size, mtime and inode, bit for bit. Equal: the same logs
 * with the same stats.
 */
export function looseParts(loose: Discovery['loose']): {text: string; stamps: Float64Array} {
	const texts: string[] = ['loose', String(loose.length)];
	const stamps = new Float64Array(loose.length * 3);
	let at = 0;
	for (const f of loose) {
		texts.push(f.source, f.path);
		stamps[at++] = f.size;
		stamps[at++] = f.mtimeMs;
		stamps[at++] = f.ino;
	}
	return {text: texts.join(SEP), stamps};
}

const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const pad8 = (n: number): number => (8 - (n % 8)) % 8;

/** The index at `home`, or undefined when there is none, or it is damaged or written by other readers. */
export function readWarmIndex(home: string): WarmIndex | undefined {
	let file: Buffer;
	let idx: Header;
	let at: number;
	try {
		file = readRegular(warmIndexPath(home));
		const nl = file.indexOf(10);
		if (nl < 0) return undefined;
		idx = JSON.parse(file.toString('utf8', 0, nl)) as Header;
		at = nl + 1;
	} catch {
		return undefined;
	}
	if (!idx || idx.magic !== MAGIC || idx.format !== FORMAT || !Array.isArray(idx.rv) || idx.rv.join() !== readers().join()) return undefined;
	const sizes = [idx.logs, idx.walk, idx.values, idx.loose, idx.stamps];
	if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 0) || !Array.isArray(idx.roots) || typeof idx.replay !== 'boolean') return undefined;
	if (!idx.roots.every((r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'boolean')) return undefined;
	const textEnd = at + idx.walk + idx.loose;
	const numbers = textEnd + pad8(textEnd);
	if (numbers + (idx.values + idx.stamps) * 8 !== file.length) return undefined;
	const values = new Float64Array(idx.values);
	bytesOf(values).set(file.subarray(numbers, numbers + idx.values * 8));
	return {
		logs: idx.logs,
		walk: {text: file.toString('utf8', at, at + idx.walk), values, replay: idx.replay, roots: idx.roots},
		looseText: file.subarray(at + idx.walk, textEnd),
		looseStamps: file.subarray(numbers + idx.values * 8),
	};
}

/**
 * Whether discovery found exactly what the index holds: Claude's walk replayed from this very
 * index, or found now and equal to it (the same directories with the same identity and mtime,
 * the same names in the same order, every stat bit for bit), and the same other logs.
 */
export function warmIndexMatches(index: WarmIndex | undefined, d: Pick<Discovery, 'logCount' | 'loose' | 'claudeWalk' | 'replayed' | 'walkDiffers'>): boolean {
	if (!index || index.logs !== d.logCount || d.walkDiffers) return false;
	const {text, stamps} = looseParts(d.loose);
	if (index.looseStamps.compare(bytesOf(stamps)) !== 0 || index.looseText.compare(Buffer.from(text)) !== 0) return false;
	const walk = d.claudeWalk();
	if (d.replayed) return walk === index.walk;
	// Found now (the walk kept was not replayable, or there was none to replay): compared.
	return walk.text === index.walk.text && walk.values.length === index.walk.values.length && bytesOf(walk.values).compare(bytesOf(index.walk.values)) === 0;
}

/**
 * Writes the index of this discovery (tmp + rename) when every log it found is settled
 * (`settled(i)` for the i-th of `discovery.files`); otherwise leaves none. Under the ingest
 * lock, after the last cursor save.
 */
export function writeWarmIndex(home: string, d: Pick<Discovery, 'files' | 'logCount' | 'loose' | 'claudeWalk'>, settled: (i: number) => boolean): boolean {
	for (let i = 0; i < d.files.length; i++) if (!settled(i)) return false;
	const walk = d.claudeWalk();
	const walkText = Buffer.from(walk.text);
	const {text, stamps} = looseParts(d.loose);
	const looseText = Buffer.from(text);
	const idx: Header = {magic: MAGIC, format: FORMAT, rv: readers(), logs: d.logCount, roots: walk.roots, replay: walk.replay, walk: walkText.length, values: walk.values.length, loose: looseText.length, stamps: stamps.length};
	const head = Buffer.from(`${JSON.stringify(idx)}\n`);
	const textEnd = head.length + walkText.length + looseText.length;
	const body = Buffer.concat([head, walkText, looseText, Buffer.alloc(pad8(textEnd)), bytesOf(walk.values), bytesOf(stamps)]);
	const path = warmIndexPath(home);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, body, {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
		return true;
	} catch (error) {
		rmSync(tmp, {force: true});
		throw error;
	}
}
