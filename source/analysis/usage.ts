import type {SourceKind, Usage} from '../core/records.js';
import {REASONING_BILLED_ON_TOP} from './pricing.js';

export function addUsage(into: Usage, from: Usage): Usage {
	into.input += from.input;
	into.output += from.output;
	into.reasoning += from.reasoning;
	into.cacheRead += from.cacheRead;
	into.cacheCreate5m += from.cacheCreate5m;
	into.cacheCreate1h += from.cacheCreate1h;
	return into;
}

/** What a request sent as input (input + cache read + cache writes): selects long-context prices. */
export const requestTokens = (u: Usage): number => u.input + u.cacheRead + u.cacheCreate5m + u.cacheCreate1h;

/** All tokens a turn moved, each counted once (Codex reasoning is already part of output). */
export function tokensOf(u: Usage, source: SourceKind): number {
	return u.input + u.output + u.cacheRead + u.cacheCreate5m + u.cacheCreate1h + (REASONING_BILLED_ON_TOP[source] ? u.reasoning : 0);
}
