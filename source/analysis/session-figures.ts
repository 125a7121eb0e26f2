/**
 * Figures of prepared sessions: totals of a set of turns, the dated extremes, and one pass
 * over a session's analysed turns that gives its totals, time range and per-thread totals.
 * Sums run in timeline order, as a filter-then-total would.
 */
import type {Usage} from '../core/records.js';
import type {PricedTurn} from './attribution.js';
import type {GatedTurn, PreparedSession} from './prepare.js';
import type {SpawnedThread} from './hotspots.js';
import type {ThreadRow} from './report-types.js';
import {MAIN_THREAD} from './threads.js';
import {addUsage, tokensOf, UsageSum} from './usage.js';

/** Usage, cost and unpriced tokens of a set of turns. */
export interface Totals {
	turns: number;
	usage: Usage;
	/** null when no turn is priced. */
	cost: number | null;
	unpricedTurns: number;
	unpricedTokens: number;
	unpricedModels: Set<string>;
}

export const newTotals = (): Totals => ({turns: 0, usage: new UsageSum(), cost: null, unpricedTurns: 0, unpricedTokens: 0, unpricedModels: new Set()});

export function addTurn(t: Totals, p: PricedTurn): void {
	t.turns++;
	addUsage(t.usage, p.turn.usage);
	if (p.cost === null) {
		t.unpricedTurns++;
		t.unpricedTokens += tokensOf(p.turn.usage, p.turn.source);
		t.unpricedModels.add(p.turn.model || '(no model)');
	} else {
		t.cost = (t.cost ?? 0) + p.cost;
	}
}

export function totalsOf(turns: Iterable<PricedTurn>): Totals {
	const t = newTotals();
	for (const p of turns) addTurn(t, p);
	return t;
}

/** Dated extremes of a set of turns (the first of equal instants). */
export function timeRange(turns: readonly GatedTurn[]): {firstTs: string | null; lastTs: string | null} {
	let first: GatedTurn | null = null;
	let last: GatedTurn | null = null;
	for (let i = 0; i < turns.length; i++) {
		const p = turns[i]!;
		const ms = p.ms;
		if (Number.isNaN(ms)) continue;
		if (!first || ms < first.ms) first = p;
		if (!last || ms > last.ms) last = p;
	}
	return {firstTs: first?.turn.ts ?? null, lastTs: last?.turn.ts ?? null};
}

/** A session's analysed (eligible) turns in one pass. */
export interface SessionFigures {
	totals: Totals;
	/** Per thread with analysed turns, in the order their first one is seen. */
	byThread: Map<string, Totals>;
	firstTs: string | null;
	lastTs: string | null;
}

/** Memoised per prepared group (a live merge re-prepares only the sessions it changed). */
const figuresMemo = new WeakMap<PreparedSession, SessionFigures>();

export function sessionFigures(s: PreparedSession): SessionFigures {
	let f = figuresMemo.get(s);
	if (!f) {
		f = computeFigures(s);
		figuresMemo.set(s, f);
	}
	return f;
}

function computeFigures(s: PreparedSession): SessionFigures {
	const totals = newTotals();
	const byThread = new Map<string, Totals>();
	// With one thread, its figures are the session's (the same turns in the same order).
	const oneThread = s.group.threads.size === 1;
	let threadId: string | null = null;
	let thread = totals;
	let first: GatedTurn | null = null;
	let last: GatedTurn | null = null;
	for (let i = 0; i < s.turns.length; i++) {
		const p = s.turns[i]!;
		if (!p.eligible) continue;
		addTurn(totals, p);
		if (p.threadId !== threadId) {
			threadId = p.threadId;
			thread = byThread.get(threadId) ?? (oneThread ? totals : newTotals());
			if (!byThread.has(threadId)) byThread.set(threadId, thread);
		}
		if (thread !== totals) addTurn(thread, p);
		const ms = p.ms;
		if (Number.isNaN(ms)) continue;
		if (!first || ms < first.ms) first = p;
		if (!last || ms > last.ms) last = p;
	}
	return {totals, byThread, firstTs: first?.turn.ts ?? null, lastTs: last?.turn.ts ?? null};
}

/** Subagent threads of an analysed session with their own figures (eligible turns). */
export function threadRows(s: PreparedSession, byThread = sessionFigures(s).byThread): ThreadRow[] {
	const rows: ThreadRow[] = [];
	for (const info of s.group.threads.values()) {
		if (info.threadId === MAIN_THREAD) continue;
		const tot = byThread.get(info.threadId);
		if (!tot) continue;
		rows.push({threadId: info.threadId, agentType: info.agentType, turns: tot.turns, usage: tot.usage, cost: tot.cost});
	}
	return rows;
}

/** Adds a session's threads spawned by a known tool call, with their own cost. */
export function addSpawned(out: Map<string, SpawnedThread>, s: PreparedSession, byThread: ReadonlyMap<string, Totals>): void {
	for (const info of s.group.threads.values()) {
		if (!info.spawnToolUseId) continue;
		out.set(info.spawnToolUseId, {agentType: info.agentType, cost: byThread.get(info.threadId)?.cost ?? 0});
	}
}

/** Threads spawned by a known tool call, with their own cost (for the subagents table). */
export function spawnedThreads(sessions: PreparedSession[]): Map<string, SpawnedThread> {
	const out = new Map<string, SpawnedThread>();
	for (const s of sessions) addSpawned(out, s, sessionFigures(s).byThread);
	return out;
}

/** The session's working directory: the first turn that has one, main thread first. */
export function projectOf(s: PreparedSession): string | null {
	let any: string | undefined;
	for (let i = 0; i < s.turns.length; i++) {
		const p = s.turns[i]!;
		const project = p.turn.project;
		if (!project) continue;
		if (p.threadId === MAIN_THREAD) return project;
		any ??= project;
	}
	return any ?? null;
}
