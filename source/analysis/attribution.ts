/**
 * Attribution of spend to tool calls (hotspots-model.md §3.3), run per thread.
 *
 * A tool result is paid for by the turn that first reads it, as new input / cache writes
 * (the "initial" cost, at the paying turn's rate and mix, capped at what that turn paid for
 * new content), then "rides" in the cache reads of the thread's later turns (the
 * "persistence" cost, shared in proportion to size and capped at each turn's cache reads).
 * Each thread (main, every subagent) has its own context window, so each is attributed on
 * its own turns in order: a result paid in one thread never rides in another's cache.
 *
 * Source rule, Codex: a turn is a task, and the results of the calls a task makes are
 * produced and read inside that task, so task N pays for its own calls; they ride in the
 * cache reads of later tasks.
 */
import type {SourceKind, ToolCall, TurnRecord, UserTurnRecord} from '../core/records.js';
import type {Rate} from './pricing-types.js';
import {canonicalTool, type CanonicalTool} from './tools.js';

export type AttributionMethod = 'sized' | 'even-split';
/** A session's method: one of its threads' methods, or `mixed` when they differ. */
export type SessionAttributionMethod = AttributionMethod | 'mixed';

/** One turn as attribution sees it: priced, with its thread. Only eligible turns are passed. */
export interface PricedTurn {
	turn: TurnRecord;
	threadId: string;
	/** The turn's rate at its request size; null = unpriced. */
	rate: Rate | null;
	/** The turn's cost; null = unpriced. */
	cost: number | null;
}

export interface ToolAttribution {
	toolUseId: string;
	/** Name as the harness wrote it. */
	toolName: string;
	tool: CanonicalTool;
	target?: string;
	argsHash: string;
	isError?: boolean;
	sessionId: string;
	threadId: string;
	source: SourceKind;
	/** The turn that made the call. */
	emitMessageId: string;
	emitTurnIndex: number;
	emitTs: string;
	model: string;
	project?: string;
	/** For subagent calls: the call's target (subagent type or description). */
	subagentType?: string;
	/** Result size in tokens (0 when unknown). */
	resultTokens: number;
	/** True when the thread's method is `sized` (relayburn's `resultBytesEstimated`). */
	sized: boolean;
	/** The turn that received the result (N+1; for Codex the task itself); null if none did. */
	payMessageId: string | null;
	initialTokens: number;
	initialCost: number;
	persistenceTokens: number;
	persistenceCost: number;
	/** Number of turns the result rode in. */
	ridingTurns: number;
	totalCost: number;
}

export interface ThreadAttribution {
	threadId: string;
	method: AttributionMethod;
	/** Eligible turns attributed. */
	turns: number;
	toolCalls: number;
	attributedCost: number;
}

export interface SessionAttribution {
	sessionId: string;
	source: SourceKind;
	method: SessionAttributionMethod;
	threads: ThreadAttribution[];
	/** In emit order (thread by thread). */
	attributions: ToolAttribution[];
	/** Attributed dollars inside each turn (initial paid there + riding there), by messageId. */
	perTurn: Map<string, number>;
	attributedCost: number;
	/** Tool calls on the eligible turns. */
	toolCalls: number;
}

/** Result sizes in tokens by tool-use id. A `Map` is one. */
export interface SizeIndex {
	get(toolUseId: string): number | undefined;
	has(toolUseId: string): boolean;
	/** Number of sizes from the session's own user turns. */
	readonly size: number;
}

const clean = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, n) : undefined);

/**
 * Result sizes by tool-use id: user-turn `tool_result` blocks (`max(0, approxTokens)`, later
 * blocks overwrite earlier ones), then the caller's sidecar sizes for ids still missing
 * (looked up lazily: that map may cover every session of the dataset).
 */
export function buildSizeIndex(userTurns: Iterable<UserTurnRecord>, sidecar?: ReadonlyMap<string, number>): SizeIndex {
	const own = new Map<string, number>();
	for (const u of userTurns) {
		for (const b of u.blocks) {
			if (b.kind !== 'tool_result' || !b.toolUseId) continue;
			own.set(b.toolUseId, clean(b.approxTokens) ?? 0);
		}
	}
	if (!sidecar || sidecar.size === 0) return own;
	return {
		get: (id) => own.get(id) ?? clean(sidecar.get(id)),
		has: (id) => own.has(id) || clean(sidecar.get(id)) !== undefined,
		size: own.size,
	};
}

