import React from 'react';
import {Box, Text} from 'ink';
import type {HotspotsReport} from '../../analysis/report-types.js';
import {fmtUsd, plural, sanitize, shortenMiddle, tildify} from '../../report/format.js';
import type {RowTab} from '../state.js';
import {rowLabel} from '../breadcrumb.js';
import {refsOf} from '../tab-models.js';
import type {TableModel} from '../table-model.js';
import {useTheme} from '../theme.js';
import {TableBody} from './table-body.js';

/** ` src/server/routes.ts · $1.62 in 3 sessions` */
export function RowTitle({report, tab, rowKey, width, home, count}: {report: HotspotsReport; tab: RowTab; rowKey: string; width: number; home?: string; count?: number}) {
	const theme = useTheme();
	if (tab === 'Findings') {
		// The count is the table's: the findings the minor row folded, not every one of the kind.
		const kind = rowKey.replace(/^minor:/, '');
		const n = count ?? report.findings.filter((f) => f.kind === kind).length;
		return <Text {...theme.title}> {shortenMiddle(`minor ${sanitize(kind)} findings · ${n}, one by one`, Math.max(8, width - 2))}</Text>;
	}
	const model = tab === 'Models' ? report.models.find((m) => m.model === rowKey) : undefined;
	const r = model ? undefined : refsOf(report, tab, rowKey);
	const sessions = model ? model.sessions.length : r ? new Set(r.refs.map((x) => x.sessionId)).size : 0;
	const total = model ? model.cost ?? 0 : r?.total ?? 0;
	const tail = ` · ${fmtUsd(total)} in ${plural(sessions, 'session')}`;
	const name = tab === 'Files' ? tildify(rowKey, home) : tab === 'Command' || tab === 'Models' ? rowLabel(tab, rowKey, report) : rowKey;
	return (
		<Text {...theme.title}>
			{' '}
			{shortenMiddle(sanitize(name), Math.max(8, width - 2 - tail.length))}
			{tail}
		</Text>
	);
}

/** One hotspot row drilled down: the sessions it came from. */
export function RowScreen(props: {report: HotspotsReport; tab: RowTab; rowKey: string; home?: string; status: React.ReactNode; table: TableModel | null; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	return (
		<Box flexDirection="column">
			{props.status}
			<RowTitle report={props.report} tab={props.tab} rowKey={props.rowKey} width={props.width} home={props.home} count={props.unfilteredRows} />
			{props.table ? <TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height} /> : null}
		</Box>
	);
}
