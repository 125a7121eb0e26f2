/**
 * The warm index (issue 17: the warm run over 50,000 logs). At the end of an ingest where every
 * log it found is settled (its cursor saw exactly the stat discovery found, and an unchanged
 * stat skips it), `<home>/warm-index` records that discovery as found: per log directory its
 * names in listing order and their stat (size, mtime, inode) as stat-batch.ts keeps them, and
 * the other sources' logs (`discoveryBytes`). The next warm run answers "no log changed" when
 * its own discovery has the same bytes, compared natively (no cursor shard header read, no
 * name looked at in JavaScript): ~45 KB for 1,000 logs, ~3 MB for 50,000. Format 2 kept a
 * SHA-256 of those bytes instead; loading `node:crypto` cost a warm `burn status` ~7 ms, and a
 * digest in JavaScript ran interpreted on these short runs (~10 ms for 1,000 logs). A
 * comparison also has no collision to argue about.
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
 * The file: one JSON line (magic, format, reader versions, logs, bytes), then the bytes.
 */
import {renameSync, rmSync, writeFileSync} from 'node:fs';
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
	/** Length of what follows the line: discoveryBytes. */
	bytes: number;
}

const readers = (): number[] => [READER_VERSION, COPY_KEYS_RV, CODEX_COUNTERS_RV];

export function warmIndexPath(home: string): string {
	return join(home, NAME);
}

/** Removes the index (before the cursors or the ledger change). Absent is fine; any other failure is thrown. */
export function removeWarmIndex(home: string): void {
	rmSync(warmIndexPath(home), {force: true});
}

const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * What discovery found, as bytes: per log directory its source, path, kind, the number of
 * names and the names in listing order (NUL-separated UTF-8), then its stat array's bytes
 * (size, mtime and inode of each, bit for bit); then the other sources' logs (source, path,
 * stat). Equal bytes: the same logs with the same stats.
 */
export function discoveryBytes(d: Pick<Discovery, 'batches' | 'loose'>): Buffer {
	const parts: Buffer[] = [];
	for (const b of d.batches) {
		parts.push(Buffer.from(`${b.source}${SEP}${b.dir}${SEP}${b.subagents ? 1 : 0}${SEP}${b.names.length}${SEP}${b.names.join(SEP)}${SEP}`), bytesOf(b.stamps));
	}
	const names: string[] = [];
	const stamps = new Float64Array(d.loose.length * 3);
	for (let i = 0; i < d.loose.length; i++) {
		const f = d.loose[i]!;
		names.push(f.source, f.path);
		stamps[i * 3] = f.size;
		stamps[i * 3 + 1] = f.mtimeMs;
		stamps[i * 3 + 2] = f.ino;
	}
	parts.push(Buffer.from(`${SEP}loose${SEP}${d.loose.length}${SEP}${names.join(SEP)}${SEP}`), bytesOf(stamps));
	return Buffer.concat(parts);
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
	if (idx.logs !== logsOf(d) || idx.bytes !== file.length) return false;
	return file.equals(discoveryBytes(d));
}

/**
 * Writes the index of this discovery (tmp + rename) when every log it found is settled
 * (`settled(i)` for the i-th of `discovery.files`); otherwise leaves none. Under the ingest
 * lock, after the last cursor save.
 */
export function writeWarmIndex(home: string, d: Pick<Discovery, 'batches' | 'loose' | 'files'>, settled: (i: number) => boolean): boolean {
	for (let i = 0; i < d.files.length; i++) if (!settled(i)) return false;
	const body = discoveryBytes(d);
	const idx: Header = {magic: MAGIC, format: FORMAT, rv: readers(), logs: logsOf(d), bytes: body.length};
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
