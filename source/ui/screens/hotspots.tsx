import React from 'react';
import {Box, Text} from 'ink';
import {TABS} from '../state.js';
import {useTheme} from '../theme.js';
import type {TableModel} from '../table-model.js';
import {TableBody} from './table-body.js';

const SHORT: Record<string, string> = {Files: 'Fil', Commands: 'Cmd', Subagents: 'Sub', MCP: 'MCP', Models: 'Mod', Sessions: 'Ses', Findings: 'Fnd'};

/** The tab names as shown: in full, or the inactive ones short when the line would wrap. */
export function tabLabels(names: readonly string[], tab: number, width: number, count: (name: string) => string = () => ''): string[] {
	const full = names.map((n) => `${n}${count(n)}`);
	const len = (l: string[]) => 1 + l.reduce((n, x) => n + x.length + 2, 0) + l.length - 1;
	if (len(full) <= width - 1) return full;
	return names.map((n, i) => (i === tab ? full[i]! : `${SHORT[n] ?? n.slice(0, 3)}${count(n)}`));
}

/** The tabs line: the active one `[Files]`, Findings with its count; never wider than the terminal. */
export function Tabs({tab, findings, width = 200}: {tab: number; findings: number; width?: number}) {
	const theme = useTheme();
	const labels = tabLabels(TABS, tab, width, (n) => (n === 'Findings' ? `(${findings})` : ''));
	return (
		<Text wrap="truncate-end">
			{' '}
			{TABS.map((name, i) => {
				const label = labels[i]!;
				return i === tab ? (
					<Text key={name} {...theme.title} {...theme.selected}>
						{`[${label}]`}
					</Text>
				) : (
					<Text key={name} {...theme.dim}>{` ${label} `}</Text>
				);
			}).flatMap((el, i) => (i === 0 ? [el] : [<Text key={`s${i}`}> </Text>, el]))}
		</Text>
	);
}

/** The hotspots screen: tabs, then the active tab's table. */
export function HotspotsScreen(props: {tab: number; findings: number; status: React.ReactNode; table: TableModel; unfilteredRows: number; filter: string; selected: number; width: number; tabsWidth?: number; height: number}) {
	return (
		<Box flexDirection="column">
			<Tabs tab={props.tab} findings={props.findings} width={props.tabsWidth ?? props.width} />
			{props.status}
			<TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height} />
		</Box>
	);
}
