/**
 * pi's per-response usage (one assistant message = one API response, not cumulative):
 * `usage {input, output, cacheRead, cacheWrite, totalTokens?, reasoning?, cost {total}}`.
 * `input` is uncached for every provider except pi's `google` and `google-vertex` adapters,
 * which store Gemini's cache-inclusive prompt count (trap P2): there `input − cacheRead` is
 * the uncached input when the total shows the cache was not added on top. No I/O.
 */
import {emptyUsage, type SkipCounts, type Usage} from '../../core/records.js';
import {isObject, type Json} from '../claude/line.js';
import {tokenCount} from '../emit-turn.js';

/** A non-negative integer count; anything else is 0 and counted as a bad field. */
const CACHE_INCLUSIVE = new Set(['google', 'google-vertex']);

export interface PiUsage {
	usage: Usage;
	/** pi's own cost of the response in USD (`usage.cost.total`), when given. */
	agentCost?: number;
}

export function readPiUsage(raw: unknown, provider: string | undefined, skips: SkipCounts): PiUsage {
	const usage = emptyUsage();
	if (!isObject(raw)) return {usage};
	const u = raw as Json;
	usage.input = tokenCount(u.input, skips);
	usage.output = tokenCount(u.output, skips);
	usage.cacheRead = tokenCount(u.cacheRead, skips);
	usage.cacheCreate5m = tokenCount(u.cacheWrite, skips);
	// Later pi releases add a reasoning count: informational, already inside output.
	usage.reasoning = tokenCount(u.reasoning, skips);
	const total = typeof u.totalTokens === 'number' ? u.totalTokens : undefined;
	if (provider && CACHE_INCLUSIVE.has(provider) && usage.cacheRead > 0 && usage.input >= usage.cacheRead) {
		// Cache inside input: the total is input + output (not input + output + cacheRead).
		const inclusive = total === undefined || Math.abs(total - (usage.input + usage.output)) <= Math.abs(total - (usage.input + usage.output + usage.cacheRead));
		if (inclusive) usage.input -= usage.cacheRead;
	}
	const cost = isObject(u.cost) ? (u.cost as Json).total : undefined;
	const out: PiUsage = {usage};
	if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) out.agentCost = cost;
	return out;
}
