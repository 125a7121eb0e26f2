/**
 * The copy index (docs/ledger.md, "Copies across sessions"). A resumed or forked Claude Code
 * session starts with copies of earlier responses (same `message.id` and `requestId`, new
 * `sessionId`). Each response key counts once across sessions: ingest records every copy of
 * every key here, decides which copy wins (Contracts: most output; then the earliest first
 * line; then the session whose own last activity is earliest; then the smallest session id)
 * and writes the losers to the per-partition drop files that reports read (copy-drops.ts).
 *
 *   <home>/copies/keys/<xx>.json       {"<messageId>\n<requestId>": [[sessionId, output, ts], …]}
 *                                      256 shards by a hash of the key; only touched shards load
 *   <home>/copies/sessions.json        {"<sessionId>": "<latest turn ts>"}
 *   <home>/copies/ties/<hash>.json     {"sessionId": …, "keys": […]}: keys this session wins only
 *                                      by the last-activity or session-id tie-break (revisited
 *                                      when its last activity moves)
 *   <home>/copies/drop/<partition>.json  the losing copies (copy-drops.ts)
 *   <home>/copies/meta.json            {"v":1}: written once the index covers the whole ledger
 *   <home>/copies/journal.jsonl        observations not yet in the files above (see below)
 *
 * Every update is a merge that can be applied again (max output, min first-line time, max last
 * activity), so the result does not depend on the order logs are read in, and a log re-read
 * after a kill only re-applies what is there. While ingest runs, each cursor save is preceded
 * by one appended journal line holding what was observed since the last one (rewriting the
 * index every second of a cold ingest cost more than the reads); at the end the index is
 * decided and its files replaced atomically, in the order drops → keys → ties → sessions,
 * then the journal is removed and the cursors saved. The next ingest replays a journal left by
 * a kill. A kill thus leaves work the next ingest redoes, never a decision it would skip.
 */
