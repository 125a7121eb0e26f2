import React from 'react';
import {Text} from 'ink';
import {footerItems} from './bindings.js';
import type {ScreenEntry} from './state.js';

export function Footer({screen, typing, text, width}: {screen: ScreenEntry['screen']; typing: boolean; text: string; width: number}) {
	if (typing) {
		return (
			<Text>
				{' '}/<Text color="cyan">{text}</Text>
				<Text inverse> </Text>
				<Text dimColor>   enter keep · esc clear</Text>
			</Text>
		);
	}
	const items = footerItems(screen);
	let line = '';
	for (const item of items) {
		const piece = ` ${item.keys} ${item.label} `;
		if (line.length + piece.length > width - 1) break;
		line += piece;
	}
	return <Text dimColor>{line}</Text>;
}
