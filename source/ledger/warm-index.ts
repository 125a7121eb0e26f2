/**
 * The warm index (issue 17: the warm run over 50,000 logs). At the end of an ingest where every
 * log it found is settled (its cursor saw exactly the stat discovery found, and an unchanged
 * stat skips it), `<home>/warm-index` records that discovery as found: per log directory its
 * names in listing order and their stat (size, mtime, inode) as stat-batch.ts keeps them, and
 * the other sources' logs, as one 128-bit digest (`discoveryDigest`, core/fast-digest.ts;
 * format 2 was a SHA-256, whose module alone cost ~7 ms of a warm `burn status`). The next warm
 * run answers "no log changed" when its own discovery has the same digest: no cursor shard
 * header read, a file of 200 bytes.
 * Any difference (a log appended, truncated, rewritten, added, gone, listed in another order,
 * a reader version changed) is not a verdict: the run falls back to the cursor digests
 * (cursors.ts `allUnchanged`), as before.
 *
 * The index may only say what the cursors say. So it is removed before anything changes them:
 * every cursor save removes it first (cursors.ts), and so does the ingest proper as soon as it
 * holds the lock (ingest.ts), before it touches the ledger; it is written only at the end of an
 * ingest that completed, after its last cursor save. A kill in between leaves no index, and the
 * digests decide. A damaged or foreign index (not a regular file, not JSON, another format or
 * other readers) matches nothing.
 */
import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Digest} from '../core/fast-digest.js';
import {readRegular} from '../core/open-regular.js';
import type {Discovery} from '../sources/discover-all.js';
import {CODEX_COUNTERS_RV, COPY_KEYS_RV, READER_VERSION} from '../sources/reader.js';

const NAME = 'warm-index';
const MAGIC = 'burn-warm-index';
const FORMAT = 3;
/** Field separator: no file name or path holds a NUL. */
const SEP = '\0';

/** The whole index: which format, which readers, and the digest of what discovery found. */
interface Index {
	magic: string;
	format: number;
	rv: number[];
	/** Logs found (a cheap first check). */
	logs: number;
	/** Digest of every directory (source, path, kind, names in order, stat bytes) and of the other sources' logs (discoveryDigest). */
	digest: string;
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
 * What discovery found, as one 128-bit digest: per log directory its source, path, kind, the number
 * of names, the names in listing order and the stat array's bytes (size, mtime and inode of
 * each, bit for bit); then the other sources' logs (source, path, stat). Two discoveries with
 * the same digest found the same logs with the same stats (up to a collision of the
 * digest, which guards against accidents only: core/fast-digest.ts). ~3 MB mixed for 50,000 logs.
 */
export function discoveryDigest(d: Pick<Discovery, 'batches' | 'loose'>): string {
	const h = new Digest();
	for (const b of d.batches) {
		h.string(`${b.source}${SEP}${b.dir}${SEP}${b.subagents ? 1 : 0}${SEP}${b.names.length}${SEP}`);
		h.string(b.names.join(SEP));
		h.floats(b.stamps);
	}
	const parts: string[] = [];
	const stamps = new Float64Array(d.loose.length * 3);
	for (let i = 0; i < d.loose.length; i++) {
		const f = d.loose[i]!;
		parts.push(f.source, f.path);
		stamps[i * 3] = f.size;
		stamps[i * 3 + 1] = f.mtimeMs;
		stamps[i * 3 + 2] = f.ino;
	}
	h.string(`${SEP}loose${SEP}${d.loose.length}${SEP}`);
	h.string(parts.join(SEP));
	h.floats(stamps);
	return h.hex();
}

const logsOf = (d: Pick<Discovery, 'batches' | 'loose'>): number => d.batches.reduce((n, b) => n + b.names.length, d.loose.length);

/**
 * Whether discovery found exactly what the index holds: the same directories in the same
 * order, the same names in the same order, every stat bit for bit, the same other logs.
 * False when there is no index, or it is damaged or written by other readers.
 */
export function warmIndexMatches(home: string, d: Pick<Discovery, 'batches' | 'loose'>): boolean {
	let idx: Index;
	try {
		idx = JSON.parse(readRegular(warmIndexPath(home)).toString('utf8')) as Index;
	} catch {
		return false;
	}
	if (!idx || idx.magic !== MAGIC || idx.format !== FORMAT || !Array.isArray(idx.rv) || idx.rv.join() !== readers().join()) return false;
	if (idx.logs !== logsOf(d) || typeof idx.digest !== 'string') return false;
	return idx.digest === discoveryDigest(d);
}

/**
 * Writes the index of this discovery (tmp + rename) when every log it found is settled
 * (`settled(i)` for the i-th of `discovery.files`); otherwise leaves none. Under the ingest
 * lock, after the last cursor save.
 */
export function writeWarmIndex(home: string, d: Pick<Discovery, 'batches' | 'loose' | 'files'>, settled: (i: number) => boolean): boolean {
	for (let i = 0; i < d.files.length; i++) if (!settled(i)) return false;
	const idx: Index = {magic: MAGIC, format: FORMAT, rv: readers(), logs: logsOf(d), digest: discoveryDigest(d)};
	const path = warmIndexPath(home);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, `${JSON.stringify(idx)}\n`, {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
		return true;
	} catch (error) {
		rmSync(tmp, {force: true});
		throw error;
	}
}
