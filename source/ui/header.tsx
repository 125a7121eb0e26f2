import React from 'react';
import {Box, Text} from 'ink';
import type {HotspotsReport} from '../analysis/report-types.js';
import {fmtInt, fmtUsd, plural, sanitize, shortenMiddle} from '../report/format.js';
import type {Filters} from './state.js';
import {sparkline} from './sparkline.js';
import {useTheme} from './theme.js';

/**
 * Two lines: what is shown (window, source, project, pattern, text filter) and the totals.
 * When the first line is too long, the window is said short (`7d`, as `--since` says it),
 * then the attributed total goes (line 2 has the unattributed one), then the middle of the
 * left part is cut: the text filter, typed last, stays visible.
 */
export function Header({
	windowText,
	windowShort,
	filters,
	projectLabel,
	report,
	width,
	live,
	sort,
}: {
	/** `sort: cost ↓` when the table on screen is sorted by a column. */
	sort?: string;
	windowText: string;
	windowShort?: string;
	/** What narrows the view; `text` is the `/` filter of the screen on top. */
	filters: Pick<Filters, 'source' | 'pattern'> & {text?: string};
	projectLabel?: string;
	report: HotspotsReport | null;
	width: number;
	/** Live: the time of the last update, and whether following is paused (absent: not following). */
	live?: {at: number | null; paused: boolean};
}) {
	const theme = useTheme();
	const head = (win: string) => {
		const parts = ['burn', win, filters.source === 'all' ? 'all sources' : filters.source];
		if (projectLabel) parts.push(shortenMiddle(sanitize(projectLabel), 28));
		if (filters.pattern !== 'all') parts.push(`pattern ${sanitize(filters.pattern)}`);
		if (sort) parts.push(sort);
		return ` ${parts.join(' · ')}`;
	};
	const tail = filters.text ? ` · /${sanitize(filters.text)}` : '';
	let left = head(windowText) + tail;
	if (!report) return <Text {...theme.title}>{left.slice(0, width)}</Text>;
	const spent = `${fmtUsd(report.grandTotal)} spent`;
	let right = `${spent} · ${fmtUsd(report.attributedTotal)} attributed `;
	const fits = () => left.length + right.length + 1 <= width;
	if (!fits() && windowShort) left = head(windowShort) + tail;
	if (!fits()) right = `${spent} `;
	if (!fits()) {
		const room = Math.max(8, width - right.length - 1);
		const keep = tail.length <= room / 2 ? tail : '';
		left = `${left.slice(0, room - keep.length - 1)}…${keep}`;
	}
	const gap = Math.max(1, width - left.length - right.length);
	const sessions = report.sessions.length;
	const line2 = ` ${plural(report.turnsAnalyzed, 'turn')} · ${plural(sessions, 'session')} · unattributed ${fmtUsd(report.unattributedTotal)}${report.attributionDegraded ? ' · approximate' : ''}${report.unpriced.turns ? ` · ${fmtInt(report.unpriced.turns)} unpriced` : ''}`;
	// Live: `· ● live 12:34:56` after the figures (`· ● 12:34:56` when narrow), before the sparkline.
	let mark = live ? ` · ${liveMark(live)}` : '';
	if (mark && line2.length + mark.length > width - 1) mark = ` · ${liveMark(live!, true)}`;
	const room = width - line2.length - mark.length - 9;
	const spark = report.daily.length > 1 && report.daily.some((d) => d.cost > 0) && room >= 7 ? `daily ${sparkline(report.daily.map((d) => d.cost), Math.min(30, room))} ` : '';
	const gap2 = Math.max(1, width - line2.length - mark.length - spark.length);
	return (
		<Box flexDirection="column">
			<Text>
				<Text {...theme.title}>{left}</Text>
				{' '.repeat(gap)}
				<Text {...theme.warn}>{right}</Text>
			</Text>
			<Text>
				<Text {...theme.dim}>{line2}</Text>
				{mark ? <Text {...(live?.paused ? theme.warn : theme.accent)}>{mark}</Text> : null}
				{' '.repeat(gap2)}
				<Text {...theme.accent}>{spark}</Text>
			</Text>
		</Box>
	);
}

/** `● live 12:34:56` (the time of the last update), `‖ paused 12:34:56`; short: `● 12:34:56`. */
export function liveMark(live: {at: number | null; paused: boolean}, short = false): string {
	const d = live.at === null ? null : new Date(live.at);
	const pad = (n: number) => String(n).padStart(2, '0');
	const time = d ? ` ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : '';
	return `${live.paused ? '‖' : '●'}${short ? '' : live.paused ? ' paused' : ' live'}${time}`;
}
