/**
 * Notice lines about the agents' own figures (analysis/agent-figures.ts): sessions whose
 * agent-reported cost disagrees with ours by more than 1 %, sessions with partial figures,
 * sessions that only have running totals. Plain strings for the text report and the UI.
 */
import {AGENT_COST_TOLERANCE} from '../analysis/agent-figures.js';
import type {SessionRow} from '../analysis/report-types.js';
import {fmtUsd, plural, shortId} from './format.js';

const sessions = (n: number): string => plural(n, 'session');
const sourcesOf = (rows: readonly SessionRow[]): string => [...new Set(rows.map((r) => r.source))].sort().join(', ');

export function agentNoticeLines(rows: readonly SessionRow[]): string[] {
	const out: string[] = [];
	const differ = rows.filter((r) => r.agentCostDiffers);
	if (differ.length > 0) {
		const pct = `${Math.round(AGENT_COST_TOLERANCE * 100)}%`;
		const first = differ[0]!;
		const eg = `${shortId(first.sessionId)}: ours ${fmtUsd(first.cost ?? 0)}, the agent's ${fmtUsd(first.agentCost ?? 0)}`;
		out.push(`agent's own cost differs from ours by more than ${pct} in ${sessions(differ.length)} (${sourcesOf(differ)}; e.g. ${eg}): see agentCost in --json`);
	}
	const partial = rows.filter((r) => r.partial);
	if (partial.length > 0) {
		out.push(`partial: ${sessions(partial.length)} (${sourcesOf(partial)}) ${partial.length === 1 ? 'lacks' : 'lack'} input and cache tokens for some responses (no usage summary was written); their tokens and cost are lower bounds`);
	}
	const totals = rows.filter((r) => r.totalsOnly);
	if (totals.length > 0) {
		out.push(`totals only: ${sessions(totals.length)} (${sourcesOf(totals)}) ${totals.length === 1 ? 'logs' : 'log'} only running totals, not per-response usage: turns are differences of totals, and their cost is not attributed to tools`);
	}
	return out;
}
