import React from 'react';
import {Box, Text} from 'ink';
import {fmtDateTime, fmtUsd, needsYear, plural, sanitize, truncateEnd} from '../../report/format.js';
import {windowLabel} from '../fmt.js';
import {useTheme} from '../theme.js';
import type {EmptyState} from '../view-model.js';

/**
 * A window with nothing to show says why, instead of an empty $0.00 table: no agent logs at
 * all (where burn looked, and `--demo`), or activity only outside the window (how much, how
 * recent, and the key that goes there).
 */
export function EmptyScreen({empty, windowText, target, now, width}: {empty: EmptyState; windowText: string; target: string; now: number; width: number}) {
	const theme = useTheme();
	const fit = (s: string) => truncateEnd(s, width - 1);
	if (empty.kind === 'no-logs') {
		return (
			<Box flexDirection="column">
				<Text {...theme.warn}>{fit(' No agent logs found. burn looked in:')}</Text>
				{empty.looked.map((l) => (
					<Text key={l}>{fit(`   ${sanitize(l)}`)}</Text>
				))}
				<Text> </Text>
				<Text>{fit(' Set CLAUDE_CONFIG_DIR, CODEX_HOME or OPENCODE_DATA_DIR if your agents keep')}</Text>
				<Text>{fit(' their logs elsewhere, or run `burn --demo` to see burn on sample data.')}</Text>
			</Box>
		);
	}
	const s = empty.sessions;
	const when = fmtDateTime(empty.latest, needsYear([empty.latest], now));
	return (
		<Box flexDirection="column">
			<Text {...theme.warn}>{fit(` No agent activity in this window (${windowText}).`)}</Text>
			<Text>{fit(` ${plural(s, 'session')} (${fmtUsd(empty.costUsd)}) lie outside it; the latest activity was ${when}.`)}</Text>
			<Text> </Text>
			<Text>
				{' '}
				<Text {...theme.key}>L</Text>
				{fit(` shows ${windowLabel(target)}, w cycles the window.`)}
			</Text>
		</Box>
	);
}
