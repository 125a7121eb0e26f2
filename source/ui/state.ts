import type {SourceKind} from '../core/records.js';

/** The `w` cycle. */
export const WINDOWS = ['24h', '7d', '30d', '90d', 'all'] as const;
export type WindowKey = (typeof WINDOWS)[number];

export const TABS = ['Files', 'Commands', 'Subagents', 'MCP', 'Models', 'Sessions', 'Findings', 'Live'] as const;
export type TabName = (typeof TABS)[number];

/**
 * One level of the drill-down. Each level keeps its own selection and its own text filter
 * (`filter`: the rows of a table, the turns of a session, the lines of a turn), so going back
 * finds the level as it was left.
 */
/** A drilled row's kind: a tab's row, or one exact command (keyed by its arguments hash). */
export type RowTab = TabName | 'Command';

/**
 * `o`/`O`: the sorted column and its direction. The column is named (its title, `sortKey`),
 * not numbered: a window, the detail pane or the width may add or drop columns, and a sort
 * by position would then sort (and say) another one.
 */
export interface Sort {
	column: string;
	reverse: boolean;
}

/**
 * The turns a session screen marks (`n`/`N` go from one to the next): the turns of a
 * hotspot, of a finding, or of a model. `label` says what they are (`cache.ts`).
 */
export interface Marks {
	label: string;
	turns?: string[];
	/** Every turn of this model (`provider/` ignored). */
	model?: string;
}

export type ScreenEntry =
	| {screen: 'hotspots'; selected: number; filter?: string; sort?: Sort}
	/** The sessions one hotspot row (or a model) came from. */
	/** `sessionId`: a minor Findings row opened in that session's Findings section (its findings only). */
	| {screen: 'row'; tab: RowTab; rowKey: string; selected: number; filter?: string; sort?: Sort; sessionId?: string}
	/** The exact commands of one verb (Commands tab). */
	| {screen: 'commands'; verb: string; selected: number; filter?: string; sort?: Sort}
	/**
	 * `section`: the session's timeline (0) or one of its own tables; `seek`: move to the first
	 * marked turn once the timeline is there.
	 */
	| {screen: 'session'; sessionId: string; selected: number; filter?: string; sort?: Sort; marks?: Marks; section?: number; seek?: boolean}
	| {screen: 'turn'; sessionId: string; messageId: string; selected: number; filter?: string; sort?: Sort}
	/** This window against the one before it, per hotspot and per model. */
	| {screen: 'compare'; selected: number; filter?: string; sort?: Sort};

export interface Filters {
	window: WindowKey | string;
	source: 'all' | SourceKind;
	pattern: 'all' | string;
}

/** What is drawn over the screen: the help, or the list of notices (scrolled by `offset`). */
export type Overlay = null | 'help' | {kind: 'notices'; offset: number};

export interface UiState {
	filters: Filters;
	tab: number;
	/** Drill-down stack; the last entry is on screen. */
	stack: ScreenEntry[];
	overlay: Overlay;
	/** `/` was pressed: keys type into the filter of the screen on top. */
	typing: boolean;
	/** How far the help is scrolled. */
	helpOffset?: number;
	/** The detail pane (null: by the terminal's width). */
	detail?: boolean | null;
}

export type Action =
	| {type: 'move'; delta: number; count: number}
	| {type: 'top'}
	| {type: 'bottom'; count: number}
	| {type: 'tab'; delta: number}
	| {type: 'set-window'; window: Filters['window']}
	| {type: 'cycle-window'; delta?: number}
	| {type: 'cycle-source'; available: SourceKind[]; delta?: number}
	| {type: 'cycle-pattern'; available: string[]; delta?: number}
	| {type: 'select'; index: number}
	| {type: 'seeked'; index: number}
	| {type: 'sort'; sort: Sort | undefined}
	| {type: 'section'; delta: number; count: number}
	| {type: 'detail'; show?: boolean}
	| {type: 'scroll-help'; delta: number; count: number}
	| {type: 'start-typing'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'end-typing'; keep: boolean}
	| {type: 'open'; entry: ScreenEntry}
	| {type: 'back'}
	| {type: 'help'; show?: boolean}
	| {type: 'notices'; show?: boolean}
	| {type: 'scroll-notices'; delta: number; count: number}
	| {type: 'reset-stack'};

export function initialState(window: Filters['window'] = '7d', startScreen?: ScreenEntry): UiState {
	const stack: ScreenEntry[] = [{screen: 'hotspots', selected: 0}];
	if (startScreen) stack.push(startScreen);
	return {filters: {window, source: 'all', pattern: 'all'}, tab: 0, stack, overlay: null, typing: false};
}

