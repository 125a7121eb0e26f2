import type {Coverage, Fidelity, FidelityClass, SkipCounts, Usage} from '../../core/records.js';
import {emptyUsage} from '../../core/records.js';
import {obj, type Json} from './line.js';

/** Which token fields a usage object supplied (presence of a valid value). */
export interface TokenFlags {
	input: boolean;
	output: boolean;
	cacheRead: boolean;
	cacheCreate: boolean;
}

export const noFlags = (): TokenFlags => ({input: false, output: false, cacheRead: false, cacheCreate: false});

/**
 * Reads one token field. Absent → undefined. Present but not a non-negative integer → 0,
 * counted in skips.badFields (the rest of the record still counts).
 */
function field(o: Json, key: string, skips: SkipCounts): number | undefined {
	if (!(key in o)) return undefined;
	const v = o[key];
	if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
	skips.badFields++;
	return 0;
}

/** Claude `message.usage` → Usage (data-formats §3.4). */
export function readUsage(u: Json, skips: SkipCounts): {usage: Usage; flags: TokenFlags} {
	const usage = emptyUsage();
	const flags = noFlags();
	const input = field(u, 'input_tokens', skips);
	const output = field(u, 'output_tokens', skips);
	const cacheRead = field(u, 'cache_read_input_tokens', skips);
	const flat = field(u, 'cache_creation_input_tokens', skips);
	let m5: number | undefined;
	let h1: number | undefined;
	if (u.cache_creation !== undefined && u.cache_creation !== null) {
		const cc = obj(u.cache_creation);
		if (cc) {
			m5 = field(cc, 'ephemeral_5m_input_tokens', skips);
			h1 = field(cc, 'ephemeral_1h_input_tokens', skips);
		} else skips.badFields++;
	}
	usage.input = input ?? 0;
	usage.output = output ?? 0;
	usage.cacheRead = cacheRead ?? 0;
	usage.cacheCreate5m = m5 ?? 0;
	usage.cacheCreate1h = h1 ?? 0;
	if (usage.cacheCreate5m === 0 && usage.cacheCreate1h === 0 && (flat ?? 0) > 0) usage.cacheCreate5m = flat ?? 0;
	flags.input = input !== undefined;
	flags.output = output !== undefined;
	flags.cacheRead = cacheRead !== undefined;
	flags.cacheCreate = flat !== undefined || m5 !== undefined || h1 !== undefined;
	return {usage, flags};
}

function classOf(c: Coverage): FidelityClass {
	if (c.hasInputTokens && c.hasOutputTokens && c.hasCacheReadTokens && c.hasToolCalls && c.hasToolResultEvents && c.hasSessionRelationships) {
		return 'full';
	}
	if (c.hasInputTokens && c.hasOutputTokens) return 'usage-only';
	return 'partial';
}

/** Fidelity of a Claude turn (§1.7): token flags by presence, capability flags always on. */
export function fidelityOf(flags: TokenFlags, rawContent: boolean): Fidelity {
	const coverage: Coverage = {
		hasInputTokens: flags.input,
		hasOutputTokens: flags.output,
		hasReasoningTokens: false,
		hasCacheReadTokens: flags.cacheRead,
		hasCacheCreateTokens: flags.cacheCreate,
		hasToolCalls: true,
		hasToolResultEvents: true,
		hasSessionRelationships: true,
		hasRawContent: rawContent,
	};
	return {granularity: 'per-turn', coverage, class: classOf(coverage)};
}

/** Token flags as bits (input 1, output 2, cacheRead 4, cacheCreate 8), for the reader state. */
export function packFlags(f: TokenFlags): number {
	return (f.input ? 1 : 0) | (f.output ? 2 : 0) | (f.cacheRead ? 4 : 0) | (f.cacheCreate ? 8 : 0);
}

export function unpackFlags(n: number): TokenFlags {
	return {input: (n & 1) !== 0, output: (n & 2) !== 0, cacheRead: (n & 4) !== 0, cacheCreate: (n & 8) !== 0};
}

export function orFlags(a: TokenFlags, b: TokenFlags): TokenFlags {
	return {input: a.input || b.input, output: a.output || b.output, cacheRead: a.cacheRead || b.cacheRead, cacheCreate: a.cacheCreate || b.cacheCreate};
}
