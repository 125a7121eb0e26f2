import React from 'react';
import {Box, Text} from 'ink';
import type {SessionReport} from '../../analysis/report-types.js';
import {sanitize, type DisplayContext} from '../../report/format.js';
import {SessionHeader} from '../session-view.js';
import {SESSION_SECTIONS, type SessionSection} from '../drill-models.js';
import {tabLabels} from './hotspots.js';
import {useTheme} from '../theme.js';
import type {TableModel} from '../table-model.js';
import {TableBody} from './table-body.js';

/** One session: title, subagents, findings, then its turns (filtered by `/`: tools, targets, model). */
export function SessionScreen(props: {
	sessionId: string;
	report: SessionReport | null;
	section?: SessionSection;
	display: DisplayContext;
	status: React.ReactNode;
	table: TableModel | null;
	unfilteredRows: number;
	filter: string;
	selected: number;
	width: number;
	height: number;
}) {
	const theme = useTheme();
	if (!props.report) return <Text> no session {sanitize(props.sessionId)} in this window (w widens the window)</Text>;
	const at = SESSION_SECTIONS.indexOf(props.section ?? 'Turns');
	const labels = tabLabels(SESSION_SECTIONS, at, props.width);
	return (
		<Box flexDirection="column">
			{props.status}
			<SessionHeader report={props.report} width={props.width} display={props.display} />
			<Text wrap="truncate-end">
				{' '}
				{labels.map((l, i) => (
					<Text key={l} {...(i === at ? {...theme.title, ...theme.selected} : theme.dim)}>
						{i === at ? `[${l}]` : ` ${l} `}
					</Text>
				))}
			</Text>
			{props.table ? <TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height - 3} /> : null}
		</Box>
	);
}
