/**
 * The warm index (issue 17: the warm run over 50,000 logs). At the end of an ingest where every
 * log it found is settled (its cursor saw exactly the stat discovery found, and an unchanged
 * stat skips it), `<home>/warm-index` records that discovery as found: per log directory its
 * names in listing order and their stat (size, mtime, inode) as stat-batch.ts keeps them, and
 * the other sources' logs (`discoveryParts`). The next warm run answers "no log changed" when
 * its own discovery is the same (no cursor shard header read): up to DIGEST_OVER logs the
 * listing itself is kept and compared natively (~45 KB for 1,000 logs; no `node:crypto`, whose
 * loading cost a warm `burn status` ~7 ms), beyond it a SHA-256 of it (50,000 logs: 3.3 MB to
 * compare against ~10 ms to hash). A digest in JavaScript ran interpreted on these short runs
 * (~10 ms for 1,000 logs) and is not used.
 * Any difference (a log appended, truncated, rewritten, added, gone, listed in another order,
 * a reader version changed) is not a verdict: the run falls back to the cursor digests
 * (cursors.ts `allUnchanged`), as before.
 *
 * The index may only say what the cursors say. So it is removed before anything changes them:
 * every cursor save removes it first (cursors.ts), and so does the ingest proper as soon as it
 * holds the lock (ingest.ts), before it touches the ledger; it is written only at the end of an
 * ingest that completed, after its last cursor save, or under the lock when the cursor digests
 * found every log settled (refresh.ts). A kill in between leaves no index, and the digests
 * decide. A damaged or foreign index (not a regular file, another format or other readers, a
 * length that does not match) matches nothing.
 *
 * The file: one JSON line (magic, format, reader versions, logs, the text's bytes and the
 * stats' count), then the text (UTF-8), then the stats (float64, the machine's byte order).
 * Beyond DIGEST_OVER logs, the line holds a SHA-256 of the same instead, and nothing follows.
 */
import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import type {Discovery} from '../sources/discover-all.js';
import {CODEX_COUNTERS_RV, COPY_KEYS_RV, READER_VERSION} from '../sources/reader.js';

const NAME = 'warm-index';
const MAGIC = 'burn-warm-index';
const FORMAT = 3;
/** Field separator: no file name or path holds a NUL. */
const SEP = '\0';

/** The index's first line: which format, which readers, and how much discovery found. */
interface Header {
	magic: string;
	format: number;
	rv: number[];
	/** Logs found (a cheap first check). */
	logs: number;
	/** Bytes of the text that follows the line (discoveryParts), then the stats' bytes (up to DIGEST_OVER logs). */
	text?: number;
	/** Numbers in the stat array after the text. */
	stamps?: number;
	/** Beyond DIGEST_OVER logs, a SHA-256 of the same (discoveryDigest) instead of the text and stats. */
	digest?: string;
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
 * What discovery found, as one text and one array of numbers: per log directory its source,
 * path, kind, the number of names and the names in listing order (NUL-separated), then the
 * other sources' logs (source, path); and every stat array in the same order (size, mtime and
 * inode of each, bit for bit), then the other logs' stats. Equal: the same logs with the same
 * stats. Built with one join and one copy per directory (50,000 logs: a few ms; a buffer per
 * directory and a concatenation of them cost ~40 ms).
 */
export function discoveryParts(d: Pick<Discovery, 'batches' | 'loose'>): {text: string; stamps: Float64Array} {
	const texts: string[] = [];
	let count = d.loose.length * 3;
	for (const b of d.batches) {
		// The names joined natively (a loop over 50,000 names here runs interpreted: ~25 ms).
		texts.push(b.source, b.dir, b.subagents ? '1' : '0', String(b.names.length), b.names.join(SEP));
		count += b.stamps.length;
	}
	texts.push('loose', String(d.loose.length));
	const stamps = new Float64Array(count);
	let at = 0;
	for (const b of d.batches) {
		stamps.set(b.stamps, at);
		at += b.stamps.length;
	}
	for (const f of d.loose) {
		texts.push(f.source, f.path);
		stamps[at++] = f.size;
		stamps[at++] = f.mtimeMs;
		stamps[at++] = f.ino;
	}
	return {text: texts.join(SEP), stamps};
}

