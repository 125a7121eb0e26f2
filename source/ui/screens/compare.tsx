import React from 'react';
import {Box, Text} from 'ink';
import type {Comparison} from '../../analysis/compare.js';
import {fmtDateTime, fmtUsd, truncateEnd} from '../../report/format.js';
import type {TableModel} from '../table-model.js';
import {useTheme} from '../theme.js';
import {TableBody} from './table-body.js';
import {COMPARE_LEGEND, INFINITE_CHANGE} from '../drill-models.js';

/** `c`: this window against the one before it, per hotspot and per model, biggest change first. */
export function CompareScreen(props: {comparison: Comparison | null; status: React.ReactNode; table: TableModel | null; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	const theme = useTheme();
	const c = props.comparison;
	const title = c
		? ` ${fmtDateTime(c.after.since)} – now vs ${fmtDateTime(c.before.since)} – ${fmtDateTime(c.before.until)} · ${fmtUsd(c.total.before)} → ${fmtUsd(c.total.after)}`
		: ' compare: this window against the one before it';
	// A row there before at $0 has no ratio: its `+∞` is said under the title (a line of the table's room).
	const legend = props.table?.rows.some((r) => r.cells[r.cells.length - 1] === INFINITE_CHANGE) ?? false;
	return (
		<Box flexDirection="column">
			{props.status}
			<Text {...theme.title}>{truncateEnd(title, props.width - 1)}</Text>
			{legend ? <Text {...theme.dim}>{truncateEnd(` ${COMPARE_LEGEND}`, props.width - 1)}</Text> : null}
			{props.table ? <TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height - (legend ? 1 : 0)} /> : null}
		</Box>
	);
}
