import type {HotspotRef, HotspotsReport, SessionRow} from '../analysis/report-types.js';
import {fmtDateTime, fmtInt, fmtPct, fmtTokens, needsYear, sanitize, shortId, tildify, type DisplayContext, fmtCostCol, fmtUsdCol} from '../report/format.js';
import type {RowTab} from './state.js';
import type {TabName} from './state.js';
import {BY_SEVERITY, type Column, type TableModel, type TableRow} from './table-model.js';
import {commonDir} from './fmt.js';

const HOTSPOT_COLUMNS = (what: string, truncate: Column['truncate'] = 'end'): Column[] => [
	{title: '#', width: 3, align: 'right'},
	{title: what, width: 'flex', align: 'left', truncate},
	{title: 'calls', width: 5, align: 'right'},
	{title: 'initial', width: 7, align: 'right'},
	{title: 'riding', width: 7, align: 'right'},
	{title: 'turns', width: 5, align: 'right'},
	{title: 'cost', width: 9, align: 'right'},
	{title: 'share', width: 5, align: 'right'},
];

interface HotspotLike {
	initialTokens: number;
	persistenceTokens: number;
	ridingTurns: number;
	totalCost: number;
	share: number;
}

function hotspotRow(key: string, label: string, calls: number, r: HotspotLike, i: number, extra = ''): TableRow {
	const text = sanitize(label);
	return {
		key,
		cells: [String(i + 1), text, fmtInt(calls), fmtTokens(r.initialTokens), fmtTokens(r.persistenceTokens), fmtInt(r.ridingTurns), fmtUsdCol(r.totalCost), fmtPct(r.share)],
		search: `${text} ${extra}`.toLowerCase(),
	};
}

/** The columns that name a session, shared by the Sessions tab and a hotspot's drill-down. */
const SESSION_COLUMNS = (withYear: boolean): Column[] => [
	{title: 'session', width: 12, align: 'left'},
	{title: 'started', width: withYear ? 17 : 12, align: 'left'},
	{title: 'source', width: 11, align: 'left'},
	{title: 'project', width: 'flex', align: 'left'},
];

/** Without a display context: this year's clock, no `~`. */
const NO_DISPLAY: DisplayContext = {now: Date.now()};

