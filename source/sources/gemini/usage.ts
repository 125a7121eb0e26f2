import type {Usage} from '../../core/records.js';

/** A usage field: a non-negative integer, else 0 (and counted as a bad field when present). */
export function tokenField(v: unknown, bad: {n: number}): number {
	if (v === undefined || v === null) return 0;
	if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
	bad.n++;
	return 0;
}

/**
 * Gemini CLI's `tokens {input, output, cached, thoughts, tool, total}` (the API's
 * usageMetadata) as our Usage (docs/agents.md):
 * - `input` counts the prompt WITH its cached part, so uncached input = input − cached;
 *   `tool` (server-side tool prompt) is prompt outside `input`, so it is added;
 * - `thoughts` are billed on top of `output` by Gemini: our `output` includes them
 *   (every source's `output` includes reasoning, pricing.ts), `reasoning` says how many.
 */
export function geminiUsage(tokens: Record<string, unknown>, bad: {n: number}): Usage {
	const input = tokenField(tokens.input, bad);
	const cached = tokenField(tokens.cached, bad);
	const output = tokenField(tokens.output, bad);
	const thoughts = tokenField(tokens.thoughts, bad);
	const tool = tokenField(tokens.tool, bad);
	const cacheRead = Math.min(cached, input);
	return {input: input - cacheRead + tool, output: output + thoughts, reasoning: thoughts, cacheRead, cacheCreate5m: 0, cacheCreate1h: 0};
}
