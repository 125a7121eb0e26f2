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
	| 'latest'
	| 'source'
	| 'pattern'
	| 'filter'
	| 'open'
	| 'back'
	| 'reload'
	| 'follow'
	| 'notices'
	| 'help'
	| 'quit'
	| 'next-mark'
	| 'prev-mark'
	| 'sort'
	| 'reverse-sort'
	| 'window-back'
	| 'source-back'
	| 'pattern-back'
	| 'detail'
	| 'copy'
	| 'compare'
	// Typing mode (after `/`).
	| 'keep-filter'
	| 'clear-filter'
	| 'erase'
	| 'type';

/** Where keys are read: a screen of the drill-down stack, an overlay, or a state without a table. */
export type Context = ScreenEntry['screen'] | 'help' | 'notices' | 'loading' | 'empty';

/** `normal`: keys are commands; `typing`: after `/`, keys are text. */
export type Mode = 'normal' | 'typing';

/**
 * Key names: `up down left right pageup pagedown home end enter esc tab shift-tab backspace
 * delete ctrl-c`, any printable character as itself (`k`, `G`, `/`), and `char` for any
 * printable character (typing mode).
 */
export type KeyName = string;

export interface Binding {
	command: Command;
	/** The keys that run the command; the first ones are shown in the help. */
	keys: KeyName[];
	/** Short footer word (absent: not in the footer). */
	label?: string;
	/** How the footer writes the keys when not as in the help (`↑↓` for up and down together). */
	footerKeys?: string;
	/** The footer word on some contexts (`scroll` on the turn screen). */
	labelOn?: Partial<Record<Context, string>>;
	/** Help line. */
	help: string;
	/** Bindings of one group share a line of the help (keys side by side, the first one's help). */
	group?: string;
	/** Where the binding is active (and shown). */
	screens: Context[];
	mode: Mode;
}

const DRILL: Context[] = ['hotspots', 'row', 'commands', 'session', 'turn', 'compare'];
/** Screens that show a table (sort, detail, copy). */
const TABLES: Context[] = ['hotspots', 'row', 'commands', 'session', 'compare'];
const EVERYWHERE: Context[] = [...DRILL, 'help', 'notices', 'loading', 'empty'];

