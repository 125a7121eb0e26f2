/**
 * The UI's pieces on their own: tables, header, footer, help, progress panel, session and
 * turn views, and the pure models behind them.
 */
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {analyzeHotspots, analyzeSession} from '../source/analysis/analyze.js';
import type {HotspotsReport, SessionReport, ThreadNode} from '../source/analysis/report-types.js';
import {helpLines} from '../source/ui/bindings.js';
import {Footer} from '../source/ui/footer.js';
import {Header} from '../source/ui/header.js';
import {HELP_KEYS_WIDTH, HelpOverlay, helpBody} from '../source/ui/help-overlay.js';
import {filterByPattern, findingKinds} from '../source/ui/patterns.js';
import {applyProgress, initialProgress} from '../source/ui/progress-model.js';
import {ProgressPanel} from '../source/ui/progress-panel.js';
import {SessionHeader, sessionTable, sessionTitle, threadSummary} from '../source/ui/session-view.js';
import {sparkline} from '../source/ui/sparkline.js';
import {Table} from '../source/ui/table.js';
import {filterRows, layoutColumns, scrollTop, type TableModel} from '../source/ui/table-model.js';
import {refsOf, rowSessionsTable, tabTable} from '../source/ui/tab-models.js';
import {TurnView, turnScroll} from '../source/ui/turn-view.js';
import {commonDir, windowLabel} from '../source/ui/fmt.js';
import {fmtPct, shortId, shortModel} from '../source/report/format.js';
import {initialState} from '../source/ui/state.js';
import {wrapHanging} from '../source/ui/hang-wrap.js';
import {datasetFor, demoContent, plain, priceBook, S_API, S_APP, S_OLD} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const ALL = {since: null, until: null};
const report = (): HotspotsReport => analyzeHotspots(datasetFor(ALL), priceBook);
const session = (id = S_APP): SessionReport => analyzeSession(datasetFor(ALL), priceBook, id);
const frameOf = (el: React.ReactElement) => plain(render(el).lastFrame());
const widthOf = (frame: string) => Math.max(...frame.split('\n').map((l) => [...l].length));

/** A report with findings (no detector produces them yet: hand-made). */
function withFindings(): HotspotsReport {
	const r = report();
	return {
		...r,
		findings: [
			{kind: 'retry-loop', severity: 'high', title: 'Bash npm test ×4 after failures', sessionId: S_APP, costUsd: 0.31},
			{kind: 'edit-revert', severity: 'med', title: 'routes.ts edited back and forth', sessionId: S_APP, costUsd: 0.05},
			{kind: 'retry-loop', severity: 'low', title: 'cargo test again', sessionId: S_API, costUsd: 0.01},
		],
	};
}

