import React from 'react';
import {Box, Text} from 'ink';
import {TABS} from '../state.js';
import {useTheme} from '../theme.js';
import type {TableModel} from '../table-model.js';
import {TableBody} from './table-body.js';

/** The tabs line: the active one `[Files]`, Findings with its count. */
export function Tabs({tab, findings}: {tab: number; findings: number}) {
	const theme = useTheme();
	return (
		<Text>
			{' '}
			{TABS.map((name, i) => {
				const label = name === 'Findings' ? `Findings(${findings})` : name;
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
export function HotspotsScreen(props: {tab: number; findings: number; status: React.ReactNode; table: TableModel; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	return (
		<Box flexDirection="column">
			<Tabs tab={props.tab} findings={props.findings} />
			{props.status}
			<TableBody table={props.table} unfilteredRows={props.unfilteredRows} filter={props.filter} selected={props.selected} width={props.width} height={props.height} />
		</Box>
	);
}
