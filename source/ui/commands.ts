import type {Dispatch} from 'react';
import type {Command, Context} from './bindings.js';
import type {Action, Marks, ScreenEntry, TabName, WindowKey} from './state.js';
import type {ViewModel} from './view-model.js';
import type {HotspotsReport} from '../analysis/report-types.js';
import {shortModel} from '../report/format.js';
import {nextMarked, SESSION_SECTIONS, typedFindings} from './drill-models.js';
import {refsOf} from './tab-models.js';
import {sortableColumns, sortedColumn, sortKey} from './table-model.js';
import {rowLabel} from './breadcrumb.js';

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
	/** Live: pause or resume following the logs. */
	follow?: () => void;
	/** Scroll positions of the help. */
	helpCount?: number;
	/** The detail pane is shown now. */
	detailShown?: boolean;
	/** `y`: copy this text (OSC 52, and printed on exit). */
	copy?: (text: string) => void;
	/** The text `y` copies for the selected row. */
	copyText?: () => string | undefined;
}

/** The turns of one session that a hotspot's refs name. */
function refTurns(report: HotspotsReport, tab: Parameters<typeof refsOf>[1], key: string, sessionId: string): string[] {
	const r = refsOf(report, tab, key);
	return r ? [...new Set(r.refs.filter((x) => x.sessionId === sessionId).flatMap((x) => x.turns))] : [];
}

