import type {TurnRecord} from '../core/records.js';
import type {TailEntry} from './ledger-tail.js';

/** A response with no new version for this long is complete. */
export const QUIET_MS = 2000;

interface Pending {
	turn: TurnRecord;
	lastSeenMs: number;
}

export const threadOf = (t: TurnRecord): string => t.subagent?.agentId ?? (t.subagent?.isSidechain ? 'sidechain' : 'main');
const keyOf = (t: {sessionId: string; messageId: string; requestId?: string}) => `${t.sessionId}\u0000${t.messageId}\u0000${t.requestId ?? ''}`;

/**
 * Turns a stream of ledger record versions into complete turns, each given once. A Claude
 * response is written over several log lines (one per content block) and often never gets a
 * stop reason, so the ledger may hold several versions of it. A response is complete when
 * its thread's next response or the user line that follows it arrives, or after QUIET_MS
 * without a new version. The most complete version wins (largest output; ties: the later).
 * Versions arriving after the turn was given are ignored here (the ledger keeps them).
 */
export class TurnAssembler {
	private readonly pending = new Map<string, Pending>();
	private readonly given = new Set<string>();

	/** Feeds new ledger entries; returns the turns they complete, oldest first. */
	push(entries: TailEntry[], nowMs: number): TurnRecord[] {
		const out: TurnRecord[] = [];
		for (const e of entries) {
			if (e.kind === 'user_turn') {
				const prev = e.record.precedingMessageId;
				if (!prev) continue;
				for (const [key, p] of this.pending) {
					if (p.turn.sessionId === e.record.sessionId && p.turn.messageId === prev) this.complete(key, out);
				}
				continue;
			}
			const t = e.record;
			if (t.aborted) continue;
			const key = keyOf(t);
			if (this.given.has(key)) continue;
			const p = this.pending.get(key);
			if (p) {
				if (t.usage.output >= p.turn.usage.output) p.turn = t;
				p.lastSeenMs = nowMs;
				continue;
			}
			// The thread's next response: the previous one is complete.
			for (const [k, q] of this.pending) {
				if (q.turn.sessionId === t.sessionId && threadOf(q.turn) === threadOf(t)) this.complete(k, out);
			}
			this.pending.set(key, {turn: t, lastSeenMs: nowMs});
		}
		return out;
	}

	/** The pending turns quiet for QUIET_MS (or all of them with `all`). */
	flush(nowMs: number, all = false): TurnRecord[] {
		const out: TurnRecord[] = [];
		for (const [key, p] of this.pending) if (all || nowMs - p.lastSeenMs >= QUIET_MS) this.complete(key, out);
		return out;
	}

	get waiting(): number {
		return this.pending.size;
	}

	/** Gives a pending turn (once: later versions of it are ignored). */
	private complete(key: string, out: TurnRecord[]): void {
		const p = this.pending.get(key);
		if (!p) return;
		this.pending.delete(key);
		this.given.add(key);
		out.push(p.turn);
	}
}
