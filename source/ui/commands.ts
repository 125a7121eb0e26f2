import type {Dispatch} from 'react';
import type {Command, Context} from './bindings.js';
import type {Action, ScreenEntry, TabName, WindowKey} from './state.js';
import type {ViewModel} from './view-model.js';

export interface CommandContext {
	dispatch: Dispatch<Action>;
	vm: ViewModel;
	/** The screen on top of the stack. */
	entry: ScreenEntry;
	tab: TabName;
	context: Context;
	bodyHeight: number;
	/** Scroll positions of the notices list. */
	noticeCount: number;
	/** Where `L` goes (the empty state). */
	latestWindow: WindowKey;
	reload: () => void;
	exit: () => void;
}

/** What each command of the bindings table does, for the screen on top. */
export function commandHandlers(c: CommandContext): Record<Command, (input: string) => void> {
	const {dispatch, vm, entry, tab} = c;
	const open = (next: ScreenEntry) => dispatch({type: 'open', entry: next});
	const move = (delta: number) =>
		c.context === 'notices' ? dispatch({type: 'scroll-notices', delta, count: c.noticeCount}) : dispatch({type: 'move', delta, count: vm.count});
	return {
		up: () => move(-1),
		down: () => move(1),
		'page-up': () => dispatch({type: 'move', delta: -(c.bodyHeight - 2), count: vm.count}),
		'page-down': () => dispatch({type: 'move', delta: c.bodyHeight - 2, count: vm.count}),
		top: () => dispatch({type: 'top'}),
		bottom: () => dispatch({type: 'bottom', count: vm.count}),
		'next-tab': () => dispatch({type: 'tab', delta: 1}),
		'prev-tab': () => dispatch({type: 'tab', delta: -1}),
		window: () => dispatch({type: 'cycle-window'}),
		latest: () => {
			if (vm.empty?.kind === 'outside') dispatch({type: 'set-window', window: c.latestWindow});
		},
		source: () => dispatch({type: 'cycle-source', available: vm.sources}),
		pattern: () => dispatch({type: 'cycle-pattern', available: vm.patterns}),
		filter: () => dispatch({type: 'start-typing'}),
		open: () => {
			const row = vm.table?.rows[entry.selected];
			if (!row) return;
			if (entry.screen === 'hotspots') {
				if (tab === 'Sessions') open({screen: 'session', sessionId: row.key, selected: 0});
				else if (tab === 'Findings') {
					const f = vm.view?.findings[Number(row.key)];
					const sid = f && typeof f.sessionId === 'string' ? f.sessionId : undefined;
					if (sid) open({screen: 'session', sessionId: sid, selected: 0});
				} else if (tab !== 'Models') open({screen: 'row', tab, rowKey: row.key, selected: 0});
			} else if (entry.screen === 'row') open({screen: 'session', sessionId: row.key, selected: 0});
			else if (entry.screen === 'session') open({screen: 'turn', sessionId: entry.sessionId, messageId: row.key, selected: 0});
		},
		back: () => dispatch({type: 'back'}),
		reload: () => c.reload(),
		notices: () => dispatch({type: 'notices'}),
		help: () => dispatch({type: 'help'}),
		quit: () => c.exit(),
		'keep-filter': () => dispatch({type: 'end-typing', keep: true}),
		'clear-filter': () => dispatch({type: 'end-typing', keep: false}),
		erase: () => dispatch({type: 'erase'}),
		type: (input) => dispatch({type: 'type', text: input.replace(/[\x00-\x1f\x7f]/g, '')}),
	};
}
