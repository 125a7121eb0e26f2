/**
 * The hotspots report: dataset + prices in, plain data out (no I/O, no clock).
 * Every figure except `excluded`, `undated` and `fidelity.summary` covers the analysed turns:
 * the in-window turns that pass the coverage gate (hotspots-model.md §3.1).
 */
import type {ToolAttribution} from './attribution.js';
import {isAttributionDegraded} from './attribution.js';
import {ExcludedBySource, refusalMessage, summarizeFidelity} from './coverage.js';
import type {Dataset} from './dataset.js';
import {hotspotTables} from './hotspots.js';
import {dailyCosts, modelRows} from './models.js';
import {makeClassifier, prepareAll, projectOf, spawnedThreads, threadRows, timeRange, totalsOf, type AnalyzeOptions, type GatedTurn, type PreparedSession} from './prepare.js';
import type {PriceBook} from './pricing-types.js';
import type {HotspotsReport, SessionRow} from './report-types.js';

export type {AnalyzeOptions} from './prepare.js';
export {analyzeSession} from './session-view.js';
export type * from './report-types.js';

export function sessionRow(s: PreparedSession): SessionRow | null {
	const eligible = s.turns.filter((t) => t.eligible);
	if (eligible.length === 0) return null;
	const tot = totalsOf(eligible);
	const {firstTs, lastTs} = timeRange(eligible);
	const attributed = s.attribution.attributedCost;
	return {
		sessionId: s.group.sessionId,
		source: s.group.source,
		project: projectOf(s),
		firstTs,
		lastTs,
		turns: tot.turns,
		usage: tot.usage,
		cost: tot.cost,
		unpricedTokens: tot.unpricedTokens,
		attributedCost: attributed,
		unattributedCost: (tot.cost ?? 0) - attributed,
		attributionMethod: s.attribution.method,
		toolCalls: s.attribution.toolCalls,
		threads: threadRows(s),
	};
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
		sessions: [],
		files: [],
		bashVerbs: [],
		bash: [],
		subagents: [],
		mcpServers: [],
		fidelity: {analyzed: 0, excluded: 0, refused: false, summary: summarizeFidelity([]), excludedBySource: []},
		models: [],
		daily: [],
		findings: [],
		refused: false,
	};
}

/** The hotspots report of a dataset. */
export function analyzeHotspots(dataset: Dataset, priceBook: PriceBook, opts: AnalyzeOptions = {}): HotspotsReport {
	const classify = makeClassifier(opts.mcpServers);
	const prepared = prepareAll(dataset, priceBook, opts);
	const all: GatedTurn[] = prepared.flatMap((s) => s.turns);
	const eligible = all.filter((t) => t.eligible);
	const excludedBy = new ExcludedBySource();
	let excludedCost = 0;
	for (const t of all) {
		if (t.eligible) continue;
		excludedBy.add(t.turn);
		excludedCost += t.cost ?? 0;
	}
	const report = emptyReport(dataset);
	report.excluded = {turns: all.length - eligible.length, cost: excludedCost};
	report.fidelity = {
		analyzed: eligible.length,
		excluded: all.length - eligible.length,
		refused: false,
		summary: summarizeFidelity(all.map((t) => t.turn)),
		excludedBySource: excludedBy.list(),
	};
	if (all.length > 0 && eligible.length === 0) {
		report.refused = true;
		report.fidelity.refused = true;
		report.refusalReason = refusalMessage(all.length, report.fidelity.excludedBySource);
		return report;
	}

	const rows: SessionRow[] = [];
	const attributions: ToolAttribution[] = [];
	let grand = 0;
	let attributed = 0;
	let withCalls = 0;
	let evenSplit = 0;
	for (const s of prepared) {
		const row = sessionRow(s);
		if (!row) continue;
		rows.push(row);
		grand += row.cost ?? 0;
		attributed += row.attributedCost;
		for (const a of s.attribution.attributions) attributions.push(a);
		if (s.attribution.toolCalls > 0) {
			withCalls++;
			if (s.attribution.method === 'even-split') evenSplit++;
		}
	}
	const totals = totalsOf(eligible);
	report.turnsAnalyzed = eligible.length;
	report.grandTotal = grand;
	report.attributedTotal = attributed;
	report.unattributedTotal = grand - attributed;
	report.attributionDegraded = isAttributionDegraded(evenSplit, withCalls);
	report.unpriced = {turns: totals.unpricedTurns, tokens: totals.unpricedTokens, models: [...totals.unpricedModels].sort()};
	report.sessions = rows.sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1) || b.unpricedTokens - a.unpricedTokens);
	Object.assign(report, hotspotTables(attributions, attributed, spawnedThreads(prepared)));
	report.models = modelRows(eligible, grand);
	report.daily = dailyCosts(eligible, dataset.window, opts.now);
	return report;
}
