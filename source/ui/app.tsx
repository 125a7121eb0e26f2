import React, {useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp, useInput, useStdout, type Key} from 'ink';
import type {SourceKind} from '../core/records.js';
import type {Window} from '../analysis/dataset.js';
import {analyzeHotspots, analyzeSession} from '../analysis/analyze.js';
import {findingsFor} from '../analysis/patterns/index.js';
import {narrowDataset, sourcesIn} from '../analysis/narrow.js';
import {pickSession} from '../analysis/filters.js';
import {commandFor, type Command} from './bindings.js';
import {splitKeys} from './keys.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {leftOutShort} from '../analysis/left-out.js';
import {HelpOverlay} from './help-overlay.js';
import {ProgressPanel} from './progress-panel.js';
import {current, initialState, reduce, TABS, WINDOWS, type ScreenEntry, type TabName} from './state.js';
import {filterRows, type TableModel} from './table-model.js';
import {Table} from './table.js';
import {refsOf, rowSessionsTable, tabTable} from './tab-models.js';
import {SessionHeader, sessionTable} from './session-view.js';
import {turnBody, turnScroll, TurnView} from './turn-view.js';
import {useData, type DataSource} from './use-data.js';
import {windowLabel} from './fmt.js';
import {fmtUsd, sanitize, shortenMiddle, tildify} from '../report/format.js';
import {findingKinds, reportForPattern} from './patterns.js';

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
}

