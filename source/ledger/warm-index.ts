/**
 * The warm index (issue 17: the warm run over 50,000 logs). At the end of an ingest where every
 * log it found is settled (its cursor saw exactly the stat discovery found, and an unchanged
 * stat skips it), `<home>/warm-index` records that discovery as found: per log directory its
 * names in listing order and their stat (size, mtime, inode) as stat-batch.ts keeps them, and
 * the other sources' logs. The next warm run answers "no log changed" by comparing its own
 * discovery with the index byte for byte (one string and one memory compare per directory):
 * no name hashed, no cursor shard header read. Any difference (a log appended, truncated,
 * rewritten, added, gone, listed in another order, a reader version changed) is not a
 * verdict: the run falls back to the cursor digests (cursors.ts `allUnchanged`), as before.
 *
 * The index may only say what the cursors say. So it is removed before anything changes them:
 * every cursor save removes it first (cursors.ts), and so does the ingest proper as soon as it
 * holds the lock (ingest.ts), before it touches the ledger; it is written only at the end of an
 * ingest that completed, after its last cursor save. A kill in between leaves no index, and the
 * digests decide. A damaged or foreign index (not a regular file, bad header, wrong length)
 * matches nothing.
 */
import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import type {Discovery} from '../sources/discover-all.js';
import type {LogFile} from '../sources/discover.js';
import {CODEX_COUNTERS_RV, COPY_KEYS_RV, READER_VERSION} from '../sources/reader.js';

const NAME = 'warm-index';
const MAGIC = 'burn-warm-index';
const FORMAT = 1;
/** Field separator inside a section's names: no file name or path holds a NUL. */
const SEP = '\0';

/** Header: which index, which readers, and per section its source, directory, kind, bytes of names, and count of names. */
interface Header {
	magic: string;
	format: number;
	rv: number[];
	/** [source, dir, subagents 0|1, bytes of the names, names]; the last section (dir '') is the other sources' logs. */
	sections: Array<[string, string, number, number, number]>;
}

const readers = (): number[] => [READER_VERSION, COPY_KEYS_RV, CODEX_COUNTERS_RV];

export function warmIndexPath(home: string): string {
	return join(home, NAME);
}

/** Removes the index (before the cursors or the ledger change). Absent is fine; any other failure is thrown. */
export function removeWarmIndex(home: string): void {
	rmSync(warmIndexPath(home), {force: true});
}

/** The other sources' logs as one section: `source\0path\0…` and their stat. */
function looseSection(loose: readonly LogFile[]): {names: string; stamps: Float64Array} {
	const parts: string[] = [];
	const stamps = new Float64Array(loose.length * 3);
	for (let i = 0; i < loose.length; i++) {
		const f = loose[i]!;
		parts.push(f.source, f.path);
		stamps[i * 3] = f.size;
		stamps[i * 3 + 1] = f.mtimeMs;
		stamps[i * 3 + 2] = f.ino;
	}
	return {names: parts.join(SEP), stamps};
}

const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Whether discovery found exactly what the index holds: the same directories in the same
 * order, the same names in the same order, every stat bit for bit, the same other logs.
 * False when there is no index, or it is damaged or written by other readers.
 */
export function warmIndexMatches(home: string, d: Pick<Discovery, 'batches' | 'loose'>): boolean {
	let buf: Buffer;
	try {
		buf = readRegular(warmIndexPath(home));
	} catch {
		return false;
	}
	try {
		const nl = buf.indexOf(10);
		if (nl < 0) return false;
		const h = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
		if (h.magic !== MAGIC || h.format !== FORMAT || !Array.isArray(h.rv) || h.rv.join() !== readers().join()) return false;
		if (!Array.isArray(h.sections) || h.sections.length !== d.batches.length + 1) return false;
		let at = nl + 1;
		const same = (names: string, stamps: Float64Array, s: Header['sections'][number]): boolean => {
			const [, , , nbytes, count] = s;
			if (stamps.length !== count * 3 || at + nbytes + stamps.byteLength > buf.length) return false;
			if (buf.toString('utf8', at, at + nbytes) !== names) return false;
			at += nbytes;
			if (buf.compare(bytesOf(stamps), 0, stamps.byteLength, at, at + stamps.byteLength) !== 0) return false;
			at += stamps.byteLength;
			return true;
		};
		for (let i = 0; i < d.batches.length; i++) {
			const b = d.batches[i]!;
			const s = h.sections[i]!;
			if (s[0] !== b.source || s[1] !== b.dir || s[2] !== (b.subagents ? 1 : 0) || s[4] !== b.names.length) return false;
			if (!same(b.names.join(SEP), b.stamps, s)) return false;
		}
		const last = h.sections[d.batches.length]!;
		const loose = looseSection(d.loose);
		if (last[1] !== '' || last[4] !== d.loose.length || !same(loose.names, loose.stamps, last)) return false;
		return at === buf.length;
	} catch {
		return false;
	}
}

/**
 * Writes the index of this discovery (tmp + rename) when every log it found is settled
 * (`settled(i)` for the i-th of `discovery.files`); otherwise leaves none. Under the ingest
 * lock, after the last cursor save.
 */
export function writeWarmIndex(home: string, d: Pick<Discovery, 'batches' | 'loose' | 'files'>, settled: (i: number) => boolean): boolean {
	for (let i = 0; i < d.files.length; i++) if (!settled(i)) return false;
	const sections: Header['sections'] = [];
	const chunks: Buffer[] = [];
	const add = (source: string, dir: string, subagents: boolean, names: string, stamps: Float64Array, count: number) => {
		const bytes = Buffer.from(names, 'utf8');
		sections.push([source, dir, subagents ? 1 : 0, bytes.length, count]);
		chunks.push(bytes, Buffer.from(bytesOf(stamps)));
	};
	for (const b of d.batches) add(b.source, b.dir, !!b.subagents, b.names.join(SEP), b.stamps, b.names.length);
	const loose = looseSection(d.loose);
	add('', '', false, loose.names, loose.stamps, d.loose.length);
	const header: Header = {magic: MAGIC, format: FORMAT, rv: readers(), sections};
	const path = warmIndexPath(home);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...chunks]), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
		return true;
	} catch (error) {
		rmSync(tmp, {force: true});
		throw error;
	}
}
