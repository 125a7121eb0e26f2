/**
 * The plain-text hotspots report (`--no-tty`, or stdout not a terminal). No ANSI unless
 * `color`; every string that comes from logs goes through `sanitize`.
 */
import type {Window} from '../analysis/dataset.js';
import {formatCoverageNotice} from '../analysis/coverage.js';
import {leftOutLines} from '../analysis/left-out.js';
import {agentNoticeLines} from './agent-notices.js';
import {wrapText} from '../core/wrap.js';
import type {BashRow, BashVerbRow, FileRow, HotspotRowBase, HotspotsReport, McpServerRow, SessionRow, SubagentRow} from '../analysis/report-types.js';
import {commandText, fmtCostCol, fmtDateTime, fmtInt, fmtPct, fmtTokens, fmtUsd, needsYear, plural, sanitize, shortId, tildify, fmtUsdCol} from './format.js';
import {modelSection, num, section, styleFor, type Style, type TextOptions} from './sections.js';
import type {TextColumn} from './table.js';
import {emptyWindowLine} from './empty-text.js';

export {renderSessionText} from './session-text.js';
export {DEFAULT_LIMIT, styleFor, type Style, type TextOptions} from './sections.js';

const UNATTRIBUTED_NOTE = '(output, system prompt, untracked)';

const RELATIVE_UNITS: Record<string, [string, string]> = {h: ['hour', 'hours'], d: ['day', 'days'], w: ['week', 'weeks'], m: ['month', 'months']};

/** `7d` → `last 7 days` (a relative `--since` without `--until`), else undefined. */
export function relativeLabel(since: string | undefined): string | undefined {
	const m = since ? /^(\d+)([hdwm])$/.exec(since) : null;
	if (!m) return undefined;
	const n = Number(m[1]);
	const [one, many] = RELATIVE_UNITS[m[2]!]!;
	return n === 1 ? `last ${one}` : `last ${n} ${many}`;
}

/** The window in words; its dates carry their year when not in the year of `now`. */
export function windowLabel(w: Window, sinceLabel?: string, now = Date.now()): string {
	const relative = !w.until ? relativeLabel(sinceLabel) : undefined;
	if (relative) return relative;
	if (!w.since && !w.until) return 'all time';
	const year = needsYear([w.since, w.until], now);
	if (w.since && !w.until) return `since ${fmtDateTime(w.since, year)}`;
	if (!w.since) return `until ${fmtDateTime(w.until, year)}`;
	return `${fmtDateTime(w.since, year)} – ${fmtDateTime(w.until, year)}`;
}

export {shortId} from './format.js';

const hotspotColumns = (title: string, cut: 'middle' | 'end' = 'middle', extra: TextColumn[] = []): TextColumn[] => [
	num('#'),
	{title, align: 'left', flex: true, cut},
	num('calls'),
	...extra,
	num('initial'),
	num('riding'),
	num('turns'),
	num('cost'),
	num('share'),
];
const hotspotCells = (r: HotspotRowBase): string[] => [
	fmtTokens(r.initialTokens),
	fmtTokens(r.persistenceTokens),
	fmtInt(r.ridingTurns),
	fmtUsdCol(r.totalCost),
	fmtPct(r.share),
];

function headerLines(r: HotspotsReport, opts: TextOptions, st: Style): string[] {
	const width = Math.max(40, opts.width ?? 100);
	const lines: string[] = [];
	const add = (text: string, style: (s: string) => string = (s) => s): void => {
		for (const l of wrap(text, width)) lines.push(style(l));
	};
	const sources = [...new Set([...r.sessions.map((s) => s.source), ...r.fidelity.excludedBySource.map((e) => e.source)])].sort();
	add(`burn · ${windowLabel(r.window, opts.sinceLabel, opts.now)} · ${sources.length > 0 ? sources.join(', ') : 'no sources'}`, st.bold);
	if (r.refused) {
		add(`Nothing here can be attributed: ${sanitize(r.refusalReason ?? '')}`, st.warn);
		return lines;
	}
	if (r.fidelity.summary.total === 0) {
		add(emptyWindowLine(r.window, opts));
		return lines;
	}
	const approx = r.attributionDegraded ? ' (approximate)' : '';
	add(`${fmtUsd(r.grandTotal)} spent · ${plural(r.turnsAnalyzed, 'turn')} · ${plural(r.sessions.length, 'session')}`);
	add(`attributed ${fmtUsd(r.attributedTotal)}${approx} · unattributed ${fmtUsd(r.unattributedTotal)} ${UNATTRIBUTED_NOTE}`);
	const withCalls = r.sessions.filter((s) => s.toolCalls > 0);
	const even = withCalls.filter((s) => s.attributionMethod === 'even-split').length;
	if (r.attributionDegraded) {
		const pct = ((even / withCalls.length) * 100).toFixed(1);
		add(
			`approximate: ${fmtInt(even)} of ${plural(withCalls.length, 'session')} (${pct}%) have no tool-result sizes; their file, command and ` +
				`subagent costs are an even split of the next turn's new input, without riding cost.`,
			st.warn,
		);
	} else if (even > 0) {
		add(`note: ${fmtInt(even)}/${plural(withCalls.length, 'session')} used an even split (no tool-result sizes).`, st.dim);
	}
	if (r.excluded.turns > 0) {
		const notice = formatCoverageNotice(r.turnsAnalyzed, r.turnsAnalyzed + r.excluded.turns, r.fidelity.excludedBySource);
		add(`${notice}; ${fmtUsd(r.excluded.cost)} left out of the totals`, st.warn);
	}
	if (r.unpriced.turns > 0) {
		const models = r.unpriced.models.map(sanitize).join(', ');
		add(`unpriced: ${plural(r.unpriced.turns, 'turn')}, ${fmtTokens(r.unpriced.tokens)} tokens (${models}): no known price, not counted in the dollars`, st.warn);
	}
	for (const line of agentNoticeLines(r.sessions)) add(line, st.warn);
	if (r.undated > 0) {
		const counted = !r.window.since && !r.window.until;
		add(`undated: ${plural(r.undated, 'turn')} without a timestamp${counted ? ', included' : ', left out (only --since all counts them)'}`, st.dim);
	}
	return lines;
}

