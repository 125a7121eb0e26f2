/**
 * The tables of issue 14's drill-downs, pure: a model's sessions, a verb's exact commands, the
 * Findings tab through `findingsView`, a session's own hotspot tables and its thread tree, and
 * the compare view. Row keys are what Enter opens.
 */
import type {Comparison, CompareRow, CompareTable} from '../analysis/compare.js';
import {findingsView, type FindingsView} from '../analysis/findings-view.js';
import type {Finding, Severity} from '../analysis/patterns/types.js';
import type {Finding as ReportFinding, HotspotsReport, ModelRow, SessionReport, ThreadNode, TimelineTurn} from '../analysis/report-types.js';
import {commandText, fmtDateTime, fmtInt, fmtPct, fmtTokens, fmtUsd, needsYear, plural, sanitize, shortId, tildify, type DisplayContext, fmtCostCol, fmtUsdCol} from '../report/format.js';
import type {Marks} from './state.js';
import {BY_SEVERITY, layoutColumns, type Column, type TableModel, type TableRow} from './table-model.js';
import {distinctPaths} from './distinct-paths.js';
import {tabTable} from './tab-models.js';

/** `anthropic/claude-sonnet-4-5` and `claude-sonnet-4-5` are one model. */
export const bareModel = (model: string): string => model.replace(/^.*\//, '');

/** Models → the sessions that used the model, with their share of its cost. */
export function modelSessionsTable(report: HotspotsReport, model: ModelRow, display: DisplayContext): TableModel {
	const meta = new Map(report.sessions.map((s) => [s.sessionId, s]));
	const withYear = needsYear(model.sessions.map((s) => meta.get(s.sessionId)?.firstTs), display.now);
	return {
		columns: [
			{title: 'session', width: 12, align: 'left'},
			{title: 'started', width: withYear ? 17 : 12, align: 'left'},
			{title: 'source', width: 11, align: 'left'},
			{title: 'project', width: 'flex', align: 'left'},
			{title: 'turns', width: 5, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
			{title: 'share', width: 5, align: 'right'},
		],
		rows: model.sessions.map((s) => {
			const m = meta.get(s.sessionId);
			const project = sanitize(tildify(m?.project ?? '', display.home));
			return {
				key: s.sessionId,
				cells: [shortId(s.sessionId), fmtDateTime(m?.firstTs ?? null, withYear), m?.source ?? '', project, fmtInt(s.turns), fmtCostCol(s.cost), fmtPct(s.share)],
				search: `${s.sessionId} ${project}`.toLowerCase(),
				dim: s.cost === null,
			};
		}),
		empty: 'no sessions used this model in this window',
	};
}

/** Commands → one verb → its exact commands (multi-line ones with ⏎), keyed by arguments hash; initial and riding in tokens, as on the Commands tab. */
export function exactCommandsTable(report: Pick<HotspotsReport, 'bash'>, verb: string): TableModel {
	const rows = report.bash
		.filter((b) => b.verb === verb)
		.map((b, i) => {
			const text = b.command === null ? `(command text not kept, hash ${b.argsHash.slice(0, 8)})` : commandText(b.command);
			return {
				key: b.argsHash,
				cells: [String(i + 1), text, fmtInt(b.callCount), fmtTokens(b.initialTokens), fmtTokens(b.persistenceTokens), fmtInt(b.ridingTurns), fmtUsdCol(b.totalCost), fmtPct(b.share)],
				search: text.toLowerCase(),
			};
		});
	return {
		columns: [
			{title: '#', width: 3, align: 'right'},
			{title: `${sanitize(verb)} commands`, width: 'flex', align: 'left', truncate: 'end'},
			{title: 'calls', width: 5, align: 'right'},
			{title: 'initial', width: 7, align: 'right'},
			{title: 'riding', width: 7, align: 'right'},
			{title: 'turns', width: 5, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
			{title: 'share', width: 5, align: 'right'},
		],
		rows,
		empty: `no ${sanitize(verb)} commands in this window`,
	};
}

/** The report's findings are the detectors' (typed loosely there). */
export const typedFindings = (f: readonly ReportFinding[]): Finding[] => f as unknown as Finding[];

/** Severity (the detectors' `high` / `warn` / `info`) → theme role; minor rows are dim too. */
export const SEVERITY_ROLE: Record<Severity, 'error' | 'warn' | 'dim'> = {high: 'error', warn: 'warn', info: 'dim'};

/** The Findings tab: `findingsView` rows (sorted by savings, then cost; minor rows per kind). Keys: `f<i>` (index in `findings`) or `minor:<kind>`. */
export function findingsViewTable(list: readonly ReportFinding[], fv: FindingsView): TableModel {
	const findings = typedFindings(list);
	const index = new Map(findings.map((f, i) => [f, i]));
	const rows: TableRow[] = fv.rows.map((r) => {
		if (r.type === 'minor') {
			return {
				key: `minor:${r.kind}`,
				cells: ['minor', r.kind, `${plural(r.count, 'small finding')} (under ${fmtUsd(fv.threshold)} each)`, '', fmtUsdCol(r.savingsUsd), fmtUsdCol(r.costUsd)],
				search: `${r.kind} minor`.toLowerCase(),
				dim: true,
			};
		}
		const f = r.finding;
		const title = sanitize(f.title || f.kind);
		return {
			key: `f${index.get(f) ?? 0}`,
			cells: [f.severity, f.kind, title, shortId(f.sessionId ?? ''), f.savingsUsd === null ? '–' : fmtUsdCol(f.savingsUsd), fmtCostCol(f.costUsd)],
			search: `${f.kind} ${title} ${f.sessionId ?? ''} ${f.category ?? ''}`.toLowerCase(),
			role: SEVERITY_ROLE[f.severity],
		};
	});
	return {
		columns: [
			{title: 'sev', width: 5, align: 'left', sort: BY_SEVERITY},
			{title: 'kind', width: 18, align: 'left'},
			{title: 'finding', width: 'flex', align: 'left', truncate: 'end'},
			{title: 'session', width: 12, align: 'left'},
			{title: 'savings', width: 8, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
		],
		rows,
		empty: 'no findings in this window',
	};
}

/** `habits: bash-git-state in 9 of 12 sessions ($0.40) — a habit, not a finding`. */
/** A minor row opened (`minor:<kind>`): exactly the findings it folds, one by one; when the row is gone (a pattern filter unfolds them), every finding of the kind. */
export function minorFindingsTable(list: readonly ReportFinding[], fv: FindingsView | null, kind: string, grandTotal: number): TableModel {
	const row = fv?.rows.find((r) => r.type === 'minor' && r.kind === kind);
	const folded = row?.type === 'minor' ? row.findings : typedFindings(list).filter((f) => f.kind === kind);
	return findingsViewTable(list, findingsView(folded, {sessionsWithTools: 0, grandTotal, threshold: 0}));
}

export function habitsLine(fv: FindingsView): string {
	if (!fv.habits.length) return '';
	return ` habits: ${fv.habits.map((h) => `${h.category} in ${h.sessions} of ${plural(h.of, 'session')} (${fmtUsd(h.savingsUsd)})`).join(' · ')} — set aside, p shows them`;
}

export function findingsViewFor(report: HotspotsReport, pattern: string): FindingsView {
	// A pattern filter on a kind shows every finding of it: no habit is set aside then.
	const sessionsWithTools = pattern === 'all' ? report.sessions.filter((s) => s.toolCalls > 0).length : 0;
	// …nor folded into a minor row: the filter asked for them.
	return findingsView(typedFindings(report.findings), {sessionsWithTools, grandTotal: report.grandTotal, ...(pattern === 'all' ? {} : {threshold: 0})});
}

/** The sections of a session screen: its timeline, then its own tables. */
export const SESSION_SECTIONS = ['Turns', 'Files', 'Commands', 'Subagents', 'MCP', 'Findings', 'Threads'] as const;
export type SessionSection = (typeof SESSION_SECTIONS)[number];

/** `thread id → agent type` of a session's threads. */
export function threadNames(root: ThreadNode): Map<string, string> {
	const out = new Map<string, string>();
	const walk = (n: ThreadNode) => {
		out.set(n.threadId, n.agentType);
		n.children.forEach(walk);
	};
	walk(root);
	return out;
}

/** The threads as a tree (`main`, `├ Explore`…) with their turns and cost. Keys are thread ids. */
export function threadsTable(root: ThreadNode): TableModel {
	const rows: TableRow[] = [];
	const walk = (n: ThreadNode, prefix: string, last: boolean, depth: number) => {
		const branch = depth === 0 ? '' : `${prefix}${last ? '└ ' : '├ '}`;
		const name = `${branch}${sanitize(n.agentType)}`;
		rows.push({key: n.threadId, cells: [name, fmtInt(n.turns), fmtCostCol(n.cost)], search: n.agentType.toLowerCase()});
		n.children.forEach((c, i) => walk(c, depth === 0 ? '' : `${prefix}${last ? '  ' : '│ '}`, i === n.children.length - 1, depth + 1));
	};
	walk(root, '', true, 0);
	return {
		columns: [
			{title: 'thread', width: 'flex', align: 'left', truncate: 'end'},
			{title: 'turns', width: 6, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
		],
		rows,
		empty: 'no threads',
	};
}

/** A session's Findings section: its findings, small ones folded per kind against the session's cost. */
export function sessionFindingsView(s: Pick<SessionReport, 'findings' | 'cost'>): FindingsView {
	return findingsView(typedFindings(s.findings), {sessionsWithTools: 0, grandTotal: s.cost ?? 0});
}

/** One section's table of a session (Turns is the timeline, built elsewhere). */
export function sessionSectionTable(s: SessionReport, section: SessionSection, display: DisplayContext): TableModel | null {
	const asReport = s as unknown as HotspotsReport;
	switch (section) {
		case 'Files':
		case 'Commands':
		case 'Subagents':
		case 'MCP':
			return tabTable(asReport, section, display);
		case 'Findings':
			return findingsViewTable(s.findings, sessionFindingsView(s));
		case 'Threads':
			return threadsTable(s.threads);
		default:
			return null;
	}
}

/** The message ids a session screen marks. */
export function markedTurns(timeline: TimelineTurn[], marks: Marks | undefined): Set<string> {
	if (!marks) return new Set();
	if (marks.model !== undefined) {
		const m = bareModel(marks.model);
		return new Set(timeline.filter((t) => bareModel(t.model) === m).map((t) => t.messageId));
	}
	return new Set(marks.turns ?? []);
}

/** The next (or previous) marked row from `from`, wrapping; -1 when none. */
export function nextMarked(rows: TableRow[], marked: Set<string>, from: number, delta: 1 | -1): number {
	const n = rows.length;
	for (let k = 1; k <= n; k++) {
		const i = (((from + delta * k) % n) + n) % n;
		if (marked.has(rows[i]!.key)) return i;
	}
	return -1;
}

const COMPARE_NAMES: Array<[CompareTable, string]> = [
	['files', 'file'],
	['bashVerbs', 'command'],
	['subagents', 'subagent'],
	['mcpServers', 'MCP'],
	['models', 'model'],
];

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${fmtUsdCol(Math.abs(n))}`;
/** `new` / `gone`: not in one window; `+∞`: there before but at $0 (no ratio to take; COMPARE_LEGEND says so). */
export const INFINITE_CHANGE = '+∞';
export const COMPARE_LEGEND = `${INFINITE_CHANGE}: cost $0 in the earlier window (there, but free or unpriced)`;
const change = (r: CompareRow) => (r.status === 'new' ? 'new' : r.status === 'gone' ? 'gone' : r.change === null ? INFINITE_CHANGE : `${r.change >= 0 ? '+' : '−'}${Math.round(Math.abs(r.change) * 100)}%`);

const COMPARE_COLUMNS: Column[] = [
	{title: 'what', width: 8, align: 'left'},
	{title: 'hotspot', width: 'flex', align: 'left'},
	{title: 'before', width: 9, align: 'right'},
	{title: 'now', width: 9, align: 'right'},
	{title: 'change', width: 10, align: 'right'},
	{title: '%', width: 6, align: 'right'},
];

/**
 * The compare view: the total, then each hotspot table and the models, by the size of the
 * change. Given the table's `width`, file paths are cut here so that no two read the same.
 */
export function compareTable(c: Comparison, home?: string, width?: number): TableModel {
	const rows: TableRow[] = [
		{key: 'total', cells: ['total', 'all spend', fmtUsdCol(c.total.before), fmtUsdCol(c.total.after), signed(c.total.delta), change(c.total)], search: 'total'},
	];
	const changed = (r: CompareRow) => Math.abs(r.delta) >= 0.005;
	const fileLabel = (r: CompareRow) => sanitize(tildify(r.key, home));
	const room = width === undefined ? Infinity : layoutColumns(COMPARE_COLUMNS, width)[1]!;
	const shown = distinctPaths(c.tables.files.filter(changed).map(fileLabel), room);
	for (const [name, what] of COMPARE_NAMES) {
		for (const r of c.tables[name]) {
			if (!changed(r)) continue;
			const label = name === 'files' ? fileLabel(r) : sanitize(r.key);
			const text = name === 'files' ? shown.get(label) ?? label : label;
			rows.push({key: `${name}:${r.key}`, cells: [what, text, fmtUsdCol(r.before), fmtUsdCol(r.after), signed(r.delta), change(r)], search: `${what} ${label}`.toLowerCase(), role: r.delta > 0 ? 'warn' : 'ok'});
		}
	}
	return {columns: COMPARE_COLUMNS, rows, empty: 'nothing changed between the two windows'};
}
