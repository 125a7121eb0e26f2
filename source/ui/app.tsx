import React, {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import type {Window} from '../analysis/dataset.js';
import {pickSession} from '../analysis/filters.js';
import type {Context} from './bindings.js';
import {commandHandlers} from './commands.js';
import {useTurnContent} from './use-turn-content.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {windowLabel} from './fmt.js';
import {current, filterOf, initialState, reduce, TABS, WINDOWS} from './state.js';
import {colorEnabled, makeTheme, ThemeContext, useTheme} from './theme.js';
import {useAppInput} from './use-app-input.js';
import {useData, type DataSource} from './use-data.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useViewModel, windowFor, windowHolding} from './view-model.js';
import {EmptyScreen} from './screens/empty.js';
import {HelpScreen} from './screens/help.js';
import {helpBody, helpRoom} from './help-overlay.js';
import {HotspotsScreen} from './screens/hotspots.js';
import {LoadingScreen} from './screens/loading.js';
import {noticeLines, noticeRoom, NoticesOverlay} from './screens/notices.js';
import {RowScreen} from './screens/row.js';
import {SessionScreen} from './screens/session.js';
import {TurnScreen} from './screens/turn.js';
import {LiveScreen} from './screens/live.js';
import {useFollow} from './use-follow.js';
import {useKeepSelection} from './use-keep-selection.js';
import {CommandsScreen} from './screens/commands.js';
import {CompareScreen} from './screens/compare.js';
import {DetailPane, detailWidth} from './screens/detail-pane.js';
import {NoteContext} from './screens/table-body.js';
import {breadcrumb, breadcrumbLine} from './breadcrumb.js';
import {makeClipboard, type Clipboard} from './clipboard.js';
import {cellNote, detailFor, type DetailPlace} from './detail.js';
import {habitsLine} from './drill-models.js';
import {previousWindow} from '../analysis/compare.js';

export {windowFor} from './view-model.js';

export interface AppProps {
	source: DataSource;
	now: number;
	/** `--since` as given: a key of the `w` cycle or a raw value. */
	initialWindow: string;
	/** Explicit window bounds when `--since`/`--until` were not one of the cycle keys. */
	explicitWindow?: Window;
	/** How the header says an explicit window with an end (`Dec 25 00:00 – Jan 1 23:59`). */
	explicitLabel?: string;
	projectLabel?: string;
	ingestFirst: boolean;
	/** Open this session's screen first (`--session`). */
	session?: string | true;
	/** The user's home directory: paths under it are shown as `~/…`. */
	home?: string;
	/** Colours on (default: unless `NO_COLOR` is set or `--no-color` was given). */
	color?: boolean;
	/** `--alert <dollars>`: the Live tab marks a session whose running cost crosses it. */
	alert?: number | null;
	/** Where `y` copies to (default: nowhere but the list printed on exit). */
	clipboard?: Clipboard;
}

/** From this width the detail pane is shown unless `d` hid it. */
export const DETAIL_WIDTH = 140;

/** The composition root of the interactive view: state, data, view model, keys, and the screen on top. */
export function App(props: AppProps) {
	const theme = useMemo(() => makeTheme(props.color ?? colorEnabled()), [props.color]);
	return (
		<ThemeContext.Provider value={theme}>
			<AppBody {...props} />
		</ThemeContext.Provider>
	);
}

function AppBody(props: AppProps) {
	const {exit} = useApp();
	const theme = useTheme();
	const {width, height} = useTerminalSize();
	const [state, dispatch] = useReducer(reduce, undefined, () =>
		initialState(props.initialWindow, typeof props.session === 'string' ? {screen: 'session', sessionId: props.session, selected: 0} : undefined),
	);
	const window = useMemo(() => windowFor(state.filters.window, props.now, props.explicitWindow), [state.filters.window, props.now, props.explicitWindow]);
	// The compare screen needs the window before this one too: load both (the view narrows).
	const comparing = state.stack.some((e) => e.screen === 'compare');
	const loadWindow = useMemo(() => {
		const prev = comparing ? previousWindow(window, props.now) : null;
		return prev ? {since: prev.since, until: window.until} : window;
	}, [comparing, window, props.now]);
	const data = useData(props.source, loadWindow, props.ingestFirst);
	const clipboard = useMemo(() => props.clipboard ?? makeClipboard(null), [props.clipboard]);
	// The `copied:` line lasts until the selection or the screen changes: it is kept with where it was made.
	const [copiedAt, setCopied] = React.useState<{text: string; where: string} | null>(null);
	const {loaded} = data;
	const {phase, reload} = data;
	// Live (issue 15): follow the logs while open; `f` pauses and resumes.
	const [paused, setPaused] = useState(false);
	const follow = useFollow(props.source, loaded, paused, data.refresh);
	const liveShown = state.stack.length === 1 && TABS[state.tab] === 'Live';
	// The Live tab's clock: the last update, read again when the tab is shown and every 30 s while
	// it is (sessions age out of "active in the last 15 minutes" with no new turn).
	const [tickAt, setTickAt] = useState(0);
	useEffect(() => {
		if (!liveShown || !follow.enabled) return;
		const first = setTimeout(() => setTickAt(Date.now()), 0);
		const t = setInterval(() => setTickAt(Date.now()), 30_000);
		return () => {
			clearTimeout(first);
			clearInterval(t);
		};
	}, [liveShown, follow.enabled]);
	const liveNow = follow.enabled ? Math.max(follow.lastUpdate ?? props.now, tickAt) : props.now;
	const display = useMemo(() => ({now: props.now, home: props.home}), [props.now, props.home]);
	const entry = current(state);
	const filter = filterOf(entry);
	// Text for the turn view, read once per session when first needed.
	const content = useTurnContent(props.source, entry.screen === 'turn' ? entry.sessionId : null);

	const detailShown = (state.detail ?? width >= DETAIL_WIDTH) && entry.screen !== 'turn' && entry.screen !== 'compare';
	// Wide: the pane beside the table; narrower: below it, taking rows from the table.
	const beside = width >= 120;
	const paneWidth = detailShown ? (beside ? detailWidth(width) : width) : 0;
	const tableWidth = detailShown && beside ? width - paneWidth : width;
	const crumb = state.stack.length > 1;
	const vm = useViewModel({tableWidth, loaded, window, filters: state.filters, tab: state.tab, entry, width, height, content, display, now: props.now, sessionFlag: props.session, crumb, liveNow, alert: props.alert ?? null});
	// Live: an update keeps the selected row (by key) where rows moved.
	useKeepSelection(entry.screen === 'turn' ? null : vm.table, entry.selected, loaded?.at, dispatch);
	const {bodyHeight} = vm;
	const paneRows = detailShown && !beside ? Math.max(3, Math.min(9, Math.floor(bodyHeight / 2))) : 0;
	const screenHeight = bodyHeight - paneRows;


	// A session opened at its marks: the cursor goes to the first marked turn once the timeline is there.
	useEffect(() => {
		if (entry.screen !== 'session' || !entry.seek || !vm.table || vm.section !== 'Turns') return;
		const i = vm.table.rows.findIndex((r) => vm.marked.has(r.key));
		dispatch({type: 'seeked', index: Math.max(0, i)});
	}, [entry, vm.table, vm.marked, vm.section]);

	// The selected item stays selected when its table is derived again (a window, a sort): found by key.
	// A move of the cursor in the same commit as a new table (a live tick) is the user's: kept.
	const memory = useRef<{table: unknown; key: string | undefined; depth: number; selected: number} | null>(null);
	useEffect(() => {
		const rows = vm.table?.rows;
		if (!rows) return;
		const m = memory.current;
		const depth = state.stack.length;
		if (m && m.table !== vm.table && m.depth === depth && m.selected === entry.selected && m.key !== undefined && rows[entry.selected]?.key !== m.key && !(entry.screen === 'session' && entry.seek)) {
			const i = rows.findIndex((r) => r.key === m.key);
			if (i >= 0) {
				memory.current = {table: vm.table, key: m.key, depth, selected: i};
				dispatch({type: 'select', index: i});
				return;
			}
		}
		memory.current = {table: vm.table, key: rows[entry.selected]?.key, depth, selected: entry.selected};
	}, [vm.table, entry, state.stack.length]);

	// A load that fails ends the UI with its message (run-tui prints it after leaving the
	// alternate screen and exits 1).
	useEffect(() => {
		if (phase.kind === 'error') exit(new Error(phase.message));
	}, [phase, exit]);

	// `--session`, once, when the first data is there (as the text report picks it): alone, open
	// the most recent session, or say there is none; with an id, an unknown or ambiguous one
	// ends the UI with the text report's error.
	const sessionPicked = useRef(false);
	const {dataset} = vm;
	useEffect(() => {
		if (props.session === undefined || !dataset || sessionPicked.current) return;
		sessionPicked.current = true;
		const picked = pickSession(dataset.sessions, props.session);
		if (typeof props.session === 'string') {
			// Ambiguous, or unknown over all time: the text report's error. Not in a narrower
			// window: the session screen says so, and `w` widens the window.
			const unknownEverywhere = window.since === null && window.until === null;
			if (picked.error && (!picked.error.startsWith('unknown') || unknownEverywhere)) exit(new Error(picked.error));
		} else if (picked.id) dispatch({type: 'open', entry: {screen: 'session', sessionId: picked.id, selected: 0}});
	}, [dataset, props.session, exit, window]);

	const tab = TABS[state.tab]!;
	const ready = phase.kind === 'ready' && vm.view !== null;
	const showEmpty = ready && vm.empty !== undefined && entry.screen === 'hotspots' && (vm.empty.kind === 'no-logs' || vm.dataset?.sessions.length === 0);
	const context: Context = !ready
		? 'loading'
		: state.overlay === 'help'
			? 'help'
			: state.overlay
				? 'notices'
				: showEmpty
					? 'empty'
					: entry.screen;
	const latestWindow = vm.empty?.kind === 'outside' ? windowHolding(vm.empty.latest, props.now) : 'all';
	const noticeCount = state.overlay && state.overlay !== 'help' ? noticeLines(vm.notices, width).length - noticeRoom(height - 2) + 1 : 0;

	const selectedKey = vm.table?.rows[entry.selected]?.key;
	// Where a copy was made: the screens, filters, overlay and the selected row. Any change ends
	// the `copied:` line for good (coming back to the row does not bring it back).
	const where = JSON.stringify([state.tab, state.filters, state.stack, state.overlay, state.typing, selectedKey ?? null]);
	const copied = copiedAt && copiedAt.where === where ? copiedAt.text : '';
	// Dropped as soon as it is stale (React's "state from the previous render" pattern, no effect).
	if (copiedAt && copiedAt.where !== where) setCopied(null);
	const place: DetailPlace = {
		screen: entry.screen,
		tab,
		...(entry.screen === 'row' ? {rowTab: entry.tab} : {}),
		...(entry.screen === 'session' ? {section: vm.section} : {}),
		...(entry.screen === 'commands' ? {verb: entry.verb} : {}),
	};
	// Under a pattern filter every table shows the narrowed report (vm.view; the report itself
	// without one): the pane, the cell notes and the titles describe what is shown, and the
	// Findings keys (`f<i>`) index the pattern's findings, as enter does.
	const detailReport = vm.view;
	const detail = detailShown && selectedKey !== undefined ? detailFor(place, selectedKey, detailReport, vm.sessionReport, paneWidth - 3, props.home) : null;
	const copyText = () => {
		if (selectedKey === undefined) return undefined;
		const d = detailFor(place, selectedKey, detailReport, vm.sessionReport, 60, props.home);
		return d?.copy ?? selectedKey;
	};
	const copy = (text: string) => {
		clipboard.copy(text);
		setCopied({text, where});
	};
	const helpCount = helpBody(width).length - helpRoom(height - 2) + 1;
	const handlers = commandHandlers({dispatch, vm, entry, tab, context, bodyHeight, noticeCount, helpCount, latestWindow, reload, exit, detailShown, copy, copyText, ...(follow.enabled ? {follow: () => setPaused((p) => !p)} : {})});
	useAppInput((command, input) => handlers[command](input), state.typing && context === entry.screen ? 'typing' : 'normal', context);

	const windowText = (WINDOWS as readonly string[]).includes(state.filters.window) ? windowLabel(state.filters.window) : props.explicitLabel ?? windowLabel(state.filters.window);
	// Drawn for the moment before the UI ends (the message is printed again after it).
	if (phase.kind === 'error') return <Text {...theme.error}> burn: {phase.message}</Text>;
	if (!ready) return <LoadingScreen windowText={windowText} source={state.filters.source} model={phase.kind === 'loading' ? phase.progress : undefined} width={width} />;

	const header = (
		<Header
			{...(vm.sorted ? {sort: vm.sorted.label} : {})}
			windowText={windowText}
			windowShort={(WINDOWS as readonly string[]).includes(state.filters.window) && state.filters.window !== 'all' ? state.filters.window : undefined}
			filters={{source: state.filters.source, pattern: state.filters.pattern, text: filter}}
			projectLabel={props.projectLabel}
			report={context === 'empty' ? null : vm.view}
			width={width}
			{...(follow.enabled ? {live: {at: follow.lastUpdate, paused}} : {})}
		/>
	);
	if (context === 'help' || context === 'notices') {
		return (
			<Box flexDirection="column">
				{header}
				{context === 'help' ? <HelpScreen height={height - 2} offset={state.helpOffset ?? 0} width={width} /> : <NoticesOverlay notices={vm.notices} offset={state.overlay && state.overlay !== 'help' ? state.overlay.offset : 0} width={width} height={height - 2} />}
			</Box>
		);
	}
	const sortTitle = vm.sorted?.title;
	const note = copied
		? ` copied: ${copied.replace(/\s+/g, ' ')}`
		: entry.screen === 'hotspots' && tab === 'Findings' && vm.findingsView
			? habitsLine(vm.findingsView)
			: entry.screen === 'session' && vm.section === 'Turns' && entry.marks
				? ` ◆ ${vm.marked.size} turn${vm.marked.size === 1 ? ' involves' : 's involve'} ${entry.marks.label} · n/N next/previous`
				: selectedKey !== undefined
					? cellNote(place, selectedKey, vm.view, vm.sessionReport, sortTitle)
					: '';
	const statusText = vm.status;
	// Cut to the column it is drawn in (beside the detail pane, the table's).
	const status = statusText ? <Text {...theme.warn}>{statusText.length > tableWidth - 1 ? `${statusText.slice(0, tableWidth - 2)}…` : statusText}</Text> : null;
	const crumbLine = crumb ? <Text {...theme.accent}>{breadcrumbLine(breadcrumb(state.stack, tab, vm.view, vm.turn), width)}</Text> : null;
	let body: React.ReactNode = null;
	if (context === 'empty' && vm.empty) {
		body = (
			<>
				{status}
				<EmptyScreen empty={vm.empty} windowText={windowText} target={latestWindow} now={props.now} width={width} />
			</>
		);
	} else if (entry.screen === 'hotspots' && tab === 'Live' && vm.live && vm.table) {
		body = <LiveScreen tab={state.tab} findings={vm.view!.findings.length} status={status} live={vm.live} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={tableWidth} height={screenHeight} windowSince={window.since} alert={props.alert ?? null} />;
	} else if (entry.screen === 'hotspots' && vm.table) {
		body = <HotspotsScreen tab={state.tab} findings={vm.view!.findings.length} status={status} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={tableWidth} tabsWidth={width} height={screenHeight} />;
	} else if (entry.screen === 'row' && vm.view) {
		body = <RowScreen report={vm.view} tab={entry.tab} rowKey={entry.rowKey} home={props.home} status={status} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={tableWidth} height={screenHeight} />;
	} else if (entry.screen === 'commands' && vm.view) {
		body = <CommandsScreen report={vm.view} verb={entry.verb} status={status} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={tableWidth} height={screenHeight} />;
	} else if (entry.screen === 'session') {
		body = <SessionScreen sessionId={entry.sessionId} report={vm.sessionReport} section={vm.section} display={display} status={status} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={tableWidth} height={screenHeight} />;
	} else if (entry.screen === 'turn') {
		body = <TurnScreen turn={vm.turn} content={content.get(entry.sessionId)} lines={vm.lines} status={status} offset={entry.selected} width={width} height={bodyHeight + 1} />;
	} else if (entry.screen === 'compare') {
		body = <CompareScreen comparison={vm.comparison} status={status} table={vm.table} unfilteredRows={vm.unfilteredRows} filter={filter} selected={entry.selected} width={width} height={screenHeight} />;
	}
	if (detailShown && body && context !== 'empty' && !beside) {
		body = (
			<Box flexDirection="column">
				{body}
				<DetailPane detail={detail} width={width} height={paneRows} />
			</Box>
		);
	} else if (detailShown && body && context !== 'empty') {
		body = (
			<Box flexDirection="row">
				<Box flexDirection="column" width={tableWidth}>
					{body}
				</Box>
				<DetailPane detail={detail} width={paneWidth} height={bodyHeight + 1} />
			</Box>
		);
	}
	return (
		<NoteContext.Provider value={note}>
		<Box flexDirection="column" width={width}>
			{header}
			{crumbLine}
			{body}
			<Footer
				screen={context}
				typing={state.typing}
				text={filter}
				width={width}
				canOpen={(vm.table?.rows.length ?? 0) > 0}
				filtered={filter !== '' && context !== 'empty'}
				notices={vm.notices.length > 0}
				latest={vm.empty?.kind === 'outside'}
				{...(follow.enabled ? {following: paused ? ('paused' as const) : ('on' as const)} : {})}
			/>
		</Box>
		</NoteContext.Provider>
	);
}
