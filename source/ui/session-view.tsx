import React from 'react';
import {Box, Text} from 'ink';
import type {SessionReport, ThreadNode} from '../analysis/report-types.js';
import {fmtClock, fmtDateTime, fmtTokens, fmtUsd, needsYear, plural, sanitize, shortenMiddle, shortId, shortModel, tildify, truncateEnd, type DisplayContext, fmtCostCol} from '../report/format.js';
import type {TableModel} from './table-model.js';
import {useTheme} from './theme.js';

/** `Explore (2 turns, $0.05) · › code-reviewer (1 turn, $0.01)`: nested threads get a `›` per level. */
export function threadSummary(root: ThreadNode): string {
	const parts: string[] = [];
	const walk = (n: ThreadNode, depth: number) => {
		for (const c of n.children) {
			const cost = c.cost === null ? 'unpriced' : fmtUsd(c.cost);
			parts.push(`${'› '.repeat(depth)}${sanitize(c.agentType)} (${plural(c.turns, 'turn')}, ${cost})`);
			walk(c, depth + 1);
		}
	};
	walk(root, 0);
	return parts.join(' · ');
}

/** ` session 8f3a21c0 · claude-code · ~/code/app · Nov 21 14:02–16:40 · $4.12`, the project shortened to fit. */
export function sessionTitle(report: SessionReport, width: number, display?: DisplayContext): string {
	const id = ` session ${shortId(report.sessionId)}`;
	const span = `${fmtDateTime(report.firstTs, display ? needsYear([report.firstTs], display.now) : false)}–${fmtClock(report.lastTs)}`;
	const cost = report.cost === null ? 'unpriced' : fmtUsd(report.cost);
	const max = width - 1;
	const project = sanitize(tildify(report.project ?? '', display?.home));
	const room = max - [id, report.source, span, cost].join(' · ').length - 3;
	if (project && room >= 8) return [id, report.source, shortenMiddle(project, room), span, cost].join(' · ');
	// Narrower: the source, then the times go before the cost does.
	for (const parts of [[id, report.source, span, cost], [id, span, cost], [id, cost]]) {
		const line = parts.join(' · ');
		if (line.length <= max) return line;
	}
	return truncateEnd(`${id} · ${cost}`, max);
}

export function SessionHeader({report, width, display}: {report: SessionReport; width: number; display?: DisplayContext}) {
	const theme = useTheme();
	const threads = threadSummary(report.threads);
	const findings = report.findings.map((f) => sanitize(String(f.title ?? f.kind ?? ''))).filter(Boolean);
	return (
		<Box flexDirection="column">
			<Text {...theme.title}>{sessionTitle(report, width, display)}</Text>
			<Text {...theme.dim}>{truncateEnd(` subagents: ${threads || 'none'}`, width - 1)}</Text>
			<Text {...(findings.length ? theme.warn : theme.dim)}>
				{truncateEnd(` findings: ${findings.length ? findings.join(' · ') : 'none'}`, width - 1)}
			</Text>
		</Box>
	);
}

/** Below this width a session with one model leaves the model column out (the turn screen names it). */
const MODEL_COLUMN_WIDTH = 90;

/**
 * The session timeline: one row per turn, keyed by message id; a subagent's turns are marked
 * `↳`. On a narrow terminal the calls column gets the model column's room when all turns
 * share one model.
 */
export function sessionTable(report: SessionReport, width = 100, marked: Set<string> = new Set(), threads: Map<string, string> = new Map()): TableModel {
	const models = new Set(report.timeline.map((t) => t.model));
	const withModel = width >= MODEL_COLUMN_WIDTH || models.size > 1;
	const withThread = report.timeline.some((t) => t.threadId);
	const model: TableModel = {
		columns: [
			{title: 'turn', width: 5, align: 'right'},
			{title: 'time', width: 5, align: 'left'},
			{title: 'model', width: 10, align: 'left'},
			{title: 'in', width: 5, align: 'right'},
			{title: 'cache w', width: 7, align: 'right'},
			{title: 'cache r', width: 7, align: 'right'},
			{title: 'out', width: 5, align: 'right'},
			{title: 'cost', width: 8, align: 'right'},
			{title: 'calls', width: 'flex', align: 'left', truncate: 'end'},
		],
		rows: report.timeline.map((t) => {
			const own = t.calls.map((c) => `${sanitize(c.display)} ${sanitize(c.short)}`.trim()).join('; ');
			// A subagent's turn says its thread (agent type), not just `↳`.
			const thread = t.threadId ? `↳${sanitize(threads.get(t.threadId) ?? 'subagent')}: ` : '';
			const calls = withThread ? `${thread}${own}` : own;
			return {
				key: t.messageId,
				mark: marked.has(t.messageId),
				cells: [
					`${marked.has(t.messageId) ? '◆' : ''}${t.threadId ? '↳' : ''}${t.index}`,
					fmtClock(t.ts),
					shortModel(t.model),
					fmtTokens(t.input),
					fmtTokens(t.cacheWrite),
					fmtTokens(t.cacheRead),
					fmtTokens(t.output),
					fmtCostCol(t.cost, 3),
					calls,
				],
				// `/` on the session screen: a turn's tools, their full targets, its model.
				search: `${calls} ${t.threadId ? threads.get(t.threadId) ?? '' : ''} ${t.calls.map((c) => `${c.name} ${sanitize(c.target ?? '')}`).join(' ')} ${t.model}`.toLowerCase(),
				dim: t.excluded,
			};
		}),
		empty: 'no turns in this window',
	};
	if (withModel) return model;
	return {...model, columns: model.columns.filter((_, i) => i !== 2), rows: model.rows.map((r) => ({...r, cells: r.cells.filter((_, i) => i !== 2)}))};
}
