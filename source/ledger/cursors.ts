import {closeSync, readdirSync, readSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {openRegular, readRegular} from '../core/open-regular.js';
import {ensurePrivateDir} from '../core/home.js';
import {join} from 'node:path';
import type {LogBatch} from '../sources/stat-batch.js';
// Claude cursors of an older reader get a copy-key pass (copy-pass.ts): never skipped by a digest.
import {CODEX_COUNTERS_RV, COPY_KEYS_RV} from '../sources/reader.js';
import {removeWarmIndex} from './warm-index.js';

/** Where ingest stopped in one log file, and the reader's state to resume with. */
export interface FileCursor {
	source: string;
	ino: number;
	size: number;
	mtimeMs: number;
	/** Next byte to read. */
	offset: number;
	/** Hex of the 32 bytes before `offset`: detects a same-inode rewrite. */
	tail?: string;
	/** Reader version that read the file. */
	rv: number;
	state?: unknown;
}

export type CursorHead = Pick<FileCursor, 'source' | 'ino' | 'size' | 'mtimeMs' | 'offset' | 'rv'>;

/** The single file of data directories written before the cursors were sharded (migrated on read). */
const LEGACY = 'cursors.json';
const DIR = 'cursors';
const SHARDS = 256;
/** A shard: `#burn-cursors 2 <bytes of the heads line>\n`, the heads line, then the rests. */
const MAGIC = '#burn-cursors 2 ';
const FIRST = 96;
/** `#burn-cursors 2 <bytes of the heads line> <digest: 16 hex> <count>` (or ` -`: no digest; nothing: written before digests). */
const HEADER = /^#burn-cursors 2 (\d+)(?: ([0-9a-f]{8})([0-9a-f]{8}) (\d+)| (-))?$/;

/** Shard of a cursor key (FNV-1a of the key): a change rewrites one 1/256 of the cursors. */
export function shardOf(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0) % SHARDS;
}

const shardName = (n: number) => `${n.toString(16).padStart(2, '0')}.tsv`;

type Head = [string, string, number, number, number, number, number, number, number];

/** One shard file as loaded: the rests are read from it on first use (under the ingest lock). */
class ShardFile {
	private rests?: Buffer;
	constructor(
		readonly path: string,
		readonly start: number,
	) {}
	rest(at: [number, number]): Buffer {
		if (!this.rests) {
			try {
				const all = readRegular(this.path);
				this.rests = all.subarray(this.start);
			} catch {
				this.rests = Buffer.alloc(0);
			}
		}
		return this.rests.subarray(at[0], at[0] + at[1]);
	}
}

/** A loaded cursor: its head's fields, and `tail` and `state` (own getters: a spread copies them) parsed on first use. */
function lazyCursor(head: Head, file: ShardFile): FileCursor {
	let more: {tail?: string; state?: unknown} | undefined;
	const at: [number, number] = [head[7], head[8]];
	const rest = () => {
		if (more) return more;
		try {
			const raw = file.rest(at);
			more = raw.length === at[1] ? (JSON.parse(raw.toString('utf8')) as {tail?: string; state?: unknown}) : {tail: 'damaged'};
		} catch {
			// Damaged: a tail that matches nothing makes ingest read the file again from 0.
			more = {tail: 'damaged'};
		}
		return more;
	};
	const [, source, ino, size, mtimeMs, offset, rv] = head;
	return {
		source,
		ino,
		size,
		mtimeMs,
		offset,
		rv,
		get tail() {
			return rest().tail;
		},
		get state() {
			return rest().state;
		},
	};
}

function isHead(h: unknown): h is Head {
	if (!Array.isArray(h) || h.length !== 9 || typeof h[0] !== 'string' || typeof h[1] !== 'string') return false;
	for (let i = 2; i < 9; i++) if (typeof h[i] !== 'number') return false;
	return true;
}

/** A shard's row: the head as parsed (its cursor built on first `get`), or a cursor. */
type Row = Head | FileCursor;

/** What a shard header says: where its heads line is and, when written by this version, the digest of its logs' cursors. */
interface ShardHeader {
	path: string;
	/** Offset and length of the heads line. */
	at: number;
	len: number;
	digest?: Digest;
	/** Written before shards had digests. */
	old?: boolean;
}

