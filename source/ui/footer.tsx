import React from 'react';
import {Text} from 'ink';
import {footerItems, type Context, type FooterOptions} from './bindings.js';
import {sanitize} from '../report/format.js';
import {useTheme} from './theme.js';

/** The last line: the keys of the context (from the bindings table), or the filter being typed. */
export function Footer({
	screen,
	typing,
	text,
	width,
	canOpen = true,
	filtered = false,
	notices = false,
	latest,
}: {screen: Context; typing: boolean; text: string; width: number} & FooterOptions) {
	const theme = useTheme();
	if (typing) {
		const keys = footerItems(screen, {}, 'typing')
			.map((i) => `${i.keys} ${i.label}`)
			.join(' · ');
		return (
			<Text>
				{' '}/<Text {...theme.accent}>{sanitize(text)}</Text>
				<Text {...(theme.color ? theme.selected : {})}>{theme.color ? ' ' : '_'}</Text>
				<Text {...theme.dim}>   {keys}</Text>
			</Text>
		);
	}
	// Drop the least needed items (from the front: move, tab) until the line fits; quit and help stay.
	let items = footerItems(screen, {canOpen, filtered, notices, ...(latest === undefined ? {} : {latest})});
	const render = (list: typeof items) => list.map((i) => ` ${i.keys} ${i.label} `).join('');
	while (render(items).length > width - 1 && items.length > 2) items = items.slice(1);
	return <Text {...theme.dim}>{render(items)}</Text>;
}
