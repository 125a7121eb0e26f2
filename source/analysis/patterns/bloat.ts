/**
 * Tool-output bloat (hotspots-model.md §4.3).
 * - Configured: a Claude Code settings file whose `env.BASH_MAX_OUTPUT_LENGTH` lets one Bash
 *   result exceed the threshold (chars/4 tokens).
 * - Observed: tool results, in every source, above the threshold: max(15,000 tokens, the p95
 *   of all sized results when there are at least 20). A result's size is the larger of its
 *   token estimate and chars/4 (so an 80,000-character result is oversized, as the same
 *   limit in a settings file would be). Each oversized result claims what it cost
 *   (attribution: where it was paid, and its riding in later cache reads); the savings are
 *   the share above the threshold.
 */
import type {SourceKind} from '../../core/records.js';
import type {Inventory} from '../../sources/inventory.js';
import {callClaims, unionCost, type Claim} from './claims.js';
import type {CallInfo, SessionCtx} from './context.js';
import type {Detected} from './detected.js';
import type {BloatSessionRef, ToolOutputBloat} from './types.js';

export const BLOAT_THRESHOLD_TOKENS = 15_000;
const P95_MIN_SAMPLES = 20;
export const UNKNOWN_TOOL = '<unknown>';

export interface SizedResult {
	ctx: SessionCtx;
	toolUseId: string;
	call?: CallInfo;
	threadId: string;
	messageId?: string;
	source: SourceKind;
	toolName: string;
	/** max(token estimate, ceil(chars/4)). */
	tokens: number;
}

/** A session's oversized results of one tool in one thread (a finding). */
export interface BloatHit extends BloatSessionRef {
	source: SourceKind;
	toolName: string;
	thresholdTokens: number;
}

const tok = (bytes: number | undefined): number => (typeof bytes === 'number' && bytes > 0 ? Math.ceil(bytes / 4) : 0);

/** Every tool result of the session's in-window calls with a known size (one per call). */
/** Memoised per session context (kept across live merges for unchanged sessions). */
const sizedMemo = new WeakMap<SessionCtx, SizedResult[]>();

export function sizedResults(ctx: SessionCtx): SizedResult[] {
	let r = sizedMemo.get(ctx);
	if (!r) {
		r = computeSized(ctx);
		sizedMemo.set(ctx, r);
	}
	return r;
}

function computeSized(ctx: SessionCtx): SizedResult[] {
	const sizes = new Map<string, {tokens: number; messageId?: string}>();
	for (const u of ctx.userTurns) {
		for (const b of u.blocks) {
			if (b.kind !== 'tool_result' || !b.toolUseId) continue;
			const tokens = Math.max(b.approxTokens > 0 ? b.approxTokens : 0, tok(b.byteLen));
			if (tokens <= 0) continue;
			const anchor = u.precedingMessageId ?? u.followingMessageId;
			sizes.set(b.toolUseId, {tokens, ...(anchor ? {messageId: anchor} : {})});
		}
	}
	for (const e of ctx.events) {
		if (sizes.has(e.toolUseId)) continue;
		const side = ctx.sizes.get(e.toolUseId) ?? 0;
		const tokens = Math.max(side, tok(e.contentLength));
		if (tokens > 0) sizes.set(e.toolUseId, {tokens});
	}
	const out: SizedResult[] = [];
	for (const [toolUseId, s] of sizes) {
		const call = ctx.calls.get(toolUseId);
		if (call) {
			out.push({ctx, toolUseId, call, threadId: call.turn.threadId, messageId: call.turn.turn.messageId, source: call.turn.turn.source, toolName: call.tool.display, tokens: s.tokens});
			continue;
		}
		// A result whose call is not in the window: counted only when it sits next to a turn that is.
		const near = s.messageId ? ctx.byMessage.get(s.messageId) : undefined;
		if (!near) continue;
		out.push({ctx, toolUseId, threadId: near.threadId, source: near.turn.source, toolName: UNKNOWN_TOOL, tokens: s.tokens});
	}
	return out;
}

