/**
 * Copilot CLI's per-run usage summary (`session.shutdown.data.modelMetrics`), turned into the
 * tokens of one run (docs/agents.md, "GitHub Copilot CLI"). The summary's meaning changed
 * between versions: some builds write each run's own counts, others running totals across
 * resumed runs, and a compaction resets them. The rule, per summary:
 * - when the summary's output equals the sum of the run's own `assistant.message` outputs,
 *   it covers that run alone: taken whole;
 * - otherwise, per model, the difference from the previous summary when no count went down
 *   (a running total), else taken whole (counters were reset: a new epoch).
 * `inputTokens` includes cache reads and writes; uncached input = input − read − write.
 * No I/O.
 */
import type {SkipCounts} from '../../core/records.js';
import {isObject, type Json} from '../claude/line.js';
import {tokenCount} from '../emit-turn.js';

export interface ModelCounts {
	input: number;
	output: number;
	cacheRead: number;
	cacheWrite: number;
	reasoning: number;
}

export type Rollup = Record<string, ModelCounts>;

/** `modelMetrics` as counts per model (cache-inclusive input, as logged). */
export function readRollup(metrics: unknown, skips: SkipCounts): Rollup {
	const out: Rollup = {};
	if (!isObject(metrics)) return out;
	for (const [model, m] of Object.entries(metrics)) {
		const u = isObject(m) && isObject((m as Json).usage) ? ((m as Json).usage as Json) : undefined;
		if (!u) continue;
		out[model] = {
			input: tokenCount(u.inputTokens, skips),
			output: tokenCount(u.outputTokens, skips),
			cacheRead: tokenCount(u.cacheReadTokens, skips),
			cacheWrite: tokenCount(u.cacheWriteTokens, skips),
			reasoning: tokenCount(u.reasoningTokens, skips),
		};
	}
	return out;
}

const KEYS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'] as const;

/**
 * The run's own counts per model from its summary, the previous summary, and the sum of the
 * run's message outputs. `perRun` tells which reading was taken.
 */
export function runCounts(rollup: Rollup, previous: Rollup | undefined, runOutput: number): {counts: Rollup; perRun: boolean} {
	const total = Object.values(rollup).reduce((n, c) => n + c.output, 0);
	if (!previous || (runOutput > 0 && total === runOutput)) return {counts: rollup, perRun: true};
	const counts: Rollup = {};
	for (const [model, c] of Object.entries(rollup)) {
		const p = previous[model];
		const grew = p !== undefined && KEYS.every((k) => c[k] >= p[k]);
		counts[model] = grew ? {input: c.input - p.input, output: c.output - p.output, cacheRead: c.cacheRead - p.cacheRead, cacheWrite: c.cacheWrite - p.cacheWrite, reasoning: c.reasoning - p.reasoning} : {...c};
	}
	return {counts, perRun: false};
}

/** Uncached input of cache-inclusive counts. */
export const uncachedInput = (c: ModelCounts): number => Math.max(0, c.input - c.cacheRead - c.cacheWrite);
