import {useMemo} from 'react';
import type {Dataset} from '../analysis/dataset.js';
import type {PriceBook} from '../analysis/pricing-types.js';
import {LIVE_ACTIVE_MS, liveView, type LiveView} from '../analysis/live-view.js';
import {fmtInt, fmtTokens, sanitize, shortId, tildify, type DisplayContext, fmtCostCol, fmtUsdCol} from '../report/format.js';
import type {TableModel} from './table-model.js';

export interface LiveModel {
	view: LiveView;
	/** The active sessions (rows keyed by session id: Enter opens one). */
	table: TableModel;
	/** Sessions whose running cost crossed `--alert`. */
	alerted: Set<string>;
}

/** `$0.12/m`, `$1.20/m`, `<$0.01/m`: cents, as every cell of the column. */
export function perMinute(n: number): string {
	return `${fmtUsdCol(n)}/m`;
}

/** The Live tab's table: the sessions active in the last 15 minutes, newest first. */
export function liveTable(view: LiveView, alert: number | null, display: DisplayContext): {table: TableModel; alerted: Set<string>} {
	const alerted = new Set<string>();
	const rows = view.active.map((s) => {
		const over = alert !== null && (s.cost ?? 0) >= alert;
		if (over) alerted.add(s.sessionId);
		const project = sanitize(tildify(s.project ?? '', display.home));
		return {
			key: s.sessionId,
			cells: [`${over ? '! ' : ''}${shortId(s.sessionId)}`, project, sanitize(s.model), fmtCostCol(s.cost), perMinute(s.costPerMinute), fmtInt(s.turns), sanitize(s.lastTool)],
			search: `${s.sessionId} ${s.project ?? ''} ${s.model} ${s.lastTool}`.toLowerCase(),
		};
	});
	return {
		table: {
			columns: [
				{title: 'session', width: 10, align: 'left'},
				{title: 'project', width: 13, align: 'left'},
				{title: 'model', width: 18, align: 'left', truncate: 'end'},
				{title: 'cost', width: 8, align: 'right'},
				{title: 'rate', width: 8, align: 'right'},
				{title: 'turns', width: 5, align: 'right'},
				{title: 'last tool call', width: 'flex', align: 'left', truncate: 'end'},
			],
			rows,
			empty: emptyWords(view),
		},
		alerted,
	};
}

/**
 * Why the table is empty, plainly: ↑↓ and Enter act on an active session and there is none
 * (the demo's logs, a quiet afternoon). The newest turn's time says how long ago it went quiet.
 */
function emptyWords(view: LiveView): string {
	const minutes = Math.round(LIVE_ACTIVE_MS / 60_000);
	const last = view.tail[0] ? ` · last turn ${clock(view.tail[0].ts).slice(0, 5)}` : '';
	return `nothing to open: no session active in the last ${minutes} minutes${last}`;
}

type TailTurn = LiveView['tail'][number];

const clock = (ts: string): string => {
	const d = new Date(ts);
	return Number.isNaN(d.getTime()) ? '        ' : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** The cells of a tail line: time, session (and subagent), model, tokens, cost, tools. */
function tailCells(t: TailTurn): [string, string, string, string, string, string] {
	const thread = t.threadId ? ` (${sanitize(t.threadId).slice(0, 8)})` : '';
	return [clock(t.ts), `${shortId(t.sessionId)}${thread}`, sanitize(t.model), `${fmtTokens(t.tokens)} tok`, fmtCostCol(t.cost, 3), sanitize(t.tools.join(', '))];
}

/** One line of the tail of newest turns: `12:34:56  a1b2c3d4  sonnet-4-6  12k tok  $0.040  Read, Bash`. */
export function tailLine(t: TailTurn): string {
	return tailLines([t])[0]!;
}

/** The tail's lines in columns: session and model padded, tokens and cost right-aligned. */
export function tailLines(tail: readonly TailTurn[]): string[] {
	const cells = tail.map(tailCells);
	const width = (i: number) => Math.max(0, ...cells.map((c) => c[i]!.length));
	const [session, model, tokens, cost] = [width(1), width(2), width(3), width(4)];
	return cells.map(([time, s, m, tok, c, tools]) =>
		`${time}  ${s.padEnd(session)}  ${m.padEnd(model)}  ${tok.padStart(tokens)}  ${c.padStart(cost)}${tools ? `  ${tools}` : ''}`,
	);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Live tab's model, computed only while the tab is shown. */
export function useLiveModel(dataset: Dataset | null, book: PriceBook | null, now: number, alert: number | null, display: DisplayContext, shown: boolean): LiveModel | null {
	return useMemo(() => {
		if (!shown || !dataset || !book) return null;
		const view = liveView(dataset, book, now);
		return {view, ...liveTable(view, alert, display)};
	}, [shown, dataset, book, now, alert, display]);
}
