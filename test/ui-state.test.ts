import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {current, initialState, reduce, TABS, WINDOWS, type Action, type UiState} from '../source/ui/state.js';
import {BINDINGS, commandFor, footerItems, type Command} from '../source/ui/bindings.js';
import {NO_KEY} from '../source/ui/keys.js';

const run = (state: UiState, ...actions: Action[]) => actions.reduce(reduce, state);

const noKey: Key = NO_KEY;
const key = (k: Partial<Key> = {}): Key => ({...noKey, ...k});

describe('reducer', () => {
	it('starts on the hotspots screen with the window it is given', () => {
		const s = initialState('30d');
		expect(s.filters).toEqual({window: '30d', source: 'all', pattern: 'all'});
		expect(s.stack).toEqual([{screen: 'hotspots', selected: 0}]);
		expect(s.tab).toBe(0);
		expect(s.overlay).toBe(null);
		expect(s.typing).toBe(false);
		expect(initialState().filters.window).toBe('7d');
	});

	it('opens a start screen above the hotspots (--session <id>)', () => {
		const s = initialState('7d', {screen: 'session', sessionId: 'abc', selected: 0});
		expect(s.stack.map((e) => e.screen)).toEqual(['hotspots', 'session']);
		expect(current(s)).toEqual({screen: 'session', sessionId: 'abc', selected: 0});
	});

	it('moves the selection inside the rows, never outside', () => {
		let s = initialState();
		s = run(s, {type: 'move', delta: 1, count: 5});
		expect(current(s).selected).toBe(1);
		s = run(s, {type: 'move', delta: 10, count: 5});
		expect(current(s).selected).toBe(4);
		s = run(s, {type: 'move', delta: -3, count: 5});
		expect(current(s).selected).toBe(1);
		s = run(s, {type: 'move', delta: -10, count: 5});
		expect(current(s).selected).toBe(0);
		s = run(s, {type: 'move', delta: 1, count: 0});
		expect(current(s).selected).toBe(0);
	});

	it('top and bottom', () => {
		let s = run(initialState(), {type: 'bottom', count: 7});
		expect(current(s).selected).toBe(6);
		s = run(s, {type: 'top'});
		expect(current(s).selected).toBe(0);
		expect(current(run(initialState(), {type: 'bottom', count: 0})).selected).toBe(0);
	});

	it('switches tabs both ways, wrapping, and resets the selection', () => {
		let s = run(initialState(), {type: 'move', delta: 2, count: 5}, {type: 'tab', delta: 1});
		expect(TABS[s.tab]).toBe('Commands');
		expect(current(s).selected).toBe(0);
		s = run(s, {type: 'tab', delta: -1}, {type: 'tab', delta: -1});
		expect(TABS[s.tab]).toBe('Live');
		s = run(s, {type: 'tab', delta: 1});
		expect(TABS[s.tab]).toBe('Files');
	});

	it('ignores tab switches below the hotspots screen', () => {
		const s = run(initialState(), {type: 'open', entry: {screen: 'session', sessionId: 'x', selected: 0}});
		expect(run(s, {type: 'tab', delta: 1})).toBe(s);
	});

	it('cycles the window 24h → 7d → 30d → 90d → all → 24h and keeps the drill level (issue 14)', () => {
		let s = run(initialState('24h'), {type: 'open', entry: {screen: 'session', sessionId: 'x', selected: 3}});
		const seen: string[] = [];
		for (let i = 0; i < WINDOWS.length; i++) {
			s = run(s, {type: 'cycle-window'});
			seen.push(s.filters.window);
			expect(s.stack).toEqual([{screen: 'hotspots', selected: 0}, {screen: 'session', sessionId: 'x', selected: 3}]);
		}
		expect(run(initialState('24h'), {type: 'cycle-window', delta: -1}).filters.window).toBe('all');
		expect(seen).toEqual(['7d', '30d', '90d', 'all', '24h']);
		// A raw `--since` value is not in the cycle: the next one is the first.
		expect(run(initialState('2026-01-01'), {type: 'cycle-window'}).filters.window).toBe('24h');
		expect(run(initialState('2026-01-01'), {type: 'set-window', window: '90d'}).filters.window).toBe('90d');
	});

	it('cycles the source through the sources present', () => {
		let s = initialState();
		const seen: string[] = [];
		for (let i = 0; i < 3; i++) {
			s = run(s, {type: 'cycle-source', available: ['claude-code', 'codex']});
			seen.push(s.filters.source);
		}
		expect(seen).toEqual(['claude-code', 'codex', 'all']);
		expect(run(initialState(), {type: 'cycle-source', available: []}).filters.source).toBe('all');
	});

	it('cycles the pattern through the finding kinds present; with none it stays at all', () => {
		let s = initialState();
		s = run(s, {type: 'cycle-pattern', available: ['retry-loop', 'edit-revert']});
		expect(s.filters.pattern).toBe('retry-loop');
		s = run(s, {type: 'cycle-pattern', available: ['retry-loop', 'edit-revert']}, {type: 'cycle-pattern', available: ['retry-loop', 'edit-revert']});
		expect(s.filters.pattern).toBe('all');
		expect(run(initialState(), {type: 'cycle-pattern', available: []}).filters.pattern).toBe('all');
	});

	it('types a text filter: start, type, erase, keep or clear', () => {
		let s = run(initialState(), {type: 'move', delta: 3, count: 9}, {type: 'start-typing'});
		expect(s.typing).toBe(true);
		s = run(s, {type: 'type', text: 'ro'}, {type: 'type', text: 'ux'}, {type: 'erase'}, {type: 'type', text: 't'});
		expect(current(s).filter).toBe('rout');
		expect(current(s).selected).toBe(0);
		const kept = run(s, {type: 'end-typing', keep: true});
		expect(kept.typing).toBe(false);
		expect(current(kept).filter).toBe('rout');
		const cleared = run(s, {type: 'end-typing', keep: false});
		expect(cleared.typing).toBe(false);
		expect(current(cleared).filter).toBe('');
		// A second `/` starts a new filter: it never appends to the kept one.
		const again = run(kept, {type: 'start-typing'}, {type: 'type', text: 'x'});
		expect(current(again).filter).toBe('x');
	});

	it('opens screens on a stack and goes back keeping each level’s selection', () => {
		let s = run(initialState(), {type: 'move', delta: 2, count: 5});
		s = run(s, {type: 'open', entry: {screen: 'row', tab: 'Files', rowKey: '/a.ts', selected: 0}}, {type: 'move', delta: 1, count: 3});
		s = run(s, {type: 'open', entry: {screen: 'session', sessionId: 's1', selected: 0}});
		s = run(s, {type: 'open', entry: {screen: 'turn', sessionId: 's1', messageId: 'm1', selected: 0}});
		expect(s.stack.map((e) => e.screen)).toEqual(['hotspots', 'row', 'session', 'turn']);
		s = run(s, {type: 'back'}, {type: 'back'});
		expect(current(s)).toEqual({screen: 'row', tab: 'Files', rowKey: '/a.ts', selected: 1});
		s = run(s, {type: 'back'});
		expect(current(s)).toEqual({screen: 'hotspots', selected: 2});
	});

	it('back at the top clears the text filter, then does nothing', () => {
		let s = run(initialState(), {type: 'start-typing'}, {type: 'type', text: 'x'}, {type: 'end-typing', keep: true});
		s = run(s, {type: 'back'});
		expect(current(s).filter).toBe('');
		expect(run(s, {type: 'back'})).toBe(s);
	});

	it('each level keeps its own filter; back clears it first, then goes back', () => {
		let s = run(initialState(), {type: 'start-typing'}, {type: 'type', text: 'rou'}, {type: 'end-typing', keep: true});
		s = run(s, {type: 'open', entry: {screen: 'session', sessionId: 's', selected: 0}});
		expect(current(s).filter ?? '').toBe('');
		s = run(s, {type: 'start-typing'}, {type: 'type', text: 'npm'}, {type: 'end-typing', keep: true});
		expect(current(s).filter).toBe('npm');
		s = run(s, {type: 'back'});
		expect(current(s).screen).toBe('session');
		expect(current(s).filter).toBe('');
		s = run(s, {type: 'back'});
		expect(current(s)).toEqual({screen: 'hotspots', selected: 0, filter: 'rou'});
	});

	it('notices open, scroll inside their lines and close with back', () => {
		let s = run(initialState(), {type: 'notices'});
		expect(s.overlay).toEqual({kind: 'notices', offset: 0});
		s = run(s, {type: 'scroll-notices', delta: 5, count: 3});
		expect(s.overlay).toEqual({kind: 'notices', offset: 2});
		s = run(s, {type: 'scroll-notices', delta: -9, count: 3});
		expect(s.overlay).toEqual({kind: 'notices', offset: 0});
		expect(run(s, {type: 'back'}).overlay).toBe(null);
		expect(run(s, {type: 'notices'}).overlay).toBe(null);
	});

	it('help toggles, back closes it first', () => {
		let s = run(initialState(), {type: 'open', entry: {screen: 'session', sessionId: 's', selected: 0}}, {type: 'help'});
		expect(s.overlay).toBe('help');
		s = run(s, {type: 'back'});
		expect(s.overlay).toBe(null);
		expect(s.stack).toHaveLength(2);
		expect(run(s, {type: 'help'}, {type: 'help'}).overlay).toBe(null);
		expect(run(s, {type: 'help', show: true}).overlay).toBe('help');
	});

	it('reset-stack goes back to the hotspots screen', () => {
		const s = run(initialState(), {type: 'open', entry: {screen: 'session', sessionId: 's', selected: 4}}, {type: 'reset-stack'});
		expect(s.stack).toEqual([{screen: 'hotspots', selected: 0}]);
	});

	it('never mutates the state it is given', () => {
		const s = initialState();
		const copy = structuredClone(s);
		run(s, {type: 'move', delta: 1, count: 3}, {type: 'open', entry: {screen: 'session', sessionId: 'x', selected: 0}}, {type: 'cycle-window'}, {type: 'type', text: 'a'});
		expect(s).toEqual(copy);
	});
});

