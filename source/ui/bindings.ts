import type {Key} from 'ink';
import type {ScreenEntry} from './state.js';

export type Command =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'top'
	| 'bottom'
	| 'next-tab'
	| 'prev-tab'
	| 'window'
	| 'source'
	| 'pattern'
	| 'filter'
	| 'open'
	| 'back'
	| 'reload'
	| 'help'
	| 'quit';

export interface Binding {
	command: Command;
	/** How the keys are written in the footer and the help. */
	keys: string;
	/** Short footer word. */
	label: string;
	/** Help line. */
	help: string;
	match: (input: string, key: Key) => boolean;
	/** Screens where the binding shows in the footer (all when absent). */
	screens?: Array<ScreenEntry['screen']>;
	/** Shown in the footer (the help lists every binding). */
	footer: boolean;
}

/** Key → command, in one table: it also draws the footer and the help overlay. */
export const BINDINGS: Binding[] = [
	{command: 'up', keys: '↑/k', label: 'move', help: 'move up', footer: false, match: (i, k) => k.upArrow || i === 'k'},
	{command: 'down', keys: '↓/j', label: 'move', help: 'move down', footer: false, match: (i, k) => k.downArrow || i === 'j'},
	{command: 'page-up', keys: 'PgUp', label: 'page', help: 'page up', footer: false, match: (_i, k) => k.pageUp},
	{command: 'page-down', keys: 'PgDn', label: 'page', help: 'page down', footer: false, match: (_i, k) => k.pageDown},
	{command: 'top', keys: 'g', label: 'top', help: 'first row', footer: false, match: (i, k) => i === 'g' || k.home},
	{command: 'bottom', keys: 'G', label: 'bottom', help: 'last row', footer: false, match: (i, k) => i === 'G' || k.end},
	{
		command: 'prev-tab',
		keys: '←/S-Tab',
		label: 'tab',
		help: 'previous tab',
		footer: false,
		screens: ['hotspots'],
		match: (_i, k) => k.leftArrow || (k.tab && k.shift),
	},
	{
		command: 'next-tab',
		keys: '→/Tab',
		label: 'tab',
		help: 'next tab',
		footer: false,
		screens: ['hotspots'],
		match: (_i, k) => k.rightArrow || (k.tab && !k.shift),
	},
	{command: 'open', keys: 'enter', label: 'open', help: 'drill down: row → sessions → session → turn', footer: true, match: (_i, k) => k.return},
	{command: 'back', keys: 'esc', label: 'back', help: 'back one level (clears the text filter at the top)', footer: true, match: (_i, k) => k.escape || k.backspace || k.delete},
	{command: 'window', keys: 'w', label: 'window', help: 'cycle the window: 24h → 7d → 30d → 90d → all', footer: true, match: (i) => i === 'w'},
	{command: 'source', keys: 's', label: 'source', help: 'cycle the source: all → each source present', footer: true, match: (i) => i === 's'},
	{command: 'pattern', keys: 'p', label: 'pattern', help: 'cycle the pattern filter: all → each finding kind present', footer: true, match: (i) => i === 'p'},
	{command: 'filter', keys: '/', label: 'filter', help: 'type to filter rows (enter keeps, esc clears)', footer: true, match: (i) => i === '/'},
	{command: 'reload', keys: 'r', label: 'reload', help: 're-ingest the logs and reload', footer: false, match: (i) => i === 'r'},
	{command: 'help', keys: '?', label: 'help', help: 'this help', footer: true, match: (i) => i === '?'},
	{command: 'quit', keys: 'q', label: 'quit', help: 'quit (also Ctrl-C)', footer: true, match: (i, k) => i === 'q' || (k.ctrl && i === 'c')},
];

export function commandFor(input: string, key: Key): Command | undefined {
	return BINDINGS.find((b) => b.match(input, key))?.command;
}

/** The footer line of a screen: `↑↓ move  ←→ tab  enter open …`. */
export function footerItems(screen: ScreenEntry['screen'], canOpen = true): Array<{keys: string; label: string}> {
	const items: Array<{keys: string; label: string}> = [{keys: '↑↓', label: screen === 'turn' ? 'scroll' : 'move'}];
	if (screen === 'hotspots') items.push({keys: '←→', label: 'tab'});
	for (const b of BINDINGS) {
		if (!b.footer) continue;
		if (b.screens && !b.screens.includes(screen)) continue;
		if (b.command === 'back' && screen === 'hotspots') continue;
		if (b.command === 'open' && (screen === 'turn' || !canOpen)) continue;
		items.push({keys: b.keys, label: b.label});
	}
	return items;
}
