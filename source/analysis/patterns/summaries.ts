/**
 * Session summaries (hotspots-model.md §4.4), with our cost rule: `totalPatternCost` is the
 * union of the claims of the session's waste rows (retry loops, failure runs, cancellations,
 * compactions, reverts, the OpenCode detectors and oversized tool output), each dollar
 * counted once and never more than the session cost. Edit-heavy sessions, tool-call patterns,
 * ghosts and unpriced usage are advice or machine-wide, and not part of it.
 */
import {unionCost, type Claim} from './claims.js';
import type {SessionCtx} from './context.js';
import type {Detected} from './detected.js';
import type {SessionSummary} from './types.js';

export interface SummaryInput {
	retryLoops: Detected<{attempts: number}>[];
	failureRuns: Detected<{length: number}>[];
	cancelledRuns: Detected<unknown>[];
	compactions: Detected<unknown>[];
	editReverts: Detected<unknown>[];
	skillRecallDups: Detected<unknown>[];
	skillPruningProtection: Detected<unknown>[];
	systemPromptTaxes: Detected<unknown>[];
	editHeavySessions: Detected<unknown>[];
	bloatHits: Detected<unknown>[];
}

type Counter = Exclude<keyof SessionSummary, 'sessionId' | 'source' | 'cost' | 'totalPatternCost'>;

export function sessionSummaries(input: SummaryInput): SessionSummary[] {
	const by = new Map<SessionCtx, {s: SessionSummary; claims: Claim[]}>();
	const entry = (ctx: SessionCtx) => {
		let e = by.get(ctx);
		if (!e) {
			e = {
				s: {
					sessionId: ctx.sessionId,
					source: ctx.source,
					cost: ctx.cost,
					retryLoopCount: 0,
					failureRunCount: 0,
					cancellationRunCount: 0,
					consecutiveFailureMax: 0,
					compactionCount: 0,
					editRevertCount: 0,
					skillRecallDupCount: 0,
					skillPruningProtectionCount: 0,
					systemPromptTaxCount: 0,
					editHeavyCount: 0,
					toolOutputBloatCount: 0,
					totalRetries: 0,
					totalPatternCost: 0,
				},
				claims: [],
			};
			by.set(ctx, e);
		}
		return e;
	};
	const count = (list: Detected<unknown>[], field: Counter, inTotal = true): void => {
		for (const d of list) {
			const e = entry(d.ctx);
			e.s[field]++;
			if (inTotal) e.claims.push(...d.claims);
		}
	};
	count(input.retryLoops, 'retryLoopCount');
	for (const d of input.retryLoops) entry(d.ctx).s.totalRetries += d.row.attempts;
	count(input.failureRuns, 'failureRunCount');
	for (const d of input.failureRuns) {
		const e = entry(d.ctx);
		e.s.consecutiveFailureMax = Math.max(e.s.consecutiveFailureMax, d.row.length);
	}
	count(input.cancelledRuns, 'cancellationRunCount');
	count(input.compactions, 'compactionCount');
	count(input.editReverts, 'editRevertCount');
	count(input.skillRecallDups, 'skillRecallDupCount');
	count(input.skillPruningProtection, 'skillPruningProtectionCount');
	count(input.systemPromptTaxes, 'systemPromptTaxCount');
	count(input.editHeavySessions, 'editHeavyCount', false);
	count(input.bloatHits, 'toolOutputBloatCount');
	const out: SessionSummary[] = [];
	for (const [ctx, e] of by) {
		// Bounded by the session cost by construction (claims.ts): no clamp hides a bug here.
		e.s.totalPatternCost = unionCost(ctx, e.claims);
		out.push(e.s);
	}
	return out.sort((a, b) => b.totalPatternCost - a.totalPatternCost);
}
