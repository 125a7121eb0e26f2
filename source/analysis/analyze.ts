/**
 * The hotspots report: dataset + prices in, plain data out (no I/O, no clock).
 * Every figure except `excluded`, `undated` and `fidelity.summary` covers the analysed turns:
 * the in-window turns that pass the coverage gate (hotspots-model.md §3.1).
 */
import type {ToolAttribution} from './attribution.js';
import {isAttributionDegraded} from './attribution.js';
import {ExcludedBySource, FidelityCounter, refusalMessage, summarizeFidelity} from './coverage.js';
import type {Dataset} from './dataset.js';
import {leftOutOf, type NotAttributed} from './left-out.js';
import type {SourceKind} from '../core/records.js';
import {hotspotTables, type SpawnedThread} from './hotspots.js';
import {dailyCosts, modelRows} from './models.js';
import {prepareAll, type AnalyzeOptions, type GatedTurn, type PreparedSession} from './prepare.js';
import type {PriceBook} from './pricing-types.js';
import type {HotspotsReport, SessionRow} from './report-types.js';
import {addSpawned, projectOf, sessionFigures, threadRows, type SessionFigures} from './session-figures.js';
import {tokensOf} from './usage.js';
import {agentFigures} from './agent-figures.js';

export type {AnalyzeOptions} from './prepare.js';
export {analyzeSession} from './session-view.js';
export type * from './report-types.js';

function rowOf(s: PreparedSession, f: SessionFigures): SessionRow | null {
	const tot = f.totals;
	if (tot.turns === 0) return null;
	const attributed = s.attribution.attributedCost;
	return {
		sessionId: s.group.sessionId,
		source: s.group.source,
		project: projectOf(s),
		firstTs: f.firstTs,
		lastTs: f.lastTs,
		turns: tot.turns,
		usage: tot.usage,
		cost: tot.cost,
		unpricedTokens: tot.unpricedTokens,
		attributedCost: attributed,
		unattributedCost: (tot.cost ?? 0) - attributed,
		attributionMethod: s.attribution.method,
		toolCalls: s.attribution.toolCalls,
		threads: threadRows(s, f.byThread),
		...agentFigures(s.turns, tot.cost),
		...(s.notAttributed ? {notAttributed: s.notAttributed} : {}),
	};
}

export function sessionRow(s: PreparedSession): SessionRow | null {
	return rowOf(s, sessionFigures(s));
}

function emptyReport(dataset: Dataset): HotspotsReport {
	return {
		window: {since: dataset.window.since, until: dataset.window.until},
		turnsAnalyzed: 0,
		grandTotal: 0,
		attributedTotal: 0,
		unattributedTotal: 0,
		attributionDegraded: false,
		excluded: {turns: 0, cost: 0},
		unpriced: {turns: 0, tokens: 0, models: []},
		undated: dataset.undatedTurns,
		leftOut: leftOutOf(dataset, 0, 0),
		sessions: [],
		files: [],
		bashVerbs: [],
		bash: [],
		subagents: [],
		mcpServers: [],
		fidelity: {analyzed: 0, excluded: 0, aborted: dataset.abortedTurns ?? 0, refused: false, summary: summarizeFidelity([]), excludedBySource: []},
		models: [],
		daily: [],
		findings: [],
		refused: false,
	};
}

/** Every turn of the prepared sessions sorted out: the analysed ones, and what the others were. */
function splitTurns(prepared: readonly PreparedSession[]) {
	const eligible: GatedTurn[] = [];
	const fidelity = new FidelityCounter();
	const excludedBy = new ExcludedBySource();
	let excludedCost = 0;
	const unpriced = {turns: 0, tokens: 0, models: new Set<string>()};
	const notAttributed = new Map<SourceKind, NotAttributed>();
	for (const s of prepared) {
		const turns = s.turns;
		const why = s.notAttributed;
		for (let i = 0; i < turns.length; i++) {
			const t = turns[i]!;
			fidelity.add(t.turn);
			if (!t.eligible) {
				excludedBy.add(t.turn);
				excludedCost += t.cost ?? 0;
				continue;
			}
			eligible.push(t);
			if (why) {
				const e = notAttributed.get(s.group.source);
				if (e) e.turns++;
				else notAttributed.set(s.group.source, {source: s.group.source, turns: 1, reason: why});
			}
			if (t.cost === null) {
				unpriced.turns++;
				unpriced.tokens += tokensOf(t.turn.usage, t.turn.source);
				unpriced.models.add(t.turn.model || '(no model)');
			}
		}
	}
	return {eligible, fidelity, excludedBy, excludedCost, unpriced, notAttributed: [...notAttributed.values()]};
}

/** The hotspots report of a dataset. */
export function analyzeHotspots(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions = {}): HotspotsReport {
	const prepared = prepareAll(dataset, priceBook, opts);
	const {eligible, fidelity, excludedBy, excludedCost, unpriced, notAttributed} = splitTurns(prepared);
	const total = fidelity.summary.total;
	const report = emptyReport(dataset);
	report.excluded = {turns: total - eligible.length, cost: excludedCost};
	report.leftOut = leftOutOf(dataset, total - eligible.length, unpriced.turns, notAttributed);
	report.fidelity = {
		analyzed: eligible.length,
		excluded: total - eligible.length,
		aborted: dataset.abortedTurns ?? 0,
		refused: false,
		summary: fidelity.summary,
		excludedBySource: excludedBy.list(),
	};
	if (total > 0 && eligible.length === 0) {
		report.refused = true;
		report.fidelity.refused = true;
		report.refusalReason = refusalMessage(total, report.fidelity.excludedBySource);
		return report;
	}

	const rows: SessionRow[] = [];
	const lists: ToolAttribution[][] = [];
	const spawned = new Map<string, SpawnedThread>();
	let grand = 0;
	let attributed = 0;
	let withCalls = 0;
	let evenSplit = 0;
	for (const s of prepared) {
		const figures = sessionFigures(s);
		addSpawned(spawned, s, figures.byThread);
		const row = rowOf(s, figures);
		if (!row) continue;
		rows.push(row);
		grand += row.cost ?? 0;
		attributed += row.attributedCost;
		lists.push(s.attribution.attributions);
		if (s.attribution.toolCalls > 0) {
			withCalls++;
			if (s.attribution.method === 'even-split') evenSplit++;
		}
	}
	report.turnsAnalyzed = eligible.length;
	report.grandTotal = grand;
	report.attributedTotal = attributed;
	report.unattributedTotal = grand - attributed;
	report.attributionDegraded = isAttributionDegraded(evenSplit, withCalls);
	report.unpriced = {turns: unpriced.turns, tokens: unpriced.tokens, models: [...unpriced.models].sort()};
	report.sessions = rows.sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1) || b.unpricedTokens - a.unpricedTokens);
	Object.assign(report, hotspotTables(lists.flat(), attributed, spawned));
	report.models = modelRows(eligible, grand);
	report.daily = dailyCosts(eligible, dataset.window, opts.now);
	return report;
}
