/**
 * One session group made ready for the views: every turn priced and gated, its eligible
 * turns attributed thread by thread.
 */
import {emptyUsage, type SourceKind, type ToolCall, type Usage} from '../core/records.js';
import {attributeSession, buildSizeIndex, type PricedTurn, type SessionAttribution} from './attribution.js';
import {turnPassesCoverage} from './coverage.js';
import {costOf} from './pricing.js';
import type {PriceBook} from './pricing-types.js';
import type {SpawnedThread} from './hotspots.js';
import type {ThreadRow} from './report-types.js';
import {MAIN_THREAD, groupSessions, userTurnsOf, type SessionGroup} from './threads.js';
import type {Dataset} from './dataset.js';
import {canonicalTool, type CanonicalTool} from './tools.js';
import {addUsage, requestTokens, tokensOf} from './usage.js';

export interface AnalyzeOptions {
	/** Result sizes from content sidecars, by tool-use id (used where user turns have none). */
	sizes?: ReadonlyMap<string, number>;
	/** End of the daily series when the window has no `until` (ms epoch or ISO). */
	now?: number | string;
	/** MCP server names known to the caller (OpenCode names MCP tools `<server>_<tool>`). */
	mcpServers?: Iterable<string>;
}

export interface GatedTurn extends PricedTurn {
	eligible: boolean;
}

export interface PreparedSession {
	group: SessionGroup;
	/** Every turn of the group, timeline order. */
	turns: GatedTurn[];
	attribution: SessionAttribution;
}

export type Classifier = (call: ToolCall, source: SourceKind) => CanonicalTool;

/** canonicalTool, memoised per source and name. */
export function makeClassifier(mcpServers?: Iterable<string>): Classifier {
	const servers = mcpServers ? [...mcpServers] : undefined;
	const cache = new Map<string, CanonicalTool>();
	return (call, source) => {
		const key = `${source}\u0000${call.name}`;
		let t = cache.get(key);
		if (!t) {
			t = canonicalTool(call.name, {source, ...(servers ? {mcpServers: servers} : {})});
			cache.set(key, t);
		}
		return t;
	};
}

export function prepareSession(group: SessionGroup, priceBook: PriceBook, opts: AnalyzeOptions, classify: Classifier): PreparedSession {
	const turns: GatedTurn[] = group.turns.map((turn, i) => {
		// Long-context prices apply per request. A Codex turn is a task that sums many requests,
		// so its summed input says nothing about any one request: price it at the base tier.
		const rate = priceBook.rateFor(turn.model, turn.source === 'codex' ? 0 : requestTokens(turn.usage));
		return {turn, threadId: group.threadIds[i]!, rate, cost: costOf(turn.usage, rate, turn.source), eligible: turnPassesCoverage(turn)};
	});
	const attribution = attributeSession({
		sessionId: group.sessionId,
		source: group.source,
		turns: turns.filter((t) => t.eligible),
		sizes: buildSizeIndex(userTurnsOf(group), opts.sizes),
		classify,
	});
	return {group, turns, attribution};
}

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

export function totalsOf(turns: Iterable<PricedTurn>): Totals {
	const t: Totals = {turns: 0, usage: emptyUsage(), cost: null, unpricedTurns: 0, unpricedTokens: 0, unpricedModels: new Set()};
	for (const p of turns) {
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
	return t;
}

/** Subagent threads of an analysed session with their own figures (eligible turns). */
export function threadRows(s: PreparedSession): ThreadRow[] {
	const rows: ThreadRow[] = [];
	for (const info of s.group.threads.values()) {
		if (info.threadId === MAIN_THREAD) continue;
		const tot = totalsOf(s.turns.filter((t) => t.eligible && t.threadId === info.threadId));
		if (tot.turns === 0) continue;
		rows.push({threadId: info.threadId, agentType: info.agentType, turns: tot.turns, usage: tot.usage, cost: tot.cost});
	}
	return rows;
}

/** Dated extremes of a set of turns. */
export function timeRange(turns: Iterable<PricedTurn>): {firstTs: string | null; lastTs: string | null} {
	let first: {ts: string; ms: number} | null = null;
	let last: {ts: string; ms: number} | null = null;
	for (const p of turns) {
		const ms = Date.parse(p.turn.ts);
		if (Number.isNaN(ms)) continue;
		if (!first || ms < first.ms) first = {ts: p.turn.ts, ms};
		if (!last || ms > last.ms) last = {ts: p.turn.ts, ms};
	}
	return {firstTs: first?.ts ?? null, lastTs: last?.ts ?? null};
}

/** The session's working directory: the first turn that has one, main thread first. */
export function projectOf(s: PreparedSession): string | null {
	const main = s.turns.find((t) => t.threadId === MAIN_THREAD && t.turn.project);
	return main?.turn.project ?? s.turns.find((t) => t.turn.project)?.turn.project ?? null;
}

/** Threads spawned by a known tool call, with their own cost (for the subagents table). */
export function spawnedThreads(sessions: PreparedSession[]): Map<string, SpawnedThread> {
	const out = new Map<string, SpawnedThread>();
	for (const s of sessions) {
		for (const info of s.group.threads.values()) {
			if (!info.spawnToolUseId) continue;
			const tot = totalsOf(s.turns.filter((t) => t.eligible && t.threadId === info.threadId));
			out.set(info.spawnToolUseId, {agentType: info.agentType, cost: tot.cost ?? 0});
		}
	}
	return out;
}

interface PreparedCache {
	priceBook: PriceBook;
	sizes: AnalyzeOptions['sizes'];
	mcp: AnalyzeOptions['mcpServers'];
	list: PreparedSession[];
}

const preparedCache = new WeakMap<Dataset, PreparedCache>();

/**
 * Every session of a dataset grouped, priced, gated and attributed, once per dataset: the
 * hotspot tables and the pattern detectors of one report share the same attribution
 * (memoised on the dataset object, so a new scan or a narrowed dataset starts fresh).
 */
export function prepareAll(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions = {}): PreparedSession[] {
	const hit = preparedCache.get(dataset);
	if (hit && hit.priceBook === priceBook && hit.sizes === opts.sizes && hit.mcp === opts.mcpServers) return hit.list;
	const classify = makeClassifier(opts.mcpServers);
	const list = groupSessions(dataset).map((g) => prepareSession(g, priceBook, opts, classify));
	preparedCache.set(dataset, {priceBook, sizes: opts.sizes, mcp: opts.mcpServers, list});
	return list;
}