/** Nearest-rank p95 of at least 20 values, else null. */
export function p95(values: number[]): number | null {
	if (values.length < P95_MIN_SAMPLES) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

export interface BloatResult {
	rows: ToolOutputBloat[];
	hits: Detected<BloatHit>[];
}

export function detectObservedBloat(results: SizedResult[], base = BLOAT_THRESHOLD_TOKENS): BloatResult {
	const p = p95(results.map((r) => r.tokens));
	const threshold = Math.max(base, p ?? 0);
	const over = results.filter((r) => r.tokens > threshold);
	const groups = new Map<string, SizedResult[]>();
	for (const r of over) {
		const key = `${r.ctx.sessionId}\u0000${r.threadId}\u0000${r.source}\u0000${r.toolName}`;
		const list = groups.get(key) ?? [];
		list.push(r);
		groups.set(key, list);
	}
	const hits: Detected<BloatHit>[] = [];
	for (const list of groups.values()) {
		const ctx = list[0]!.ctx;
		const claims: Claim[] = [];
		let savings = 0;
		for (const r of list) {
			if (!r.call) continue;
			const own = callClaims(ctx, r.call, {init: true, ride: true});
			claims.push(...own);
			savings += (unionCost(ctx, own) * (r.tokens - threshold)) / r.tokens;
		}
		const row: BloatHit = {
			sessionId: ctx.sessionId,
			threadId: list[0]!.threadId,
			source: list[0]!.source,
			toolName: list[0]!.toolName,
			thresholdTokens: threshold,
			count: list.length,
			maxTokens: Math.max(...list.map((r) => r.tokens)),
			cost: unionCost(ctx, claims),
			savings,
			toolUseIds: list.map((r) => r.toolUseId),
			turns: [...new Set(list.flatMap((r) => (r.messageId ? [r.messageId] : [])))],
		};
		hits.push({row, ctx, claims});
	}
	const buckets = new Map<string, ToolOutputBloat>();
	for (const h of hits) {
		const key = `${h.row.source}\u0000${h.row.toolName}`;
		let b = buckets.get(key);
		if (!b) {
			b = {source: h.row.source, kind: 'observed-bloat', toolName: h.row.toolName, evidencedMaxOutput: 0, evidencedP95Output: p, occurrenceCount: 0, cost: 0, evidence: [], thresholdTokens: threshold, sessions: []};
			buckets.set(key, b);
		}
		b.evidencedMaxOutput = Math.max(b.evidencedMaxOutput, h.row.maxTokens);
		b.occurrenceCount += h.row.count;
		b.cost += h.row.cost;
		if (!b.evidence.includes(h.row.sessionId)) b.evidence.push(h.row.sessionId);
		const {source: _s, toolName: _t, thresholdTokens: _th, ...ref} = h.row;
		b.sessions!.push(ref);
	}
	const rows = [...buckets.values()];
	for (const r of rows) r.evidence.sort();
	rows.sort((a, b) => b.cost - a.cost || b.evidencedMaxOutput - a.evidencedMaxOutput);
	return {rows, hits};
}

/** Settings files whose BASH_MAX_OUTPUT_LENGTH allows a Bash result above the threshold. */
export function detectConfiguredBloat(inventory: Inventory | undefined, base = BLOAT_THRESHOLD_TOKENS): ToolOutputBloat[] {
	const rows: ToolOutputBloat[] = [];
	for (const s of inventory?.bashOutputSettings ?? []) {
		const tokens = Math.ceil(s.chars / 4);
		if (tokens <= base) continue;
		rows.push({
			source: 'claude-code',
			kind: 'static-config',
			toolName: 'Bash',
			configuredLimit: s.chars,
			evidencedMaxOutput: tokens,
			evidencedP95Output: null,
			occurrenceCount: 1,
			cost: 0,
			evidence: [s.path],
			thresholdTokens: base,
		});
	}
	return rows;
}
