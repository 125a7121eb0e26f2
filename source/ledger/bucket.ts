import {SOURCES, type LedgerRecord, type RelationshipRecord, type TurnRecord} from '../core/records.js';
import type {Dataset, SessionData, Window} from './dataset.js';
import {parseTs} from '../core/time.js';
import type {Drops} from './copy-drops.js';

/** Which turns a report keeps, beside the window. */
export type TurnFilter = (turn: TurnRecord) => boolean;

interface Slot<T> {
	rec: T;
	/** Where the record's key was first read (its place in the session's order). */
	pos: number;
}

interface TurnSlot extends Slot<TurnRecord> {
	/** The turn's time (ms), parsed once when the dataset is finished. */
	ms: number;
	/** Where the winning version was read (a tie goes to the version read last). */
	wpos: number;
}

interface UserSlot extends Slot<LedgerRecord['record']> {
	wpos: number;
}

/** What one bucket gives the dataset, kept until the bucket gets another record (live merges). */
interface Finished {
	session: SessionData | null;
	undated: number;
	aborted: number[];
	copiesDropped: number;
}

interface Bucket {
	sessionId: string;
	source: TurnRecord['source'];
	firstPos: number;
	turns: Map<string, TurnSlot>;
	userTurns: Map<string, UserSlot>;
	events: Map<string, Slot<LedgerRecord['record']>>;
	compactions: Map<string, Slot<LedgerRecord['record']>>;
	relationships: Map<string, Slot<RelationshipRecord>>;
	/** Turns dropped because a copy in another session wins: message id → latest version. */
	copies: Map<string, Slot<TurnRecord>> | null;
	/** A key was first read before a key already there (a live merge into an earlier partition): the maps are re-ordered by position. */
	unordered: boolean;
	/** The last position seen in the bucket. */
	maxPos: number;
	/** The bucket's part of the dataset, until it changes. */
	done: Finished | null;
}

export function relationshipKey(r: RelationshipRecord): string {
	return `${r.source}|${r.sessionId}|${r.relationshipType}|${r.relatedSessionId ?? ''}|${r.agentId ?? ''}|${r.parentToolUseId ?? ''}`;
}

function timeOf(ts: string | undefined): number {
	if (!ts) return Number.NaN;
	return parseTs(ts);
}

/** Sets `key` in a map, noting when it lands before a record already in the bucket (positions out of read order). */
function put<T extends Slot<unknown>>(b: Bucket, m: Map<string, T>, key: string, slot: T): void {
	// Never in one scan (positions only grow): only a merge into an earlier partition flags it.
	if (slot.pos < b.maxPos) b.unordered = true;
	else b.maxPos = slot.pos;
	m.set(key, slot);
}

function reorder<T extends Slot<unknown>>(m: Map<string, T>): Map<string, T> {
	return new Map([...m.entries()].sort((a, b) => a[1].pos - b[1].pos));
}

/**
 * Buckets records by session in one pass and keeps, for every record id, the most complete
 * version (Contracts: a turn with the largest output tokens wins, ties go to the one read
 * last), so the result does not depend on the order files or ledger partitions are read in.
 *
 * Every record has a position (by default the order of `add`; a scan gives each partition its
 * own range, `seek`): every rule below is decided on positions, never on the order of the
 * calls, so records appended later to any partition can be added to a finished builder and
 * `finish` again gives exactly what one pass over all of them gives (live merges, live-merge.ts).
 * A second `finish` rebuilds only the sessions that got records since the first.
 */
export class DatasetBuilder {
	/** By source, then session id (no composite string key per record). */
	private readonly buckets = new Map<string, Map<string, Bucket>>();
	private order: Bucket[] = [];
	/** Buckets made or moved earlier since the last finish: `order` is sorted again. */
	private reorderBuckets = false;
	private pos = 0;
	private duplicateVersions = 0;
	private drops: Drops | null = null;
	records = 0;
	bytes = 0;

	constructor(
		private readonly window: Window,
		private readonly keepTurn: TurnFilter = () => true,
	) {}

	/** The position the next record gets. */
	get position(): number {
		return this.pos;
	}

	/** The next records get positions from `pos` on. */
	seek(pos: number): void {
		this.pos = pos;
	}

	private bucket(source: TurnRecord['source'], sessionId: string, pos: number): Bucket {
		let bySession = this.buckets.get(source);
		if (!bySession) {
			bySession = new Map();
			this.buckets.set(source, bySession);
		}
		let b = bySession.get(sessionId);
		if (!b) {
			b = {
				sessionId,
				source,
				firstPos: pos,
				turns: new Map(),
				userTurns: new Map(),
				events: new Map(),
				compactions: new Map(),
				relationships: new Map(),
				copies: null,
				unordered: false,
				maxPos: pos,
				done: null,
			};
			bySession.set(sessionId, b);
			const last = this.order.at(-1);
			if (last && last.firstPos > pos) this.reorderBuckets = true;
			this.order.push(b);
		} else {
			b.done = null;
			if (pos < b.firstPos) {
				b.firstPos = pos;
				this.reorderBuckets = true;
			}
		}
		return b;
	}

