/**
 * Retry loops, failure runs and cancellation runs (hotspots-model.md §4.3), per thread.
 *
 * Signal: when a thread has tool-result events, the last non-running event of each call
 * (its terminal status) in call order; otherwise the calls' own `isError` (legacy path).
 * A retry loop is ≥3 errored calls in a row with the same tool and arguments; a failure run
 * is ≥3 errored calls in a row with at least 2 distinct tool+arguments keys; a cancellation
 * run is ≥1 cancelled calls in a row (events only). A cancelled or successful call ends
 * every streak.
 */
import type {ToolResultEventRecord, ToolResultStatus} from '../../core/records.js';
import {callsClaims, unionCost} from './claims.js';
import type {CallInfo, SessionCtx, TurnInfo} from './context.js';
import {firstLine, resultTexts, type Detected} from './detected.js';
import type {CancellationRun, EventSourceLabel, FailureRun, RetryLoop} from './types.js';

export const MIN_RETRY_LEN = 3;
export const MIN_FAILURE_RUN_LEN = 3;

interface Unit {
	toolUseId: string;
	status: ToolResultStatus;
	eventSource?: ToolResultEventRecord['eventSource'];
	call?: CallInfo;
	turn: TurnInfo;
	order: [number, number, number];
}

const DISPLAY_WITHOUT_CALL: Record<ToolResultEventRecord['eventSource'], string> = {
	subagent_notification: 'Subagent',
	function_call_output: 'FunctionCall',
	queue_event: 'QueueEvent',
	progress_event: 'ProgressEvent',
	tool_result: 'Tool',
};

function compareOrder(a: Unit, b: Unit): number {
	return a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];
}

/** The turn an event without a known call belongs to: its messageId, else the last turn at or before it. */
function turnForEvent(ctx: SessionCtx, e: ToolResultEventRecord): TurnInfo | undefined {
	if (e.messageId) {
		const t = ctx.byMessage.get(e.messageId);
		if (t) return t;
	}
	const ms = e.ts ? Date.parse(e.ts) : Number.NaN;
	if (Number.isNaN(ms)) return ctx.turns[0];
	let found: TurnInfo | undefined;
	for (const t of ctx.turns) {
		const tms = Date.parse(t.turn.ts);
		if (!Number.isNaN(tms) && tms <= ms) found = t;
	}
	return found ?? ctx.turns[0];
}

/** Terminal status of every call that has events, in call order, by thread. */
function graphUnits(ctx: SessionCtx, inSlice: Set<TurnInfo>): Map<string, Unit[]> {
	const sorted = [...ctx.events].sort(
		(a, b) => a.eventIndex - b.eventIndex || (a.ts ?? '').localeCompare(b.ts ?? '') || a.toolUseId.localeCompare(b.toolUseId),
	);
	const last = new Map<string, ToolResultEventRecord>();
	for (const e of sorted) last.set(e.toolUseId, e);
	const out = new Map<string, Unit[]>();
	for (const e of last.values()) {
		if (e.status === 'running') continue;
		const call = ctx.calls.get(e.toolUseId);
		const turn = call?.turn ?? turnForEvent(ctx, e);
		if (!turn || !inSlice.has(turn)) continue;
		const u: Unit = {
			toolUseId: e.toolUseId,
			status: e.status,
			eventSource: e.eventSource,
			turn,
			order: [turn.pos, call ? call.index : Number.MAX_SAFE_INTEGER, e.eventIndex],
			...(call ? {call} : {}),
		};
		const list = out.get(turn.threadId);
		if (list) list.push(u);
		else out.set(turn.threadId, [u]);
	}
	for (const list of out.values()) list.sort(compareOrder);
	return out;
}

function legacyUnits(turns: TurnInfo[], ctx: SessionCtx): Unit[] {
	const out: Unit[] = [];
	for (const t of turns) {
		t.turn.toolCalls.forEach((c, index) => {
			const call = ctx.calls.get(c.id);
			out.push({toolUseId: c.id, status: c.isError ? 'errored' : 'completed', turn: t, order: [t.pos, index, 0], ...(call ? {call} : {})});
		});
	}
	return out;
}

export interface Streaks {
	retryLoops: Detected<RetryLoop>[];
	failureRuns: Detected<FailureRun>[];
	cancelledRuns: Detected<CancellationRun>[];
}

/** Runs of `keep` units; each maximal run is handed to `commit`. */
function runs(units: Unit[], keep: (u: Unit) => boolean, sameRun: (run: Unit[], u: Unit) => boolean, commit: (run: Unit[]) => void): void {
	let cur: Unit[] = [];
	for (const u of units) {
		if (!keep(u)) {
			if (cur.length > 0) commit(cur);
			cur = [];
			continue;
		}
		if (cur.length > 0 && !sameRun(cur, u)) {
			commit(cur);
			cur = [];
		}
		cur.push(u);
	}
	if (cur.length > 0) commit(cur);
}

