import React from 'react';
import {Text} from 'ink';
import {footerItems} from './bindings.js';
import type {ScreenEntry} from './state.js';

export function Footer({screen, typing, text, width, canOpen = true}: {screen: ScreenEntry['screen']; typing: boolean; text: string; width: number; canOpen?: boolean}) {
	if (typing) {
		return (
			<Text>
				{' '}/<Text color="cyan">{text}</Text>
				<Text inverse> </Text>
				<Text dimColor>   enter keep · esc clear</Text>
			</Text>
		);
	}
	// Drop the least needed items (from the front: move, tab) until the line fits; quit and help stay.
	let items = footerItems(screen, canOpen);
	const render = (list: typeof items) => list.map((i) => ` ${i.keys} ${i.label} `).join('');
	while (render(items).length > width - 1 && items.length > 2) items = items.slice(1);
	return <Text dimColor>{render(items)}</Text>;
}
