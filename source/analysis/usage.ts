import type {SourceKind, Usage} from '../core/records.js';
import {REASONING_BILLED_ON_TOP} from './pricing.js';

/**
 * A running sum of usage, with the keys of a Usage record in the same order (it serialises
 * the same). A class rather than `emptyUsage()`: its objects have hidden classes of their own,
 * so writing sums into them never changes the layout that the ledger's usage records share
 * (which would send every compiled function that reads usage back to the interpreter).
 */
export class UsageSum implements Usage {
	input = 0;
	output = 0;
	reasoning = 0;
	cacheRead = 0;
	cacheCreate5m = 0;
	cacheCreate1h = 0;
}

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
