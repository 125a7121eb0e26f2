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
import {MadeAttribution} from './attribution-made.js';
import {perTurnOf, rideSums, SessionRides, ThreadPass} from './attribution-rides.js';
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
}

export interface SessionAttribution {
	sessionId: string;
	source: SourceKind;
	method: SessionAttributionMethod;
	threads: ThreadAttribution[];
	/** In emit order (thread by thread). */
	attributions: ToolAttribution[];
	/**
	 * Attributed dollars inside each turn (initial paid there + riding there), by messageId.
	 * Worked out on first use (only the session view needs it).
	 */
	readonly perTurn: Map<string, number>;
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
export function buildSizeIndex(userTurns: readonly UserTurnRecord[], sidecar?: ReadonlyMap<string, number>): SizeIndex {
	const own = new Map<string, number>();
	for (let i = 0; i < userTurns.length; i++) {
		const blocks = userTurns[i]!.blocks;
		for (let k = 0; k < blocks.length; k++) {
			const b = blocks[k]!;
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

type Classify = (call: ToolCall, source: SourceKind) => CanonicalTool;

export interface AttributeInput {
	sessionId: string;
	source: SourceKind;
	/** Eligible turns of the session (all threads), in timeline order. */
	turns: PricedTurn[];
	/** From `buildSizeIndex`. */
	sizes: SizeIndex;
	/** Tool classification (defaults to `canonicalTool(name, {source})`). */
	classify?: Classify;
}

const defaultClassify = (call: ToolCall, source: SourceKind): CanonicalTool => canonicalTool(call.name, {source});

/**
 * The turns a result rode in (message ids), for views that split its riding cost by turn.
 * Recomputed on demand with the same test as persistence (sized thread, priced turn, cache
 * reads at least the result's size) instead of being stored for every result and turn.
 */
export function rodeIn(a: ToolAttribution): string[] {
	return a instanceof MadeAttribution ? a.rodeIn() : [];
}

/** Attributes one session, thread by thread. */
export function attributeSession(input: AttributeInput): SessionAttribution {
	const classify = input.classify ?? defaultClassify;
	const {sessionId, sizes} = input;
	const byThread = turnsByThread(input.turns);
	let calls = 0;
	for (const turns of byThread.values()) calls += callCount(turns);
	const rides = new SessionRides(input.turns.length, calls);
	const threads: ThreadAttribution[] = [];
	let g = 0;
	for (const [threadId, turns] of byThread) {
		const sized = threadIsSized(turns, input);
		const first = rides.attributions.length;
		emit(rides, g, turns, sessionId, sizes, classify, sized);
		new ThreadPass(rides, g, turns, sized).walk();
		g += turns.length;
		threads.push({threadId, method: sized ? 'sized' : 'even-split', turns: turns.length, toolCalls: rides.attributions.length - first});
	}
	rideSums(rides);
	const attributions = rides.attributions;
	return new Attributed(input, sessionMethod(threads, sizes.size > 0), threads, attributions, totalCosts(attributions), calls, rides);
}

/** A session's turns by thread, each in timeline order; threads in first-seen order. */
function turnsByThread(turns: readonly PricedTurn[]): Map<string, PricedTurn[]> {
	const byThread = new Map<string, PricedTurn[]>();
	let threadId: string | null = null;
	let list: PricedTurn[] = [];
	for (let i = 0; i < turns.length; i++) {
		const p = turns[i]!;
		if (p.threadId !== threadId) {
			threadId = p.threadId;
			const known = byThread.get(threadId);
			if (known) list = known;
			else byThread.set(threadId, (list = []));
		}
		list.push(p);
	}
	return byThread;
}

function callCount(turns: readonly PricedTurn[]): number {
	let n = 0;
	for (let i = 0; i < turns.length; i++) n += turns[i]!.turn.toolCalls.length;
	return n;
}

/** Sets each attribution's total; their sum in order. */
function totalCosts(attributions: readonly MadeAttribution[]): number {
	let sum = 0;
	for (let i = 0; i < attributions.length; i++) {
		const a = attributions[i]!;
		a.totalCost = a.initialCost + a.persistenceCost;
		sum += a.totalCost;
	}
	return sum;
}

/** The attributions of a thread's tool calls, in order; `rides.callEnd` marks each turn's end. */
function emit(rides: SessionRides, start: number, turns: readonly PricedTurn[], sessionId: string, sizes: SizeIndex, classify: Classify, sized: boolean): void {
	const out = rides.attributions;
	for (let i = 0; i < turns.length; i++) {
		const p = turns[i]!;
		const calls = p.turn.toolCalls;
		for (let k = 0; k < calls.length; k++) {
			const c = calls[k]!;
			out.push(new MadeAttribution(p, k, classify(c, p.turn.source), sessionId, sizes.get(c.id) ?? 0, sized));
		}
		rides.callEnd[start + i] = out.length;
	}
}

/** A session's attribution; `perTurn` is replayed from the riding records on first use. */
class Attributed implements SessionAttribution {
	readonly sessionId: string;
	readonly source: SourceKind;
	readonly #rides: SessionRides;
	#perTurn: Map<string, number> | null = null;
	constructor(
		input: AttributeInput,
		readonly method: SessionAttributionMethod,
		readonly threads: ThreadAttribution[],
		readonly attributions: ToolAttribution[],
		readonly attributedCost: number,
		readonly toolCalls: number,
		rides: SessionRides,
	) {
		this.sessionId = input.sessionId;
		this.source = input.source;
		this.#rides = rides;
	}

	get perTurn(): Map<string, number> {
		this.#perTurn ??= perTurnOf(this.#rides);
		return this.#perTurn;
	}
}

/**
 * `sized` when any tool call of the thread has a result size; a thread without tool calls is
 * `sized` when the session has any size at all (relayburn's per-session rule).
 */
function threadIsSized(turns: PricedTurn[], input: AttributeInput): boolean {
	let calls = 0;
	for (let i = 0; i < turns.length; i++) {
		const toolCalls = turns[i]!.turn.toolCalls;
		for (let k = 0; k < toolCalls.length; k++) {
			calls++;
			if (input.sizes.has(toolCalls[k]!.id)) return true;
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