export function sessionsTable(sessions: SessionRow[], display: DisplayContext = NO_DISPLAY): TableModel {
	const withYear = needsYear(sessions.map((s) => s.firstTs), display.now);
	return {
		columns: [
			...SESSION_COLUMNS(withYear),
			{title: 'turns', width: 6, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
			{title: 'attributed', width: 10, align: 'right'},
		],
		rows: sessions.map((s) => {
			const project = sanitize(tildify(s.project ?? '', display.home));
			return {
				key: s.sessionId,
				cells: [
					shortId(s.sessionId),
					fmtDateTime(s.firstTs, withYear),
					s.source,
					project,
					fmtInt(s.turns),
					fmtCostCol(s.cost),
					fmtUsdCol(s.attributedCost),
				],
				search: `${s.sessionId} ${s.source} ${project}`.toLowerCase(),
				dim: s.cost === null,
			};
		}),
		empty: 'no sessions in this window',
	};
}

/** The table of one tab of the hotspots screen. Row keys are what drill-down opens. */
export function tabTable(report: HotspotsReport, tab: Exclude<TabName, 'Live'>, display: DisplayContext = NO_DISPLAY): TableModel {
	switch (tab) {
		case 'Files': {
			// Paths relative to the directory they all share, named in the column title (`~/…`
			// under the home directory).
			const prefix = commonDir(report.files.map((r) => r.path));
			return {
				columns: HOTSPOT_COLUMNS(prefix ? `file (in ${tildify(prefix.slice(0, -1), display.home)})` : 'file', 'middle'),
				rows: report.files.map((r, i) => hotspotRow(r.path, prefix ? r.path.slice(prefix.length) : tildify(r.path, display.home), r.toolCallCount, r, i, r.path)),
				empty: 'no file reads or edits were attributed in this window',
			};
		}
		case 'Commands':
			return {
				columns: HOTSPOT_COLUMNS('command'),
				rows: report.bashVerbs.map((r, i) => hotspotRow(r.verb, r.verb, r.callCount, r, i, r.topExamples.join(' '))),
				empty: 'no shell commands were attributed in this window',
			};
		case 'Subagents':
			return {
				columns: HOTSPOT_COLUMNS('subagent type'),
				rows: report.subagents.map((r, i) => hotspotRow(r.subagentType, r.subagentType, r.callCount, r, i)),
				empty: 'no subagents were spawned in this window',
			};
		case 'MCP':
			return {
				columns: HOTSPOT_COLUMNS('server · top tools'),
				rows: report.mcpServers.map((r, i) =>
					hotspotRow(r.server, `${r.server} · ${r.topTools.map((t) => t.tool).join(', ')}`, r.callCount, r, i),
				),
				empty: 'no MCP tools were called in this window',
			};
		case 'Models':
			return {
				columns: [
					{title: 'model', width: 'flex', align: 'left'},
					{title: 'turns', width: 6, align: 'right'},
					{title: 'input', width: 7, align: 'right'},
					{title: 'cache w', width: 7, align: 'right'},
					{title: 'cache r', width: 7, align: 'right'},
					{title: 'output', width: 7, align: 'right'},
					{title: 'cost', width: 9, align: 'right'},
					{title: 'share', width: 5, align: 'right'},
				],
				rows: report.models.map((m) => ({
					key: m.model,
					cells: [
						sanitize(m.model || '(unknown)'),
						fmtInt(m.turns),
						fmtTokens(m.usage.input),
						fmtTokens(m.usage.cacheCreate5m + m.usage.cacheCreate1h),
						fmtTokens(m.usage.cacheRead),
						fmtTokens(m.usage.output),
						fmtCostCol(m.cost),
						m.cost === null ? '' : fmtPct(m.share),
					],
					search: m.model.toLowerCase(),
					dim: m.cost === null,
				})),
				empty: 'no turns in this window',
			};
		case 'Sessions':
			return sessionsTable(report.sessions, display);
		case 'Findings':
			return findingsTable(report);
	}
}

function findingsTable(report: HotspotsReport): TableModel {
	const rows = report.findings.map((f, i) => {
		const kind = String(f.kind ?? '');
		const title = sanitize(String(f.title ?? kind));
		const cost = typeof f.costUsd === 'number' ? f.costUsd : typeof f.cost === 'number' ? (f.cost as number) : 0;
		return {
			key: `${i}`,
			cells: [String(f.severity ?? ''), kind, title, shortId(String(f.sessionId ?? '')), fmtUsdCol(cost)],
			search: `${kind} ${title} ${String(f.sessionId ?? '')}`.toLowerCase(),
		};
	});
	return {
		columns: [
			{title: 'sev', width: 5, align: 'left', sort: BY_SEVERITY},
			{title: 'kind', width: 18, align: 'left'},
			{title: 'finding', width: 'flex', align: 'left', truncate: 'end'},
			{title: 'session', width: 12, align: 'left'},
			{title: 'cost', width: 9, align: 'right'},
		],
		rows,
		empty: 'no findings in this window',
	};
}

/** The refs of the row a tab key names. */
export function refsOf(report: HotspotsReport, tab: RowTab, key: string): {label: string; total: number; refs: HotspotRef[]} | undefined {
	const pick = <R extends {totalCost: number; refs: HotspotRef[]}>(rows: R[], keyOf: (r: R) => string) => {
		const row = rows.find((r) => keyOf(r) === key);
		return row ? {label: key, total: row.totalCost, refs: row.refs} : undefined;
	};
	switch (tab) {
		case 'Files':
			return pick(report.files, (r) => r.path);
		case 'Commands':
			return pick(report.bashVerbs, (r) => r.verb);
		case 'Subagents':
			return pick(report.subagents, (r) => r.subagentType);
		case 'MCP':
			return pick(report.mcpServers, (r) => r.server);
		case 'Command':
			return pick(report.bash, (r) => r.argsHash);
		default:
			return undefined;
	}
}

/** Drill-down from a hotspot row: the sessions it came from, with their share of its cost. */
export function rowSessionsTable(report: HotspotsReport, refs: HotspotRef[], total: number, display: DisplayContext = NO_DISPLAY): TableModel {
	const bySession = new Map<string, {calls: number; cost: number; turns: Set<string>}>();
	for (const r of refs) {
		let s = bySession.get(r.sessionId);
		if (!s) bySession.set(r.sessionId, (s = {calls: 0, cost: 0, turns: new Set()}));
		s.calls += r.calls;
		s.cost += r.cost;
		for (const t of r.turns) s.turns.add(t);
	}
	const meta = new Map(report.sessions.map((s) => [s.sessionId, s]));
	const withYear = needsYear([...bySession.keys()].map((id) => meta.get(id)?.firstTs), display.now);
	const rows = [...bySession.entries()]
		.sort((a, b) => b[1].cost - a[1].cost)
		.map(([id, s]) => {
			const m = meta.get(id);
			return {
				key: id,
				cells: [shortId(id), fmtDateTime(m?.firstTs ?? null, withYear), m?.source ?? '', sanitize(tildify(m?.project ?? '', display.home)), fmtInt(s.turns.size), fmtInt(s.calls), fmtUsdCol(s.cost), fmtPct(total > 0 ? s.cost / total : 0)],
				search: `${id} ${m?.project ?? ''}`.toLowerCase(),
			};
		});
	return {
		columns: [
			...SESSION_COLUMNS(withYear),
			{title: 'turns', width: 5, align: 'right'},
			{title: 'calls', width: 5, align: 'right'},
			{title: 'cost', width: 9, align: 'right'},
			{title: 'share', width: 5, align: 'right'},
		],
		rows,
		empty: 'no sessions',
	};
}
