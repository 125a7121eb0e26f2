import {useMemo} from 'react';
import type {ContentRecord, SourceKind} from '../core/records.js';
import type {Dataset, Window} from '../analysis/dataset.js';
import type {HotspotsReport, SessionReport, TimelineTurn} from '../analysis/report-types.js';
import {analyzeHotspots, analyzeSession} from '../analysis/analyze.js';
import {DETECTORS, findingsFor} from '../analysis/patterns/index.js';
import {agentGapNotices} from '../analysis/patterns/agent-gaps.js';
import {narrowDataset, sourcesIn} from '../analysis/narrow.js';
import {pickSession} from '../analysis/filters.js';
import {leftOutShort} from '../analysis/left-out.js';
import {plural, type DisplayContext} from '../report/format.js';
import {findingKinds, reportForPattern} from './patterns.js';
import {TABS, WINDOWS, filterOf, type Filters, type ScreenEntry, type TabName, type WindowKey} from './state.js';
import {filterRows, type TableModel} from './table-model.js';
import {refsOf, rowSessionsTable, tabTable} from './tab-models.js';
import {sessionTable} from './session-view.js';
import {previousWindow, compareReports, type Comparison} from '../analysis/compare.js';
import type {FindingsView} from '../analysis/findings-view.js';
import {compareTable, minorFindingsTable, exactCommandsTable, findingsViewFor, findingsViewTable, markedTurns, modelSessionsTable, sessionFindingsView, sessionSectionTable, SESSION_SECTIONS, threadNames, type SessionSection} from './drill-models.js';
import {sortedColumn, sortLabel, sortRows, type TableRow} from './table-model.js';
import {widen} from './wide-columns.js';
import {turnLines, turnScroll, type TurnLine} from './turn-view.js';
import type {Loaded} from './use-data.js';
import {useLiveModel, type LiveModel} from './live-model.js';
import {outsideOf, type Empty} from '../analysis/empty.js';

/** Why a window shows nothing: no agent logs at all, or activity only outside the window. */
export type EmptyState = Empty;

