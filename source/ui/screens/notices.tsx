import React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../../report/format.js';
import {useTheme} from '../theme.js';

/** The notices as lines that fit `width` (a long one wraps, its next lines indented). */
export function noticeLines(notices: string[], width: number): string[] {
	const room = Math.max(10, width - 6);
	const out: string[] = [];
	for (const n of notices) {
		let text = sanitize(n);
		let first = true;
		while (text.length > 0) {
			const lead = first ? '• ' : '  ';
			let cut = text.length <= room - 2 ? text.length : text.lastIndexOf(' ', room - 2);
			if (cut <= 0) cut = room - 2;
			out.push(lead + text.slice(0, cut));
			text = text.slice(cut).trimStart();
			first = false;
		}
	}
	return out;
}

/** How many notice lines fit in a box `height` rows tall (border, title and the last line around them). */
export function noticeRoom(height: number): number {
	return Math.max(1, height - 4);
}

/** `!`: every notice of the load, scrolled with ↑↓. */
export function NoticesOverlay({notices, offset, width, height}: {notices: string[]; offset: number; width: number; height: number}) {
	const theme = useTheme();
	const lines = noticeLines(notices, width);
	const room = noticeRoom(height);
	const top = Math.min(offset, Math.max(0, lines.length - room));
	const shown = lines.slice(top, top + room);
	const more = lines.length > room ? ` · lines ${top + 1}–${top + shown.length} of ${lines.length}, ↑↓ scroll` : '';
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text {...theme.title}>
				{notices.length} notice{notices.length === 1 ? '' : 's'}
			</Text>
			{shown.length ? shown.map((l, i) => <Text key={i}>{l}</Text>) : <Text {...theme.dim}>none</Text>}
			<Text {...theme.dim}>esc or ! closes this list{more}</Text>
		</Box>
	);
}
