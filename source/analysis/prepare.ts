/**
 * One session group made ready for the views: every turn priced and gated, its eligible
 * turns attributed thread by thread.
 */
import type {SourceKind, ToolCall} from '../core/records.js';
import {attributeSession, buildSizeIndex, type PricedTurn, type SessionAttribution} from './attribution.js';
import {turnPassesCoverage} from './coverage.js';
import {attributionGap} from './patterns/agent-gaps.js';
import {costOf} from './pricing.js';
import type {PriceBook} from './pricing-types.js';
import {groupOf, groupParts, userTurnsOf, type SessionGroup} from './threads.js';
import type {SessionData} from '../ledger/dataset.js';
import type {Dataset} from './dataset.js';
import {canonicalTool, type CanonicalTool} from './tools.js';
import {requestTokens} from './usage.js';
import {parseTs} from '../core/time.js';

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
	/** `turn.ts` in ms since the epoch (NaN when undated), parsed once for the views. */
	ms: number;
}

export interface PreparedSession {
	group: SessionGroup;
	/** Every turn of the group, timeline order. */
	turns: GatedTurn[];
	attribution: SessionAttribution;
	/**
	 * Why the session is left out of attribution (its agent logs no tool calls or results,
	 * agent-gaps.ts): its turns count in every total, and none of its cost is attributed.
	 */
	notAttributed?: string;
}

export type Classifier = (call: ToolCall, source: SourceKind) => CanonicalTool;

/** canonicalTool, memoised per source and name. */
export function makeClassifier(mcpServers?: Iterable<string>): Classifier {
	const servers = mcpServers ? [...mcpServers] : undefined;
	const bySource = new Map<SourceKind, Map<string, CanonicalTool>>();
	return (call, source) => {
		let cache = bySource.get(source);
		if (!cache) {
			cache = new Map();
			bySource.set(source, cache);
		}
		let t = cache.get(call.name);
		if (!t) {
			t = canonicalTool(call.name, {source, ...(servers ? {mcpServers: servers} : {})});
			cache.set(call.name, t);
		}
		return t;
	};
}

export function prepareSession(group: SessionGroup, priceBook: PriceBook, opts: AnalyzeOptions, classify: Classifier): PreparedSession {
	const turns: GatedTurn[] = [];
	const eligible: GatedTurn[] = [];
	for (let i = 0; i < group.turns.length; i++) {
		const turn = group.turns[i]!;
		// Long-context prices apply per request. A Codex turn is a task that sums many requests,
		// so its summed input says nothing about any one request: price it at the base tier.
		const ms = parseTs(turn.ts);
		// The price in force on the turn's day (undated: today's).
		const rate = priceBook.rateFor(turn.model, turn.source === 'codex' ? 0 : requestTokens(turn.usage), ms);
		const p: GatedTurn = {
			turn,
			threadId: group.threadIds[i]!,
			rate,
			cost: costOf(turn.usage, rate, turn.source),
			eligible: turnPassesCoverage(turn),
			ms,
		};
		turns.push(p);
		if (p.eligible) eligible.push(p);
	}
	// An agent without tool results is never attributed (not evenly either): said with its reason.
	const notAttributed = attributionGap(group.source);
	const attribution = attributeSession({
		sessionId: group.sessionId,
		source: group.source,
		turns: notAttributed ? [] : eligible,
		sizes: buildSizeIndex(userTurnsOf(group), opts.sizes),
		classify,
	});
	return notAttributed ? {group, turns, attribution, notAttributed} : {group, turns, attribution};
}

/**
 * Looks up every model of the sessions once before any turn is priced, so all the rate objects
 * exist (with their final layout) before the per-turn loops run; the book memoises them.
 */
function priceModels(sessions: Iterable<SessionData>, priceBook: PriceBook): void {
	let last: string | null = null;
	const seen = new Set<string>();
	for (const s of sessions) {
		for (let i = 0; i < s.turns.length; i++) {
			const t = s.turns[i]!;
			if (t.model === last) continue;
			last = t.model;
			if (seen.has(last)) continue;
			seen.add(last);
			priceBook.rateFor(last);
		}
	}
}

interface PreparedCache {
	priceBook: PriceBook;
	sizes: AnalyzeOptions['sizes'];
	mcp: AnalyzeOptions['mcpServers'];
	list: PreparedSession[];
}

