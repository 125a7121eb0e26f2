import React from 'react';
import {Box, Text} from 'ink';
import {helpLines} from './bindings.js';
import {useTheme} from './theme.js';

/** Width of the keys column of the help. */
export const HELP_KEYS_WIDTH = 14;

/** Every binding of the table, with its keys and help. */
export function HelpOverlay() {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text {...theme.title}>keys</Text>
			{helpLines().map((l) => (
				<Text key={l.keys} wrap="truncate-end">
					<Text {...theme.key}>{l.keys.padEnd(HELP_KEYS_WIDTH)}</Text> {l.help}
				</Text>
			))}
			<Text {...theme.dim}>esc or ? closes this help</Text>
		</Box>
	);
}
