/** The plain-text report of one session: header, turn timeline, hotspots, thread tree. */
import type {BashVerbRow, FileRow, McpServerRow, SessionReport, SubagentRow, ThreadNode, TimelineTurn} from '../analysis/report-types.js';
import {localDate} from '../analysis/models.js';
import {fmtClock, fmtCost, fmtDateTime, fmtInt, fmtTokens, fmtUsd, needsYear, plural, sanitize, shortModel, tildify, fmtCostCol, fmtUsdCol} from './format.js';
import {renderTable} from './table.js';
import {modelSection, section, styleFor, type Style, type TextOptions} from './sections.js';

function header(r: SessionReport, opts: TextOptions, st: Style): string[] {
	const year = needsYear([r.firstTs, r.lastTs], opts.now ?? Date.now());
	const start = fmtDateTime(r.firstTs, year);
	const sameDay = r.firstTs && r.lastTs && localDate(Date.parse(r.firstTs)) === localDate(Date.parse(r.lastTs));
	const end = sameDay ? fmtClock(r.lastTs) : fmtDateTime(r.lastTs, year);
	const when = start ? (end && end !== start.slice(-5) ? `${start}–${end}` : start) : 'undated';
	const parts = [`session ${sanitize(r.sessionId)}`, r.source];
	if (r.project) parts.push(sanitize(tildify(r.project, opts.home)));
	parts.push(when, fmtCost(r.cost));
	const u = r.usage;
	const lines = [
		st.bold(parts.join(' · ')),
		`${plural(r.turns, 'turn')} · ${fmtUsd(r.attributedCost)} attributed (${r.attributionMethod}) · ${fmtUsd(r.unattributedCost)} unattributed · ` +
			`in ${fmtTokens(u.input)} · cache w ${fmtTokens(u.cacheCreate5m + u.cacheCreate1h)} · cache r ${fmtTokens(u.cacheRead)} · out ${fmtTokens(u.output)}`,
	];
	if (r.excluded.turns > 0) {
		lines.push(st.warn(`${plural(r.excluded.turns, 'turn')} ${r.excluded.turns === 1 ? 'lacks' : 'lack'} tool-call/tool-result coverage and ${r.excluded.turns === 1 ? 'is' : 'are'} left out of attribution (${fmtUsd(r.excluded.cost)}); marked x below`));
	}
	if (r.unpriced.turns > 0) {
		lines.push(st.warn(`unpriced: ${plural(r.unpriced.turns, 'turn')}, ${fmtTokens(r.unpriced.tokens)} tokens (${r.unpriced.models.map(sanitize).join(', ')})`));
	}
	return lines;
}

function agentLabels(root: ThreadNode): Map<string, string> {
	const out = new Map<string, string>();
	const walk = (n: ThreadNode): void => {
		out.set(n.threadId, n.agentType);
		n.children.forEach(walk);
	};
	walk(root);
	return out;
}

function timelineLines(r: SessionReport, opts: TextOptions): string[] {
	const agents = agentLabels(r.threads);
	const rows = r.timeline.map((t: TimelineTurn) => {
		const calls = t.calls.map((c) => (c.short ? `${c.display} ${c.short}` : c.display)).join('; ');
		const thread = t.threadId ? `[${agents.get(t.threadId) ?? 'subagent'}] ` : '';
		return [
			`${t.excluded ? 'x' : ''}${t.index}`,
			fmtClock(t.ts),
			sanitize(shortModel(t.model)),
			fmtTokens(t.input),
			fmtTokens(t.cacheWrite),
			fmtTokens(t.cacheRead),
			fmtTokens(t.output),
			fmtCostCol(t.cost, 3),
			sanitize(thread + calls),
		];
	});
	const right = (title: string) => ({title, align: 'right' as const});
	return renderTable(
		[right('turn'), {title: 'time', align: 'left'}, {title: 'model', align: 'left'}, right('in'), right('cache w'), right('cache r'), right('out'), right('cost'), {title: 'calls', align: 'left', flex: true, cut: 'end'}],
		rows,
		opts.width ?? 100,
	);
}

function treeLines(node: ThreadNode, depth: number): string[] {
	const label = depth === 0 ? 'main' : `${'  '.repeat(depth - 1)}└ ${sanitize(node.agentType)}`;
	// The count right-aligned, its noun after it (`1 turn ` under `202 turns`).
	const turns = `${' '.repeat(Math.max(0, 6 - fmtInt(node.turns).length))}${plural(node.turns, 'turn')}`.padEnd(12);
	const line = `  ${label.padEnd(28)} ${turns}  ${fmtCostCol(node.cost).padStart(9)}`;
	return [line, ...node.children.flatMap((c) => treeLines(c, depth + 1))];
}

/** One session as plain text. The timeline lists every turn; hotspot tables keep `limit` rows. */
export function renderSessionText(report: SessionReport, opts: TextOptions = {}): string {
	const st = styleFor(opts.color);
	const out = header(report, opts, st);
	out.push('', st.bold('Turns'), ...timelineLines(report, opts));
	const num = (title: string) => ({title, align: 'right' as const});
	const cols = (title: string) => [num('#'), {title, align: 'left' as const, flex: true}, num('calls'), num('initial'), num('riding'), num('turns'), num('cost')];
	const tail = (r: {initialTokens: number; persistenceTokens: number; ridingTurns: number; totalCost: number}) => [
		fmtTokens(r.initialTokens),
		fmtTokens(r.persistenceTokens),
		fmtInt(r.ridingTurns),
		fmtUsdCol(r.totalCost),
	];
	out.push(
		...section<FileRow>('Files', report.files, cols('file'), (r, i) => [String(i + 1), sanitize(tildify(r.path, opts.home)), fmtInt(r.toolCallCount), ...tail(r)], '(no file tool calls)', opts, st),
		...section<BashVerbRow>('Commands by verb', report.bashVerbs, cols('verb'), (r, i) => [String(i + 1), sanitize(r.verb), fmtInt(r.callCount), ...tail(r)], '(no shell commands)', opts, st),
		...section<SubagentRow>('Subagents', report.subagents, cols('subagent'), (r, i) => [String(i + 1), sanitize(r.subagentType), fmtInt(r.callCount), ...tail(r)], '(no subagent calls)', opts, st),
		...section<McpServerRow>('MCP servers', report.mcpServers, cols('server'), (r, i) => [String(i + 1), sanitize(r.server), fmtInt(r.callCount), ...tail(r)], '(no MCP tool calls)', opts, st),
		...modelSection(report.models, opts, st),
	);
	if (report.threads.children.length > 0) out.push('', st.bold('Threads'), ...treeLines(report.threads, 0));
	return `${out.join('\n')}\n`;
}
