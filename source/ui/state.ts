import type {SourceKind} from '../core/records.js';

/** The `w` cycle. */
export const WINDOWS = ['24h', '7d', '30d', '90d', 'all'] as const;
export type WindowKey = (typeof WINDOWS)[number];

export const TABS = ['Files', 'Commands', 'Subagents', 'MCP', 'Models', 'Sessions', 'Findings'] as const;
export type TabName = (typeof TABS)[number];

export type ScreenEntry =
	| {screen: 'hotspots'; selected: number}
	/** The sessions one hotspot row came from. */
	| {screen: 'row'; tab: TabName; rowKey: string; selected: number}
	| {screen: 'session'; sessionId: string; selected: number}
	| {screen: 'turn'; sessionId: string; messageId: string; selected: number};

export interface Filters {
	window: WindowKey | string;
	source: 'all' | SourceKind;
	pattern: 'all' | string;
	text: string;
}

export interface UiState {
	filters: Filters;
	tab: number;
	/** Drill-down stack; the last entry is on screen. */
	stack: ScreenEntry[];
	help: boolean;
	/** `/` was pressed: keys type into the filter. */
	typing: boolean;
}

export type Action =
	| {type: 'move'; delta: number; count: number}
	| {type: 'top'}
	| {type: 'bottom'; count: number}
	| {type: 'tab'; delta: number}
	| {type: 'set-window'; window: Filters['window']}
	| {type: 'cycle-window'}
	| {type: 'cycle-source'; available: SourceKind[]}
	| {type: 'cycle-pattern'; available: string[]}
	| {type: 'start-typing'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'end-typing'; keep: boolean}
	| {type: 'open'; entry: ScreenEntry}
	| {type: 'back'}
	| {type: 'help'; show?: boolean}
	| {type: 'reset-stack'};

export function initialState(window: Filters['window'] = '7d', startScreen?: ScreenEntry): UiState {
	const stack: ScreenEntry[] = [{screen: 'hotspots', selected: 0}];
	if (startScreen) stack.push(startScreen);
	return {filters: {window, source: 'all', pattern: 'all', text: ''}, tab: 0, stack, help: false, typing: false};
}

export function current(state: UiState): ScreenEntry {
	return state.stack[state.stack.length - 1]!;
}

function withSelected(state: UiState, selected: number): UiState {
	const stack = state.stack.slice();
	stack[stack.length - 1] = {...current(state), selected} as ScreenEntry;
	return {...state, stack};
}

function cycle<T>(list: readonly T[], value: T): T {
	const i = list.indexOf(value);
	return list[(i + 1) % list.length]!;
}

/** Resets the hotspots selection (filters changed what the rows are). */
function atTop(state: UiState): UiState {
	return {...state, stack: [{screen: 'hotspots', selected: 0}]};
}

/** The one reducer that owns the interactive state. Pure. */
export function reduce(state: UiState, action: Action): UiState {
	switch (action.type) {
		case 'move': {
			const max = Math.max(0, action.count - 1);
			const next = Math.min(max, Math.max(0, current(state).selected + action.delta));
			return withSelected(state, next);
		}
		case 'top':
			return withSelected(state, 0);
		case 'bottom':
			return withSelected(state, Math.max(0, action.count - 1));
		case 'tab': {
			if (current(state).screen !== 'hotspots') return state;
			const tab = (state.tab + action.delta + TABS.length) % TABS.length;
			return withSelected({...state, tab}, 0);
		}
		case 'set-window':
			return atTop({...state, filters: {...state.filters, window: action.window}});
		case 'cycle-window': {
			const now = (WINDOWS as readonly string[]).includes(state.filters.window) ? (state.filters.window as WindowKey) : 'all';
			return atTop({...state, filters: {...state.filters, window: cycle(WINDOWS, now)}});
		}
		case 'cycle-source': {
			const options: Array<Filters['source']> = ['all', ...action.available];
			return atTop({...state, filters: {...state.filters, source: cycle(options, state.filters.source)}});
		}
		case 'cycle-pattern': {
			const options = ['all', ...action.available];
			return atTop({...state, filters: {...state.filters, pattern: cycle(options, state.filters.pattern)}});
		}
		case 'start-typing':
			return {...state, typing: true};
		case 'type':
			return withSelected({...state, filters: {...state.filters, text: state.filters.text + action.text}}, 0);
		case 'erase':
			return withSelected({...state, filters: {...state.filters, text: state.filters.text.slice(0, -1)}}, 0);
		case 'end-typing':
			return {
				...state,
				typing: false,
				filters: action.keep ? state.filters : {...state.filters, text: ''},
			};
		case 'open':
			return {...state, stack: [...state.stack, action.entry]};
		case 'back':
			if (state.help) return {...state, help: false};
			if (state.stack.length <= 1) {
				return state.filters.text ? {...state, filters: {...state.filters, text: ''}} : state;
			}
			return {...state, stack: state.stack.slice(0, -1)};
		case 'help':
			return {...state, help: action.show ?? !state.help};
		case 'reset-stack':
			return atTop(state);
	}
}