describe('tab tables', () => {
	it('Files: paths relative to the directory they share, named in the title; keys are the full paths', () => {
		const t = tabTable(report(), 'Files');
		expect(t.columns[1]!.title).toBe('file (in /home/dev/code)');
		expect(t.rows.map((r) => r.cells[1])).toContain('app/src/server/routes.ts');
		expect(t.rows.map((r) => r.key)).toContain('/home/dev/code/app/src/server/routes.ts');
		// Search covers the full path.
		expect(filterRows(t.rows, '/HOME/dev/code/api').map((r) => r.cells[1])).toEqual(['api/src/orders.rs']);
	});

	it('Commands, Subagents, MCP, Models, Sessions', () => {
		const r = report();
		expect(tabTable(r, 'Commands').rows.map((x) => x.cells[1])).toEqual(expect.arrayContaining(['npm test', 'cargo test', 'git status', 'echo']));
		expect(tabTable(r, 'Subagents').rows.map((x) => x.cells[1])).toEqual(['Explore']);
		expect(tabTable(r, 'MCP').rows.map((x) => x.cells[1])).toEqual(['github · get_issue']);
		expect(tabTable(r, 'Models').rows.map((x) => x.cells[0])).toEqual(['claude-sonnet-4-5', 'gpt-5.4']);
		expect(tabTable(r, 'Sessions').rows.map((x) => x.key).sort()).toEqual([S_APP, S_API, S_OLD].sort());
	});

	it('Findings: severity, kind, title, session, cost; empty says so', () => {
		expect(tabTable(report(), 'Findings').rows).toEqual([]);
		expect(tabTable(report(), 'Findings').empty).toBe('no findings in this window');
		const t = tabTable(withFindings(), 'Findings');
		expect(t.rows[0]!.cells).toEqual(['high', 'retry-loop', 'Bash npm test ×4 after failures', 'a1b2c3d4', '$0.31']);
		expect(t.rows.map((r) => r.key)).toEqual(['0', '1', '2']);
	});

	it('a row drills down to its sessions with their share of its cost', () => {
		const r = report();
		const refs = refsOf(r, 'Commands', 'npm test')!;
		expect(refs.label).toBe('npm test');
		const t = rowSessionsTable(r, refs.refs, refs.total);
		expect(t.rows).toHaveLength(1);
		expect(t.rows[0]!.key).toBe(S_APP);
		expect(t.rows[0]!.cells.at(-1)).toBe('100%');
		expect(refsOf(r, 'Models', 'gpt-5.4')).toBeUndefined();
		expect(refsOf(r, 'Files', '/nope')).toBeUndefined();
	});
});

describe('pattern filter', () => {
	it('lists the kinds present, sorted', () => {
		expect(findingKinds(report())).toEqual([]);
		expect(findingKinds(withFindings())).toEqual(['edit-revert', 'retry-loop']);
	});

	it('keeps the findings of a kind and the sessions that have one', () => {
		const r = withFindings();
		expect(filterByPattern(r, 'all')).toBe(r);
		const edit = filterByPattern(r, 'edit-revert');
		expect(edit.findings).toHaveLength(1);
		expect(edit.sessions.map((s) => s.sessionId)).toEqual([S_APP]);
		const retry = filterByPattern(r, 'retry-loop');
		expect(retry.sessions.map((s) => s.sessionId).sort()).toEqual([S_API, S_APP].sort());
		expect(tabTable(retry, 'Sessions').rows).toHaveLength(2);
		expect(filterByPattern(r, 'nothing-like-it').sessions).toEqual([]);
	});
});

describe('Table', () => {
	const model = (n: number): TableModel => ({
		columns: [
			{title: '#', width: 3, align: 'right'},
			{title: 'path', width: 'flex', align: 'left'},
			{title: 'text', width: 12, align: 'left', truncate: 'end'},
		],
		rows: Array.from({length: n}, (_, i) => ({key: `k${i}`, cells: [String(i + 1), `/very/long/directory/name/number/${i}/file-${i}.ts`, `first words of a long command ${i}`], search: `row ${i}`})),
		empty: 'nothing here',
	});

	it('marks the selected row, scrolls to keep it visible and says where it is', () => {
		const r = render(<Table model={model(10)} selected={0} width={60} height={6} />);
		let frame = plain(r.lastFrame());
		expect(frame.split('\n')).toHaveLength(6);
		expect(frame.split('\n')[1]).toMatch(/^▶\s+1 /);
		expect(frame).toContain('1–4 of 10');
		r.rerender(<Table model={model(10)} selected={7} width={60} height={6} />);
		frame = plain(r.lastFrame());
		expect(frame.split('\n').find((l) => l.startsWith('▶'))).toMatch(/^▶\s+8 /);
		expect(frame).toContain('5–8 of 10');
		// Going back up scrolls only when the selection leaves the view.
		r.rerender(<Table model={model(10)} selected={5} width={60} height={6} />);
		expect(plain(r.lastFrame())).toContain('5–8 of 10');
		r.rerender(<Table model={model(10)} selected={1} width={60} height={6} />);
		expect(plain(r.lastFrame())).toContain('2–5 of 10');
	});

	it('cuts paths in the middle and text at the end, to the column width', () => {
		const frame = frameOf(<Table model={model(2)} selected={0} width={60} height={6} />);
		expect(widthOf(frame)).toBeLessThanOrEqual(60);
		expect(frame).toMatch(/…\/file-0\.ts/);
		expect(frame).toContain('first words…');
		expect(frame).not.toContain('of 2');
	});

	it('says when there are no rows', () => {
		expect(frameOf(<Table model={model(0)} selected={0} width={60} height={6} />)).toContain('nothing here');
	});

	it('column layout and scrolling math', () => {
		expect(layoutColumns(model(1).columns, 60)).toEqual([3, 60 - 3 - 12 - 4 - 2, 12]);
		expect(layoutColumns(model(1).columns, 10)[1]).toBe(8);
		expect(scrollTop(0, 4, 0)).toBe(0);
		expect(scrollTop(5, 4, 0)).toBe(2);
		expect(scrollTop(3, 4, 2)).toBe(2);
		expect(scrollTop(1, 4, 2)).toBe(1);
		expect(scrollTop(3, 0, 2)).toBe(0);
		expect(filterRows(model(3).rows, '  ROW 1 ').map((r) => r.key)).toEqual(['k1']);
		expect(filterRows(model(3).rows, '')).toHaveLength(3);
	});
});

