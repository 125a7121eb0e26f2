import React from 'react';
import {Box, Text} from 'ink';
import {fmtUsd, plural, shortId} from '../../report/format.js';
import {LIVE_MINUTES} from '../../analysis/live-view.js';
import type {LiveModel} from '../live-model.js';
import {tailLines} from '../live-model.js';
import {sparkline} from '../sparkline.js';
import {useTheme} from '../theme.js';
import type {TableModel} from '../table-model.js';
import {TableBody} from './table-body.js';
import {Tabs} from './hotspots.js';

/** Whether the loaded window reaches back to yesterday's midnight (the same-hour comparison needs it). */
export function holdsYesterday(since: string | null, now: number): boolean {
	if (since === null) return true;
	const d = new Date(now);
	d.setDate(d.getDate() - 1);
	d.setHours(0, 0, 0, 0);
	return Date.parse(since) <= d.getTime();
}

/**
 * The Live tab: today against yesterday at the same hour and the last hour per minute, the
 * sessions active in the last 15 minutes (Enter opens one), and the newest turns.
 */
export function LiveScreen(props: {
	tab: number;
	findings: number;
	status: React.ReactNode;
	live: LiveModel;
	table: TableModel;
	unfilteredRows: number;
	filter: string;
	selected: number;
	width: number;
	height: number;
	windowSince: string | null;
	alert: number | null;
}) {
	const theme = useTheme();
	const {view, alerted} = props.live;
	const yesterday = holdsYesterday(props.windowSince, view.now) ? fmtUsd(view.yesterdaySameHour) : 'outside the window';
	const summary = ` today ${fmtUsd(view.today.cost)} · ${plural(view.today.turns, 'turn')} · yesterday by this hour ${yesterday}`;
	const sparkRoom = props.width - summary.length - 14;
	const spark = sparkRoom >= 10 ? `  last hour ${sparkline(view.perMinute, Math.min(LIVE_MINUTES, sparkRoom))}` : '';
	const alerts = [...alerted].map((id) => `! ${shortId(id)} crossed ${fmtUsd(props.alert ?? 0)}`).join(' · ');
	// The body: the summary (and alerts), the active sessions, then the tail of newest turns.
	const room = props.height - 1 - (alerts ? 1 : 0);
	const tableHeight = Math.max(3, Math.min(props.table.rows.length + 2 + (props.table.rows.length === 0 ? 1 : 0), Math.floor(room / 2)));
	const tailRoom = Math.max(0, room - tableHeight - 1);
	// Aligned over the lines shown (a wide cost further down does not push these).
	const tail = tailLines(view.tail.slice(0, tailRoom));
	const cut = (s: string) => (s.length > props.width - 1 ? `${s.slice(0, props.width - 2)}…` : s);
	return (
		<Box flexDirection="column">
			<Tabs tab={props.tab} findings={props.findings} width={props.width} />
			{props.status}
			<Text>
				<Text>{cut(summary)}</Text>
				<Text {...theme.accent}>{spark}</Text>
			</Text>
			{alerts ? <Text {...theme.warn}>{cut(` ${alerts}`)}</Text> : null}
			<TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={tableHeight} />
			{tailRoom > 0 ? <Text {...theme.heading}>{cut(`  newest turns${view.tail.length === 0 ? ': none today' : ''}`)}</Text> : null}
			{tail.map((line, i) => (
				<Text key={i} {...theme.dim}>
					{cut(`  ${line}`)}
				</Text>
			))}
		</Box>
	);
}