const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Logs beyond which the index keeps a SHA-256 instead of the text and stats: 50,000 logs are
 * 3.3 MB to read, encode and compare (~35 ms here, most of it fresh memory), against ~10 ms to
 * hash the same natively, directory by directory; loading node:crypto (~7 ms) is worth it
 * there, not for a status line over 1,000 logs.
 */
export const DIGEST_OVER = 5000;

/** SHA-256 of the same listing as discoveryParts (directory by directory: no big buffer made). */
export function discoveryDigest(d: Pick<Discovery, 'batches' | 'loose'>): string {
	const {createHash} = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
	const h = createHash('sha256');
	for (const b of d.batches) {
		h.update(`${b.source}${SEP}${b.dir}${SEP}${b.subagents ? 1 : 0}${SEP}${b.names.length}${SEP}`);
		h.update(b.names.join(SEP));
		h.update(SEP);
		h.update(bytesOf(b.stamps));
	}
	const {text, stamps} = discoveryParts({batches: [], loose: d.loose});
	h.update(text);
	h.update(bytesOf(stamps));
	return h.digest('hex');
}

const logsOf = (d: Pick<Discovery, 'batches' | 'loose'>): number => d.batches.reduce((n, b) => n + b.names.length, d.loose.length);

/**
 * Whether discovery found exactly what the index holds: the same directories in the same
 * order, the same names in the same order, every stat bit for bit, the same other logs.
 * False when there is no index, or it is damaged or written by other readers.
 */
export function warmIndexMatches(home: string, d: Pick<Discovery, 'batches' | 'loose'>): boolean {
	let file: Buffer;
	let idx: Header;
	try {
		file = readRegular(warmIndexPath(home));
		const nl = file.indexOf(10);
		if (nl < 0) return false;
		idx = JSON.parse(file.toString('utf8', 0, nl)) as Header;
		file = file.subarray(nl + 1);
	} catch {
		return false;
	}
	if (!idx || idx.magic !== MAGIC || idx.format !== FORMAT || !Array.isArray(idx.rv) || idx.rv.join() !== readers().join()) return false;
	if (idx.logs !== logsOf(d)) return false;
	if (idx.logs > DIGEST_OVER) return typeof idx.digest === 'string' && file.length === 0 && idx.digest === discoveryDigest(d);
	if (typeof idx.text !== 'number' || typeof idx.stamps !== 'number' || !Number.isSafeInteger(idx.text) || idx.text < 0 || idx.text + idx.stamps * 8 !== file.length) return false;
	const {text, stamps} = discoveryParts(d);
	if (stamps.length !== idx.stamps) return false;
	const found = bytesOf(stamps);
	if (file.compare(found, 0, found.length, idx.text, file.length) !== 0) return false;
	const words = Buffer.from(text);
	return words.length === idx.text && file.compare(words, 0, words.length, 0, idx.text) === 0;
}

/**
 * Writes the index of this discovery (tmp + rename) when every log it found is settled
 * (`settled(i)` for the i-th of `discovery.files`); otherwise leaves none. Under the ingest
 * lock, after the last cursor save.
 */
export function writeWarmIndex(home: string, d: Pick<Discovery, 'batches' | 'loose' | 'files'>, settled: (i: number) => boolean): boolean {
	for (let i = 0; i < d.files.length; i++) if (!settled(i)) return false;
	const logs = logsOf(d);
	let idx: Header;
	let body: Buffer;
	if (logs > DIGEST_OVER) {
		idx = {magic: MAGIC, format: FORMAT, rv: readers(), logs, digest: discoveryDigest(d)};
		body = Buffer.alloc(0);
	} else {
		const {text, stamps} = discoveryParts(d);
		const words = Buffer.from(text);
		body = Buffer.concat([words, bytesOf(stamps)]);
		idx = {magic: MAGIC, format: FORMAT, rv: readers(), logs, text: words.length, stamps: stamps.length};
	}
	const path = warmIndexPath(home);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(idx)}\n`), body]), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
		return true;
	} catch (error) {
		rmSync(tmp, {force: true});
		throw error;
	}
}