const WINDOW_MS: Record<string, number> = {'24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000};

export function windowFor(key: string, now: number, explicit?: Window): Window {
	if (key === 'all') return {since: null, until: null};
	const ms = WINDOW_MS[key];
	if (ms !== undefined) return {since: new Date(now - ms).toISOString(), until: null};
	return explicit ?? {since: null, until: null};
}

function useTerminalSize(): {width: number; height: number} {
	const {stdout} = useStdout();
	const [size, setSize] = useState({width: stdout.columns || 80, height: stdout.rows || 24});
	useEffect(() => {
		const onResize = () => setSize({width: stdout.columns || 80, height: stdout.rows || 24});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}


/** The container: owns the state, the data, and the one input handler (keys are data: bindings.ts). */
export function App(props: AppProps) {
	const {exit} = useApp();
	const {width, height} = useTerminalSize();
	const startScreen: ScreenEntry | undefined =
		typeof props.session === 'string' ? {screen: 'session', sessionId: props.session, selected: 0} : undefined;
	const [state, dispatch] = useReducer(reduce, initialState(props.initialWindow, startScreen));
	const window = useMemo(() => windowFor(state.filters.window, props.now, props.explicitWindow), [state.filters.window, props.now, props.explicitWindow]);
	const {loaded, phase, reload} = useData(props.source, window, props.ingestFirst);
	// Dates get their year when not all in this year; paths under the home are `~/…`.
	const display = useMemo(() => ({now: props.now, home: props.home}), [props.now, props.home]);
	const [content, setContent] = useState<Map<string, Awaited<ReturnType<DataSource['content']>>>>(new Map());

	const dataset = useMemo(() => {
		if (!loaded) return null;
		const narrowed = narrowDataset(loaded.dataset, window, state.filters.source as SourceKind | 'all');
		return narrowed;
	}, [loaded, window, state.filters.source]);
	const report = useMemo(() => {
		if (!dataset || !loaded) return null;
		// The daily series (header sparkline) ends at now, not at the last active day.
		const hotspots = analyzeHotspots(dataset, loaded.priceBook, {sizes: loaded.sizes, now: props.now});
		// The Findings tab, `p` and the session screen's findings: the detectors share the
		// attribution the hotspots just computed (prepareAll is memoised on the dataset).
		return hotspots.refused ? hotspots : {...hotspots, findings: findingsFor(dataset, loaded.priceBook, {sizes: loaded.sizes, ...(loaded.inventory ? {inventory: loaded.inventory} : {})})};
	}, [dataset, loaded, props.now]);
	const view = useMemo(
		() =>
			report && dataset && loaded
				? reportForPattern(dataset, report, state.filters.pattern, (d) => analyzeHotspots(d, loaded.priceBook, {sizes: loaded.sizes, now: props.now}))
				: null,
		[report, dataset, loaded, state.filters.pattern, props.now],
	);
	const sources = useMemo(() => (loaded ? sourcesIn(loaded.dataset) : []), [loaded]);
	const patterns = useMemo(() => (report ? findingKinds(report) : []), [report]);

	// `--session`, once, when the first data is there (as the text report picks it): alone, open
	// the most recent session, or say there is none; with an id, an unknown or ambiguous one
	// ends the UI with the text report's error (run-tui prints it and exits 1).
	const sessionPicked = useRef(false);
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

	const screen = current(state);
	// Keyed by the id, not the screen entry: moving the selection must not re-analyse the session.
	const sessionId = screen.screen === 'session' || screen.screen === 'turn' ? screen.sessionId : null;
	const sessionReport = useMemo(() => {
		if (!dataset || !loaded) return null;
		const id = sessionId;
		if (!id) return null;
		const match = pickSession(dataset.sessions, id).id;
		if (!match) return null;
		const s = analyzeSession(dataset, loaded.priceBook, match, {sizes: loaded.sizes});
		return {...s, findings: (report?.findings ?? []).filter((f) => f.sessionId === match)};
	}, [dataset, loaded, sessionId, report]);

	// Text for the turn view, read once per session when first needed.
	useEffect(() => {
		if (screen.screen !== 'turn' || content.has(screen.sessionId)) return;
		let live = true;
		props.source.content(screen.sessionId).then(
			(records) => live && setContent((m) => new Map(m).set(screen.sessionId, records)),
			() => live && setContent((m) => new Map(m).set(screen.sessionId, [])),
		);
		return () => {
			live = false;
		};
	}, [screen, content, props.source]);

	const tab: TabName = TABS[state.tab]!;
	// What the window's figures leave out (non-zero counts), one line on the hotspots screen.
	const leftOut = report?.leftOut ? leftOutShort(report.leftOut) : '';
	// `--session` alone over a window without sessions: said, not a silent hotspots table.
	const sessionNotice = props.session === true && screen.screen === 'hotspots' && dataset?.sessions.length === 0 ? ' no session in this window (w widens it)' : '';
	const notice = sessionNotice || (screen.screen === 'hotspots' && leftOut ? ` left out: ${leftOut}` : '');
	// header 2 + tabs/title 1 + footer 1 = 4 rows around the body (+1 for the notice).
	const bodyHeight = Math.max(3, height - 4 - (notice ? 1 : 0));
	const table: TableModel | null = useMemo(() => {
		if (!view) return null;
		if (screen.screen === 'hotspots') return tabTable(view, tab, display);
		if (screen.screen === 'row') {
			// The pattern filter narrows the Sessions and Findings tabs, not the hotspot rows: a
			// row's sessions are all of them, described from the unfiltered report.
			const r = report ? refsOf(report, screen.tab, screen.rowKey) : undefined;
			return r && report ? rowSessionsTable(report, r.refs, r.total, display) : null;
		}
		if (screen.screen === 'session' && sessionReport) return sessionTable(sessionReport, width);
		return null;
	}, [view, report, screen, tab, sessionReport, width, display]);
	const rows = useMemo(() => (table ? filterRows(table.rows, screen.screen === 'hotspots' || screen.screen === 'row' ? state.filters.text : '') : []), [table, state.filters.text, screen.screen]);
	const turn = screen.screen === 'turn' ? sessionReport?.timeline.find((t) => t.messageId === screen.messageId) : undefined;
	// The turn screen scrolls its text: ↑↓ move an offset instead of a selection.
	const turnHeight = bodyHeight + 1;
	const turnLines = useMemo(
		() => (turn && screen.screen === 'turn' ? turnBody(turn, content.get(screen.sessionId), width).length : 0),
		[turn, screen, content, width],
	);
	const count = screen.screen === 'turn' ? turnScroll(turnLines, turnHeight).maxOffset + 1 : rows.length;

	const handlers: Record<Command, () => void> = {
		up: () => dispatch({type: 'move', delta: -1, count}),
		down: () => dispatch({type: 'move', delta: 1, count}),
		'page-up': () => dispatch({type: 'move', delta: -(bodyHeight - 2), count}),
		'page-down': () => dispatch({type: 'move', delta: bodyHeight - 2, count}),
		top: () => dispatch({type: 'top'}),
		bottom: () => dispatch({type: 'bottom', count}),
		'next-tab': () => dispatch({type: 'tab', delta: 1}),
		'prev-tab': () => dispatch({type: 'tab', delta: -1}),
		window: () => dispatch({type: 'cycle-window'}),
		source: () => dispatch({type: 'cycle-source', available: sources}),
		pattern: () => dispatch({type: 'cycle-pattern', available: patterns}),
		filter: () => dispatch({type: 'start-typing'}),
		open: () => {
			const row = rows[screen.selected];
			if (!row) return;
			if (screen.screen === 'hotspots') {
				if (tab === 'Sessions') dispatch({type: 'open', entry: {screen: 'session', sessionId: row.key, selected: 0}});
				else if (tab === 'Findings') {
					const f = view?.findings[Number(row.key)];
					const sid = f && typeof f.sessionId === 'string' ? f.sessionId : undefined;
					if (sid) dispatch({type: 'open', entry: {screen: 'session', sessionId: sid, selected: 0}});
				} else if (tab !== 'Models') dispatch({type: 'open', entry: {screen: 'row', tab, rowKey: row.key, selected: 0}});
			} else if (screen.screen === 'row') {
				dispatch({type: 'open', entry: {screen: 'session', sessionId: row.key, selected: 0}});
			} else if (screen.screen === 'session') {
				dispatch({type: 'open', entry: {screen: 'turn', sessionId: screen.sessionId, messageId: row.key, selected: 0}});
			}
		},
		back: () => dispatch({type: 'back'}),
		reload: () => reload(),
		help: () => dispatch({type: 'help'}),
		quit: () => exit(),
	};

	const onKey = (input: string, key: Key) => {
		if (state.typing) {
			if (key.return) dispatch({type: 'end-typing', keep: true});
			else if (key.escape) dispatch({type: 'end-typing', keep: false});
			else if (key.backspace || key.delete) dispatch({type: 'erase'});
			else if (key.ctrl && input === 'c') exit();
			else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) dispatch({type: 'type', text: input.replace(/[\x00-\x1f\x7f]/g, '')});
			return;
		}
		const command = commandFor(input, key);
		if (!command) return;
		if (state.help && command !== 'quit' && command !== 'help' && command !== 'back') return;
		if (phase.kind !== 'ready' && command !== 'quit') return;
		handlers[command]();
	};
	// Keys go to the handler of the latest render: a key that arrives right after a frame is
	// drawn (before effects re-subscribe) must not meet the previous screen's state.
	const onKeyRef = useRef(onKey);
	useLayoutEffect(() => {
		onKeyRef.current = onKey;
	});
	// A read can carry several keys (fast typing, keys sent together, a paste): Ink hands them
	// over as one string. They are handled one at a time, each after the render of the one
	// before, so that `/` then text, or text then Enter, mean what they would typed slowly.
	const pending = useRef<Array<[string, Key]>>([]);
	const onInput = useCallback((input: string, key: Key) => {
		const idle = pending.current.length === 0;
		pending.current.push(...splitKeys(input, key));
		if (!idle) return;
		const drain = () => {
			const next = pending.current.shift();
			if (!next) return;
			onKeyRef.current(next[0], next[1]);
			if (pending.current.length) setImmediate(drain);
		};
		drain();
	}, []);
	useInput(onInput);

	const windowText = (WINDOWS as readonly string[]).includes(state.filters.window) ? windowLabel(state.filters.window) : props.explicitLabel ?? windowLabel(state.filters.window);
	const header = (
		<Header
			windowText={windowText}
			windowShort={(WINDOWS as readonly string[]).includes(state.filters.window) && state.filters.window !== 'all' ? state.filters.window : undefined}
			filters={state.filters}
			projectLabel={props.projectLabel}
			report={view}
			width={width}
		/>
	);
	if (phase.kind === 'error') {
		return (
			<Box flexDirection="column">
				{header}
				<Text color="red"> burn: {phase.message}</Text>
				<Text dimColor> q quit</Text>
			</Box>
		);
	}
	if (phase.kind === 'loading' || !view) {
		const title = `burn · ${windowText} · ${state.filters.source === 'all' ? 'all sources' : state.filters.source}`;
		return <ProgressPanel title={title} model={phase.kind === 'loading' ? phase.progress : undefined} width={width} />;
	}
	if (state.help) {
		return (
			<Box flexDirection="column">
				{header}
				<HelpOverlay />
			</Box>
		);
	}
	let body: React.ReactNode;
	if (screen.screen === 'turn') {
		body = <TurnView turn={turn} content={content.get(screen.sessionId)} width={width} height={turnHeight} offset={screen.selected} />;
	} else if (screen.screen === 'session' && !sessionReport) {
		body = <Text> no session {screen.sessionId} in this window (w widens the window)</Text>;
	} else {
		// Rows hidden by the text filter are not "no rows in this window".
		const empty = table && table.rows.length > 0 && rows.length === 0 ? `no rows match /${sanitize(state.filters.text)} (esc clears)` : table?.empty ?? '';
		body = table ? <Table model={{...table, rows, empty}} selected={screen.selected} width={width} height={screen.screen === 'session' ? bodyHeight - 2 : bodyHeight} /> : null;
	}
	return (
		<Box flexDirection="column" width={width}>
			{header}
			{screen.screen === 'hotspots' ? <Tabs tab={state.tab} findings={view.findings.length} /> : null}
			{notice ? <Text color="yellow">{notice.length > width - 1 ? `${notice.slice(0, width - 2)}…` : notice}</Text> : null}
			{screen.screen === 'row' && report ? <RowTitle view={report} entry={screen} width={width} home={props.home} /> : null}
			{screen.screen === 'session' && sessionReport ? <SessionHeader report={sessionReport} width={width} display={display} /> : null}
			{body}
			<Footer screen={screen.screen} typing={state.typing} text={state.filters.text} width={width} canOpen={!(screen.screen === 'hotspots' && tab === 'Models')} />
		</Box>
	);
}

function Tabs({tab, findings}: {tab: number; findings: number}) {
	return (
		<Text>
			{' '}
			{TABS.map((name, i) => {
				const label = name === 'Findings' ? `Findings(${findings})` : name;
				return i === tab ? (
					<Text key={name} bold inverse>
						{`[${label}]`}
					</Text>
				) : (
					<Text key={name} dimColor>{` ${label} `}</Text>
				);
			}).flatMap((el, i) => (i === 0 ? [el] : [<Text key={`s${i}`}> </Text>, el]))}
		</Text>
	);
}

function RowTitle({view, entry, width, home}: {view: NonNullable<ReturnType<typeof reportForPattern>>; entry: Extract<ScreenEntry, {screen: 'row'}>; width: number; home?: string}) {
	const r = refsOf(view, entry.tab, entry.rowKey);
	const sessions = r ? new Set(r.refs.map((x) => x.sessionId)).size : 0;
	const tail = ` · ${fmtUsd(r?.total ?? 0)} in ${sessions} session${sessions === 1 ? '' : 's'}`;
	return (
		<Text bold>
			{' '}
			{shortenMiddle(sanitize(entry.tab === 'Files' ? tildify(entry.rowKey, home) : entry.rowKey), Math.max(8, width - 2 - tail.length))}
			{tail}
		</Text>
	);
}
