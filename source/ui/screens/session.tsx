import React from 'react';
import {Box, Text} from 'ink';
import type {SessionReport} from '../../analysis/report-types.js';
import {sanitize, type DisplayContext} from '../../report/format.js';
import {SessionHeader} from '../session-view.js';
import type {TableModel} from '../table-model.js';
import {TableBody} from './table-body.js';

/** One session: title, subagents, findings, then its turns (filtered by `/`: tools, targets, model). */
export function SessionScreen(props: {
	sessionId: string;
	report: SessionReport | null;
	display: DisplayContext;
	status: React.ReactNode;
	table: TableModel | null;
	unfilteredRows: number;
	filter: string;
	selected: number;
	width: number;
	height: number;
}) {
	if (!props.report) return <Text> no session {sanitize(props.sessionId)} in this window (w widens the window)</Text>;
	return (
		<Box flexDirection="column">
			{props.status}
			<SessionHeader report={props.report} width={props.width} display={props.display} />
			{props.table ? <TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height - 2} /> : null}
		</Box>
	);
}
