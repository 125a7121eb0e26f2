import {emptyUsage, type Coverage, type Fidelity, type Usage} from '../../core/records.js';
import {num, obj, type Obj} from './json.js';
import type {OcPart} from './types.js';

/** Which token fields the source supplied (presence, not > 0). */
export interface TokenPresence {
	input: boolean;
	output: boolean;
	reasoning: boolean;
	cacheRead: boolean;
	cacheCreate: boolean;
}

export interface MessageUsage {
	usage: Usage;
	present: TokenPresence;
	/** Token fields present but not a non-negative integer (counted as 0). */
	badFields: number;
}

const none = (): TokenPresence => ({input: false, output: false, reasoning: false, cacheRead: false, cacheCreate: false});

function field(v: unknown, acc: {bad: number}): {value: number; present: boolean} {
	if (v === undefined || v === null) return {value: 0, present: false};
	if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return {value: v, present: true};
	acc.bad++;
	return {value: 0, present: true};
}

/**
 * One OpenCode `tokens` object `{total?, input, output, reasoning, cache: {read, write}}` →
 * our Usage.
 *
 * Reasoning. Our ledger counts reasoning inside `output` (as Codex does; `Usage.reasoning` is
 * informational and never priced on its own). OpenCode's own `getUsage`
 * (packages/opencode/src/session) stores `output` WITHOUT reasoning in current versions
 * (`output: outputTokens - reasoningTokens`, reasoning billed at the output rate on top;
 * `tokens.total = input + output + reasoning + cache.read + cache.write`, confirmed on real
 * databases), while older versions stored the AI SDK's `outputTokens` as is, which for
 * OpenAI-style providers already included reasoning (the double count of OpenCode issue
 * #17566). So: when `total` tells which of the two sums holds, follow it; without `total`
 * (older messages) treat reasoning as additive, like current OpenCode and like relayburn's
 * pricing (output + reasoning at the output rate).
 *
 * `input` is uncached input as OpenCode computed it; `cache.write` goes to `cacheCreate5m`
 * (OpenCode does not split cache writes by TTL).
 */
export function tokensToUsage(tokens: Obj | undefined): MessageUsage {
	const acc = {bad: 0};
	const usage = emptyUsage();
	const present = none();
	if (!tokens) return {usage, present, badFields: 0};
	const cache = obj(tokens.cache);
	const input = field(tokens.input, acc);
	const output = field(tokens.output, acc);
	const reasoning = field(tokens.reasoning, acc);
	const read = field(cache?.read, acc);
	const write = field(cache?.write, acc);
	const total = num(tokens.total);
	const base = input.value + output.value + read.value + write.value;
	const included = reasoning.value > 0 && total === base;
	usage.input = input.value;
	usage.output = included ? output.value : output.value + reasoning.value;
	usage.reasoning = reasoning.value;
	usage.cacheRead = read.value;
	usage.cacheCreate5m = write.value;
	present.input = input.present;
	present.output = output.present;
	present.reasoning = reasoning.present;
	present.cacheRead = read.present;
	present.cacheCreate = write.present;
	return {usage, present, badFields: acc.bad};
}

function add(into: MessageUsage, from: MessageUsage): void {
	const a = into.usage;
	const b = from.usage;
	a.input += b.input;
	a.output += b.output;
	a.reasoning += b.reasoning;
	a.cacheRead += b.cacheRead;
	a.cacheCreate5m += b.cacheCreate5m;
	a.cacheCreate1h += b.cacheCreate1h;
	for (const k of Object.keys(into.present) as (keyof TokenPresence)[]) into.present[k] ||= from.present[k];
	into.badFields += from.badFields;
}

/**
 * Usage of one assistant message: its message-level `tokens`. OpenCode overwrites the
 * message-level tokens with each step's usage (`assistantMessage.tokens = usage.tokens` at
 * every `finish-step`, while `cost` accumulates), so a message that ran several model calls
 * carries only the last one. When a message has two or more `step-finish` parts with tokens,
 * their sum is the message's usage; otherwise the message-level tokens are used (the
 * step-finish tokens when the message has none). Coverage: a field counts as supplied when it
 * is present on the message or on any step-finish part.
 */
export function messageUsage(info: Obj, parts: readonly OcPart[]): MessageUsage {
	const steps: MessageUsage[] = [];
	for (const p of parts) {
		if (p.data.type !== 'step-finish') continue;
		const t = obj(p.data.tokens);
		if (t) steps.push(tokensToUsage(t));
	}
	const message = obj(info.tokens);
	let result: MessageUsage;
	if (steps.length >= 2 || (!message && steps.length === 1)) {
		result = {usage: emptyUsage(), present: none(), badFields: 0};
		for (const s of steps) add(result, s);
	} else {
		result = tokensToUsage(message);
		for (const s of steps) {
			for (const k of Object.keys(result.present) as (keyof TokenPresence)[]) result.present[k] ||= s.present[k];
		}
	}
	return result;
}

/** relayburn's fidelity: per-turn; tool calls, events, relationships and content always supported. */
export function fidelityOf(present: TokenPresence): Fidelity {
	const coverage: Coverage = {
		hasInputTokens: present.input,
		hasOutputTokens: present.output,
		hasReasoningTokens: present.reasoning,
		hasCacheReadTokens: present.cacheRead,
		hasCacheCreateTokens: present.cacheCreate,
		hasToolCalls: true,
		hasToolResultEvents: true,
		hasSessionRelationships: true,
		hasRawContent: true,
	};
	const full = present.input && present.output && present.cacheRead;
	return {
		granularity: 'per-turn',
		coverage,
		class: full ? 'full' : present.input && present.output ? 'usage-only' : 'partial',
	};
}
