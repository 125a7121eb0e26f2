/**
 * The detail pane and the status line of the selected row (issue 14), pure: what a file, a
 * command, a server, a model, a session or a finding is in full; what `y` copies; and a
 * sentence that interprets the selected cell (`explainCell`).
 */
import type {Finding} from '../analysis/patterns/types.js';
import type {HotspotRef, HotspotRowBase, HotspotsReport, SessionReport} from '../analysis/report-types.js';
import {wrapText} from '../core/wrap.js';
import {typedFindings} from './drill-models.js';
import {explainCell, type MoneyColumn, type RowNoun} from '../report/columns.js';
import {commandText, fmtDateTime, fmtPct, fmtTokens, fmtUsd, fmtUsdCol, plural, sanitize, shortId, tildify} from '../report/format.js';
import type {SessionSection} from './drill-models.js';
import type {RowTab, TabName} from './state.js';

export interface Detail {
	title: string;
	lines: string[];
	/** What `y` copies: the row's id, path or action. */
	copy?: string;
}

/** Where the selected row is: which table, of which report. */
export interface DetailPlace {
	screen: 'hotspots' | 'row' | 'commands' | 'session' | 'turn' | 'compare';
	tab: TabName;
	rowTab?: RowTab;
	section?: SessionSection;
	/** The verb of the exact-commands screen. */
	verb?: string;
}

/** Lines of `text` no wider than `width` (at least 10), cut at spaces; a word longer than a line is cut. */
export function wrap(text: string, width: number): string[] {
	return wrapText(sanitize(text), {width, minRoom: 10, long: 'cut', trim: 'all', paragraphs: true});
}

/** A hotspot's refs per session (its threads together), as the drill-down's rows count them. */
function bySession(refs: HotspotRef[]): Map<string, {cost: number; turns: Set<string>}> {
	const by = new Map<string, {cost: number; turns: Set<string>}>();
	for (const r of refs) {
		const e = by.get(r.sessionId) ?? {cost: 0, turns: new Set<string>()};
		e.cost += r.cost;
		r.turns.forEach((t) => e.turns.add(t));
		by.set(r.sessionId, e);
	}
	return by;
}

const turnsWord = (n: number) => plural(n, 'turn');