describe('Header', () => {
	const filters = {...initialState().filters};

	it('window, sources, project, pattern, text; totals right-aligned; turns, sessions and the sparkline', () => {
		const r = report();
		const frame = frameOf(
			<Header windowText="last 30 days" filters={{...filters, source: 'codex', pattern: 'retry-loop', text: 'src'}} projectLabel="/srv/app" report={r} width={100} />,
		);
		const [l1, l2] = frame.split('\n');
		expect(l1).toMatch(/^ burn · last 30 days · codex · \/srv\/app · pattern retry-loop · \/src\s+\$0\.\d+ spent · \$0\.\d+ attributed$/);
		expect(l2).toMatch(/^ 15 turns · 3 sessions · unattributed \$0\.\d+\s+daily [▁▂▃▄▅▆▇█ ]+$/);
	});

	it('fits 80 columns with a long project and filter, cutting the left part', () => {
		const frame = frameOf(
			<Header
				windowText="last 90 days"
				filters={{...filters, source: 'claude-code', pattern: 'context-bloat', text: 'a-rather-long-filter-text'}}
				projectLabel="/home/somebody/with/a/very/deep/project/directory/app"
				report={report()}
				width={80}
			/>,
		);
		expect(widthOf(frame)).toBeLessThanOrEqual(80);
		// The text filter (typed last) stays; the middle goes.
		expect(frame.split('\n')[0]).toMatch(/^ burn · last 90 days · claude-code · .*… · \/a-rather-long-filter-text\s+\$0\.\d+ spent$/);
	});

	it('says the window short when the line is tight', () => {
		const frame = frameOf(<Header windowText="last 7 days" windowShort="7d" filters={{...filters, pattern: 'edit-revert', text: 'src'}} report={report()} width={80} />);
		// The window short, then only what was spent (line 2 has the unattributed part).
		expect(frame.split('\n')[0]).toMatch(/^ burn · 7d · all sources · pattern edit-revert · \/src\s+\$0\.\d+ spent$/);
		expect(frameOf(<Header windowText="last 7 days" windowShort="7d" filters={{...filters, pattern: 'edit-revert'}} report={report()} width={80} />).split('\n')[0]).toMatch(
			/^ burn · 7d · all sources · pattern edit-revert\s+\$0\.\d+ spent · \$0\.\d+ attributed$/,
		);
		expect(frameOf(<Header windowText="last 7 days" windowShort="7d" filters={filters} report={report()} width={80} />)).toContain(' burn · last 7 days · all sources ');
	});

	it('says approximate and unpriced; only the left part while loading', () => {
		const r = {...report(), attributionDegraded: true, unpriced: {turns: 3, tokens: 1000, models: ['mystery-1']}};
		expect(frameOf(<Header windowText="all time" filters={filters} report={r} width={100} />).split('\n')[1]).toContain('· approximate · 3 unpriced');
		expect(frameOf(<Header windowText="all time" filters={filters} report={null} width={100} />)).toBe(' burn · all time · all sources');
	});

	it('sanitises the project label and the filter text', () => {
		const frame = frameOf(<Header windowText="all time" filters={{...filters, text: 'a\x1b[2Jb'}} projectLabel={'/x/\x1b]0;t\x07y'} report={null} width={100} />);
		expect(frame).toBe(' burn · all time · all sources · /x/y · /ab');
	});
});

