/**
 * The OpenCode detectors (hotspots-model.md §4.3), per thread:
 * - skill recall: the same skill loaded twice or more (its content is not deduplicated);
 *   claims the repeat loads.
 * - skill pruning protection: a loaded skill keeps riding in the cache of every later turn;
 *   claims the skill result's riding cost.
 * - system-prompt tax: the fixed prefix (system prompt + skill catalog) estimated as the
 *   first turn's cache writes minus the first user message, riding in every later turn;
 *   claims that many tokens at each riding turn's cache-read rate.
 */
import {callClaims, callsClaims, unionCost, type Claim} from './claims.js';
import type {CallInfo, SessionCtx, TurnInfo} from './context.js';
import type {Detected} from './detected.js';
import type {SkillPruningProtection, SkillRecallDup, SystemPromptTax} from './types.js';

function skillCalls(ctx: SessionCtx, turns: TurnInfo[]): CallInfo[] {
	const out: CallInfo[] = [];
	for (const t of turns) {
		if (t.turn.source !== 'opencode') continue;
		for (const c of t.turn.toolCalls) {
			if (c.name.toLowerCase() !== 'skill' || !c.skillName) continue;
			const info = ctx.calls.get(c.id);
			if (info) out.push(info);
		}
	}
	return out;
}

export function detectSkillRecall(ctx: SessionCtx, thread: TurnInfo[], out: Detected<SkillRecallDup>[]): void {
	const byName = new Map<string, CallInfo[]>();
	for (const c of skillCalls(ctx, thread)) {
		const list = byName.get(c.call.skillName!) ?? [];
		list.push(c);
		byName.set(c.call.skillName!, list);
	}
	for (const [skillName, calls] of byName) {
		if (calls.length < 2) continue;
		const claims = callsClaims(ctx, calls.slice(1));
		out.push({
			row: {
				sessionId: ctx.sessionId,
				threadId: calls[0]!.turn.threadId,
				turns: [...new Set(calls.map((c) => c.turn.turn.messageId))],
				skillName,
				callCount: calls.length,
				firstTurnIndex: calls[0]!.turn.turn.turnIndex,
				lastTurnIndex: calls[calls.length - 1]!.turn.turn.turnIndex,
				cost: unionCost(ctx, claims),
			},
			ctx,
			claims,
		});
	}
}

export function detectSkillPruning(ctx: SessionCtx, thread: TurnInfo[], out: Detected<SkillPruningProtection>[]): void {
	for (const c of skillCalls(ctx, thread)) {
		const riding = thread.filter((t) => t.pos > c.turn.pos && t.turn.usage.cacheRead > 0);
		if (riding.length === 0) continue;
		const claims = callClaims(ctx, c, {ride: true});
		out.push({
			row: {
				sessionId: ctx.sessionId,
				threadId: c.turn.threadId,
				turns: [c.turn.turn.messageId, ...riding.map((t) => t.turn.messageId)],
				skillName: c.call.skillName!,
				toolUseId: c.call.id,
				invokedTurnIndex: c.turn.turn.turnIndex,
				ridingTurns: riding.length,
				lastCachedTurnIndex: riding[riding.length - 1]!.turn.turnIndex,
				cost: unionCost(ctx, claims),
			},
			ctx,
			claims,
		});
	}
}

/** One OpenCode session (or child session) at a time: its own first turn and first user message. */
export function detectSystemPromptTax(ctx: SessionCtx, slice: TurnInfo[], out: Detected<SystemPromptTax>[]): void {
	for (const part of ctx.group.parts) {
		if (part.source !== 'opencode') continue;
		const turns = slice.filter((t) => t.turn.sessionId === part.sessionId && t.turn.source === 'opencode');
		const first = turns[0];
		if (!first) continue;
		const firstCacheCreate = first.turn.usage.cacheCreate5m + first.turn.usage.cacheCreate1h;
		if (firstCacheCreate <= 0) continue;
		const user = part.userTurns[0];
		const firstUserMessageTokens = user ? user.blocks.reduce((n, b) => n + Math.max(0, b.approxTokens || 0), 0) : 0;
		if (firstUserMessageTokens <= 0) continue;
		const estimated = Math.max(0, firstCacheCreate - firstUserMessageTokens);
		if (estimated <= 0) continue;
		const riding = turns.filter((t) => t !== first && t.turn.usage.cacheRead > 0 && t.threadId === first.threadId);
		if (riding.length === 0) continue;
		const claims: Claim[] = riding.map((t) => ({
			key: `system-prompt:${part.sessionId}:${t.turn.messageId}`,
			pieces: [{messageId: t.turn.messageId, component: 'cacheRead' as const, usd: (Math.min(estimated, t.turn.usage.cacheRead) * (t.rate?.cacheRead ?? 0)) / 1e6}],
		}));
		out.push({
			row: {
				sessionId: ctx.sessionId,
				threadId: first.threadId,
				turns: riding.map((t) => t.turn.messageId),
				firstCacheCreate,
				firstUserMessageTokens,
				estimatedSystemPromptTokens: estimated,
				ridingTurns: riding.length,
				totalCost: unionCost(ctx, claims),
			},
			ctx,
			claims,
		});
	}
}
