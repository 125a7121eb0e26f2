import React from 'react';
import {Box, Text} from 'ink';
import type {HotspotsReport} from '../analysis/report-types.js';
import {fmtInt, fmtUsd, sanitize, shortenMiddle} from '../report/format.js';
import type {Filters} from './state.js';
import {sparkline} from './sparkline.js';

/** Two lines: what is shown (window, source, project, pattern, text filter) and the totals. */
export function Header({windowText, filters, projectLabel, report, width}: {windowText: string; filters: Filters; projectLabel?: string; report: HotspotsReport | null; width: number}) {
	const parts = ['burn', windowText, filters.source === 'all' ? 'all sources' : filters.source];
	if (projectLabel) parts.push(shortenMiddle(sanitize(projectLabel), 28));
	if (filters.pattern !== 'all') parts.push(`pattern ${filters.pattern}`);
	if (filters.text) parts.push(`/${sanitize(filters.text)}`);
	let left = ` ${parts.join(' · ')}`;
	if (!report) return <Text bold>{left.slice(0, width)}</Text>;
	const right = `${fmtUsd(report.grandTotal)} spent · ${fmtUsd(report.attributedTotal)} attributed `;
	if (left.length + right.length + 1 > width) left = `${left.slice(0, Math.max(8, width - right.length - 2))}…`;
	const gap = Math.max(1, width - left.length - right.length);
	const sessions = report.sessions.length;
	const line2 = ` ${fmtInt(report.turnsAnalyzed)} turns · ${fmtInt(sessions)} session${sessions === 1 ? '' : 's'} · unattributed ${fmtUsd(report.unattributedTotal)}${report.attributionDegraded ? ' · approximate' : ''}${report.unpriced.turns ? ` · ${fmtInt(report.unpriced.turns)} unpriced` : ''}`;
	const room = width - line2.length - 9;
	const spark = report.daily.length > 1 && room >= 7 ? `daily ${sparkline(report.daily.map((d) => d.cost), Math.min(30, room))} ` : '';
	const gap2 = Math.max(1, width - line2.length - spark.length);
	return (
		<Box flexDirection="column">
			<Text>
				<Text bold>{left}</Text>
				{' '.repeat(gap)}
				<Text color="yellow">{right}</Text>
			</Text>
			<Text>
				<Text dimColor>{line2}</Text>
				{' '.repeat(gap2)}
				<Text color="cyan">{spark}</Text>
			</Text>
		</Box>
	);
}
