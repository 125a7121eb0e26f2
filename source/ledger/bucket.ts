import {SOURCES, type LedgerRecord, type RelationshipRecord, type TurnRecord} from '../core/records.js';
import type {Dataset, SessionData, Window} from './dataset.js';
import {parseTs} from '../core/time.js';
import type {Drops} from './copy-drops.js';

/** Which turns a report keeps, beside the window. */
export type TurnFilter = (turn: TurnRecord) => boolean;

interface Slot<T> {
	rec: T;
	pos: number;
}

interface TurnSlot extends Slot<TurnRecord> {
	/** The turn's time (ms), parsed once when the dataset is finished. */
	ms: number;
}

interface Bucket {
	sessionId: string;
	source: TurnRecord['source'];
	firstPos: number;
	turns: Map<string, TurnSlot>;
	userTurns: Map<string, Slot<LedgerRecord['record']>>;
	events: Map<string, Slot<LedgerRecord['record']>>;
	compactions: Map<string, Slot<LedgerRecord['record']>>;
	relationships: Map<string, Slot<RelationshipRecord>>;
	/** Turns dropped because a copy in another session wins: message id → latest version. */
	copies: Map<string, TurnRecord> | null;
}

export function relationshipKey(r: RelationshipRecord): string {
	return `${r.source}|${r.sessionId}|${r.relationshipType}|${r.relatedSessionId ?? ''}|${r.agentId ?? ''}|${r.parentToolUseId ?? ''}`;
}

function timeOf(ts: string | undefined): number {
	if (!ts) return Number.NaN;
	return parseTs(ts);
}

/**
 * Buckets records by session in one pass and keeps, for every record id, the most complete
 * version (Contracts: a turn with the largest output tokens wins, ties go to the one read
 * last), so the result does not depend on the order files or ledger partitions are read in.
 */
export class DatasetBuilder {
	/** By source, then session id (no composite string key per record). */
	private readonly buckets = new Map<string, Map<string, Bucket>>();
	private readonly order: Bucket[] = [];
	private pos = 0;
	private duplicateVersions = 0;
	private drops: Drops | null = null;
	records = 0;
	bytes = 0;

	constructor(
		private readonly window: Window,
		private readonly keepTurn: TurnFilter = () => true,
	) {}

	private bucket(source: TurnRecord['source'], sessionId: string): Bucket {
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
				firstPos: this.pos,
				turns: new Map(),
				userTurns: new Map(),
				events: new Map(),
				compactions: new Map(),
				relationships: new Map(),
				copies: null,
			};
			bySession.set(sessionId, b);
			this.order.push(b);
		}
		return b;
	}

	/** Turns to leave out: a copy of the same response in another session wins (copy-drops.ts). */
	dropCopies(drops: Drops): void {
		this.drops = drops;
	}

	add(entry: LedgerRecord): void {
		this.records++;
		const pos = this.pos++;
		switch (entry.kind) {
			case 'turn': {
				const t = entry.record;
				const b = this.bucket(t.source, t.sessionId);
				if (this.drops !== null && this.drops.get(t.sessionId)?.has(t.messageId)) {
					(b.copies ??= new Map()).set(t.messageId, t);
					return;
				}
				const prev = b.turns.get(t.messageId);
				if (prev) {
					this.duplicateVersions++;
					// A newer reader's version of a record wins (it re-read the same log with corrected
					// rules, e.g. Codex running counters); within one reader version the most complete.
					const pv = prev.rec.rv ?? 0;
					const tv = t.rv ?? 0;
					if (tv < pv || (tv === pv && t.usage.output < prev.rec.usage.output)) return;
					// Keep the original position and turn index: order is stable across versions.
					b.turns.set(t.messageId, {rec: {...t, turnIndex: prev.rec.turnIndex}, pos: prev.pos, ms: 0});
					return;
				}
				b.turns.set(t.messageId, {rec: t, pos, ms: 0});
				return;
			}
			case 'user_turn': {
				const u = entry.record;
				const b = this.bucket(u.source, u.sessionId);
				const prev = b.userTurns.get(u.userUuid);
				if (prev) this.duplicateVersions++;
				if (prev && (prev.rec as typeof u).blocks.length > u.blocks.length) return;
				b.userTurns.set(u.userUuid, {rec: u, pos: prev?.pos ?? pos});
				return;
			}
			case 'tool_result_event': {
				const e = entry.record;
				const b = this.bucket(e.source, e.sessionId);
				const key = `${e.toolUseId}|${e.eventIndex}`;
				if (b.events.has(key)) this.duplicateVersions++;
				b.events.set(key, {rec: e, pos});
				return;
			}
			case 'compaction': {
				const c = entry.record;
				const b = this.bucket(c.source, c.sessionId);
				const key = `${c.ts}|${c.agentId ?? ''}`;
				if (b.compactions.has(key)) this.duplicateVersions++;
				b.compactions.set(key, {rec: c, pos});
				return;
			}
			case 'relationship': {
				const r = entry.record;
				const b = this.bucket(sourceOfRelationship(r.source), r.sessionId);
				const key = relationshipKey(r);
				if (b.relationships.has(key)) {
					this.duplicateVersions++;
					return;
				}
				b.relationships.set(key, {rec: r, pos});
				return;
			}
		}
	}

	finish(): Dataset {
		const since = this.window.since ? Date.parse(this.window.since) : null;
		const until = this.window.until ? Date.parse(this.window.until) : null;
		let undatedTurns = 0;
		const abortedAt: number[] = [];
		let copiesDropped = 0;
		const inWindow = (ms: number): boolean =>
			Number.isNaN(ms) ? since === null && until === null : (since === null || ms >= since) && (until === null || ms <= until);
		const sessions: SessionData[] = [];
		// Buckets are created in first-seen order (firstPos ascending).
		for (const b of this.order) {
			if (b.copies) for (const t of b.copies.values()) if (inWindow(timeOf(t.ts)) && this.keepTurn(t)) copiesDropped++;
			const turns: TurnSlot[] = [];
			for (const slot of b.turns.values()) {
				const t = slot.rec;
				const ms = timeOf(t.ts);
				slot.ms = ms;
				if (Number.isNaN(ms)) {
					if (!t.aborted) undatedTurns++;
					if (since !== null || until !== null) continue;
				} else {
					if (since !== null && ms < since) continue;
					if (until !== null && ms > until) continue;
				}
				if (!this.keepTurn(t)) continue;
				// A response without usage is not a turn (PRODUCT.md Contracts): counted apart,
				// with its time (a narrower window in memory counts its own).
				if (t.aborted) {
					abortedAt.push(ms);
					continue;
				}
				turns.push(slot);
			}
			if (turns.length === 0) continue;
			turns.sort(compareTurnSlots);
			const ordered: TurnRecord[] = new Array(turns.length);
			for (let i = 0; i < turns.length; i++) ordered[i] = turns[i]!.rec;
			sessions.push({
				sessionId: b.sessionId,
				source: b.source,
				turns: ordered,
				// A newer version of a user turn or relationship keeps its first position, and a
				// Map iterates in first-insertion order: these two are in position order already.
				userTurns: recordsOf(b.userTurns) as SessionData['userTurns'],
				toolResultEvents: byPos(b.events) as SessionData['toolResultEvents'],
				compactions: byPos(b.compactions) as SessionData['compactions'],
				relationships: recordsOf(b.relationships),
			});
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
