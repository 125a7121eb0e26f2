/**
 * Compaction loss (hotspots-model.md §4.3): every compaction yields a row. The lost cache is
 * `tokensBeforeCompact` at the cache-read rate of the turn before the compaction, claimed on
 * that turn's prefix (its cache reads, then its new content), so it is never more than that
 * turn paid to carry its context. Lost work: what the thread did since its previous
 * compaction (shell calls, edits and the files edited, reads), from the tool-call records.
 */
import {prefixClaim, unionCost, type Claim} from './claims.js';
import type {SessionCtx, TurnInfo} from './context.js';
import type {Detected} from './detected.js';
import type {CompactionLoss, LostWork} from './types.js';

const timeOf = (ts: string): number => {
	const ms = Date.parse(ts);
	return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

function threadOf(ctx: SessionCtx, preceding: TurnInfo | undefined, agentId: string | undefined, partSession: string): string {
	if (preceding) return preceding.threadId;
	if (agentId && ctx.threads.includes(agentId)) return agentId;
	if (partSession !== ctx.sessionId && ctx.threads.includes(partSession)) return partSession;
	return '';
}

/** `inWindow` keeps the compactions of the report's window (a session's older ones are not listed). */
export function detectCompactions(ctx: SessionCtx, out: Detected<CompactionLoss>[], inWindow: (ts: string) => boolean = () => true): void {
	const records = ctx.group.parts.flatMap((p) => p.compactions.map((c) => ({c, part: p.sessionId})));
	records.sort((a, b) => timeOf(a.c.ts) - timeOf(b.c.ts) || a.c.ts.localeCompare(b.c.ts));
	const prevBoundary = new Map<string, number>();
	for (const {c, part} of records) {
		const preceding = c.precedingMessageId ? ctx.byMessage.get(c.precedingMessageId) : undefined;
		const threadId = threadOf(ctx, preceding, c.agentId, part);
		const tokens = typeof c.tokensBeforeCompact === 'number' && c.tokensBeforeCompact > 0 ? c.tokensBeforeCompact : 0;
		const claims: Claim[] = [];
		if (preceding?.rate && tokens > 0) {
			claims.push(prefixClaim(`compaction:${part}:${c.agentId ?? ''}:${c.ts}`, preceding, (tokens * preceding.rate.cacheRead) / 1e6));
		}
		const at = timeOf(c.ts);
		const from = prevBoundary.get(threadId) ?? Number.NEGATIVE_INFINITY;
		prevBoundary.set(threadId, at);
		if (!inWindow(c.ts)) continue;
		const window = ctx.turns.filter((t) => t.threadId === threadId && timeOf(t.turn.ts) > from && timeOf(t.turn.ts) <= at);
		const row: CompactionLoss = {
			sessionId: ctx.sessionId,
			threadId,
			turns: preceding ? [preceding.turn.messageId] : [],
			ts: c.ts,
			tokensBeforeCompact: tokens,
			cacheLostCost: unionCost(ctx, claims),
		};
		if (c.precedingMessageId) row.precedingMessageId = c.precedingMessageId;
		if (window.length > 0) row.lostWork = lostWork(ctx, window);
		out.push({row, ctx, claims});
	}
}

function lostWork(ctx: SessionCtx, turns: TurnInfo[]): LostWork {
	const files = new Set<string>();
	const w: LostWork = {files: [], bashCount: 0, editCount: 0, readCount: 0};
	for (const t of turns) {
		for (const c of t.turn.toolCalls) {
			const kind = ctx.calls.get(c.id)?.tool.kind;
			if (kind === 'shell') w.bashCount++;
			else if (kind === 'file-edit') {
				w.editCount++;
				if (c.target) files.add(c.target);
			} else if (kind === 'file-read') w.readCount++;
		}
	}
	w.files = [...files].sort();
	return w;
}