const toolName = (u: Unit): string => (u.call ? u.call.tool.display : DISPLAY_WITHOUT_CALL[u.eventSource ?? 'tool_result']);
const retryKey = (u: Unit): string => `${u.call!.call.name}\u0000${u.call!.call.argsHash}`;
const failureKey = (u: Unit): string => `${u.call?.call.name ?? toolName(u)}\u0000${u.call?.call.argsHash || u.toolUseId}`;

function sourceLabel(run: Unit[]): EventSourceLabel | undefined {
	const set = new Set(run.map((u) => u.eventSource).filter((s): s is NonNullable<Unit['eventSource']> => s !== undefined));
	if (set.size === 0) return undefined;
	return set.size === 1 ? [...set][0]! : 'mixed';
}

function distinct<T>(xs: T[]): T[] {
	return [...new Set(xs)];
}

function located(ctx: SessionCtx, run: Unit[]) {
	return {
		sessionId: ctx.sessionId,
		threadId: run[0]!.turn.threadId,
		turns: distinct(run.map((u) => u.turn.turn.messageId)),
		startTurnIndex: run[0]!.turn.turn.turnIndex,
		endTurnIndex: run[run.length - 1]!.turn.turn.turnIndex,
		toolUseIds: run.map((u) => u.toolUseId),
	};
}

const callsOf = (run: Unit[]): CallInfo[] => run.flatMap((u) => (u.call ? [u.call] : []));

function detectThread(ctx: SessionCtx, units: Unit[], texts: Map<string, string>, out: Streaks): void {
	const sig = (u: Unit): string | undefined => {
		const t = texts.get(u.toolUseId);
		return t === undefined ? undefined : firstLine(t);
	};
	runs(
		units,
		(u) => u.status === 'errored' && u.call !== undefined && u.call.call.argsHash !== '',
		(run, u) => retryKey(run[0]!) === retryKey(u),
		(run) => {
			if (run.length < MIN_RETRY_LEN) return;
			const first = run[0]!.call!;
			const claims = callsClaims(ctx, callsOf(run));
			const row: RetryLoop = {
				...located(ctx, run),
				tool: first.tool.display,
				target: first.call.target ?? null,
				argsHash: first.call.argsHash,
				attempts: run.length,
				cost: unionCost(ctx, claims),
				savings: unionCost(ctx, callsClaims(ctx, callsOf(run.slice(1)))),
			};
			const src = sourceLabel(run);
			if (src) row.eventSource = src;
			const sigs = run.map(sig).filter((s): s is string => s !== undefined);
			if (sigs.length > 0) row.errorSignature = sigs.some((s) => s !== sigs[0]) ? `${sigs[0]} (signatures diverged)` : sigs[0]!;
			out.retryLoops.push({row, ctx, claims});
		},
	);
	runs(
		units,
		(u) => u.status === 'errored',
		() => true,
		(run) => {
			if (run.length < MIN_FAILURE_RUN_LEN) return;
			if (new Set(run.map(failureKey)).size < 2) return;
			const claims = callsClaims(ctx, callsOf(run));
			const row: FailureRun = {
				...located(ctx, run),
				length: run.length,
				toolsInvolved: distinct(run.map(toolName)),
				cost: unionCost(ctx, claims),
			};
			const src = sourceLabel(run);
			if (src) row.eventSource = src;
			const sigs: Array<{tool: string; firstLine: string}> = [];
			for (const u of run) {
				const s = sig(u);
				if (s !== undefined && !sigs.some((x) => x.tool === toolName(u))) sigs.push({tool: toolName(u), firstLine: s});
			}
			if (sigs.length > 0) row.errorSignatures = sigs;
			out.failureRuns.push({row, ctx, claims});
		},
	);
	runs(
		units,
		(u) => u.status === 'cancelled',
		() => true,
		(run) => {
			const claims = callsClaims(ctx, callsOf(run));
			out.cancelledRuns.push({
				row: {
					...located(ctx, run),
					length: run.length,
					toolsInvolved: distinct(run.map(toolName)),
					cost: unionCost(ctx, claims),
					eventSource: sourceLabel(run) ?? 'tool_result',
				},
				ctx,
				claims,
			});
		},
	);
}

/** Streak detectors over one session's slice of turns. */
export function detectStreaks(ctx: SessionCtx, slice: TurnInfo[], out: Streaks): void {
	if (slice.length === 0) return;
	const inSlice = new Set(slice);
	const graph = graphUnits(ctx, inSlice);
	const texts = ctx.content.length > 0 ? resultTexts(ctx) : new Map<string, string>();
	const threads: string[] = [];
	for (const t of slice) if (!threads.includes(t.threadId)) threads.push(t.threadId);
	for (const thread of threads) {
		const units = graph.get(thread) ?? legacyUnits(slice.filter((t) => t.threadId === thread), ctx);
		detectThread(ctx, units, texts, out);
	}
}
