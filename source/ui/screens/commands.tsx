import React from 'react';
import {Box, Text} from 'ink';
import type {HotspotsReport} from '../../analysis/report-types.js';
import {fmtUsd, plural, sanitize, truncateEnd} from '../../report/format.js';
import type {TableModel} from '../table-model.js';
import {useTheme} from '../theme.js';
import {TableBody} from './table-body.js';

/** Commands → one verb: its exact commands (calls, cost); Enter opens the sessions that ran one. */
export function CommandsScreen(props: {report: HotspotsReport; verb: string; status: React.ReactNode; table: TableModel | null; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	const theme = useTheme();
	const v = props.report.bashVerbs.find((x) => x.verb === props.verb);
	const title = ` ${sanitize(props.verb)} · ${v ? `${plural(v.distinctCommands, 'distinct command')} · ${plural(v.callCount, 'call')} · ${fmtUsd(v.totalCost)}` : 'not in this window'}`;
	return (
		<Box flexDirection="column">
			{props.status}
			<Text {...theme.title}>{truncateEnd(title, props.width - 1)}</Text>
			{props.table ? <TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height} /> : null}
		</Box>
	);
}