/** Order-independent digest of the log cursors of a shard: two 32-bit sums of entry hashes, and their count. */
type Digest = [number, number, number];

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const words = new Uint32Array(7);
/** Every source whose logs discovery lists (LogFile): their cursors are in the digest; OpenCode's are not. */
const SOURCE_CODE: Record<string, number> = {'claude-code': 1, codex: 2, gemini: 3, qwen: 4, kimi: 5};
/** Whether a log whose inode, size and mtime are its cursor's is skipped (ingest.ts `unchanged`). */
const skippable = (c: CursorHead): boolean => c.offset <= c.size && (c.source === 'codex' ? c.rv >= CODEX_COUNTERS_RV : c.rv >= COPY_KEYS_RV);
const isLog = (source: string): boolean => SOURCE_CODE[source] !== undefined;

const A0 = 0x811c9dc5;
const B0 = 0x2f3d1a47;
const keyState = new Int32Array(2);

/** Continues the two key hashes in st[0], st[1] over the characters of s (a key may be hashed in parts: a directory, then each name in it). */
function hashKeyPart(s: string, st: Int32Array): void {
	let a = st[0]!;
	let b = st[1]!;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
	}
	st[0] = a;
	st[1] = b;
}

/** The entry hash (see entryHash) from the key's two hashes and the stat. */
function finishEntry(a: number, b: number, source: string, ino: number, size: number, mtimeMs: number, out: Int32Array): void {
	out[2] = (a >>> 0) % SHARDS;
	f64[0] = mtimeMs;
	words[0] = SOURCE_CODE[source] ?? 0;
	words[1] = ino >>> 0;
	words[2] = Math.floor(ino / 4294967296);
	words[3] = size >>> 0;
	words[4] = Math.floor(size / 4294967296);
	words[5] = u32[0]!;
	words[6] = u32[1]!;
	for (let i = 0; i < 7; i++) {
		const w = words[i]!;
		a = Math.imul(a ^ w, 0x01000193);
		b = Math.imul(b ^ w, 0x01000193) ^ (b >>> 13);
	}
	out[0] = a;
	out[1] = b;
}

/**
 * Entry hash of a log's cursor key and its stat (source, inode, size, the mtime's exact bits),
 * two 32-bit FNV-1a variants in out[0], out[1]; the shard of the key (shardOf) in out[2].
 */
function entryHash(key: string, source: string, ino: number, size: number, mtimeMs: number, out: Int32Array): void {
	keyState[0] = A0;
	keyState[1] = B0;
	hashKeyPart(key, keyState);
	finishEntry(keyState[0]!, keyState[1]!, source, ino, size, mtimeMs, out);
}

/**
 * Every log's cursor, in 256 shard files under `cursors/` (docs/ledger.md, "Cursors"). A shard
 * is parsed only when one of its cursors is asked for. Its header carries a digest of its logs'
 * cursors (key, inode, size, mtime): a warm run compares it with the same digest of the logs
 * discovery found (`unchangedShards`), and parses no shard where they agree. A cursor's reader
 * state is parsed when its file is read. Saving rewrites only the shards where a cursor
 * changed, each atomically (tmp + rename), and nothing at all when no cursor changed.
 */
export class CursorStore {
	/** Parsed shards; undefined = not parsed yet (see `headers`). */
	private readonly shards: Array<Map<string, Row> | undefined> = new Array(SHARDS);
	private readonly headers: Array<ShardHeader | undefined> = new Array(SHARDS);
	private readonly files: Array<ShardFile | undefined> = new Array(SHARDS);
	private readonly dirty = new Set<number>();
	/**
	 * Shards whose header digest may no longer say what discovery found (a log deleted, a shard
	 * parsed for any reason): at the next save each is rewritten if its digest changed, and only
	 * then. So a log that is gone costs one rewrite of its shard, not a parse on every run.
	 */
	private readonly recheck = new Set<number>();
	/** Per shard, the keys of the logs discovery found (unchangedShards): only these are in the digest. */
	private readonly present: Array<Set<string> | undefined> = new Array(SHARDS);
	/** A `cursors.json` was read: removed once its cursors are in the shards. */
	private legacy = false;