const preparedCache = new WeakMap<Dataset, PreparedCache>();

/** One group prepared, kept on its root session: a dataset that holds the same parts reuses it (live merges). */
interface GroupEntry {
	parts: readonly SessionData[];
	priceBook: PriceBook;
	sizes: object | undefined;
	mcp: AnalyzeOptions['mcpServers'];
	prepared: PreparedSession;
}

const groupCache = new WeakMap<SessionData, GroupEntry>();

/**
 * Size maps that give the same sizes to every tool call of the sessions they share: `next`
 * only adds sizes of calls in sessions that changed (a live update: pipeline/live-update.ts).
 * A group prepared with one is reused with the other.
 */
const sizesFamily = new WeakMap<object, object>();
const familyOf = (sizes: object | undefined): object | undefined => (sizes ? sizesFamily.get(sizes) ?? sizes : undefined);

export function sameSizesOutsideChanges(prev: ReadonlyMap<string, number>, next: ReadonlyMap<string, number>): void {
	if (prev !== next) sizesFamily.set(next, familyOf(prev)!);
}

function cachedGroup(parts: readonly SessionData[], priceBook: PriceBook, opts: AnalyzeOptions): PreparedSession | undefined {
	const hit = groupCache.get(parts[0]!);
	if (!hit || hit.priceBook !== priceBook || hit.mcp !== opts.mcpServers || familyOf(hit.sizes) !== familyOf(opts.sizes)) return undefined;
	if (hit.parts.length !== parts.length) return undefined;
	for (let i = 0; i < parts.length; i++) if (hit.parts[i] !== parts[i]) return undefined;
	return hit.prepared;
}

/** The groups of a dataset, with the ones prepared before (the same parts) taken from the cache. */
function plan(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions): Array<{parts: SessionData[]; prepared: PreparedSession | undefined}> {
	const out = groupParts(dataset).map((parts) => ({parts, prepared: cachedGroup(parts, priceBook, opts)}));
	priceModels(
		out.filter((g) => !g.prepared).flatMap((g) => g.parts),
		priceBook,
	);
	return out;
}

function prepareGroup(parts: SessionData[], priceBook: PriceBook, opts: AnalyzeOptions, classify: Classifier): PreparedSession {
	const prepared = prepareSession(groupOf(parts), priceBook, opts, classify);
	groupCache.set(parts[0]!, {parts, priceBook, sizes: opts.sizes, mcp: opts.mcpServers, prepared});
	return prepared;
}

/**
 * Every session of a dataset grouped, priced, gated and attributed, once per dataset: the
 * hotspot tables and the pattern detectors of one report share the same attribution
 * (memoised on the dataset object, so a new scan or a narrowed dataset starts fresh; a group
 * whose sessions are the same objects as in a dataset prepared before is reused).
 */
export function prepareAll(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions = {}): PreparedSession[] {
	const hit = preparedCache.get(dataset);
	if (hit && hit.priceBook === priceBook && hit.sizes === opts.sizes && hit.mcp === opts.mcpServers) return hit.list;
	const classify = makeClassifier(opts.mcpServers);
	const list = plan(dataset, priceBook, opts).map((g) => g.prepared ?? prepareGroup(g.parts, priceBook, opts, classify));
	preparedCache.set(dataset, {priceBook, sizes: opts.sizes, mcp: opts.mcpServers, list});
	return list;
}

/**
 * prepareAll, with `pause` awaited between sessions (the caller yields to the event loop there
 * and may throw to stop): a wide window does not freeze the keys or the spinner. Fills the
 * same cache, so the reports built after it reuse the attribution.
 */
export async function prepareAllPaced(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions, pause: () => Promise<void>): Promise<PreparedSession[]> {
	const hit = preparedCache.get(dataset);
	if (hit && hit.priceBook === priceBook && hit.sizes === opts.sizes && hit.mcp === opts.mcpServers) return hit.list;
	const classify = makeClassifier(opts.mcpServers);
	const list: PreparedSession[] = [];
	for (const g of plan(dataset, priceBook, opts)) {
		if (g.prepared) {
			list.push(g.prepared);
			continue;
		}
		await pause();
		list.push(prepareGroup(g.parts, priceBook, opts, classify));
	}
	preparedCache.set(dataset, {priceBook, sizes: opts.sizes, mcp: opts.mcpServers, list});
	return list;
}
