import React from 'react';
import {Box, Text} from 'ink';
import {COLUMN_HELP} from '../report/columns.js';
import {helpLines} from './bindings.js';
import {wrap} from './detail.js';
import {useTheme} from './theme.js';

/** Width of the keys column of the help. */
export const HELP_KEYS_WIDTH = 14;

/** Columns the help's frame takes from the width: the border and the padding on both sides. */
const FRAME = 4;

/**
 * The help's lines at a terminal width: every binding (from the bindings table, as the footer),
 * then one line per column (its title, then what it means); a help text too long for the width goes on under itself, never cut.
 */
export function helpBody(width = Number.POSITIVE_INFINITY): Array<{keys: string; help: string}> {
	const room = width - FRAME - HELP_KEYS_WIDTH - 1;
	const wrapped = (keys: string, help: string) => (help.length <= room ? [{keys, help}] : wrap(help, room).map((h, i) => ({keys: i === 0 ? keys : '', help: h})));
	return [
		...helpLines().flatMap((l) => wrapped(l.keys, l.help)),
		{keys: '', help: ''},
		{keys: 'columns', help: ''},
		// A column's title in the keys column (`turns`, `cost`: as the tables write it), its meaning beside it.
		...Object.values(COLUMN_HELP).flatMap((h) => wrapped(h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1).trim())),
	];
}

/** How many lines of the help fit in `height` rows (border, title and the last line around them). */
export const helpRoom = (height: number): number => Math.max(3, height - 4);

/** Every binding of the table, with its keys and help; then what each column means. Scrolls with ↑↓ when taller than the room. */
export function HelpOverlay({height = 1000, offset = 0, width}: {height?: number; offset?: number; width?: number}) {
	const theme = useTheme();
	const body = helpBody(width);
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