	/** Shard n, parsed on first use (empty when absent or damaged: its logs are read again). */
	private shard(n: number): Map<string, Row> {
		let m = this.shards[n];
		if (m) return m;
		m = new Map();
		this.shards[n] = m;
		const h = this.headers[n];
		if (!h) return m;
		let heads: unknown;
		try {
			const fd = openRegular(h.path);
			try {
				const buf = Buffer.alloc(h.len);
				if (readSync(fd, buf, 0, h.len, h.at) !== h.len) return m;
				heads = JSON.parse(buf.toString('utf8'));
			} finally {
				closeSync(fd);
			}
		} catch {
			return m;
		}
		if (!Array.isArray(heads)) return m;
		this.files[n] = new ShardFile(h.path, h.at + h.len + 1);
		for (const head of heads) if (isHead(head)) m.set(head[0], head);
		return m;
	}

	get(key: string): FileCursor | undefined {
		const n = shardOf(key);
		const m = this.shard(n);
		const r = m.get(key);
		if (!r || !Array.isArray(r)) return r;
		const c = lazyCursor(r, this.files[n]!);
		m.set(key, c);
		return c;
	}

	/**
	 * A cursor's fields but `tail` and `state`, without building it (the warm path compares only
	 * these). Do not keep or spread it.
	 */
	head(key: string): CursorHead | undefined {
		const r = this.shard(shardOf(key)).get(key);
		if (!r || !Array.isArray(r)) return r;
		return {source: r[1], ino: r[2], size: r[3], mtimeMs: r[4], offset: r[5], rv: r[6]};
	}

	/** Whether the log at `key` with this stat is skipped on its cursor alone and is in its shard's digest (warm-index.ts). */
	settled(key: string, source: string, ino: number, size: number, mtimeMs: number): boolean {
		const c = this.head(key);
		return !!c && c.source === source && c.ino === ino && c.size === size && c.mtimeMs === mtimeMs && skippable(c);
	}

	set(key: string, cursor: FileCursor): void {
		const n = shardOf(key);
		this.shard(n).set(key, cursor);
		this.dirty.add(n);
	}

	keys(): string[] {
		const out: string[] = [];
		for (let n = 0; n < SHARDS; n++) out.push(...this.shard(n).keys());
		return out;
	}

	get size(): number {
		let k = 0;
		for (let n = 0; n < SHARDS; n++) k += this.shard(n).size;
		return k;
	}

	/** Shards waiting to be written. */
	get pending(): number {
		return this.dirty.size;
	}

	/**
	 * For each log discovery found, its shard; and the shards that hold exactly these logs, each
	 * with the inode, size and mtime its cursor saw, and nothing else to do (the digest in the
	 * shard's header agrees, and nothing changed the shard in memory). Every log of such a shard
	 * is skipped without parsing the shard. Only a digest collision (two 32-bit sums and the
	 * count all equal by chance) could hide a change.
	 */
	unchangedShards(files: ReadonlyArray<{path: string; source: string; ino: number; size: number; mtimeMs: number}>): {shardOfFile: Uint8Array; unchanged: Uint8Array} {
		const shardOfFile = new Uint8Array(files.length);
		const sums = new Int32Array(SHARDS * 3);
		const h = new Int32Array(3);
		for (let i = 0; i < files.length; i++) {
			const f = files[i]!;
			entryHash(f.path, f.source, f.ino, f.size, f.mtimeMs, h);
			const n = h[2]!;
			shardOfFile[i] = n;
			sums[n * 3] = (sums[n * 3]! + h[0]!) | 0;
			sums[n * 3 + 1] = (sums[n * 3 + 1]! + h[1]!) | 0;
			sums[n * 3 + 2]!++;
		}
		const unchanged = new Uint8Array(SHARDS);
		for (let n = 0; n < SHARDS; n++) {
			const d = this.headers[n]?.digest;
			if (d && !this.dirty.has(n) && d[0] === sums[n * 3] && d[1] === sums[n * 3 + 1] && d[2] === sums[n * 3 + 2]) {
				unchanged[n] = 1;
				continue;
			}
			// Parsed this run: its digest is made again over the logs found, and written if it moved.
			this.present[n] = new Set();
			if (this.headers[n]) this.recheck.add(n);
		}
		for (let i = 0; i < files.length; i++) if (!unchanged[shardOfFile[i]!]) this.present[shardOfFile[i]!]!.add(files[i]!.path);
		return {shardOfFile, unchanged};
	}