/** Key → command, in one table: it also draws the footer and the help overlay. */
export const BINDINGS: Binding[] = [
	{command: 'up', keys: ['up', 'k'], label: 'move', footerKeys: '↑↓', labelOn: {turn: 'scroll', notices: 'scroll', help: 'scroll'}, help: 'move (scroll a turn, the notices, this help)', group: 'move', screens: [...DRILL, 'notices', 'help'], mode: 'normal'},
	{command: 'down', keys: ['down', 'j'], label: 'move', footerKeys: '↑↓', labelOn: {turn: 'scroll', notices: 'scroll', help: 'scroll'}, help: 'move down', group: 'move', screens: [...DRILL, 'notices', 'help'], mode: 'normal'},
	{command: 'page-up', keys: ['pageup'], help: 'a page up / down', group: 'page', screens: [...DRILL, 'notices', 'help'], mode: 'normal'},
	{command: 'page-down', keys: ['pagedown'], help: 'a page down', group: 'page', screens: [...DRILL, 'notices', 'help'], mode: 'normal'},
	{command: 'top', keys: ['g', 'home'], help: 'first / last row', group: 'ends', screens: DRILL, mode: 'normal'},
	{command: 'bottom', keys: ['G', 'end'], help: 'last row', group: 'ends', screens: DRILL, mode: 'normal'},
	{command: 'prev-tab', keys: ['left', 'shift-tab'], label: 'tab', footerKeys: '←→', labelOn: {session: 'section'}, help: 'previous / next tab (a session\'s sections)', group: 'tab', screens: ['hotspots', 'session'], mode: 'normal'},
	{command: 'next-tab', keys: ['right', 'tab'], label: 'tab', footerKeys: '←→', labelOn: {session: 'section'}, help: 'next tab', group: 'tab', screens: ['hotspots', 'session'], mode: 'normal'},
	{command: 'open', keys: ['enter'], label: 'open', help: 'drill down: row → sessions → session (at the involved turns) → turn', screens: ['hotspots', 'row', 'commands', 'session'], mode: 'normal'},
	{command: 'next-mark', keys: ['n'], help: 'next / previous marked turn (the hotspot\'s, finding\'s or model\'s)', group: 'mark', screens: ['session'], mode: 'normal'},
	{command: 'prev-mark', keys: ['N'], help: 'previous marked turn', group: 'mark', screens: ['session'], mode: 'normal'},
	{command: 'sort', keys: ['o'], help: 'sort by the next column / reverse the sort', group: 'sort', screens: TABLES, mode: 'normal'},
	{command: 'reverse-sort', keys: ['O'], help: 'reverse the sort', group: 'sort', screens: TABLES, mode: 'normal'},
	{command: 'detail', keys: ['d'], help: 'show / hide the detail pane (on by default when 140 columns wide)', screens: TABLES, mode: 'normal'},
	{command: 'copy', keys: ['y'], help: 'copy the row\'s id, path or action (OSC 52; printed on exit too)', screens: TABLES, mode: 'normal'},
	{command: 'compare', keys: ['c'], help: 'compare this window with the one before it', screens: ['hotspots'], mode: 'normal'},
	{command: 'back', keys: ['esc', 'backspace', 'delete'], label: 'back', help: 'clear the text filter, else back one level', screens: [...DRILL, 'help', 'notices'], mode: 'normal'},
	{command: 'window', keys: ['w'], label: 'window', help: 'cycle the window: 24h → 7d → 30d → 90d → all (W: backwards)', group: 'window', screens: [...DRILL, 'empty'], mode: 'normal'},
	{command: 'window-back', keys: ['W'], help: 'cycle the window backwards', group: 'window', screens: [...DRILL, 'empty'], mode: 'normal'},
	{command: 'latest', keys: ['L'], label: 'latest activity', help: 'empty window: go to the window of the latest activity', screens: ['empty'], mode: 'normal'},
	{command: 'source', keys: ['s'], label: 'source', help: 'cycle the source: all → each source present (S: backwards)', group: 'source', screens: DRILL, mode: 'normal'},
	{command: 'source-back', keys: ['S'], help: 'cycle the source backwards', group: 'source', screens: DRILL, mode: 'normal'},
	{command: 'pattern', keys: ['p'], label: 'pattern', help: 'cycle the pattern filter: all → each finding kind (P: backwards)', group: 'pattern', screens: DRILL, mode: 'normal'},
	{command: 'pattern-back', keys: ['P'], help: 'cycle the pattern filter backwards', group: 'pattern', screens: DRILL, mode: 'normal'},
	{command: 'filter', keys: ['/'], label: 'filter', help: 'type a new filter: rows, a session\'s turns, a turn\'s lines', screens: DRILL, mode: 'normal'},
	{command: 'reload', keys: ['r'], help: 're-ingest the logs and reload', screens: [...DRILL, 'empty'], mode: 'normal'},
	{command: 'follow', keys: ['f'], label: 'pause', help: 'live: pause / resume following the logs', screens: [...DRILL, 'empty'], mode: 'normal'},
	{command: 'notices', keys: ['!'], label: 'notices', help: 'read every notice of the load (skipped input, warnings)', screens: [...DRILL, 'empty', 'notices'], mode: 'normal'},
	{command: 'help', keys: ['?'], label: 'help', help: 'this help', screens: [...DRILL, 'empty', 'help'], mode: 'normal'},
	{command: 'quit', keys: ['q', 'ctrl-c'], label: 'quit', help: 'quit', screens: EVERYWHERE, mode: 'normal'},
	{command: 'keep-filter', keys: ['enter'], label: 'keep', help: 'typing a filter: keep it, drop it, erase a character', group: 'typing', screens: DRILL, mode: 'typing'},
	{command: 'clear-filter', keys: ['esc'], label: 'clear', help: 'typing: drop the filter', group: 'typing', screens: DRILL, mode: 'typing'},
	{command: 'erase', keys: ['backspace', 'delete'], help: 'typing: erase a character', group: 'typing', screens: DRILL, mode: 'typing'},
	{command: 'quit', keys: ['ctrl-c'], help: 'quit', screens: DRILL, mode: 'typing'},
	{command: 'type', keys: ['char'], help: 'typing: any other key is text', screens: DRILL, mode: 'typing'},
];

