import React from 'react';
import {Box, Text} from 'ink';
import {BINDINGS} from './bindings.js';

export function HelpOverlay() {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>keys</Text>
			{BINDINGS.map((b) => (
				<Text key={b.command}>
					<Text color="cyan">{b.keys.padEnd(9)}</Text> {b.help}
				</Text>
			))}
			<Text dimColor>esc or ? closes this help</Text>
		</Box>
	);
}