	/**
	 * The digest part of shard n's header (` <a><b> <count>`, or ` -` when a log in it would not
	 * be skipped on an unchanged stat): over its log cursors, and only those discovery found
	 * when it looked at this shard (a cursor whose log is gone is kept, outside the digest).
	 */
	private digestOf(n: number, shard: Map<string, Row>): string {
		const h = new Int32Array(3);
		const present = this.present[n];
		let a = 0;
		let b = 0;
		let count = 0;
		for (const [key, row] of shard) {
			const c: CursorHead = Array.isArray(row) ? {source: row[1], ino: row[2], size: row[3], mtimeMs: row[4], offset: row[5], rv: row[6]} : row;
			if (!isLog(c.source) || (present && !present.has(key))) continue;
			// A log an unchanged stat does not skip (an old reader's cursor): no digest, the shard is always parsed.
			if (!skippable(c) || shardOf(key) !== n) return ' -';
			entryHash(key, c.source, c.ino, c.size, c.mtimeMs, h);
			a = (a + h[0]!) | 0;
			b = (b + h[1]!) | 0;
			count++;
		}
		const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
		return ` ${hex(a)}${hex(b)} ${count}`;
	}

	/** The digest part of shard n's header as read (see digestOf), or undefined (written before digests). */
	private headerDigest(n: number): string | undefined {
		const h = this.headers[n];
		if (!h || h.old) return undefined;
		const d = h.digest;
		const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
		return d ? ` ${hex(d[0])}${hex(d[1])} ${d[2]}` : ' -';
	}

	/**
	 * Whether every log discovery found lies in a shard whose digest agrees with the logs' stat
	 * (the warm path's question, refresh.ts): as unchangedShards, but over the batches as found
	 * (each key hashed as its directory once, then its name), with no path string, no object per
	 * log, and nothing parsed or remembered.
	 */
	allUnchanged(batches: readonly LogBatch[], loose: ReadonlyArray<{path: string; source: string; ino: number; size: number; mtimeMs: number}>): boolean {
		const sums = new Int32Array(SHARDS * 3);
		const used = new Uint8Array(SHARDS);
		const h = new Int32Array(3);
		const st = new Int32Array(2);
		const add = () => {
			const n = h[2]!;
			used[n] = 1;
			sums[n * 3] = (sums[n * 3]! + h[0]!) | 0;
			sums[n * 3 + 1] = (sums[n * 3 + 1]! + h[1]!) | 0;
			sums[n * 3 + 2]!++;
		};
		for (const batch of batches) {
			st[0] = A0;
			st[1] = B0;
			hashKeyPart(`${batch.dir}/`, st);
			const a0 = st[0]!;
			const b0 = st[1]!;
			const stamps = batch.stamps;
			for (let i = 0; i < batch.names.length; i++) {
				const size = stamps[i * 3]!;
				if (size < 0) continue;
				st[0] = a0;
				st[1] = b0;
				hashKeyPart(batch.names[i]!, st);
				finishEntry(st[0]!, st[1]!, batch.source, stamps[i * 3 + 2]!, size, stamps[i * 3 + 1]!, h);
				add();
			}
		}
		for (const f of loose) {
			entryHash(f.path, f.source, f.ino, f.size, f.mtimeMs, h);
			add();
		}
		for (let n = 0; n < SHARDS; n++) {
			if (!used[n]) continue;
			const d = this.headers[n]?.digest;
			if (!d || this.dirty.has(n) || d[0] !== sums[n * 3] || d[1] !== sums[n * 3 + 1] || d[2] !== sums[n * 3 + 2]) return false;
		}
		return true;
	}

	/** Shards written before digests: rewritten at the next save (once), so later warm runs skip them unparsed. */
	upgrade(): number {
		let k = 0;
		for (let n = 0; n < SHARDS; n++) {
			if (!this.headers[n]?.old) continue;
			this.shard(n);
			this.dirty.add(n);
			k++;
		}
		return k;
	}

	static load(home: string): CursorStore {
		const store = new CursorStore();
		let names: string[] = [];
		try {
			names = readdirSync(join(home, DIR));
		} catch {}
		for (const name of names) {
			const m = /^([0-9a-f]{2})\.tsv$/.exec(name);
			if (m) store.readHeader(join(home, DIR, name), parseInt(m[1]!, 16));
		}
		store.readLegacy(join(home, LEGACY));
		return store;
	}