/** The names of one key event, most specific first (`k` then `char`). */
export function keyNames(input: string, key: Key): KeyName[] {
	const names: KeyName[] = [];
	if (key.upArrow) names.push('up');
	if (key.downArrow) names.push('down');
	if (key.leftArrow) names.push('left');
	if (key.rightArrow) names.push('right');
	if (key.pageUp) names.push('pageup');
	if (key.pageDown) names.push('pagedown');
	if (key.home) names.push('home');
	if (key.end) names.push('end');
	if (key.return) names.push('enter');
	if (key.escape) names.push('esc');
	if (key.tab) names.push(key.shift ? 'shift-tab' : 'tab');
	if (key.backspace) names.push('backspace');
	if (key.delete) names.push('delete');
	if (key.ctrl && input === 'c') names.push('ctrl-c');
	if (names.length === 0 && input && !key.ctrl && !key.meta) {
		if ([...input].length === 1) names.push(input);
		if (!/[\x00-\x1f\x7f]/.test(input)) names.push('char');
	}
	return names;
}

/** The one matcher: the first binding of the mode (and context, when given) that has one of the key's names. */
export function bindingFor(input: string, key: Key, mode: Mode = 'normal', context?: Context): Binding | undefined {
	const names = keyNames(input, key);
	for (const name of names) {
		const b = BINDINGS.find((x) => x.mode === mode && (!context || x.screens.includes(context)) && x.keys.includes(name));
		if (b) return b;
	}
	return undefined;
}

export function commandFor(input: string, key: Key, mode: Mode = 'normal', context?: Context): Command | undefined {
	return bindingFor(input, key, mode, context)?.command;
}

const GLYPH: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'enter',
	esc: 'esc',
	tab: 'Tab',
	'shift-tab': 'S-Tab',
	backspace: 'bksp',
	'ctrl-c': 'Ctrl-C',
	char: 'text',
};

/** Keys that stand for another one on some terminals: matched, not shown. */
const ALIASES = new Set(['delete']);

/** How the help writes a binding's keys: `↑/k`, `esc/bksp`, `q/Ctrl-C`. */
export function keysText(b: Binding): string {
	return b.keys
		.filter((k) => !ALIASES.has(k))
		.map((k) => GLYPH[k] ?? k)
		.join('/');
}

/** The lines of the help, in table order: one per binding, or one per group (`↑/k ↓/j  move …`). */
export function helpLines(): Array<{keys: string; help: string}> {
	const lines: Array<{keys: string; help: string; group?: string}> = [];
	for (const b of BINDINGS) {
		// Said by the lines around them: Ctrl-C while typing, and typing itself.
		if (b.mode === 'typing' && (b.command === 'quit' || b.command === 'type')) continue;
		const same = b.group ? lines.find((l) => l.group === b.group) : undefined;
		if (same) same.keys = `${same.keys} ${keysText(b)}`;
		else lines.push({keys: keysText(b), help: b.help, ...(b.group ? {group: b.group} : {})});
	}
	return lines.map(({keys, help}) => ({keys, help}));
}

export interface FooterOptions {
	/** Enter opens something here: the table has a row to open (not an empty Live tab, nor a filter that hides every row). */
	canOpen?: boolean;
	/** A text filter is set on this screen: esc clears it. */
	filtered?: boolean;
	/** The load has notices: `!` reads them. */
	notices?: boolean;
	/** Activity lies outside the window: `L` goes there (the empty state). */
	latest?: boolean;
	/** Live: the view follows the logs (`f` pauses), is paused (`f` resumes), or cannot follow (absent: no `f`). */
	following?: 'on' | 'paused';
}

/** The footer line of a context, from the table: `↑↓ move  ←→ tab  enter open …`. */
export function footerItems(context: Context, opts: FooterOptions = {}, mode: Mode = 'normal'): Array<{keys: string; label: string}> {
	const items: Array<{keys: string; label: string}> = [];
	for (const b of BINDINGS) {
		if (b.mode !== mode || !b.label || !b.screens.includes(context)) continue;
		if (b.command === 'open' && opts.canOpen === false) continue;
		if (b.command === 'notices' && !opts.notices && context !== 'notices') continue;
		if (b.command === 'follow' && !opts.following) continue;
		// No logs at all: no window holds anything, so neither `L` nor `w` is offered.
		if ((b.command === 'latest' || (b.command === 'window' && context === 'empty')) && opts.latest === false) continue;
		let label = b.labelOn?.[context] ?? b.label;
		if (b.command === 'follow' && opts.following === 'paused') label = 'resume';
		if (b.command === 'back') {
			if (opts.filtered) label = 'clear';
			else if (context === 'hotspots') continue;
			else if (context === 'help' || context === 'notices') label = 'close';
		}
		const keys = b.footerKeys ?? keysText({...b, keys: b.keys.slice(0, 1)});
		if (items.some((i) => i.keys === keys && i.label === label)) continue;
		items.push({keys, label});
	}
	return items;
}