	/** Turns to leave out: a copy of the same response in another session wins (copy-drops.ts). */
	dropCopies(drops: Drops | null): void {
		this.drops = drops;
	}

	/**
	 * Would `drops` change a turn this builder already holds (a turn now a losing copy, or a
	 * dropped copy that now wins)? Then only a fresh pass gives the right versions.
	 */
	dropsChangeHeld(drops: Drops | null): boolean {
		const bySid = new Map<string, Bucket[]>();
		for (const m of this.buckets.values()) for (const b of m.values()) bySid.set(b.sessionId, [...(bySid.get(b.sessionId) ?? []), b]);
		const was = this.drops;
		for (const [sid, ids] of drops ?? []) {
			const old = was?.get(sid);
			for (const id of ids) if (!old?.has(id) && bySid.get(sid)?.some((b) => b.turns.has(id))) return true;
		}
		for (const [sid, ids] of was ?? []) {
			const now = drops?.get(sid);
			for (const id of ids) if (!now?.has(id) && bySid.get(sid)?.some((b) => b.copies?.has(id))) return true;
		}
		return false;
	}

	add(entry: LedgerRecord): void {
		this.records++;
		const pos = this.pos++;
		switch (entry.kind) {
			case 'turn': {
				const t = entry.record;
				const b = this.bucket(t.source, t.sessionId, pos);
				if (this.drops !== null && this.drops.get(t.sessionId)?.has(t.messageId)) {
					const copies = (b.copies ??= new Map());
					// The version read last.
					const had = copies.get(t.messageId);
					if (!had || had.pos < pos) copies.set(t.messageId, {rec: t, pos});
					return;
				}
				const prev = b.turns.get(t.messageId);
				if (prev) {
					this.duplicateVersions++;
					// A newer reader's version of a record wins (it re-read the same log with corrected
					// rules, e.g. Codex running counters); within one reader version the most complete;
					// a tie goes to the version read last.
					const pv = prev.rec.rv ?? 0;
					const tv = t.rv ?? 0;
					const wins = tv !== pv ? tv > pv : t.usage.output !== prev.rec.usage.output ? t.usage.output > prev.rec.usage.output : pos > prev.wpos;
					// The turn keeps the position and turn index of the version read first: order is stable across versions.
					const first = pos < prev.pos;
					if (wins) {
						b.turns.set(t.messageId, {rec: {...t, turnIndex: first ? t.turnIndex : prev.rec.turnIndex}, pos: first ? pos : prev.pos, ms: 0, wpos: pos});
					} else if (first) {
						b.turns.set(t.messageId, {rec: {...prev.rec, turnIndex: t.turnIndex}, pos, ms: 0, wpos: prev.wpos});
					}
					if (first) b.unordered = true;
					return;
				}
				put(b, b.turns, t.messageId, {rec: t, pos, ms: 0, wpos: pos});
				return;
			}
			case 'user_turn': {
				const u = entry.record;
				const b = this.bucket(u.source, u.sessionId, pos);
				const prev = b.userTurns.get(u.userUuid);
				if (prev) {
					this.duplicateVersions++;
					const pb = (prev.rec as typeof u).blocks.length;
					const wins = u.blocks.length !== pb ? u.blocks.length > pb : pos > prev.wpos;
					const first = pos < prev.pos;
					if (wins) b.userTurns.set(u.userUuid, {rec: u, pos: first ? pos : prev.pos, wpos: pos});
					else if (first) b.userTurns.set(u.userUuid, {rec: prev.rec, pos, wpos: prev.wpos});
					if (first) b.unordered = true;
					return;
				}
				put(b, b.userTurns, u.userUuid, {rec: u, pos, wpos: pos});
				return;
			}
			case 'tool_result_event': {
				const e = entry.record;
				const b = this.bucket(e.source, e.sessionId, pos);
				const key = `${e.toolUseId}|${e.eventIndex}`;
				const prev = b.events.get(key);
				if (prev) this.duplicateVersions++;
				// The version read last, at its own position.
				if (!prev || prev.pos < pos) b.events.set(key, {rec: e, pos});
				return;
			}
			case 'compaction': {
				const c = entry.record;
				const b = this.bucket(c.source, c.sessionId, pos);
				const key = `${c.ts}|${c.agentId ?? ''}`;
				const prev = b.compactions.get(key);
				if (prev) this.duplicateVersions++;
				if (!prev || prev.pos < pos) b.compactions.set(key, {rec: c, pos});
				return;
			}
			case 'relationship': {
				const r = entry.record;
				const b = this.bucket(sourceOfRelationship(r.source), r.sessionId, pos);
				const key = relationshipKey(r);
				const prev = b.relationships.get(key);
				if (prev) {
					this.duplicateVersions++;
					// The version read first.
					if (pos > prev.pos) return;
					b.relationships.set(key, {rec: r, pos});
					b.unordered = true;
					return;
				}
				put(b, b.relationships, key, {rec: r, pos});
				return;
			}
		}
	}

