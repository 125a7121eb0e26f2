import {closeSync, readdirSync, readSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {openRegular, readRegular} from '../core/open-regular.js';
import {ensurePrivateDir} from '../core/home.js';
import {join} from 'node:path';

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

/** The single file of data directories written before the cursors were sharded (migrated on read). */
const LEGACY = 'cursors.json';
const DIR = 'cursors';
const SHARDS = 256;
/** A shard: `#burn-cursors 2 <bytes of the heads line>\n`, the heads line, then the rests. */
const MAGIC = '#burn-cursors 2 ';
const FIRST = 64;

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

/** A cursor of a shard: `tail` and `state` (its "rest") are read and parsed only when asked for. */
interface Row {
	cursor: FileCursor;
}

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

const isHead = (h: unknown): h is Head =>
	Array.isArray(h) && h.length === 9 && typeof h[0] === 'string' && typeof h[1] === 'string' && h.slice(2).every((x) => typeof x === 'number');

/**
 * Every log's cursor, in 256 shard files under `cursors/` (docs/ledger.md, "Cursors"). A run
 * parses only the head of each cursor (what `planFile` compares); a cursor's reader state is
 * parsed when its file is read. Saving rewrites only the shards where a cursor changed, each
 * atomically (tmp + rename), and nothing at all when no cursor changed.
 */
export class CursorStore {
	private readonly shards: Array<Map<string, Row>> = Array.from({length: SHARDS}, () => new Map());
	private readonly dirty = new Set<number>();
	/** A `cursors.json` was read: removed once its cursors are in the shards. */
	private legacy = false;

	get(key: string): FileCursor | undefined {
		return this.shards[shardOf(key)]!.get(key)?.cursor;
	}

	set(key: string, cursor: FileCursor): void {
		const n = shardOf(key);
		this.shards[n]!.set(key, {cursor});
		this.dirty.add(n);
	}

	keys(): string[] {
		return this.shards.flatMap((s) => [...s.keys()]);
	}

	get size(): number {
		return this.shards.reduce((n, s) => n + s.size, 0);
	}

	/** Shards waiting to be written. */
	get pending(): number {
		return this.dirty.size;
	}

	static load(home: string): CursorStore {
		const store = new CursorStore();
		store.readLegacy(join(home, LEGACY));
		let names: string[] = [];
		try {
			names = readdirSync(join(home, DIR));
		} catch {}
		for (const name of names) {
			const m = /^([0-9a-f]{2})\.tsv$/.exec(name);
			if (m) store.readShard(join(home, DIR, name), parseInt(m[1]!, 16));
		}
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
		for (const [key, cursor] of Object.entries(raw.files as Record<string, FileCursor>)) this.set(key, cursor);
	}

	private readShard(path: string, n: number): void {
		let heads: unknown;
		let start: number;
		try {
			const fd = openRegular(path);
			try {
				const first = Buffer.alloc(FIRST);
				const got = readSync(fd, first, 0, FIRST, 0);
				const nl = first.subarray(0, got).indexOf(10);
				const m = nl < 0 ? null : /^#burn-cursors 2 (\d+)$/.exec(first.toString('utf8', 0, nl));
				if (!m) return;
				const len = Number(m[1]);
				const buf = Buffer.alloc(len);
				if (readSync(fd, buf, 0, len, nl + 1) !== len) return;
				heads = JSON.parse(buf.toString('utf8'));
				start = nl + 1 + len + 1;
			} finally {
				closeSync(fd);
			}
		} catch {
			return; // not a regular file, damaged: those logs are read again
		}
		if (!Array.isArray(heads)) return;
		const file = new ShardFile(path, start);
		const shard = this.shards[n]!;
		for (const head of heads) {
			// The shards hold what was saved after a legacy file was read: they win over it.
			if (isHead(head)) shard.set(head[0], {cursor: lazyCursor(head, file)});
		}
	}

	/** Writes the shards where a cursor changed (all of them with `all`); returns how many. */
	save(home: string, all = false): number {
		const dir = join(home, DIR);
		const todo = all ? Array.from({length: SHARDS}, (_, n) => n) : [...this.dirty].sort((a, b) => a - b);
		if (todo.length === 0 && !this.legacy) return 0;
		ensurePrivateDir(dir);
		let written = 0;
		for (const n of todo) {
			const shard = this.shards[n]!;
			const path = join(dir, shardName(n));
			if (shard.size === 0) {
				rmSync(path, {force: true});
				continue;
			}
			const heads: Head[] = [];
			const rests: Buffer[] = [];
			let off = 0;
			for (const [key, row] of shard) {
				const c = row.cursor;
				const rest = Buffer.from(JSON.stringify({tail: c.tail, state: c.state}));
				heads.push([key, c.source, c.ino, c.size, c.mtimeMs, c.offset, c.rv, off, rest.length]);
				rests.push(rest);
				off += rest.length;
			}
			const headLine = Buffer.from(JSON.stringify(heads));
			writeAtomic(path, Buffer.concat([Buffer.from(`${MAGIC}${headLine.length}\n`), headLine, Buffer.from('\n'), ...rests]));
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
