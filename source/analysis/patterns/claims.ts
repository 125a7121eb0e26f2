/**
 * The de-overlapped cost model (docs/findings.md). A finding never sums whole turns: it
 * claims pieces of real spend, each pinned to one turn and one component of that turn's
 * cost (new content, cache reads, output). A claim has a key naming the dollars it stands
 * for (`ride:<toolUseId>` = that result's riding cost), so two findings that claim the same
 * dollars (a retry loop and a failure run over the same calls) count them once; and the
 * pieces on one turn component never add up to more than that component cost. So a
 * session's pattern total is at most the session's cost.
 */
import type {CallInfo, SessionCtx, TurnInfo} from './context.js';
import {rodeIn} from '../attribution.js';

export type Component = 'fresh' | 'cacheRead' | 'output';

export interface ClaimPiece {
	messageId: string;
	component: Component;
	usd: number;
}

export interface Claim {
	/** What dollars these are: equal keys are the same dollars. */
	key: string;
	pieces: ClaimPiece[];
}

export interface CallParts {
	/** The result's cost where it was first paid (new input / cache writes). */
	init?: boolean;
	/** Its riding cost in later turns' cache reads. */
	ride?: boolean;
	/** The call's share of its turn's output (the turn's output split evenly over its calls). */
	out?: boolean;
}

const ALL: CallParts = {init: true, ride: true, out: true};

/**
 * Claims of one tool call. The riding cost is spread over the turns it rode in by their
 * cache-read rates (attribution keeps only its total; each turn's share is at most the
 * result's size at that turn's rate).
 */
export function callClaims(ctx: SessionCtx, call: CallInfo, parts: CallParts = ALL): Claim[] {
	const out: Claim[] = [];
	const id = call.call.id;
	const a = call.attribution;
	if (parts.init && a && a.initialCost > 0 && a.payMessageId) {
		out.push({key: `init:${id}`, pieces: [{messageId: a.payMessageId, component: 'fresh', usd: a.initialCost}]});
	}
	const rode = parts.ride && a && a.persistenceCost > 0 ? rodeIn(a) : [];
	if (a && rode.length > 0) {
		const weights = rode.map((m) => ctx.byMessage.get(m)?.rate?.cacheRead ?? 0);
		const sum = weights.reduce((n, w) => n + w, 0);
		const pieces = rode.map((m, i) => ({
			messageId: m,
			component: 'cacheRead' as const,
			usd: sum > 0 ? (a.persistenceCost * weights[i]!) / sum : a.persistenceCost / rode.length,
		}));
		out.push({key: `ride:${id}`, pieces});
	}
	if (parts.out && call.turn.output > 0) {
		const n = Math.max(1, call.turn.turn.toolCalls.length);
		out.push({key: `out:${id}`, pieces: [{messageId: call.turn.turn.messageId, component: 'output', usd: call.turn.output / n}]});
	}
	return out;
}

/** Claims of several calls. */
export function callsClaims(ctx: SessionCtx, calls: readonly CallInfo[], parts: CallParts = ALL): Claim[] {
	return calls.flatMap((c) => callClaims(ctx, c, parts));
}

/** Component cost of one turn. */
function componentCost(t: TurnInfo | undefined, c: Component): number {
	if (!t) return 0;
	return c === 'fresh' ? t.fresh : c === 'cacheRead' ? t.cacheRead : t.output;
}

/**
 * A claim of `usd` on a turn's prefix: its cache reads first, then its new content. Used for
 * dollars that stand for the context a turn carried (a compaction's lost cache).
 */
export function prefixClaim(key: string, t: TurnInfo, usd: number): Claim {
	const pieces: ClaimPiece[] = [];
	const read = Math.min(usd, t.cacheRead);
	if (read > 0) pieces.push({messageId: t.turn.messageId, component: 'cacheRead', usd: read});
	const rest = Math.min(usd - read, t.fresh);
	if (rest > 0) pieces.push({messageId: t.turn.messageId, component: 'fresh', usd: rest});
	return {key, pieces};
}

/**
 * The dollars a set of claims stands for, each counted once: claims with the same key are
 * the same dollars (the first is kept), and the pieces on one turn component are capped at
 * that component's cost.
 */
export function unionCost(ctx: SessionCtx, claims: Iterable<Claim>): number {
	const seen = new Set<string>();
	const onComponent = new Map<string, {usd: number; cap: number}>();
	for (const claim of claims) {
		if (seen.has(claim.key)) continue;
		seen.add(claim.key);
		for (const p of claim.pieces) {
			if (!(p.usd > 0)) continue;
			const k = `${p.messageId}\u0000${p.component}`;
			let e = onComponent.get(k);
			if (!e) {
				e = {usd: 0, cap: componentCost(ctx.byMessage.get(p.messageId), p.component)};
				onComponent.set(k, e);
			}
			e.usd += p.usd;
		}
	}
	let total = 0;
	for (const e of onComponent.values()) total += Math.min(e.usd, e.cap);
	return total;
}
