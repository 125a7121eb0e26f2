/**
 * Forked and spawned rollouts start with a copy of their parent's history.
 *
 * `codex fork` (session_meta `forked_from_id`) and spawned agents (session_meta
 * `source.subagent.thread_spawn.parent_thread_id`) write their own session_meta, then the
 * parent's lines (its session_meta, turns, tool calls and token_count events) re-stamped at
 * the fork instant, then their own work. The parent's rollout already counts that history,
 * and Codex seeds the child's token counter with the parent's last total, so counting the
 * copy again would bill the parent's tokens twice.
 *
 * While the gate is armed the reader only follows the running counters (counters.ts; the
 * copy may hold several, e.g. a parent's /review) and emits nothing: the child's spend is
 * what its counter adds after the copy, whether it continues a copied counter or starts
 * a new one from zero. The copy ends at the
 * first line that belongs to the child:
 *  - a line with a `turn_id` that is a UUIDv7 minted at or after the fork instant (turn ids
 *    are minted when the turn runs; every copied turn predates the fork);
 *  - in a rollout whose turn ids are not UUIDv7 (none seen in the copy so far), a line
 *    stamped more than REPLAY_BURST_MS after the fork instant (the copy is written in one
 *    burst, re-stamped; a long copy can take longer, hence turn ids first).
 * The fork instant is the time in the rollout's own UUIDv7 session id, else its
 * session_meta timestamp. A later session_meta with another id (an ancestor's, copied)
 * arms the gate too when the rollout has not done anything yet.
 */

export const REPLAY_BURST_MS = 2000;

/** Milliseconds since the epoch encoded in a UUIDv7, else undefined. */
export function uuid7Ms(id: string | undefined): number | undefined {
	if (!id) return undefined;
	const m = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.exec(id);
	if (!m) return undefined;
	return Number.parseInt(m[1]! + m[2]!, 16);
}

/** The fork instant of a rollout: its UUIDv7 id's time, else its session_meta time. */
export function forkInstant(ownId: string | undefined, metaTs: string | undefined): number {
	const fromId = uuid7Ms(ownId);
	if (fromId !== undefined) return fromId;
	const t = metaTs ? Date.parse(metaTs) : Number.NaN;
	return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export interface ReplayGate {
	forkMs: number;
	/** The copy carries UUIDv7 turn ids: only a turn id can end it. */
	v7?: boolean;
}

/** Whether a line (top type, its turn id, its timestamp) is the child's own work. */
export function endsReplay(gate: ReplayGate, type: string, turnId: string | undefined, ts: string | undefined): boolean {
	if (type === 'session_meta') return false;
	const minted = uuid7Ms(turnId);
	if (minted !== undefined) {
		if (minted >= gate.forkMs) return true;
		gate.v7 = true;
		return false;
	}
	if (gate.v7) return false;
	const t = ts ? Date.parse(ts) : Number.NaN;
	if (Number.isNaN(t)) return false;
	return t > gate.forkMs + REPLAY_BURST_MS;
}
