import {closeSync, readdirSync, readSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {openRegular, readRegular} from '../core/open-regular.js';
import {ensurePrivateDir} from '../core/home.js';
import {join} from 'node:path';
import {CODEX_COUNTERS_RV} from '../sources/reader.js';
// Claude cursors of an older reader get a copy-key pass: never skipped by a digest.
import {COPY_KEYS_RV} from './copy-pass.js';

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

/**
 * Entry hash of a log's cursor key and its stat (source, inode, size, the mtime's exact bits),
 * two 32-bit FNV-1a variants in out[0], out[1]; the shard of the key (shardOf) in out[2].
 */
function entryHash(key: string, source: string, ino: number, size: number, mtimeMs: number, out: Int32Array): void {
	let a = 0x811c9dc5;
	let b = 0x2f3d1a47;
	for (let i = 0; i < key.length; i++) {
		const c = key.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
	}
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
			if (!d || this.dirty.has(n)) continue;
			if (d[0] === sums[n * 3] && d[1] === sums[n * 3 + 1] && d[2] === sums[n * 3 + 2]) unchanged[n] = 1;
		}
		return {shardOfFile, unchanged};
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
		const todo = all ? Array.from({length: SHARDS}, (_, n) => n) : [...this.dirty].sort((a, b) => a - b);
		if (todo.length === 0 && !this.legacy) return 0;
		ensurePrivateDir(dir);
		let written = 0;
		const h = new Int32Array(3);
		const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
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
			let a = 0;
			let b = 0;
			let count = 0;
			let digestable = true;
			for (const key of [...shard.keys()]) {
				const c = this.get(key)!;
				const rest = Buffer.from(JSON.stringify({tail: c.tail, state: c.state}));
				heads.push([key, c.source, c.ino, c.size, c.mtimeMs, c.offset, c.rv, off, rest.length]);
				rests.push(rest);
				off += rest.length;
				if (!isLog(c.source)) continue;
				// A log an unchanged stat does not skip (an old reader's cursor): no digest, the shard is always parsed.
				if (!skippable(c) || shardOf(key) !== n) digestable = false;
				entryHash(key, c.source, c.ino, c.size, c.mtimeMs, h);
				a = (a + h[0]!) | 0;
				b = (b + h[1]!) | 0;
				count++;
			}
			const headLine = Buffer.from(JSON.stringify(heads));
			const digest = digestable ? ` ${hex(a)}${hex(b)} ${count}` : ' -';
			writeAtomic(path, Buffer.concat([Buffer.from(`${MAGIC}${headLine.length}${digest}\n`), headLine, Buffer.from('\n'), ...rests]));
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