export interface AttributeInput {
	sessionId: string;
	source: SourceKind;
	/** Eligible turns of the session (all threads), in timeline order. */
	turns: PricedTurn[];
	/** From `buildSizeIndex`. */
	sizes: SizeIndex;
	/** Tool classification (defaults to `canonicalTool(name, {source})`). */
	classify?: (call: ToolCall, source: SourceKind) => CanonicalTool;
}

const newContentOf = (t: TurnRecord): number => t.usage.input + t.usage.cacheCreate5m + t.usage.cacheCreate1h;

/** Dollars a turn paid for its new content: input and both cache-write TTLs at their own rates. */
const newContentCost = (t: TurnRecord, rate: Rate): number =>
	(t.usage.input * rate.input + t.usage.cacheCreate5m * rate.cacheWrite5m + t.usage.cacheCreate1h * rate.cacheWrite1h) / 1e6;

class ThreadRun {
	pending: ToolAttribution[] = [];
	riding: ToolAttribution[] = [];
	turns = 0;
	toolCalls = 0;
	attributed = 0;
	constructor(
		readonly threadId: string,
		readonly sized: boolean,
		readonly perTurn: Map<string, number>,
	) {}

	private addTurnCost(messageId: string, cost: number): void {
		if (cost === 0) return;
		this.perTurn.set(messageId, (this.perTurn.get(messageId) ?? 0) + cost);
		this.attributed += cost;
	}

	/** Step 1: the results in `list` arrive in turn `p` as new content. */
	pay(list: ToolAttribution[], p: PricedTurn): void {
		if (list.length === 0) return;
		for (const a of list) a.payMessageId = p.turn.messageId;
		if (!p.rate) return;
		const fresh = newContentOf(p.turn);
		if (fresh <= 0) return;
		const paid = newContentCost(p.turn, p.rate);
		if (this.sized) {
			const siblings = list.reduce((n, a) => n + a.resultTokens, 0);
			if (siblings <= 0) return;
			const cap = Math.min(siblings, fresh);
			for (const a of list) {
				const tokens = (a.resultTokens / siblings) * cap;
				a.initialTokens += tokens;
				a.initialCost += (tokens / fresh) * paid;
				this.addTurnCost(p.turn.messageId, (tokens / fresh) * paid);
			}
			return;
		}
		const k = list.length;
		for (const a of list) {
			a.initialTokens += fresh / k;
			a.initialCost += paid / k;
			this.addTurnCost(p.turn.messageId, paid / k);
		}
	}

	/**
	 * Step 2: results already paid ride in this turn's cache reads. A result larger than the
	 * cache read is not riding this turn, but stays a candidate for later turns.
	 */
	persist(p: PricedTurn): void {
		const cacheRead = p.turn.usage.cacheRead;
		if (!this.sized || this.riding.length === 0 || !p.rate || cacheRead <= 0) return;
		let activeTotal = 0;
		for (const a of this.riding) if (a.resultTokens > 0 && cacheRead >= a.resultTokens) activeTotal += a.resultTokens;
		if (activeTotal <= 0) return;
		const allocatable = Math.min(cacheRead, activeTotal);
		const price = p.rate.cacheRead;
		for (const a of this.riding) {
			if (!(a.resultTokens > 0 && cacheRead >= a.resultTokens)) continue;
			const tokens = (a.resultTokens / activeTotal) * allocatable;
			const cost = (tokens * price) / 1e6;
			a.persistenceTokens += tokens;
			a.persistenceCost += cost;
			a.ridingTurns++;
			this.addTurnCost(p.turn.messageId, cost);
		}
	}
}

function emit(p: PricedTurn, input: AttributeInput, sized: boolean, classify: NonNullable<AttributeInput['classify']>): ToolAttribution[] {
	const t = p.turn;
	return t.toolCalls.map((c) => {
		const tool = classify(c, t.source);
		const size = input.sizes.get(c.id) ?? 0;
		const a: ToolAttribution = {
			toolUseId: c.id,
			toolName: c.name,
			tool,
			argsHash: c.argsHash,
			sessionId: input.sessionId,
			threadId: p.threadId,
			source: t.source,
			emitMessageId: t.messageId,
			emitTurnIndex: t.turnIndex,
			emitTs: t.ts,
			model: t.model,
			resultTokens: size,
			sized,
			payMessageId: null,
			initialTokens: 0,
			initialCost: 0,
			persistenceTokens: 0,
			persistenceCost: 0,
			ridingTurns: 0,
			totalCost: 0,
		};
		if (c.target !== undefined) a.target = c.target;
		if (c.isError) a.isError = true;
		if (t.project !== undefined) a.project = t.project;
		if (tool.kind === 'subagent' && c.target) a.subagentType = c.target;
		return a;
	});
}

