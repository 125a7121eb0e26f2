/**
 * Running totals turned into deltas (Droid settings, Goose session sums), as Codex's running
 * counters are (docs/codex-counters.md): the state keeps the last totals seen for a session;
 * a new snapshot adds what grew since, and a snapshot below the last one in any count starts
 * a new epoch (the counters were reset) counted whole. The fidelity marks the turns
 * "totals only" (analysis/agent-figures.ts). No I/O.
 */
import type {Fidelity, Usage} from '../core/records.js';
import {fidelityOf} from './emit-turn.js';

export type Totals = Usage;

const KEYS = ['input', 'output', 'reasoning', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'] as const;

/** What the totals grew by since `last` (the whole totals when any count went down). */
export function deltaOf(now: Totals, last: Totals | undefined): {delta: Totals; reset: boolean} {
	if (!last) return {delta: {...now}, reset: false};
	if (KEYS.some((k) => now[k] < last[k])) return {delta: {...now}, reset: true};
	const delta = {...now};
	for (const k of KEYS) delta[k] = now[k] - last[k];
	return {delta, reset: false};
}

/** A stable name for a snapshot: the turn of the delta that ends at it. */
export const snapshotKey = (t: Totals): string => KEYS.map((k) => t[k]).join('.');

/**
 * Totals-only turns: the usage is complete for what it covers, but there are no responses,
 * so no tool calls to pair with results. They count in every total; attribution finds no
 * calls and leaves their cost unattributed (said by the "totals only" mark).
 */
export function totalsFidelity(has: {cacheRead: boolean; cacheCreate: boolean; reasoning: boolean}): Fidelity {
	return fidelityOf('per-session-aggregate', 'aggregate-only', {
		hasReasoningTokens: has.reasoning,
		hasCacheReadTokens: has.cacheRead,
		hasCacheCreateTokens: has.cacheCreate,
		hasSessionRelationships: false,
		hasRawContent: false,
	});
}