/** Rows of cells as indented lines in columns, two spaces apart: the first cell padded, the others right-aligned. */
export function columnLines(rows: ReadonlyArray<readonly string[]>): string[] {
	const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
	return rows.map((r) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('  ')}`);
}

/** `  ec9b7e55       $0.55  13 turns`: in columns (ids of different lengths, costs right-aligned). */
export function topSessions(refs: HotspotRef[], n = 5): string[] {
	return columnLines(
		[...bySession(refs)]
			.sort((a, b) => b[1].cost - a[1].cost)
			.slice(0, n)
			.map(([id, e]) => [shortId(id), fmtUsdCol(e.cost), turnsWord(e.turns.size)]),
	);
}

const money = (r: HotspotRowBase) => [`initial ${fmtUsd(r.initialCost)} · riding ${fmtUsd(r.persistenceCost)}`, `rode ${plural(r.ridingTurns, 'later turn')} · share ${fmtPct(r.share)}`];

/** `main, general-purpose ×3, Explore ×2`: each kind of thread once, in order of first appearance, with its count. */
export function threadKinds(names: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
	return [...counts].map(([n, k]) => (k === 1 ? n : `${n} ×${k}`)).join(', ');
}

export function findingDetail(f: Finding, width: number): Detail {
	// The action comes before the long detail: a short pane still shows what to do.
	const lines = [
		`${f.severity} · ${f.kind}${f.category ? ` (${f.category})` : ''}`,
		`cost ${f.costUsd === null ? 'unpriced' : fmtUsd(f.costUsd)} · est. savings ${f.savingsUsd === null ? '–' : fmtUsd(f.savingsUsd)}`,
		`action: ${sanitize(f.action.label)}`,
		...wrap(f.action.text, width).map((l) => `  ${l}`),
		`session ${f.sessionId ? shortId(f.sessionId) : '–'}${f.turns?.length ? ` · ${plural(f.turns.length, 'turn')}` : ''} (y copies the action)`,
		'',
		...wrap(f.detail, width),
	];
	return {title: sanitize(f.title || f.kind), lines, copy: f.action.text};
}

type Tables = Pick<HotspotsReport, 'files' | 'bashVerbs' | 'bash' | 'subagents' | 'mcpServers' | 'findings'>;

/** The tab a row of a session's section stands for, as a hotspot tab. */
const sectionTab = (section: SessionSection | undefined): TabName | undefined =>
	section === 'Files' || section === 'Commands' || section === 'Subagents' || section === 'MCP' || section === 'Findings' ? section : undefined;

/** The detail of the selected row, or null when the row has none. */
export function detailFor(place: DetailPlace, key: string, report: HotspotsReport | null, session: SessionReport | null, width: number, home?: string): Detail | null {
	if (!report) return null;
	const inSession = place.screen === 'session' && place.section !== 'Turns' && place.section !== 'Threads';
	const tables: Tables | null = inSession ? session : report;
	const tab = place.screen === 'hotspots' ? place.tab : inSession ? sectionTab(place.section) : undefined;
	if (place.screen === 'commands' && place.verb !== undefined) {
		const b = report.bash.find((x) => x.argsHash === key);
		if (!b) return null;
		return {title: `${sanitize(place.verb)} command`, lines: [...wrap(b.command === null ? '(text not kept)' : commandText(b.command), width), '', `${plural(b.callCount, 'call')} · ${fmtUsd(b.totalCost)}`, ...money(b), 'enter: the sessions that ran it'], copy: b.command ?? undefined};
	}
	if (place.screen === 'session' && place.section === 'Turns' && session) {
		const t = session.timeline.find((x) => x.messageId === key);
		if (!t) return null;
		const calls = t.calls.flatMap((c) => [`${sanitize(c.display)} · ${fmtUsd(c.cost)}`, ...wrap(c.target ?? '', width - 2).map((l) => `  ${l}`)]);
		return {title: `turn ${t.index} · ${t.cost === null ? 'unpriced' : fmtUsd(t.cost)}`, lines: [sanitize(t.model), `${fmtDateTime(t.ts)} · ${plural(t.calls.length, 'tool call')}`, ...calls, 'enter: the whole text'], copy: t.messageId};
	}
	if (place.screen === 'row' && place.rowTab === 'Findings') {
		// A session's minor row (the only row screen with a session): keys index the session's findings.
		const f = key.startsWith('f') ? typedFindings((session ?? report).findings)[Number(key.slice(1))] : undefined;
		return f ? findingDetail(f, width) : null;
	}
	if (place.screen === 'row' || (place.screen === 'hotspots' && tab === 'Sessions')) {
		const s = report.sessions.find((x) => x.sessionId === key);
		if (!s) return null;
		return {
			title: `session ${shortId(s.sessionId)}`,
			lines: [s.sessionId, `${s.source} · ${sanitize(tildify(s.project ?? '', home))}`, `${fmtDateTime(s.firstTs)} – ${fmtDateTime(s.lastTs)}`, `${plural(s.turns, 'turn')} · ${plural(s.toolCalls, 'tool call')}`, `cost ${s.cost === null ? 'unpriced' : fmtUsd(s.cost)} · attributed ${fmtUsd(s.attributedCost)}`, ...(s.threads.length ? [`threads: ${threadKinds(s.threads.map((t) => sanitize(t.agentType ?? 'main')))}`] : [])],
			copy: s.sessionId,
		};
	}
	if (!tables || !tab) return null;
	switch (tab) {
		case 'Files': {
			const f = tables.files.find((x) => x.path === key);
			if (!f) return null;
			return {
				title: sanitize(key.split('/').pop() ?? key),
				lines: [...wrap(tildify(f.path, home), width), `${plural(f.reads, 'read')} · ${plural(f.edits, 'edit')} · ${plural(f.toolCallCount, 'call')}`, `first: turn ${f.firstEmitTurnIndex + 1}, ${fmtDateTime(f.firstEmitTs)}`, `last: ${lastTurnOf(f.refs, report.sessions)}`, ...money(f), 'top sessions:', ...topSessions(f.refs)],
				copy: f.path,
			};
		}
		case 'Commands': {
			const v = tables.bashVerbs.find((x) => x.verb === key);
			if (!v) return null;
			return {title: sanitize(v.verb), lines: [`${plural(v.callCount, 'call')} · ${plural(v.distinctCommands, 'distinct command')}`, ...money(v), 'e.g.:', ...v.topExamples.slice(0, 5).map((e) => `  ${commandText(e)}`), 'top sessions:', ...topSessions(v.refs)], copy: v.verb};
		}
		case 'Subagents': {
			const a = tables.subagents.find((x) => x.subagentType === key);
			if (!a) return null;
			return {title: sanitize(a.subagentType), lines: [`${plural(a.callCount, 'spawn')} · ${plural(a.threads, 'thread')}`, `the report back: ${fmtUsd(a.totalCost)}`, `the threads' own turns: ${fmtUsd(a.threadCost)}`, ...money(a), 'top sessions:', ...topSessions(a.refs)], copy: a.subagentType};
		}
		case 'MCP': {
			const m = tables.mcpServers.find((x) => x.server === key);
			if (!m) return null;
			return {title: `server ${sanitize(m.server)}`, lines: [`${plural(m.callCount, 'call')} · ${fmtUsd(m.totalCost)}`, ...money(m), 'tools:', ...columnLines(m.topTools.map((t) => [sanitize(t.tool), plural(t.callCount, 'call'), fmtUsdCol(t.totalCost)])), 'top sessions:', ...topSessions(m.refs)], copy: m.server};
		}
		case 'Models': {
			const m = report.models.find((x) => x.model === key);
			if (!m) return null;
			return {title: sanitize(m.model), lines: [`${plural(m.turns, 'turn')} in ${plural(m.sessions.length, 'session')}`, `input ${fmtTokens(m.usage.input)} · output ${fmtTokens(m.usage.output)}`, `cache read ${fmtTokens(m.usage.cacheRead)} · write ${fmtTokens(m.usage.cacheCreate5m + m.usage.cacheCreate1h)}`, `cost ${m.cost === null ? 'unpriced' : fmtUsd(m.cost)}`, 'enter: the sessions that used it'], copy: m.model};
		}
		case 'Findings': {
			const f = key.startsWith('f') ? typedFindings(tables.findings)[Number(key.slice(1))] : undefined;
			return f ? findingDetail(f, width) : null;
		}
		default:
			return null;
	}
}

