/**
 * What some agents say about their own figures, per session (docs/agents.md):
 * - `agentCost`: the agent's own cost of the session's analysed responses (pi logs one per
 *   response), kept beside ours; `agentCostDiffers` when the two differ by more than 1 %.
 * - `partial`: some responses have output tokens but no input or cache figures (Copilot CLI
 *   runs that ended without a shutdown summary): the session's tokens and cost are lower bounds.
 * - `totalsOnly`: the agent logs only running session totals (Amp ledgers, Factory Droid,
 *   Goose), turned into deltas: per-response figures are differences of totals.
 * Pure: no I/O.
 */
import type {GatedTurn} from './prepare.js';

/** Relative difference above which the agent's own cost is said to disagree with ours. */
export const AGENT_COST_TOLERANCE = 0.01;

export interface AgentFigures {
	agentCost?: number;
	agentCostDiffers?: boolean;
	/** Why the figures are partial, in words. */
	partial?: string;
	totalsOnly?: boolean;
}

export function agentFigures(turns: readonly GatedTurn[], ours: number | null): AgentFigures {
	let agent = 0;
	let withAgent = 0;
	let analysed = 0;
	let noInput = 0;
	let totalsOnly = false;
	for (const p of turns) {
		if (!p.eligible) continue;
		analysed++;
		const t = p.turn;
		if (typeof t.agentCost === 'number') {
			agent += t.agentCost;
			withAgent++;
		}
		const f = t.fidelity;
		if (f?.coverage && f.coverage.hasInputTokens === false && f.coverage.hasOutputTokens === true) noInput++;
		if (f?.granularity === 'per-session-aggregate') totalsOnly = true;
	}
	const out: AgentFigures = {};
	if (withAgent > 0) {
		out.agentCost = agent;
		if (agentCostDiffers(ours, agent)) out.agentCostDiffers = true;
	}
	if (noInput > 0) out.partial = `input and cache tokens not logged for ${noInput} of ${analysed} responses`;
	if (totalsOnly) out.totalsOnly = true;
	return out;
}

/** Ours and the agent's cost differ by more than the tolerance (relative to the larger). */
export function agentCostDiffers(ours: number | null, agent: number): boolean {
	const o = ours ?? 0;
	const big = Math.max(Math.abs(o), Math.abs(agent));
	if (big === 0) return false;
	return Math.abs(o - agent) / big > AGENT_COST_TOLERANCE;
}