import {existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {ensurePrivateDir} from '../core/home.js';
import type {ProgressSink} from '../core/progress.js';
import {COPY_SOURCES, KEY_SEP, emptyObservations, laterTs, observeTurn, tsMs, type CopyObservations} from './copy-keys.js';
import {copiesDir, dropDir, dropPath, parseDrops, type Drops} from './copy-drops.js';
import {META_VERSION, readMeta} from './copies-meta.js';
import {UNDATED, dayOf, ledgerDir, partitionOfFile} from './layout.js';
import {forEachLine} from './lines.js';
import {appendLines} from './append.js';

/** One session's copy of a response: `[sessionId, output tokens, ts of its first line]`. */
export type Copy = [string, number, string];

const SHARDS = 256;

/** FNV-1a over the key: picks its shard (a name, not a checksum). */
function hash32(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

const shardName = (key: string): string => (hash32(key) % SHARDS).toString(16).padStart(2, '0');
const tiesName = (sid: string): string => `${hash32(sid).toString(16).padStart(8, '0')}${hash32(`~${sid}`).toString(16).padStart(8, '0')}`;

/** Partition of a copy's records: the UTC day of its time (as the ledger places turns). */
const partitionOf = (ts: string): string => dayOf(ts) ?? UNDATED;

/**
 * Which copy wins (Contracts, "Bad values and duplicates"): the most output; then the earliest
 * first line; then the session whose own last activity is earliest; then the smallest session
 * id. `tied`: a loser equals the winner on output and first-line time, so the winner holds the
 * key only by the last-activity tie-break, which moves when that session does more.
 */
export function decideCopies(copies: readonly Copy[], lastOf: (sessionId: string) => string | undefined): {winner: number; tied: boolean} {
	const rank = copies.map((c) => ({out: c[1], first: tsMs(c[2]), last: tsMs(lastOf(c[0])), sid: c[0]}));
	let w = 0;
	for (let i = 1; i < rank.length; i++) {
		const a = rank[i]!;
		const b = rank[w]!;
		const better =
			a.out !== b.out ? a.out > b.out : a.first !== b.first ? a.first < b.first : a.last !== b.last ? a.last < b.last : a.sid < b.sid;
		if (better) w = i;
	}
	const win = rank[w]!;
	const tied = rank.some((r, i) => i !== w && r.out === win.out && r.first === win.first);
	return {winner: w, tied};
}

function writeAtomic(path: string, text: string): void {
	const tmp = `${path}.${process.pid}.tmp`;
	// A leftover (or planted link) goes first; `wx` then creates the file itself, never a link target.
	rmSync(tmp, {force: true});
	writeFileSync(tmp, text, {mode: 0o600, flag: 'wx'});
	renameSync(tmp, path);
}

interface Loaded<T> {
	value: T;
	dirty: boolean;
}

export class CopyIndex {
	private readonly shards = new Map<string, Loaded<Map<string, Copy[]>>>();
	private readonly ties = new Map<string, Loaded<Set<string>>>();
	private readonly drops = new Map<string, Loaded<Drops>>();
	private sessions: Loaded<Map<string, string>> | null = null;
	/** Keys observed since the last flush (decided again at flush, changed or not). */
	private touched = new Set<string>();
	/** Sessions whose last activity moved since the last flush. */
	private bumped = new Set<string>();
	/** Drop entries to clear: a copy's first-line time moved to another partition. */
	private moved: Array<[string, string, string]> = [];
	/** A file of the index did not parse: the next ingest rebuilds the index from the ledger. */
	private damaged = false;
	/** Observations since the last journal line or flush. */
	private pending: CopyObservations[] = [];
	/** Built from the ledger by this run (it was missing, incomplete, or a rebuild was asked). */
	built = false;

	private constructor(private readonly dir: string) {}

	/**
	 * The index of a data directory. When it is missing, incomplete (a kill during its first
	 * build) or `rebuild` is asked, it is built again from every turn in the ledger first.
	 */
	static open(home: string, rebuild: boolean, progress?: ProgressSink): CopyIndex {
		const dir = copiesDir(home);
		if (!rebuild && readMeta(dir)) {
			const index = new CopyIndex(dir);
			index.replayJournal();
			return index;
		}
		rmSync(dir, {recursive: true, force: true});
		const index = new CopyIndex(dir);
		index.built = true;
		index.buildFromLedger(home, progress);
		index.flush();
		ensurePrivateDir(dir);
		writeAtomic(join(dir, 'meta.json'), JSON.stringify({v: META_VERSION}));
		return index;
	}

	/** Every Claude turn of the ledger (old versions included: the index keeps the maximum). */
	private buildFromLedger(home: string, progress?: ProgressSink): void {
		let names: string[];
		try {
			names = readdirSync(ledgerDir(home)).filter((n) => partitionOfFile(n) !== undefined);
		} catch {
			return;
		}
		const prefix = Buffer.from('{"v":1,"kind":"turn"');
		const sources = [...COPY_SOURCES].map((src) => Buffer.from(`"source":${JSON.stringify(src)}`));
		for (const name of names.sort()) {
			progress?.({step: 'ingest', state: 'update', label: `indexing copies: ${name}`});
			const obs = emptyObservations();
			try {
				forEachLine(join(ledgerDir(home), name), 0, (line) => {
					if (line.length <= prefix.length || line.compare(prefix, 0, prefix.length, 0, prefix.length) !== 0) return;
					if (!sources.some((b) => line.indexOf(b) !== -1)) return;
					try {
						const rec = (JSON.parse(line.toString('utf8')) as {record?: Parameters<typeof observeTurn>[0]}).record;
						if (rec && typeof rec.sessionId === 'string' && typeof rec.messageId === 'string' && rec.usage) observeTurn(rec, obs);
					} catch {}
				});
			} catch {
				continue;
			}
			this.observe(obs);
		}
	}

	private get journalPath(): string {
		return join(this.dir, 'journal.jsonl');
	}

	/** Observations a killed ingest journaled but did not decide (applied again: idempotent). */
	private replayJournal(): void {
		if (!existsSync(this.journalPath)) return;
		try {
			forEachLine(this.journalPath, 0, (line) => {
				try {
					this.observe(JSON.parse(line.toString('utf8')) as CopyObservations);
				} catch {
					// A line torn by the kill: its reads were not covered by a saved cursor.
				}
			});
		} catch {}
		// Kept until the next flush has decided what it holds.
		this.pending = [];
	}

	/** Appends what was observed since the last call to the journal (before a cursor save). */
	checkpoint(): void {
		if (this.pending.length === 0) return;
		const keys: CopyObservations['keys'] = [];
		const last = new Map<string, string>();
		for (const o of this.pending) {
			for (const k of o.keys) keys.push(k);
			for (const sid in o.last) {
				const ts = o.last[sid]!;
				const prev = last.get(sid);
				if (prev === undefined || laterTs(ts, prev)) last.set(sid, ts);
			}
		}
		ensurePrivateDir(this.dir);
		appendLines(this.journalPath, `${JSON.stringify({keys, last: Object.fromEntries(last)})}\n`);
		this.pending = [];
	}

	/** Applies what one read saw (idempotent). */
	observe(obs: CopyObservations | undefined): void {
		if (!obs) return;
		this.pending.push(obs);
		for (const [messageId, requestId, sid, out, ts] of obs.keys) {
			const key = messageId + KEY_SEP + requestId;
			const shard = this.shard(key);
			let copies = shard.value.get(key);
			if (!copies) {
				copies = [];
				shard.value.set(key, copies);
			}
			const c = copies.find((x) => x[0] === sid);
			if (!c) {
				copies.push([sid, out, ts]);
				shard.dirty = true;
			} else {
				if (out > c[1]) {
					c[1] = out;
					shard.dirty = true;
				}
				if (ts && ts !== c[2] && tsMs(ts) < tsMs(c[2])) {
					if (partitionOf(ts) !== partitionOf(c[2])) this.moved.push([partitionOf(c[2]), sid, messageId]);
					c[2] = ts;
					shard.dirty = true;
				}
			}
			this.touched.add(key);
		}
		let sessions: Loaded<Map<string, string>> | undefined;
		for (const sid in obs.last) {
			const ts = obs.last[sid]!;
			sessions ??= this.loadSessions();
			const prev = sessions.value.get(sid);
			if (prev === undefined || laterTs(ts, prev)) {
				sessions.value.set(sid, ts);
				sessions.dirty = true;
				this.bumped.add(sid);
			}
		}
	}

	/**
	 * Decides every key observed since the last flush, and every key a session whose activity
	 * moved held by a tie-break, then writes what changed: drops, keys, ties, sessions.
	 */
	flush(): void {
		if (this.touched.size === 0 && this.bumped.size === 0 && this.moved.length === 0 && !this.anyDirty()) {
			if (this.pending.length > 0 || existsSync(this.journalPath)) rmSync(this.journalPath, {force: true});
			this.pending = [];
			return;
		}
		const lastOf = (sid: string) => this.loadSessions().value.get(sid);
		for (const [partition, sid, messageId] of this.moved) this.setDrop(partition, sid, messageId, false);
		this.moved = [];
		const revisit = new Map<string, string[]>();
		for (const sid of this.bumped) {
			const keys = [...this.tiesOf(sid).value];
			if (keys.length > 0) revisit.set(sid, keys);
		}
		type Decided = {copies: Copy[]; winner: number; tied: boolean} | undefined;
		const decided = new Map<string, Decided>();
		const decide = (key: string): Decided => {
			if (decided.has(key)) return decided.get(key);
			const copies = this.shard(key).value.get(key);
			let d: Decided;
			if (copies && copies.length >= 2) {
				d = {copies, ...decideCopies(copies, lastOf)};
				const messageId = key.slice(0, key.indexOf(KEY_SEP));
				copies.forEach((c, i) => this.setDrop(partitionOf(c[2]), c[0], messageId, i !== d!.winner));
				if (d.tied) {
					const t = this.tiesOf(copies[d.winner]![0]);
					if (!t.value.has(key)) {
						t.value.add(key);
						t.dirty = true;
					}
				}
			}
			decided.set(key, d);
			return d;
		};
		for (const key of this.touched) decide(key);
		// A session's keys won by a tie-break: decided again; those it no longer holds that way leave its list.
		for (const [sid, keys] of revisit) {
			for (const key of keys) {
				const d = decide(key);
				if (d && d.tied && d.copies[d.winner]![0] === sid) continue;
				const t = this.tiesOf(sid);
				t.value.delete(key);
				t.dirty = true;
			}
		}
		this.touched = new Set();
		this.bumped = new Set();
		this.writeAll();
		this.pending = [];
		rmSync(this.journalPath, {force: true});
	}

	private anyDirty(): boolean {
		if (this.sessions?.dirty) return true;
		for (const m of [this.shards, this.ties, this.drops] as Array<Map<string, Loaded<unknown>>>) for (const v of m.values()) if (v.dirty) return true;
		return false;
	}

	private writeAll(): void {
		// Decisions first, then what they were made from, then what triggers revisits.
		for (const [partition, d] of this.drops) {
			if (!d.dirty) continue;
			ensurePrivateDir(dropDir(this.homeOf()));
			const path = dropPath(this.homeOf(), partition);
			if (d.value.size === 0) rmSync(path, {force: true});
			else writeAtomic(path, JSON.stringify(Object.fromEntries([...d.value].map(([sid, ids]) => [sid, [...ids].sort()]))));
			d.dirty = false;
		}
		for (const [name, s] of this.shards) {
			if (!s.dirty) continue;
			ensurePrivateDir(join(this.dir, 'keys'));
			writeAtomic(join(this.dir, 'keys', `${name}.json`), JSON.stringify(Object.fromEntries(s.value)));
			s.dirty = false;
		}
		for (const [sid, t] of this.ties) {
			if (!t.dirty) continue;
			ensurePrivateDir(join(this.dir, 'ties'));
			const path = join(this.dir, 'ties', `${tiesName(sid)}.json`);
			if (t.value.size === 0) rmSync(path, {force: true});
			else writeAtomic(path, JSON.stringify({sessionId: sid, keys: [...t.value]}));
			t.dirty = false;
		}
		if (this.sessions?.dirty) {
			ensurePrivateDir(this.dir);
			writeAtomic(join(this.dir, 'sessions.json'), JSON.stringify(Object.fromEntries(this.sessions.value)));
			this.sessions.dirty = false;
		}
		if (this.damaged) rmSync(join(this.dir, 'meta.json'), {force: true});
	}

	private homeOf(): string {
		return join(this.dir, '..');
	}

	private readJson(path: string): unknown {
		try {
			return JSON.parse(readFileSync(path, 'utf8'));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.damaged = true;
			return undefined;
		}
	}

	private shard(key: string): Loaded<Map<string, Copy[]>> {
		const name = shardName(key);
		let s = this.shards.get(name);
		if (!s) {
			const raw = this.readJson(join(this.dir, 'keys', `${name}.json`));
			const value = new Map(raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw as Record<string, Copy[]>) : []);
			s = {value, dirty: false};
			this.shards.set(name, s);
		}
		return s;
	}

	private loadSessions(): Loaded<Map<string, string>> {
		if (!this.sessions) {
			const raw = this.readJson(join(this.dir, 'sessions.json'));
			this.sessions = {value: new Map(raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw as Record<string, string>) : []), dirty: false};
		}
		return this.sessions;
	}

	private tiesOf(sid: string): Loaded<Set<string>> {
		let t = this.ties.get(sid);
		if (!t) {
			const raw = this.readJson(join(this.dir, 'ties', `${tiesName(sid)}.json`)) as {sessionId?: unknown; keys?: unknown} | undefined;
			const keys = raw && raw.sessionId === sid && Array.isArray(raw.keys) ? raw.keys.filter((k): k is string => typeof k === 'string') : [];
			t = {value: new Set(keys), dirty: false};
			this.ties.set(sid, t);
		}
		return t;
	}

	private setDrop(partition: string, sid: string, messageId: string, drop: boolean): void {
		let d = this.drops.get(partition);
		if (!d) {
			const value: Drops = new Map();
			const path = dropPath(this.homeOf(), partition);
			if (existsSync(path)) {
				try {
					if (!parseDrops(readFileSync(path, 'utf8'), value)) this.damaged = true;
				} catch {
					this.damaged = true;
				}
			}
			d = {value, dirty: false};
			this.drops.set(partition, d);
		}
		const ids = d.value.get(sid);
		if (drop) {
			if (ids?.has(messageId)) return;
			if (ids) ids.add(messageId);
			else d.value.set(sid, new Set([messageId]));
			d.dirty = true;
		} else if (ids?.delete(messageId)) {
			if (ids.size === 0) d.value.delete(sid);
			d.dirty = true;
		}
	}
}