/**
 * Word-wraps a line to `width`; continuation lines are indented by two spaces, a word longer
 * than the room is kept whole, and a line that wraps loses its leading spaces.
 */
export function wrap(line: string, width: number): string[] {
	return wrapText(line, {width, hang: '  ', trim: 'first'});
}

function sessionCells(s: SessionRow, i: number, grand: number, home: string | undefined, withYear: boolean): string[] {
	return [
		String(i + 1),
		shortId(s.sessionId),
		s.source,
		sanitize(tildify(s.project ?? '', home)),
		fmtDateTime(s.firstTs, withYear),
		fmtInt(s.turns),
		fmtCostCol(s.cost),
		fmtUsdCol(s.attributedCost),
		fmtPct(grand > 0 && s.cost !== null ? s.cost / grand : 0),
	];
}

/** What the figures leave out (non-zero counts only), as the last lines of the report. */
export function leftOutBlock(report: Pick<HotspotsReport, 'leftOut'>, opts: TextOptions = {}, st: Style = styleFor(opts.color)): string[] {
	const items = report.leftOut ? leftOutLines(report.leftOut) : [];
	if (items.length === 0) return [];
	const width = Math.max(40, opts.width ?? 100);
	const out = ['', st.bold('Left out')];
	for (const item of items) out.push(...wrap(`  ${sanitize(item)}`, width).map((l) => st.dim(l)));
	return out;
}

/** The hotspots report as plain text. */
export function renderText(report: HotspotsReport, opts: TextOptions = {}): string {
	const st = styleFor(opts.color);
	const out = headerLines(report, opts, st);
	if (report.refused || report.fidelity.summary.total === 0) return `${[...out, ...leftOutBlock(report, opts, st)].join('\n')}\n`;
	const approx = report.attributionDegraded ? ' (approximate)' : '';
	const home = opts.home;
	// Dates carry their year when the sessions shown are not all in this year.
	const withYear = needsYear(report.sessions.slice(0, Math.max(0, opts.limit ?? 10)).map((s) => s.firstTs), opts.now ?? Date.now());
	out.push(
		...section(
			'Sessions',
			report.sessions,
			[num('#'), {title: 'session', align: 'left'}, {title: 'source', align: 'left'}, {title: 'project', align: 'left', flex: true}, {title: 'started', align: 'left'}, num('turns'), num('cost'), num('attributed'), num('share')],
			(s, i) => sessionCells(s, i, report.grandTotal, home, withYear),
			'(no sessions)',
			opts,
			st,
		),
		...section<FileRow>(`Files${approx}`, report.files, hotspotColumns('file'), (r, i) => [String(i + 1), sanitize(tildify(r.path, home)), fmtInt(r.toolCallCount), ...hotspotCells(r)], '(no file tool calls)', opts, st),
		...section<BashVerbRow>(
			`Commands by verb${approx}`,
			report.bashVerbs,
			hotspotColumns('verb', 'end', [num('cmds')]),
			(r, i) => [String(i + 1), sanitize(r.verb), fmtInt(r.callCount), fmtInt(r.distinctCommands), ...hotspotCells(r)],
			'(no shell commands)',
			opts,
			st,
		),
		...section<BashRow>(
			`Commands${approx}`,
			report.bash,
			hotspotColumns('command', 'end'),
			(r, i) => [String(i + 1), commandText(r.command ?? `(hash ${r.argsHash.slice(0, 8)})`), fmtInt(r.callCount), ...hotspotCells(r)],
			'(no shell commands)',
			opts,
			st,
		),
		...section<SubagentRow>(
			`Subagents${approx}`,
			report.subagents,
			[...hotspotColumns('subagent', 'end'), num('own cost')],
			(r, i) => [String(i + 1), sanitize(r.subagentType), fmtInt(r.callCount), ...hotspotCells(r), r.threads > 0 ? fmtUsdCol(r.threadCost) : ''],
			'(no subagent calls)',
			opts,
			st,
		),
		...section<McpServerRow>(
			`MCP servers${approx}`,
			report.mcpServers,
			hotspotColumns('server', 'end'),
			(r, i) => [String(i + 1), sanitize(`${r.server}: ${r.topTools.map((t) => t.tool).join(', ')}`), fmtInt(r.callCount), ...hotspotCells(r)],
			'(no MCP tool calls)',
			opts,
			st,
		),
		...modelSection(report.models, opts, st),
		...leftOutBlock(report, opts, st),
	);
	return `${out.join('\n')}\n`;
}