describe('Footer', () => {
	it('lists the keys of the screen', () => {
		expect(frameOf(<Footer screen="hotspots" typing={false} text="" width={100} />)).toBe(' ↑↓ move  ←→ tab  enter open  w window  s source  p pattern  / filter  ? help  q quit');
		// 100 columns: `↑↓ move` is the first item dropped.
		expect(frameOf(<Footer screen="session" typing={false} text="" width={100} />)).toBe(' ←→ section  enter open  esc back  w window  s source  p pattern  / filter  ? help  q quit');
	});

	it('drops the first items when narrow; help and quit stay', () => {
		const f80 = frameOf(<Footer screen="hotspots" typing={false} text="" width={80} />);
		expect(f80).toBe(' ←→ tab  enter open  w window  s source  p pattern  / filter  ? help  q quit');
		const f30 = frameOf(<Footer screen="hotspots" typing={false} text="" width={30} />);
		expect(f30).toBe(' / filter  ? help  q quit');
		expect(frameOf(<Footer screen="row" typing={false} text="" width={10} />)).toBe(' ? help  q quit');
	});

	it('shows the filter being typed', () => {
		expect(frameOf(<Footer screen="hotspots" typing text="rout" width={80} />)).toBe(' /rout    enter keep · esc clear');
	});
});

describe('HelpOverlay', () => {
	it('lists every binding with its keys and help', () => {
		const frame = frameOf(<HelpOverlay />);
		for (const l of helpLines()) expect(frame).toContain(`${l.keys.padEnd(HELP_KEYS_WIDTH)} ${l.help}`);
		expect(frame).toContain('↑/k ↓/j');
		expect(frame).toContain('L ');
		expect(frame).toContain('esc or ? closes this help');
		expect(frame.split('\n')).toHaveLength(helpBody().length + 4);
	});
});

