import React from 'react';
import {Box, Text} from 'ink';
import {COLUMN_HELP} from '../report/columns.js';
import {helpLines} from './bindings.js';
import {useTheme} from './theme.js';

/** Width of the keys column of the help. */
export const HELP_KEYS_WIDTH = 14;

/** The help's lines: every binding, then one line per money column. */
export function helpBody(): Array<{keys: string; help: string}> {
	return [...helpLines(), {keys: '', help: ''}, {keys: 'columns', help: ''}, ...Object.values(COLUMN_HELP).map((h) => ({keys: '', help: h}))];
}

/** How many lines of the help fit in `height` rows (border, title and the last line around them). */
export const helpRoom = (height: number): number => Math.max(3, height - 4);

/** Every binding of the table, with its keys and help; then what each column means. Scrolls with ↑↓ when taller than the room. */
export function HelpOverlay({height = 1000, offset = 0}: {height?: number; offset?: number}) {
	const theme = useTheme();
	const body = helpBody();
	const room = helpRoom(height);
	const top = Math.min(offset, Math.max(0, body.length - room));
	const shown = body.slice(top, top + room);
	const more = body.length > room ? ` · lines ${top + 1}–${top + shown.length} of ${body.length}, ↑↓ scroll` : '';
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text {...theme.title}>keys</Text>
			{shown.map((l, i) => (
				<Text key={`${top + i}`} wrap="truncate-end">
					<Text {...theme.key}>{l.keys.padEnd(HELP_KEYS_WIDTH)}</Text> {l.help}
				</Text>
			))}
			<Text {...theme.dim} wrap="truncate-end">esc or ? closes this help{more}</Text>
		</Box>
	);
}