	private finishBucket(b: Bucket, since: number | null, until: number | null): Finished {
		if (b.unordered) {
			b.turns = reorder(b.turns);
			b.userTurns = reorder(b.userTurns);
			b.relationships = reorder(b.relationships);
			b.unordered = false;
		}
		const inWindow = (ms: number): boolean =>
			Number.isNaN(ms) ? since === null && until === null : (since === null || ms >= since) && (until === null || ms <= until);
		const out: Finished = {session: null, undated: 0, aborted: [], copiesDropped: 0};
		if (b.copies) for (const {rec: t} of b.copies.values()) if (inWindow(timeOf(t.ts)) && this.keepTurn(t)) out.copiesDropped++;
		const turns: TurnSlot[] = [];
		for (const slot of b.turns.values()) {
			const t = slot.rec;
			const ms = timeOf(t.ts);
			slot.ms = ms;
			if (Number.isNaN(ms)) {
				if (!t.aborted) out.undated++;
				if (since !== null || until !== null) continue;
			} else {
				if (since !== null && ms < since) continue;
				if (until !== null && ms > until) continue;
			}
			if (!this.keepTurn(t)) continue;
			// A response without usage is not a turn (PRODUCT.md Contracts): counted apart,
			// with its time (a narrower window in memory counts its own).
			if (t.aborted) {
				out.aborted.push(ms);
				continue;
			}
			turns.push(slot);
		}
		if (turns.length === 0) return out;
		turns.sort(compareTurnSlots);
		const ordered: TurnRecord[] = new Array(turns.length);
		for (let i = 0; i < turns.length; i++) ordered[i] = turns[i]!.rec;
		out.session = {
			sessionId: b.sessionId,
			source: b.source,
			turns: ordered,
			// A newer version of a user turn or relationship keeps its first position, and a
			// Map iterates in first-insertion order (re-ordered above after an out-of-order
			// merge): these two are in position order already.
			userTurns: recordsOf(b.userTurns) as SessionData['userTurns'],
			toolResultEvents: byPos(b.events) as SessionData['toolResultEvents'],
			compactions: byPos(b.compactions) as SessionData['compactions'],
			relationships: recordsOf(b.relationships),
		};
		return out;
	}

	/**
	 * The dataset. Called again after more `add`s, it rebuilds only the sessions that got
	 * records; the others are the same objects as before (analysis memoised on them is reused).
	 */
	finish(): Dataset {
		const since = this.window.since ? Date.parse(this.window.since) : null;
		const until = this.window.until ? Date.parse(this.window.until) : null;
		if (this.reorderBuckets) {
			this.order = this.order.slice().sort((a, b) => a.firstPos - b.firstPos);
			this.reorderBuckets = false;
		}
		let undatedTurns = 0;
		const abortedAt: number[] = [];
		let copiesDropped = 0;
		const sessions: SessionData[] = [];
		// Buckets in first-seen order (firstPos ascending).
		for (const b of this.order) {
			const f = (b.done ??= this.finishBucket(b, since, until));
			undatedTurns += f.undated;
			copiesDropped += f.copiesDropped;
			for (const ms of f.aborted) abortedAt.push(ms);
			if (f.session) sessions.push(f.session);
		}
		return {
			window: this.window,
			sessions,
			undatedTurns,
			abortedTurns: abortedAt.length,
			abortedAt,
			stats: {records: this.records, bytes: this.bytes, duplicateVersions: this.duplicateVersions, copiesDropped},
		};
	}
}

/** Relationship rows use their own source names (`native-claude`, `native-opencode`, `spawn-env`). */
export function sourceOfRelationship(source: string): TurnRecord['source'] {
	if ((SOURCES as readonly string[]).includes(source)) return source as TurnRecord['source'];
	if (source === 'opencode' || source === 'native-opencode') return 'opencode';
	return 'claude-code';
}

function recordsOf<T>(m: Map<string, Slot<T>>): T[] {
	const out: T[] = [];
	for (const s of m.values()) out.push(s.rec);
	return out;
}

function byPos<T>(m: Map<string, Slot<T>>): T[] {
	return [...m.values()].sort((a, b) => a.pos - b.pos).map((s) => s.rec);
}

/** Order within a session: time (parsed once per turn), then turn index within one log, then ledger position. */
function compareTurnSlots(a: TurnSlot, b: TurnSlot): number {
	const ta = a.ms;
	const tb = b.ms;
	const na = Number.isNaN(ta);
	const nb = Number.isNaN(tb);
	if (na !== nb) return na ? 1 : -1;
	if (!na && ta !== tb) return ta - tb;
	if (a.rec.turnIndex !== b.rec.turnIndex && a.rec.sessionPath === b.rec.sessionPath) {
		return a.rec.turnIndex - b.rec.turnIndex;
	}
	return a.pos - b.pos;
}
