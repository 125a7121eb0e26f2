import type {LedgerRecord} from '../core/records.js';
import {parseTs} from '../core/time.js';

/**
 * What the copy index (copies.ts) learns from the records of one read: every Claude response
 * that can be copied into another session (its key is `message.id` + `requestId`, both
 * present), and the latest activity of each Claude session seen.
 */
export interface CopyObservations {
	/** `[messageId, requestId, sessionId, output tokens, ts]` per Claude turn with a requestId. */
	keys: Array<[string, string, string, number, string]>;
	/** Latest turn time (ISO) per Claude session. */
	last: Record<string, string>;
}

/**
 * Sources whose responses can be copied into another session with their key (Claude resume
 * and fork; Qwen Code `/branch`, Kimi CLI `/fork`, pi `/fork`/`/tree`: their readers set `requestId`).
 */
export const COPY_SOURCES: ReadonlySet<string> = new Set(['claude-code', 'qwen', 'kimi', 'pi']);

/** Separates message id and request id in a response key. */
export const KEY_SEP = '\n';

export const emptyObservations = (): CopyObservations => ({keys: [], last: {}});

/** Adds the copyable responses and session activity of `records` to `into`. */
export function observeRecords(records: readonly LedgerRecord[], into: CopyObservations = emptyObservations()): CopyObservations {
	for (const r of records) {
		if (r.kind !== 'turn') continue;
		observeTurn(r.record, into);
	}
	return into;
}

/** One turn record (any source: only those of COPY_SOURCES count). */
export function observeTurn(
	t: {source: string; sessionId: string; messageId: string; requestId?: string; ts: string; usage: {output: number}},
	into: CopyObservations,
): void {
	if (!COPY_SOURCES.has(t.source)) return;
	if (t.ts && !Number.isNaN(parseTs(t.ts))) {
		const prev = into.last[t.sessionId];
		if (prev === undefined || laterTs(t.ts, prev)) into.last[t.sessionId] = t.ts;
	}
	if (typeof t.requestId === 'string' && t.requestId && t.messageId) {
		const out = Number.isFinite(t.usage?.output) ? t.usage.output : 0;
		into.keys.push([t.messageId, t.requestId, t.sessionId, out, t.ts ?? '']);
	}
}

/** Milliseconds of a timestamp; +Infinity when absent or unparsable (unknown = latest). */
export function tsMs(ts: string | undefined): number {
	if (!ts) return Number.POSITIVE_INFINITY;
	const ms = parseTs(ts);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** `a` is strictly later than `b` (unknown times are never later than a known one). */
export function laterTs(a: string, b: string): boolean {
	const ma = tsMs(a);
	const mb = tsMs(b);
	if (ma === Number.POSITIVE_INFINITY) return false;
	return mb === Number.POSITIVE_INFINITY || ma > mb;
}