/**
 * `session a49626b7 · 4 turns`: the session that used the row most recently (the latest last
 * turn; refs are sorted by cost, so their order says nothing of time) and its turns with the row,
 * every thread together: the number its drill-down row and the top sessions show.
 */
export function lastTurnOf(refs: HotspotRef[], sessions: HotspotsReport['sessions']): string {
	const by = bySession(refs);
	if (!by.size) return '–';
	const lastTs = new Map(sessions.map((s) => [s.sessionId, s.lastTs ?? s.firstTs ?? '']));
	let last = '';
	for (const id of by.keys()) if (!last || (lastTs.get(id) ?? '') > (lastTs.get(last) ?? '')) last = id;
	return `session ${shortId(last)} · ${turnsWord(by.get(last)!.turns.size)}`;
}

const COLUMN_OF: Record<string, MoneyColumn> = {initial: 'initial', riding: 'riding', turns: 'turns', cost: 'cost', share: 'share'};
const NOUN_OF: Partial<Record<RowTab, RowNoun>> = {Files: 'file', Commands: 'verb', Subagents: 'subagent', MCP: 'server', Command: 'command'};

/**
 * The status line for the selected cell of a hotspot table: the sorted money column, else the
 * riding one (`riding: this file's text sat in the cache for 1,954 later turns, $0.92`).
 */
export function cellNote(place: DetailPlace, key: string, report: HotspotsReport | null, session: SessionReport | null, sortTitle?: string): string {
	const inSession = place.screen === 'session' ? place.section : undefined;
	const tab: RowTab | undefined = place.screen === 'hotspots' ? place.tab : place.screen === 'commands' ? 'Command' : inSession && inSession !== 'Turns' ? (inSession as RowTab) : undefined;
	const noun = tab ? NOUN_OF[tab] : undefined;
	const tables = inSession ? session : report;
	if (!noun || !tables) return '';
	const row: HotspotRowBase | undefined =
		tab === 'Files'
			? tables.files.find((x) => x.path === key)
			: tab === 'Commands'
				? tables.bashVerbs.find((x) => x.verb === key)
				: tab === 'Subagents'
					? tables.subagents.find((x) => x.subagentType === key)
					: tab === 'MCP'
						? tables.mcpServers.find((x) => x.server === key)
						: tables.bash.find((x) => x.argsHash === key);
	if (!row) return '';
	return ` ${explainCell(COLUMN_OF[sortTitle ?? ''] ?? 'riding', noun, row)}`;
}