	private readLegacy(path: string): void {
		let raw: {version?: unknown; files?: unknown};
		try {
			raw = JSON.parse(readRegular(path).toString('utf8')) as typeof raw;
		} catch (error) {
			// Absent: nothing to migrate. Present but not readable (a FIFO, damaged): removed at the save.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.legacy = true;
			return;
		}
		this.legacy = true;
		if (!raw || raw.version !== 1 || !raw.files || typeof raw.files !== 'object') return;
		// The shards hold what was saved after the legacy file was read: they win over it.
		for (const [key, cursor] of Object.entries(raw.files as Record<string, FileCursor>)) {
			if (!this.shard(shardOf(key)).has(key)) this.set(key, cursor);
		}
	}

	private readHeader(path: string, n: number): void {
		try {
			const fd = openRegular(path);
			try {
				const first = Buffer.alloc(FIRST);
				const got = readSync(fd, first, 0, FIRST, 0);
				const nl = first.subarray(0, got).indexOf(10);
				const m = nl < 0 ? null : HEADER.exec(first.toString('utf8', 0, nl));
				if (!m) return;
				const digest: Digest | undefined = m[2] ? [parseInt(m[2], 16) | 0, parseInt(m[3]!, 16) | 0, Number(m[4])] : undefined;
				this.headers[n] = {path, at: nl + 1, len: Number(m[1]), ...(digest ? {digest} : {}), ...(m[2] || m[5] ? {} : {old: true})};
			} finally {
				closeSync(fd);
			}
		} catch {
			// Not a regular file, damaged: its logs are read again.
		}
	}

	/** Writes the shards where a cursor changed (all of them with `all`); returns how many. */
	save(home: string, all = false): number {
		const dir = join(home, DIR);
		// A shard only rechecked is rewritten when its digest moved (a log is gone): never otherwise.
		for (const n of this.recheck) if (!this.dirty.has(n) && this.headerDigest(n) !== this.digestOf(n, this.shard(n))) this.dirty.add(n);
		this.recheck.clear();
		const todo = all ? Array.from({length: SHARDS}, (_, n) => n) : [...this.dirty].sort((a, b) => a - b);
		if (todo.length === 0 && !this.legacy) return 0;
		// The warm index says what the cursors say: it goes before any of them changes (warm-index.ts).
		removeWarmIndex(home);
		ensurePrivateDir(dir);
		let written = 0;
		for (const n of todo) {
			const shard = this.shard(n);
			const path = join(dir, shardName(n));
			if (shard.size === 0) {
				rmSync(path, {force: true});
				delete this.headers[n];
				continue;
			}
			const heads: Head[] = [];
			const rests: Buffer[] = [];
			let off = 0;
			for (const key of [...shard.keys()]) {
				const c = this.get(key)!;
				const rest = Buffer.from(JSON.stringify({tail: c.tail, state: c.state}));
				heads.push([key, c.source, c.ino, c.size, c.mtimeMs, c.offset, c.rv, off, rest.length]);
				rests.push(rest);
				off += rest.length;
			}
			const headLine = Buffer.from(JSON.stringify(heads));
			writeAtomic(path, Buffer.concat([Buffer.from(`${MAGIC}${headLine.length}${this.digestOf(n, shard)}\n`), headLine, Buffer.from('\n'), ...rests]));
			written++;
		}
		this.dirty.clear();
		if (this.legacy) {
			// Every cursor it held is in the shards now.
			rmSync(join(home, LEGACY), {force: true});
			this.legacy = false;
		}
		return written;
	}
}

/** Atomic replace (tmp + rename): a kill leaves the old or the new file, never half of one. */
function writeAtomic(path: string, data: Buffer): void {
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		// A leftover (or planted link) goes first; `wx` then creates the file itself, never a link target.
		rmSync(tmp, {force: true});
		writeFileSync(tmp, data, {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
	} catch (error) {
		// A full disk: leave no temporary file behind.
		rmSync(tmp, {force: true});
		throw error;
	}
}

export function loadCursors(home: string): CursorStore {
	return CursorStore.load(home);
}

/** Writes every cursor of `cursors` (a whole snapshot, as tests restore one). */
export function saveCursors(home: string, cursors: CursorStore): void {
	cursors.save(home, true);
}
