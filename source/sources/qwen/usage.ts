import type {Usage} from '../../core/records.js';
import {tokenField} from '../gemini/usage.js';

/**
 * Qwen Code's `usageMetadata` (Gemini field names over OpenAI-compatible numbers,
 * docs/agents.md#qwen-code): `promptTokenCount` includes the cached tokens,
 * `candidatesTokenCount` includes the reasoning (`thoughtsTokenCount`).
 */
export function qwenUsage(u: Record<string, unknown>, bad: {n: number}): Usage {
	const prompt = tokenField(u.promptTokenCount, bad);
	const cached = Math.min(tokenField(u.cachedContentTokenCount, bad), prompt);
	const output = tokenField(u.candidatesTokenCount, bad);
	const thoughts = tokenField(u.thoughtsTokenCount, bad);
	return {input: prompt - cached, output, reasoning: Math.min(thoughts, output), cacheRead: cached, cacheCreate5m: 0, cacheCreate1h: 0};
}

/** The same call as a `qwen-code.api_response` telemetry event (`*_token_count` fields). */
export function telemetryUsage(e: Record<string, unknown>, bad: {n: number}): Usage {
	return qwenUsage(
		{
			promptTokenCount: e.input_token_count,
			candidatesTokenCount: e.output_token_count,
			cachedContentTokenCount: e.cached_content_token_count,
			thoughtsTokenCount: e.thoughts_token_count,
		},
		bad,
	);
}

/** Identifies one API call's numbers: a telemetry event and its assistant record share them. */
export const usageSignature = (u: Usage): string => `${u.input}/${u.cacheRead}/${u.output}`;