describe('progress', () => {
	it('folds events into steps: waiting → running (detail, rate) → done (summary, time)', () => {
		let m = initialProgress(['discover', 'ingest']);
		expect(m.discover).toMatchObject({status: 'done', detail: 'skipped'});
		expect(m.scan).toMatchObject({status: 'waiting', detail: 'waiting'});
		m = applyProgress(m, {step: 'scan', state: 'start'}, 1_000);
		expect(m.scan).toMatchObject({status: 'running', detail: 'starting', startedAt: 1_000});
		m = applyProgress(m, {step: 'scan', state: 'update', bytes: 50_000_000, totalBytes: 100_000_000, records: 12_345}, 1_500);
		expect(m.scan.detail).toBe('50.0 MB / 100.0 MB · 12,345 records');
		expect(m.scan.rate).toBe('100 MB/s');
		m = applyProgress(m, {step: 'scan', state: 'done', elapsedMs: 900, summary: '12,345 records'}, 1_900);
		expect(m.scan).toMatchObject({status: 'done', detail: '12,345 records', elapsedMs: 900, rate: undefined});
	});

	it('the panel: a check mark and time when done, a spinner while running, waiting after', () => {
		let m = initialProgress();
		m = applyProgress(m, {step: 'discover', state: 'start'}, 0);
		m = applyProgress(m, {step: 'discover', state: 'done', elapsedMs: 40, summary: '3 sources, 1,412 files'}, 40);
		m = applyProgress(m, {step: 'ingest', state: 'start'}, 40);
		m = applyProgress(m, {step: 'ingest', state: 'update', done: 12, total: 37, bytes: 9_600_000, totalBytes: 18_200_000}, 140);
		const frame = frameOf(<ProgressPanel title="burn · last 7 days · all sources" model={m} width={80} />);
		const ls = frame.split('\n');
		expect(ls[0]).toBe(' burn · last 7 days · all sources');
		expect(ls[1]).toMatch(/^ ✔ found logs\s+3 sources, 1,412 files\s+0\.04s$/);
		expect(ls[2]).toMatch(/^ [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ingested\s+12\/37 · 9\.6 MB \/ 18\.2 MB\s+96 MB\/s$/);
		expect(ls[3]).toMatch(/^ {3}scanning ledger\s+waiting$/);
		expect(ls).toHaveLength(6);
		expect(widthOf(frame)).toBeLessThanOrEqual(80);
	});

	it('without a model every step waits', () => {
		const frame = frameOf(<ProgressPanel title="burn" width={80} />);
		expect(frame.split('\n').slice(1).every((l) => l.trimEnd().endsWith('waiting'))).toBe(true);
	});
});

describe('session view', () => {
	it('title with the project shortened to fit, cost kept', () => {
		const s = session();
		expect(sessionTitle(s, 100)).toMatch(/^ session a1b2c3d4 · claude-code · \/home\/dev\/code\/app · May 10 10:00–10:07 · \$0\.\d+$/);
		expect(sessionTitle(s, 72)).toMatch(/^ session a1b2c3d4 · claude-code · \/\S*…\/app · May 10 10:00–10:07 · \$0\.\d+$/);
		// Too narrow for the project, then the source, then the times: the cost stays.
		expect(sessionTitle(s, 66)).toMatch(/^ session a1b2c3d4 · claude-code · May 10 10:00–10:07 · \$0\.\d+$/);
		expect(sessionTitle(s, 50)).toMatch(/^ session a1b2c3d4 · May 10 10:00–10:07 · \$0\.\d+$/);
		expect(sessionTitle(s, 30)).toMatch(/^ session a1b2c3d4 · \$0\.\d+$/);
		for (const w of [20, 30, 50, 60, 66, 72, 100]) expect(sessionTitle(s, w).length).toBeLessThanOrEqual(w - 1);
	});

	it('subagent tree, nested', () => {
		const tree: ThreadNode = {
			threadId: '',
			agentType: 'main',
			turns: 4,
			cost: 1,
			children: [
				{threadId: 'a', agentType: 'Explore', turns: 2, cost: 0.22, children: [{threadId: 'b', agentType: 'code-reviewer', turns: 1, cost: null, children: []}]},
				{threadId: 'c', agentType: 'Plan\x1b[31m', turns: 3, cost: 0.09, children: []},
			],
		};
		expect(threadSummary(tree)).toBe('Explore (2 turns, $0.22) · › code-reviewer (1 turn, unpriced) · Plan (3 turns, $0.090)');
		expect(threadSummary({...tree, children: []})).toBe('');
	});

	it('header: title, subagents, findings', () => {
		const frame = frameOf(<SessionHeader report={{...session(), findings: [{kind: 'retry-loop', title: 'Bash npm test ×2'}]}} width={100} />);
		const ls = frame.split('\n');
		expect(ls[0]).toMatch(/^ session a1b2c3d4 /);
		expect(ls[1]).toBe(' subagents: Explore (2 turns, $0.051)');
		expect(ls[2]).toBe(' findings: Bash npm test ×2');
	});

	it('timeline rows: turn (↳ for a subagent), time, model, usage, cost, calls', () => {
		const t = sessionTable(session(), 100);
		expect(t.columns.map((c) => c.title)).toEqual(['turn', 'time', 'model', 'in', 'cache w', 'cache r', 'out', 'cost', 'calls']);
		expect(t.rows[0]!.cells).toEqual(['1', '10:00', 'sonnet-4-5', '1.2k', '18k', '0', '300', '$0.076', 'Read routes.ts']);
		expect(t.rows[3]!.cells[0]).toBe('↳4');
		expect(t.rows[1]!.cells.at(-1)).toBe('Edit routes.ts; Bash npm test');
		expect(t.rows.map((r) => r.key)).toEqual(['msg-a1', 'msg-a2', 'msg-a3', 'msg-sub1', 'msg-sub2', 'msg-a4', 'msg-a5', 'msg-a6']);
	});

	it('below 90 columns a one-model session leaves the model column out', () => {
		const t = sessionTable(session(), 80);
		expect(t.columns.map((c) => c.title)).toEqual(['turn', 'time', 'in', 'cache w', 'cache r', 'out', 'cost', 'calls']);
		expect(t.rows[0]!.cells).toEqual(['1', '10:00', '1.2k', '18k', '0', '300', '$0.076', 'Read routes.ts']);
	});

	it('short model names', () => {
		expect(shortModel('claude-sonnet-4-5-20250929')).toBe('sonnet-4-5');
		expect(shortModel('anthropic/claude-opus-4-1')).toBe('opus-4-1');
		expect(shortModel('claude-sonnet-4@20250514')).toBe('sonnet-4');
		expect(shortModel('gpt-5.4')).toBe('gpt-5.4');
		expect(shortModel('evil\x1b[31m-model')).toBe('evil-model');
	});
});

describe('turn view', () => {
	const turnOf = (id: string) => session().timeline.find((t) => t.messageId === id)!;

	it('title, usage, each call with its size and cost, and the first lines of its result', () => {
		const frame = frameOf(<TurnView turn={turnOf('msg-a2')} content={demoContent(S_APP)} width={100} height={20} />);
		const ls = frame.split('\n');
		expect(ls[0]).toMatch(/^ turn 2 · May 10 10:01 · claude-sonnet-4-5 · \$0\.058$/);
		expect(ls[1]).toBe(' in 400 · cache w 9.5k · cache r 27k · out 900 · 2 tool calls');
		expect(ls[2]).toMatch(/^ {2}• Edit \/home\/dev\/code\/app\/src\/server\/routes\.ts {2}· \d+ tok · \$0\.\d+$/);
		// Issue 14: each call says its initial and riding cost.
		expect(ls[3]).toMatch(/^ {6}initial \$[\d.]+ \+ riding \$[\d.]+ over 3 later turns$/);
		expect(ls[4]).toBe('      The file has been updated.');
		expect(ls[5]).toMatch(/^ {2}✘ Bash npm test {2}· \d+ tok · \$0\.\d+$/);
		expect(ls[6]).toMatch(/^ {6}initial /);
		// The result's own indentation is kept.
		expect(ls.slice(7)).toEqual(['      FAIL src/server/routes.test.ts', '        ● orders › creates an order', '          expected 201, received 500']);
	});

	it('says loading… before the text is read, no text when there is none, and a turn without calls', () => {
		// The size comes from the ledger (issue 14); the text says it is loading, or that none was kept.
		expect(frameOf(<TurnView turn={turnOf('msg-a2')} content={undefined} width={100} height={20} />)).toContain('      loading…');
		expect(frameOf(<TurnView turn={turnOf('msg-a2')} content={[]} width={100} height={20} />)).toContain('(no text kept)');
		const frame = frameOf(<TurnView turn={turnOf('msg-sub2')} content={[]} width={100} height={20} />);
		expect(frame).toContain('turn 5 · May 10 10:04 · claude-sonnet-4-5 · subagent · $');
		expect(frame).toContain('no tool calls in this turn');
		expect(frameOf(<TurnView turn={undefined} content={[]} width={100} height={20} />)).toBe(' this turn is not in the window');
	});

	it('scrolls a long body; fits the width', () => {
		const frame = frameOf(<TurnView turn={turnOf('msg-a2')} content={demoContent(S_APP)} width={40} height={6} offset={2} />);
		const ls = frame.split('\n');
		expect(ls).toHaveLength(6);
		expect(ls[2]).toBe('      The file has been updated.');
		expect(ls[5]).toBe('  lines 3–5 of 8 · ↑↓ scroll');
		expect(widthOf(frame)).toBeLessThanOrEqual(40);
		expect(turnScroll(6, 8)).toEqual({visible: 6, maxOffset: 0});
		expect(turnScroll(7, 8)).toEqual({visible: 5, maxOffset: 2});
	});

	it('at 80 columns a long result line wraps under its own text, not at the gutter (uiB defect 7)', () => {
		// The Edit call's result (tu-a2) made a long numbered Read line and an indented one.
		const long = '     5→export async function loadPayload(payloadId: string, opts: InvoiceOptions = {}): Promise<Payload> {';
		const deep = '    if (!route) throw new NotFoundError(`route ${payloadId} was not found in the routing table of this server`);';
		const content = demoContent(S_APP).map((r) => (r.toolResult?.toolUseId === 'tu-a2' ? {...r, toolResult: {...r.toolResult, content: `${long}\n${deep}`}} : r));
		const ls = frameOf(<TurnView turn={turnOf('msg-a2')} content={content} width={80} height={20} />).split('\n');
		const at = ls.findIndex((l) => l.includes('5→export'));
		expect(ls.slice(at, at + 4)).toEqual([
			'           5→export async function loadPayload(payloadId: string, opts:',
			'             InvoiceOptions = {}): Promise<Payload> {',
			'          if (!route) throw new NotFoundError(`route ${payloadId} was not found',
			'          in the routing table of this server`);',
		]);
		for (const l of ls) expect(l.length).toBeLessThanOrEqual(79);
		expect(wrapHanging('abc def ghi', 7)).toEqual(['abc def', 'ghi']);
		expect(wrapHanging('  x'.padEnd(30, 'y'), 10)).toEqual(['  xyyyyyyy', '  yyyyyyyy', '  yyyyyyyy', '  yyyy']);
	});

	it('strips escape sequences from targets and result text', () => {
		const frame = render(<TurnView turn={turnOf('msg-a5')} content={demoContent(S_APP)} width={100} height={20} />).lastFrame()!;
		expect(plain(frame)).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
		expect(plain(frame)).toContain('• Read /home/dev/code/app/src/evil.ts');
		expect(plain(frame)).toContain('• Bash echo red done');
		expect(plain(frame)).toContain('      export const evil = true;');
	});
});

describe('small helpers', () => {
	it('sparkline', () => {
		expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
		expect(sparkline([0, 4, 0, 8])).toBe(' ▄ █');
		expect(sparkline([0, 0])).toBe('  ');
		expect(sparkline(Array.from({length: 90}, () => 1), 30)).toHaveLength(30);
	});

	it('fmt', () => {
		expect(commonDir(['/a/b/c.ts', '/a/b/d/e.ts'])).toBe('/a/b/');
		expect(commonDir(['/a/b/c.ts'])).toBe('');
		expect(commonDir(['/a/b.ts', 'rel/c.ts'])).toBe('');
		expect(commonDir(['/x/a.ts', '/y/b.ts'])).toBe('');
		expect(fmtPct(0.384)).toBe('38%');
		expect(fmtPct(0.004)).toBe('0.4%');
		expect(fmtPct(0)).toBe('0%');
		expect(shortId('ses_40000000000000000000000000000004')).toBe('ses_40000000');
		expect(shortId('8f3a21c0-1111')).toBe('8f3a21c0');
		expect(['24h', '7d', '30d', '90d', 'all', '2026-01-01'].map(windowLabel)).toEqual(['last 24 hours', 'last 7 days', 'last 30 days', 'last 90 days', 'all time', 'since 2026-01-01']);
	});
});
