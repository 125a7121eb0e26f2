import React from 'react';
import {Box, Text} from 'ink';
import type {SessionReport, ThreadNode} from '../analysis/report-types.js';
import {fmtTokens, fmtUsd, sanitize, shortenMiddle} from '../report/format.js';
import type {TableModel} from './table-model.js';
import {fmtClock, fmtDateTime, shortId} from './fmt.js';

/** `claude-sonnet-4-5-20250929` → `sonnet-4-5`. */
export function shortModel(model: string): string {
	return model
		.replace(/^[a-z-]+\//, '')
		.replace(/^claude-/, '')
		.replace(/-\d{8}$/, '')
		.replace(/@.*$/, '');
}

function threadSummary(root: ThreadNode): string {
	const parts: string[] = [];
	const walk = (n: ThreadNode, depth: number) => {
		for (const c of n.children) {
			parts.push(`${'›'.repeat(depth)}${sanitize(c.agentType)} ${c.turns}t ${c.cost === null ? 'unpriced' : fmtUsd(c.cost)}`);
			walk(c, depth + 1);
		}
	};
	walk(root, 1);
	return parts.join(' · ');
}

export function SessionHeader({report, width}: {report: SessionReport; width: number}) {
	const span = `${fmtDateTime(report.firstTs)}–${fmtClock(report.lastTs)}`;
	const title = ` session ${shortId(report.sessionId)} · ${report.source} · ${shortenMiddle(sanitize(report.project ?? ''), 30)} · ${span} · ${report.cost === null ? 'unpriced' : fmtUsd(report.cost)}`;
	const threads = threadSummary(report.threads);
	const findings = report.findings.map((f) => sanitize(String(f.title ?? f.kind ?? ''))).filter(Boolean);
	return (
		<Box flexDirection="column">
			<Text bold>{title.slice(0, width)}</Text>
			<Text dimColor>{` subagents: ${threads || 'none'}`.slice(0, width)}</Text>
			<Text color={findings.length ? 'yellow' : undefined} dimColor={!findings.length}>
				{` findings: ${findings.length ? findings.join(' · ') : 'none'}`.slice(0, width)}
			</Text>
		</Box>
	);
}

/** The session timeline: one row per turn, keyed by message id. */
export function sessionTable(report: SessionReport): TableModel {
	return {
		columns: [
			{title: 'turn', width: 4, align: 'right'},
			{title: 'time', width: 5, align: 'left'},
			{title: 'model', width: 12, align: 'left'},
			{title: 'in', width: 6, align: 'right'},
			{title: 'cache w', width: 7, align: 'right'},
			{title: 'cache r', width: 7, align: 'right'},
			{title: 'out', width: 6, align: 'right'},
			{title: 'cost', width: 8, align: 'right'},
			{title: 'calls', width: 'flex', align: 'left'},
		],
		rows: report.timeline.map((t) => {
			const calls = t.calls.map((c) => `${c.display} ${sanitize(c.short)}`.trim()).join('; ');
			return {
				key: t.messageId,
				cells: [
					String(t.index),
					fmtClock(t.ts),
					`${t.threadId ? '↳' : ''}${shortModel(t.model)}`,
					fmtTokens(t.input),
					fmtTokens(t.cacheWrite),
					fmtTokens(t.cacheRead),
					fmtTokens(t.output),
					t.cost === null ? 'unpriced' : fmtUsd(t.cost),
					calls,
				],
				search: calls.toLowerCase(),
				dim: t.excluded,
			};
		}),
		empty: 'no turns in this window',
	};
}