export function current(state: UiState): ScreenEntry {
	return state.stack[state.stack.length - 1]!;
}

/** The text filter of the screen on top ('' when none). */
export function filterOf(entry: ScreenEntry): string {
	return entry.filter ?? '';
}

function withFilter(state: UiState, filter: string): UiState {
	const stack = state.stack.slice();
	stack[stack.length - 1] = {...current(state), filter, selected: 0} as ScreenEntry;
	return {...state, stack};
}

function withSelected(state: UiState, selected: number): UiState {
	const stack = state.stack.slice();
	stack[stack.length - 1] = {...current(state), selected} as ScreenEntry;
	return {...state, stack};
}

function cycle<T>(list: readonly T[], value: T, delta = 1): T {
	const i = Math.max(0, list.indexOf(value));
	return list[(i + delta + list.length) % list.length]!;
}

function patchTop(state: UiState, patch: Partial<ScreenEntry>): UiState {
	const stack = state.stack.slice();
	stack[stack.length - 1] = {...current(state), ...patch} as ScreenEntry;
	return {...state, stack};
}

/** Back to the hotspots screen, its selection reset (filters changed what the rows are); its text filter stays. */
function atTop(state: UiState): UiState {
	const filter = state.stack[0]?.filter;
	return {...state, stack: [filter ? {screen: 'hotspots', selected: 0, filter} : {screen: 'hotspots', selected: 0}]};
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
			// Another table: its own order (a sorted column is one of this tab's).
			return patchTop({...state, tab}, {selected: 0, sort: undefined});
		}
		case 'set-window':
			return {...state, filters: {...state.filters, window: action.window}};
		case 'cycle-window': {
			// The drill level stays (its rows are derived again; the app keeps the selected item).
			const now = (WINDOWS as readonly string[]).includes(state.filters.window) ? (state.filters.window as WindowKey) : 'all';
			return {...state, filters: {...state.filters, window: cycle(WINDOWS, now, action.delta)}};
		}
		case 'cycle-source': {
			const options: Array<Filters['source']> = ['all', ...action.available];
			return atTop({...state, filters: {...state.filters, source: cycle(options, state.filters.source, action.delta)}});
		}
		case 'cycle-pattern': {
			const options = ['all', ...action.available];
			return atTop({...state, filters: {...state.filters, pattern: cycle(options, state.filters.pattern, action.delta)}});
		}
		case 'select':
			return withSelected(state, Math.max(0, action.index));
		case 'seeked':
			return patchTop(state, {selected: Math.max(0, action.index), seek: false} as Partial<ScreenEntry>);
		case 'sort':
			return patchTop(state, {sort: action.sort});
		case 'section': {
			const e = current(state);
			if (e.screen !== 'session') return state;
			const section = ((e.section ?? 0) + action.delta + action.count) % action.count;
			return patchTop(state, {section, selected: 0, filter: '', sort: undefined} as Partial<ScreenEntry>);
		}
		case 'scroll-help':
			return {...state, helpOffset: Math.min(Math.max(0, action.count - 1), Math.max(0, (state.helpOffset ?? 0) + action.delta))};
		case 'detail':
			return {...state, detail: action.show ?? !(state.detail ?? false)};
		case 'start-typing':
			// A new filter each time: `/` never appends to the one kept before.
			return {...withFilter(state, ''), typing: true};
		case 'type':
			return withFilter(state, filterOf(current(state)) + action.text);
		case 'erase':
			return withFilter(state, filterOf(current(state)).slice(0, -1));
		case 'end-typing':
			return action.keep ? {...state, typing: false} : {...withFilter(state, ''), typing: false};
		case 'open':
			return {...state, stack: [...state.stack, action.entry]};
		case 'back':
			// An overlay closes first, then the screen's filter clears, then back one level.
			if (state.overlay) return {...state, overlay: null};
			if (filterOf(current(state))) return withFilter(state, '');
			if (state.stack.length <= 1) return state;
			return {...state, stack: state.stack.slice(0, -1)};
		case 'help': {
			const show = action.show ?? state.overlay !== 'help';
			return {...state, overlay: show ? 'help' : null, helpOffset: 0};
		}
		case 'notices': {
			const open = state.overlay !== null && state.overlay !== 'help';
			const show = action.show ?? !open;
			return {...state, overlay: show ? {kind: 'notices', offset: 0} : null};
		}
		case 'scroll-notices': {
			if (state.overlay === null || state.overlay === 'help') return state;
			const offset = Math.min(Math.max(0, action.count - 1), Math.max(0, state.overlay.offset + action.delta));
			return {...state, overlay: {kind: 'notices', offset}};
		}
		case 'reset-stack':
			return atTop(state);
	}
}
