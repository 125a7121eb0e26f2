import React from 'react';
import {Box, Text} from 'ink';
import {truncateEnd} from '../../report/format.js';
import type {Detail} from '../detail.js';
import {useTheme} from '../theme.js';

/** The pane's width on a terminal `width` wide. */
export const detailWidth = (width: number): number => Math.max(24, Math.min(56, Math.floor(width * 0.34)));

/** The selected row in full (`d` toggles it): a file's path and sessions, a finding's action… */
export function DetailPane({detail, width, height}: {detail: Detail | null; width: number; height: number}) {
	const theme = useTheme();
	const room = Math.max(2, height);
	const lines = detail ? detail.lines : ['nothing more to say about this row'];
	// The title, then the lines; when they do not fit, the last row says so.
	const shown = lines.length <= room - 1 ? lines : lines.slice(0, room - 2);
	const fit = (s: string) => truncateEnd(s, width - 3);
	return (
		<Box flexDirection="column" width={width}>
			<Text {...theme.title}>│ {fit(detail?.title ?? 'detail')}</Text>
			{shown.map((l, i) => (
				<Text key={i} {...(l.startsWith('action:') ? theme.accent : {})}>
					<Text {...theme.dim}>│ </Text>
					{fit(l)}
				</Text>
			))}
			{lines.length > shown.length ? <Text {...theme.dim}>│ …</Text> : null}
		</Box>
	);
}