/** What each command of the bindings table does, for the screen on top. */
export function commandHandlers(c: CommandContext): Record<Command, (input: string) => void> {
	const {dispatch, vm, entry, tab} = c;
	const open = (next: ScreenEntry) => dispatch({type: 'open', entry: next});
	const move = (delta: number) =>
		c.context === 'notices'
			? dispatch({type: 'scroll-notices', delta, count: c.noticeCount})
			: c.context === 'help'
				? dispatch({type: 'scroll-help', delta, count: c.helpCount ?? 1})
				: dispatch({type: 'move', delta, count: vm.count});
	const markMove = (delta: 1 | -1) => {
		if (entry.screen !== 'session' || !vm.table) return;
		const i = nextMarked(vm.table.rows, vm.marked, entry.selected, delta);
		if (i >= 0) dispatch({type: 'select', index: i});
	};
	return {
		up: () => move(-1),
		down: () => move(1),
		// A page of rows, of a turn's text, of the notices or of this help.
		'page-up': () => move(-(c.bodyHeight - 2)),
		'page-down': () => move(c.bodyHeight - 2),
		top: () => dispatch({type: 'top'}),
		bottom: () => dispatch({type: 'bottom', count: vm.count}),
		'next-tab': () => (entry.screen === 'session' ? dispatch({type: 'section', delta: 1, count: SESSION_SECTIONS.length}) : dispatch({type: 'tab', delta: 1})),
		'prev-tab': () => (entry.screen === 'session' ? dispatch({type: 'section', delta: -1, count: SESSION_SECTIONS.length}) : dispatch({type: 'tab', delta: -1})),
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
			const marked = (sessionId: string, marks: Marks) => open({screen: 'session', sessionId, selected: 0, marks, seek: true});
			if (entry.screen === 'hotspots') {
				if (tab === 'Sessions' || tab === 'Live') open({screen: 'session', sessionId: row.key, selected: 0});
				else if (tab === 'Findings' && row.key.startsWith('minor:')) open({screen: 'row', tab, rowKey: row.key, selected: 0});
				else if (tab === 'Findings') {
					const f = row.key.startsWith('f') && vm.view ? typedFindings(vm.view.findings)[Number(row.key.slice(1))] : undefined;
					if (f?.sessionId) marked(f.sessionId, {label: f.kind, turns: f.turns ?? []});
				} else if (tab === 'Commands') open({screen: 'commands', verb: row.key, selected: 0});
				else open({screen: 'row', tab, rowKey: row.key, selected: 0});
			} else if (entry.screen === 'row') {
				const label = rowLabel(entry.tab, entry.rowKey);
				if (entry.tab === 'Findings') {
					// Keys index the session's findings when the minor row was a session's.
					const list = entry.sessionId !== undefined ? vm.sessionReport?.findings : vm.view?.findings;
					const f = row.key.startsWith('f') && list ? typedFindings(list)[Number(row.key.slice(1))] : undefined;
					if (f?.sessionId) marked(f.sessionId, {label: f.kind, turns: f.turns ?? []});
				} else if (entry.tab === 'Models') marked(row.key, {label: shortModel(entry.rowKey), model: entry.rowKey});
				else if (vm.view) marked(row.key, {label, turns: refTurns(vm.view, entry.tab, entry.rowKey, row.key)});
			} else if (entry.screen === 'commands') open({screen: 'row', tab: 'Command', rowKey: row.key, selected: 0});
			else if (entry.screen === 'session') {
				const s = vm.sessionReport;
				const sid = entry.sessionId;
				switch (vm.section) {
					case 'Turns':
						open({screen: 'turn', sessionId: sid, messageId: row.key, selected: 0});
						break;
					case 'Findings': {
						// A minor row: the small findings it folds, as on the Findings tab (this session's only).
						if (row.key.startsWith('minor:')) {
							open({screen: 'row', tab: 'Findings', rowKey: row.key, selected: 0, sessionId: sid});
							break;
						}
						const f = row.key.startsWith('f') && s ? typedFindings(s.findings)[Number(row.key.slice(1))] : undefined;
						if (f) marked(sid, {label: f.kind, turns: f.turns ?? []});
						break;
					}
					case 'Threads':
						if (s) marked(sid, {label: rowLabel('Subagents', row.cells[0]!.replace(/^[│├└ ]+/, '')), turns: s.timeline.filter((t) => t.threadId === row.key).map((t) => t.messageId)});
						break;
					default:
						if (s) marked(sid, {label: rowLabel(vm.section as TabName, row.key), turns: refTurns(s as unknown as HotspotsReport, vm.section as TabName, row.key, sid)});
				}
			}
		},
		'next-mark': () => markMove(1),
		'prev-mark': () => markMove(-1),
		sort: () => {
			const columns = vm.table?.columns ?? [];
			const cols = sortableColumns(columns);
			if (!cols.length) return;
			const at = cols.indexOf(sortedColumn(columns, entry.sort?.column));
			// After the last column: back to the table's own order.
			const next = at + 1 < cols.length ? cols[at + 1]! : undefined;
			dispatch({type: 'sort', sort: next === undefined ? undefined : {column: sortKey(columns[next]!), reverse: false}});
		},
		'reverse-sort': () => {
			const columns = vm.table?.columns ?? [];
			const applied = sortedColumn(columns, entry.sort?.column);
			const costCol = columns.findIndex((c) => c.title === 'cost');
			const col = applied >= 0 ? applied : costCol >= 0 ? costCol : sortableColumns(columns)[0];
			if (col === undefined) return;
			dispatch({type: 'sort', sort: {column: sortKey(columns[col]!), reverse: applied >= 0 ? !entry.sort!.reverse : true}});
		},
		'window-back': () => dispatch({type: 'cycle-window', delta: -1}),
		'source-back': () => dispatch({type: 'cycle-source', available: vm.sources, delta: -1}),
		'pattern-back': () => dispatch({type: 'cycle-pattern', available: vm.patterns, delta: -1}),
		detail: () => dispatch({type: 'detail', show: !c.detailShown}),
		copy: () => {
			const text = c.copyText?.();
			if (text) c.copy?.(text);
		},
		compare: () => open({screen: 'compare', selected: 0}),
		back: () => dispatch({type: 'back'}),
		reload: () => c.reload(),
		follow: () => c.follow?.(),
		notices: () => dispatch({type: 'notices'}),
		help: () => dispatch({type: 'help'}),
		quit: () => c.exit(),
		'keep-filter': () => dispatch({type: 'end-typing', keep: true}),
		'clear-filter': () => dispatch({type: 'end-typing', keep: false}),
		erase: () => dispatch({type: 'erase'}),
		type: (input) => dispatch({type: 'type', text: input.replace(/[\x00-\x1f\x7f]/g, '')}),
	};
}