const WINDOW_MS: Record<string, number> = {'24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000};

/** The bounds of a window key of the `w` cycle (or the explicit window for any other key). */
export function windowFor(key: string, now: number, explicit?: Window): Window {
	if (key === 'all') return {since: null, until: null};
	const ms = WINDOW_MS[key];
	if (ms !== undefined) return {since: new Date(now - ms).toISOString(), until: null};
	return explicit ?? {since: null, until: null};
}

/** The smallest window of the `w` cycle that holds `latest` (all when none does). */
export function windowHolding(latest: string, now: number): WindowKey {
	const ms = Date.parse(latest);
	if (Number.isNaN(ms)) return 'all';
	for (const key of WINDOWS) {
		const span = WINDOW_MS[key];
		if (span !== undefined && ms >= now - span) return key;
	}
	return 'all';
}

export interface ViewModelInput {
	loaded: Loaded | null;
	window: Window;
	filters: Filters;
	tab: number;
	entry: ScreenEntry;
	width: number;
	/** The terminal's rows. */
	height: number;
	content: Map<string, ContentRecord[]>;
	display: DisplayContext;
	now: number;
	/** `--session` alone: say so when the window has no session. */
	sessionFlag?: string | true;
	/** Live tab: its clock (the last update, ticking while shown), and `--alert` dollars. */
	liveNow?: number;
	alert?: number | null;
	/** The table's width (the terminal's less the detail pane beside it). */
	tableWidth?: number;
	/** A breadcrumb line is drawn (below the hotspots screen). */
	crumb?: boolean;
}

export interface ViewModel {
	dataset: Dataset | null;
	/** The window's report (findings included), before the pattern filter (the Live tab, compare and the pattern list read it). */
	report: HotspotsReport | null;
	/** The report every table and drill-down shows (pattern filter applied; the report itself without one). */
	view: HotspotsReport | null;
	sources: SourceKind[];
	patterns: string[];
	sessionReport: (SessionReport & {findings: HotspotsReport['findings']}) | null;
	/** The table on screen (hotspots, row, session), rows already filtered by the screen's text. */
	table: TableModel | null;
	/** The rows before the text filter (to tell "no rows match" from "no rows"). */
	unfilteredRows: number;
	turn: TimelineTurn | undefined;
	/** The turn screen's body lines, filtered. */
	lines: TurnLine[];
	/** How many positions ↑↓ move through: rows, or the turn's scroll offsets. */
	count: number;
	/** Rows of the body: the terminal's less the header (2), tabs or title (1), footer (1) and status line. */
	bodyHeight: number;
	notices: string[];
	empty: EmptyState | undefined;
	/** The one status line under the tabs ('' for none): left-out counts, notices, `--session` words. */
	status: string;
	/** The Live tab's figures, while it is shown. */
	live: LiveModel | null;
	/** The Findings tab's view (sorted, minor rows, habits). */
	findingsView: FindingsView | null;
	/** The session screen's section. */
	section: SessionSection;
	/** Turns the session screen marks. */
	marked: Set<string>;
	/** This window against the one before it (the compare screen). */
	comparison: Comparison | null;
	/** The sort applied to `table` (the header says it), or null: the table's own order. */
	sorted: {title: string; label: string} | null;
}

/**
 * What the screen shows, derived from the loaded data and the state. Every step is memoised
 * on primitive values (window bounds, source, pattern, tab, the ids the screen names, the text
 * filter, the width), never on the screen entry itself: moving the selection re-renders the
 * visible rows and nothing else.
 */
export function useViewModel(input: ViewModelInput): ViewModel {
	const {loaded, window, filters, entry, width, height, content, display, now} = input;
	const tab: TabName = TABS[input.tab]!;
	const kind = entry.screen;
	const rowTab = entry.screen === 'row' ? entry.tab : null;
	const rowKey = entry.screen === 'row' ? entry.rowKey : null;
	const sessionId = entry.screen === 'session' || entry.screen === 'turn' ? entry.sessionId : entry.screen === 'row' ? entry.sessionId ?? null : null;
	const messageId = entry.screen === 'turn' ? entry.messageId : null;
	const verb = entry.screen === 'commands' ? entry.verb : null;
	const section: SessionSection = SESSION_SECTIONS[entry.screen === 'session' ? entry.section ?? 0 : 0] ?? 'Turns';
	const marks = entry.screen === 'session' ? entry.marks : undefined;
	const markTurns = marks?.turns?.join('\u0000') ?? '';
	const markModel = marks?.model;
	const sortName = entry.sort?.column;
	const sortReverse = entry.sort?.reverse ?? false;
	const text = filterOf(entry);
	const tableWidth = input.tableWidth ?? width;

	const dataset = useMemo(
		() => (loaded ? narrowDataset(loaded.dataset, {since: window.since, until: window.until}, filters.source as SourceKind | 'all') : null),
		[loaded, window.since, window.until, filters.source],
	);
	const report = useMemo(() => {
		if (!dataset || !loaded) return null;
		// The daily series (header sparkline) ends at now, not at the last active day.
		const hotspots = analyzeHotspots(dataset, loaded.priceBook, {sizes: loaded.sizes, now});
		// The Findings tab, `p` and the session screen's findings: the detectors share the
		// attribution the hotspots just computed (prepareAll is memoised on the dataset).
		if (hotspots.refused) return hotspots;
		return {...hotspots, findings: findingsFor(dataset, loaded.priceBook, {sizes: loaded.sizes, ...(loaded.inventory ? {inventory: loaded.inventory} : {})})};
	}, [dataset, loaded, now]);
	const view = useMemo(
		() => (report && dataset && loaded ? reportForPattern(dataset, report, filters.pattern, (d) => analyzeHotspots(d, loaded.priceBook, {sizes: loaded.sizes, now})) : null),
		[report, dataset, loaded, filters.pattern, now],
	);
	const sources = useMemo(() => (loaded ? sourcesIn(loaded.dataset) : []), [loaded]);
	const patterns = useMemo(() => (report ? findingKinds(report) : []), [report]);

	const sessionReport = useMemo(() => {
		if (!dataset || !loaded || !sessionId) return null;
		const match = pickSession(dataset.sessions, sessionId).id;
		if (!match) return null;
		const s = analyzeSession(dataset, loaded.priceBook, match, {sizes: loaded.sizes});
		return {...s, findings: (report?.findings ?? []).filter((f) => f.sessionId === match)};
	}, [dataset, loaded, sessionId, report]);

	const live = useLiveModel(dataset, loaded?.priceBook ?? null, input.liveNow ?? now, input.alert ?? null, display, kind === 'hotspots' && tab === 'Live');
	const fv = useMemo(() => (view ? findingsViewFor(view, filters.pattern) : null), [view, filters.pattern]);
	const marked = useMemo(
		() => (sessionReport ? markedTurns(sessionReport.timeline, markModel !== undefined ? {label: '', model: markModel} : markTurns ? {label: '', turns: markTurns.split('\u0000')} : undefined) : new Set<string>()),
		[sessionReport, markTurns, markModel],
	);
	const comparison = useMemo(() => {
		if (kind !== 'compare' || !loaded || !report) return null;
		const prev = previousWindow(window, now);
		if (!prev) return null;
		const before = narrowDataset(loaded.dataset, prev, filters.source as SourceKind | 'all');
		return compareReports(analyzeHotspots(before, loaded.priceBook, {sizes: loaded.sizes, now}), report);
	}, [kind, loaded, report, window, now, filters.source]);

	const unfiltered: TableModel | null = useMemo(() => {
		if (!view) return null;
		if (kind === 'hotspots') return tab === 'Live' ? live?.table ?? null : tab === 'Findings' && fv ? findingsViewTable(view.findings, fv) : widen(tabTable(view, tab, display), view, tab, tableWidth);
		if (kind === 'row' && rowTab && rowKey !== null && report) {
			if (rowTab === 'Findings' && rowKey.startsWith('minor:')) {
				// A minor row opened: the findings it folds, one by one (keys index the report's findings).
				// From a session's Findings section: the session's own minor row (keys index its findings).
				if (sessionId !== null) return sessionReport ? minorFindingsTable(sessionReport.findings, sessionFindingsView(sessionReport), rowKey.slice('minor:'.length), sessionReport.cost ?? 0) : null;
				return minorFindingsTable(view.findings, fv, rowKey.slice('minor:'.length), report.grandTotal);
			}
			if (rowTab === 'Models') {
				const m = view.models.find((x) => x.model === rowKey);
				return m ? modelSessionsTable(view, m, display) : null;
			}
			// The pattern filter narrows every table: a row's sessions are those with the pattern,
			// as the row on the hotspots screen counts them (view = report without a filter).
			const r = refsOf(view, rowTab, rowKey);
			return r ? rowSessionsTable(view, r.refs, r.total, display) : null;
		}
		if (kind === 'commands' && verb !== null) return exactCommandsTable(view, verb);
		if (kind === 'session' && sessionReport) {
			if (section === 'Turns') return sessionTable(sessionReport, width, marked, threadNames(sessionReport.threads));
			return sessionSectionTable(sessionReport, section, display);
		}
		if (kind === 'compare') return comparison ? compareTable(comparison, display.home, tableWidth) : {columns: [{title: 'compare', width: 'flex', align: 'left'}], rows: [], empty: 'all time has no window before it: w picks a window'};
		return null;
	}, [view, report, kind, tab, rowTab, rowKey, verb, sessionId, sessionReport, section, marked, width, tableWidth, display, fv, comparison, live]);
	// The sort named by the screen, when this table has that column (else the table's own order).
	const sortCol = unfiltered ? sortedColumn(unfiltered.columns, sortName) : -1;
	const table = useMemo(() => {
		if (!unfiltered) return null;
		let rows: TableRow[] = filterRows(unfiltered.rows, text);
		if (sortCol >= 0) rows = sortRows(rows, unfiltered.columns[sortCol]!, sortCol, sortReverse);
		return {...unfiltered, rows};
	}, [unfiltered, text, sortCol, sortReverse]);
	const sortColumn = table && sortCol >= 0 ? table.columns[sortCol] : undefined;
	const sorted = sortColumn ? {title: sortColumn.title, label: sortLabel(sortColumn, sortReverse)} : null;

	const turn = useMemo(() => (messageId ? sessionReport?.timeline.find((t) => t.messageId === messageId) : undefined), [sessionReport, messageId]);
	const sessionContent = sessionId ? content.get(sessionId) : undefined;
	const lines = useMemo(() => (turn ? turnLines(turn, sessionContent, width, text) : []), [turn, sessionContent, width, text]);
	// Findings switched off for an agent that does not log what they need (agent-gaps.ts).
	const gapNotices = useMemo(() => (kind === 'hotspots' && tab === 'Findings' ? agentGapNotices(sources, DETECTORS) : []), [kind, tab, sources]);
	const notices = useMemo(() => [...(loaded?.notices ?? []), ...gapNotices], [loaded, gapNotices]);
	// Nothing in a window narrowed in memory (`w` from a wider one): what the loaded data holds outside it.
	const empty = useMemo(() => {
		if (!loaded || !dataset) return undefined;
		if (loaded.empty) return loaded.empty;
		if (dataset.sessions.length > 0 || filters.source !== 'all') return undefined;
		return outsideOf(loaded.dataset, loaded.priceBook);
	}, [loaded, dataset, filters.source]);
	const leftOut = kind === 'hotspots' && report?.leftOut ? leftOutShort(report.leftOut) : '';
	const sessionWords = input.sessionFlag === true && kind === 'hotspots' && dataset?.sessions.length === 0 ? 'no session in this window (w widens it)' : '';
	const status = statusLine(sessionWords, leftOut, notices);
	// The selected cell's words go on the table's last line (no row of their own).
	const bodyHeight = Math.max(3, height - 4 - (status ? 1 : 0) - (input.crumb ? 1 : 0));
	// The turn screen scrolls its text (it has no tabs line): ↑↓ move an offset instead of a selection.
	const count = kind === 'turn' ? turnScroll(lines.length, bodyHeight + 1).maxOffset + 1 : table?.rows.length ?? 0;

	return {
		dataset,
		report,
		view,
		sources,
		patterns,
		sessionReport,
		table,
		unfilteredRows: unfiltered?.rows.length ?? 0,
		turn,
		lines,
		count,
		bodyHeight,
		notices,
		empty,
		status,
		live,
		findingsView: fv,
		section,
		marked,
		comparison,
		sorted,
	};
}

/** ` left out: 2 duplicates · ! 3 notices: skipped 2 bad lines…`: the key to read them comes first, so it survives a cut. */
export function statusLine(sessionWords: string, leftOut: string, notices: string[]): string {
	const parts: string[] = [];
	if (sessionWords) parts.push(sessionWords);
	if (leftOut) parts.push(`left out: ${leftOut}`);
	if (notices.length) parts.push(`! ${plural(notices.length, 'notice')}: ${notices[0]}`);
	return parts.length ? ` ${parts.join(' · ')}` : '';
}