describe('bindings', () => {
	const cases: Array<[string, Partial<Key>, Command]> = [
		['', {upArrow: true}, 'up'],
		['k', {}, 'up'],
		['', {downArrow: true}, 'down'],
		['j', {}, 'down'],
		['', {pageUp: true}, 'page-up'],
		['', {pageDown: true}, 'page-down'],
		['g', {}, 'top'],
		['', {home: true}, 'top'],
		['G', {}, 'bottom'],
		['', {end: true}, 'bottom'],
		['', {leftArrow: true}, 'prev-tab'],
		['', {tab: true, shift: true}, 'prev-tab'],
		['', {rightArrow: true}, 'next-tab'],
		['', {tab: true}, 'next-tab'],
		['w', {}, 'window'],
		['s', {}, 'source'],
		['p', {}, 'pattern'],
		['/', {}, 'filter'],
		['', {return: true}, 'open'],
		['', {escape: true}, 'back'],
		['', {backspace: true}, 'back'],
		['', {delete: true}, 'back'],
		['r', {}, 'reload'],
		['?', {}, 'help'],
		['q', {}, 'quit'],
		['c', {ctrl: true}, 'quit'],
	];
	it.each(cases)('%j %j → %s', (input, k, command) => {
		expect(commandFor(input, key(k))).toBe(command);
	});

	it('unbound keys do nothing', () => {
		for (const input of ['x', 'Q', '1', ' ']) expect(commandFor(input, key())).toBeUndefined();
	});

	it('typing mode is in the table: text, enter keeps, esc clears, backspace erases, Ctrl-C quits', () => {
		expect(commandFor('q', key(), 'typing', 'hotspots')).toBe('type');
		expect(commandFor('/', key(), 'typing', 'session')).toBe('type');
		expect(commandFor('', key({return: true}), 'typing', 'turn')).toBe('keep-filter');
		expect(commandFor('', key({escape: true}), 'typing', 'row')).toBe('clear-filter');
		expect(commandFor('', key({backspace: true}), 'typing', 'row')).toBe('erase');
		expect(commandFor('c', key({ctrl: true}), 'typing', 'row')).toBe('quit');
		expect(commandFor('', key({upArrow: true}), 'typing', 'row')).toBeUndefined();
	});

	it('a context only runs its own bindings', () => {
		expect(commandFor('j', key(), 'normal', 'loading')).toBeUndefined();
		expect(commandFor('q', key(), 'normal', 'loading')).toBe('quit');
		expect(commandFor('L', key(), 'normal', 'empty')).toBe('latest');
		expect(commandFor('L', key(), 'normal', 'hotspots')).toBeUndefined();
		expect(commandFor('w', key(), 'normal', 'help')).toBeUndefined();
		// Issue 14: the help scrolls.
		expect(commandFor('j', key(), 'normal', 'help')).toBe('down');
		expect(commandFor('j', key(), 'normal', 'notices')).toBe('down');
	});

	it('every command has exactly one binding per mode, with keys and help text', () => {
		const commands = BINDINGS.map((b) => `${b.mode} ${b.command}`);
		expect(new Set(commands).size).toBe(commands.length);
		for (const b of BINDINGS) {
			expect(b.keys.length).toBeGreaterThan(0);
			expect(b.help.length).toBeGreaterThan(0);
		}
	});

	it('the footer of each screen comes from the table', () => {
		const line = (screen: Parameters<typeof footerItems>[0]) => footerItems(screen).map((i) => `${i.keys} ${i.label}`);
		expect(line('hotspots')).toEqual(['↑↓ move', '←→ tab', 'enter open', 'w window', 's source', 'p pattern', '/ filter', '? help', 'q quit']);
		expect(line('row')).toEqual(['↑↓ move', 'enter open', 'esc back', 'w window', 's source', 'p pattern', '/ filter', '? help', 'q quit']);
		// Issue 14: ←→ go through a session's sections.
		expect(line('session')).toEqual(['↑↓ move', '←→ section', ...line('row').slice(1)]);
		expect(line('turn')).toEqual(['↑↓ scroll', 'esc back', 'w window', 's source', 'p pattern', '/ filter', '? help', 'q quit']);
		// Every footer item is a binding's keys (or its footer keys) and label.
		for (const screen of ['hotspots', 'row', 'session', 'turn'] as const) {
			for (const item of footerItems(screen)) {
				expect(BINDINGS.some((b) => (b.footerKeys ?? b.keys[0]) === item.keys && (b.labelOn?.[screen] ?? b.label) === item.label)).toBe(true);
			}
		}
		// A filter set: esc clears it (on the hotspots screen too); notices: `!` reads them.
		expect(line('hotspots')).not.toContain('esc back');
		expect(footerItems('hotspots', {filtered: true}).map((i) => `${i.keys} ${i.label}`)).toContain('esc clear');
		expect(footerItems('session', {filtered: true}).map((i) => `${i.keys} ${i.label}`)).toContain('esc clear');
		expect(footerItems('hotspots', {notices: true}).map((i) => `${i.keys} ${i.label}`)).toContain('! notices');
		expect(line('empty')).toEqual(['w window', 'L latest activity', '? help', 'q quit']);
		expect(footerItems('hotspots', {}, 'typing').map((i) => `${i.keys} ${i.label}`)).toEqual(['enter keep', 'esc clear']);
	});
});

describe('footer on a tab whose rows do not open', () => {
	it('does not offer enter', () => {
		expect(footerItems('hotspots').map((i) => i.label)).toContain('open');
		expect(footerItems('hotspots', {canOpen: false}).map((i) => i.label)).not.toContain('open');
	});
});