const defaultClassify = (call: ToolCall, source: SourceKind): CanonicalTool => canonicalTool(call.name, {source});

/** Attributes one session, thread by thread. */
/** Where each result joined the riding set: its thread's turns and the first turn it can ride in. */
const rides = new WeakMap<ToolAttribution, {turns: PricedTurn[]; from: number; sized: boolean}>();

/**
 * The turns a result rode in (message ids), for views that split its riding cost by turn.
 * Recomputed on demand with the same test as persistence (sized thread, priced turn, cache
 * reads at least the result's size) instead of being stored for every result and turn.
 */
export function rodeIn(a: ToolAttribution): string[] {
	const r = rides.get(a);
	if (!r || !r.sized || !(a.resultTokens > 0)) return [];
	const out: string[] = [];
	for (let i = r.from; i < r.turns.length; i++) {
		const p = r.turns[i]!;
		const cacheRead = p.turn.usage.cacheRead;
		if (p.rate && cacheRead > 0 && cacheRead >= a.resultTokens) out.push(p.turn.messageId);
	}
	return out;
}

export function attributeSession(input: AttributeInput): SessionAttribution {
	const classify = input.classify ?? defaultClassify;
	const byThread = new Map<string, PricedTurn[]>();
	for (const p of input.turns) {
		const list = byThread.get(p.threadId);
		if (list) list.push(p);
		else byThread.set(p.threadId, [p]);
	}
	const perTurn = new Map<string, number>();
	const attributions: ToolAttribution[] = [];
	const threads: ThreadAttribution[] = [];
	let toolCalls = 0;
	for (const [threadId, turns] of byThread) {
		const run = new ThreadRun(threadId, threadIsSized(turns, input), perTurn);
		for (const p of turns) {
			run.turns++;
			const codexTask = p.turn.source === 'codex';
			if (!codexTask) run.pay(run.pending, p);
			run.persist(p);
			if (!codexTask) {
				for (const a of run.pending) rides.set(a, {turns, from: run.turns, sized: run.sized});
				run.riding.push(...run.pending);
				run.pending = [];
			}
			const made = emit(p, input, run.sized, classify);
			run.toolCalls += made.length;
			attributions.push(...made);
			if (codexTask) {
				run.pay(made, p);
				for (const a of made) rides.set(a, {turns, from: run.turns, sized: run.sized});
				run.riding.push(...made);
			} else {
				run.pending = made;
			}
		}
		toolCalls += run.toolCalls;
		threads.push({
			threadId,
			method: run.sized ? 'sized' : 'even-split',
			turns: run.turns,
			toolCalls: run.toolCalls,
			attributedCost: run.attributed,
		});
	}
	let attributedCost = 0;
	for (const a of attributions) {
		a.totalCost = a.initialCost + a.persistenceCost;
		attributedCost += a.totalCost;
	}
	return {
		sessionId: input.sessionId,
		source: input.source,
		method: sessionMethod(threads, input.sizes.size > 0),
		threads,
		attributions,
		perTurn,
		attributedCost,
		toolCalls,
	};
}

/**
 * `sized` when any tool call of the thread has a result size; a thread without tool calls is
 * `sized` when the session has any size at all (relayburn's per-session rule).
 */
function threadIsSized(turns: PricedTurn[], input: AttributeInput): boolean {
	let calls = 0;
	for (const p of turns) {
		for (const c of p.turn.toolCalls) {
			calls++;
			if (input.sizes.has(c.id)) return true;
		}
	}
	return calls === 0 && input.sizes.size > 0;
}

function sessionMethod(threads: ThreadAttribution[], anySize: boolean): SessionAttributionMethod {
	const withCalls = threads.filter((t) => t.toolCalls > 0);
	if (withCalls.length === 0) return anySize ? 'sized' : 'even-split';
	const first = withCalls[0]!.method;
	return withCalls.every((t) => t.method === first) ? first : 'mixed';
}

/**
 * Attribution is degraded (approximate) when at least `threshold` of the sessions with tool
 * calls could only use an even split. Sessions without tool calls have nothing to approximate.
 */
export function isAttributionDegraded(evenSplitSessions: number, sessions: number, threshold = 0.5): boolean {
	return sessions > 0 && evenSplitSessions / sessions >= threshold;
}
