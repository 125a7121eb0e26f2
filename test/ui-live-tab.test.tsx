/**
 * The Live tab (issue 15) on the in-memory data set: today against yesterday at the same hour,
 * the sessions active in the last 15 minutes (project, model, running cost, rate, turns, last
 * tool call), the newest turns, Enter opening a session, and `--alert` marking a session.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {S_APP, NOW, KEY, activeTab, plain, press, renderApp, selectedRow, until, type Rendered} from './helpers/ui.js';
import {liveTable, perMinute, tailLine, tailLines} from '../source/ui/live-model.js';
import {holdsYesterday} from '../source/ui/screens/live.js';
import {liveView} from '../source/analysis/live-view.js';
import {datasetFor, priceBook} from './helpers/ui.js';

const MIN = 60_000;
// Ten minutes after the first turn of S_APP (two hours before NOW): it is active.
const LIVE_NOW = NOW - 110 * MIN;
const open: Rendered[] = [];
afterEach(() => {
	for (const r of open.splice(0)) r.unmount();
});

async function live(props: Parameters<typeof renderApp>[0] = {}, size = {columns: 100, rows: 30}) {
	const r = await renderApp({now: LIVE_NOW, ...props}, size);
	open.push(r);
	await press(r.stdin, KEY.left);
	return r;
}

describe('the Live tab', () => {
	it('is the last tab: today, yesterday by this hour, the active sessions and the newest turns', async () => {
		const r = await live();
		const f = plain(r.lastFrame());
		expect(activeTab(f)).toBe('Live');
		expect(f).toMatch(/today \$[\d.]+ · \d+ turns · yesterday by this hour \$[\d.]+/);
		expect(f).toContain('last hour');
		expect(selectedRow(f)).toMatch(/^▶ a1b2c3d4 +~?\/?.*claude-sonnet/);
		expect(selectedRow(f)).toMatch(/\$[\d.]+\/m/);
		expect(f).toContain('newest turns');
		// The newest turn first: its time, session, model, tokens, cost and tools.
		const tail = f.split('\n').filter((l) => /^ {2}\d\d:\d\d:\d\d {2}/.test(l));
		expect(tail.length).toBeGreaterThan(2);
		expect(tail[0]).toMatch(/a1b2c3d4/);
		expect(f).not.toContain('! a1b2c3d4');
	});

	it('Enter opens the selected session; esc comes back to the tab', async () => {
		const r = await live();
		await press(r.stdin, KEY.enter);
		const f = await until(r.lastFrame, (x) => x.includes(`session ${S_APP.slice(0, 8)}`));
		expect(f).toContain('turn');
		await press(r.stdin, KEY.escape);
		expect(activeTab(r.lastFrame())).toBe('Live');
	});

	it('--alert marks a session whose running cost crossed the amount', async () => {
		const r = await live({alert: 0.01});
		const f = plain(r.lastFrame());
		expect(selectedRow(f)).toMatch(/^▶ ! a1b2c3d4/);
		expect(f).toMatch(/! a1b2c3d4 crossed \$0\.01/);
		const high = await live({alert: 1000});
		expect(plain(high.lastFrame())).not.toContain('crossed');
	});

	it('fits 80 columns: no line wraps', async () => {
		const r = await live({}, {columns: 80, rows: 24});
		for (const line of plain(r.lastFrame()).split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
	});

	it('beside the detail pane (160 columns) it keeps to its column: no line wraps, the title stays on top', async () => {
		const size = {columns: 160, rows: 40};
		const r = await live({}, size);
		const f = plain(r.lastFrame());
		expect(f).toContain('│');
		const lines = f.split('\n');
		expect(lines[0]).toMatch(/^ burn · /);
		expect(lines.length).toBeLessThanOrEqual(size.rows);
		// The sparkline stays on the summary's line (it wrapped under it when sized for the whole width).
		expect(lines.find((l) => l.includes('last hour'))).toMatch(/last hour [ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█]/);
		expect(lines.filter((l) => /^\s*[▁▂▃▄▅▆▇█][ ▁▂▃▄▅▆▇█]*$/.test(l))).toEqual([]);
	});

	it('with no active session (the demo) says plainly there is nothing to open, and when the last turn was', async () => {
		// At NOW the fake data's last turn is two hours old: nothing is active.
		const r = await renderApp({now: NOW}, {columns: 100, rows: 30});
		open.push(r);
		await press(r.stdin, KEY.left);
		const f = await until(r.lastFrame, (x) => x.includes('newest turns'));
		expect(f).toMatch(/nothing to open: no session active in the last 15 minutes · last turn \d\d:\d\d/);
		expect(selectedRow(f)).toBe('');
	});

	it('the newest turns are in columns: the cost column is right-aligned', async () => {
		const r = await live({}, {columns: 120, rows: 40});
		const tail = plain(r.lastFrame()).split('\n').filter((l) => /^ {2}\d\d:\d\d:\d\d {2}/.test(l));
		expect(tail.length).toBeGreaterThan(2);
		const costEnds = tail.map((l) => {
			const m = /\$[\d.]+(?= {2}|$)/.exec(l)!;
			return m.index + m[0].length;
		});
		const tokEnds = tail.map((l) => l.indexOf(' tok'));
		expect(new Set(costEnds).size, tail.join('\n')).toBe(1);
		expect(new Set(tokEnds).size, tail.join('\n')).toBe(1);
	});

	it('without a following source, the header has no live mark and the footer no f', async () => {
		const r = await live();
		const f = plain(r.lastFrame());
		expect(f).not.toContain('● live');
		expect(f.split('\n').at(-1)).not.toContain('f pause');
	});
});

describe('the Live tab model', () => {
	it('rows keyed by session, the rate per minute, a tail line', () => {
		const window = {since: null, until: null};
		const view = liveView(datasetFor(window), priceBook, LIVE_NOW);
		const {table, alerted} = liveTable(view, 0, {now: LIVE_NOW});
		expect(table.rows.map((x) => x.key)).toEqual(view.active.map((s) => s.sessionId));
		expect(alerted.has(S_APP)).toBe(true);
		expect(perMinute(0.5)).toBe('$0.50/m');
		// Cents, as every cell of the column (not $12.3 above $0.41).
		expect(perMinute(12.34)).toBe('$12.34/m');
		expect(perMinute(0.001)).toBe('<$0.01/m');
		expect(tailLine({ts: '2026-05-10T10:05:00.000Z', sessionId: S_APP, threadId: '', model: 'm', tokens: 1500, cost: 0.25, tools: ['Read', 'Bash']})).toBe('10:05:00  a1b2c3d4  m  1.5k tok  $0.250  Read, Bash');
		// Several lines: models padded, tokens and cost right-aligned.
		const t = {ts: '2026-05-10T10:05:00.000Z', sessionId: S_APP, threadId: '', tools: []};
		expect(tailLines([
			{...t, model: 'claude-opus-4-7', tokens: 143_000, cost: 0.075, tools: ['Bash']},
			{...t, model: 'gpt-5.4', tokens: 9_500, cost: 0.1},
		])).toEqual([
			'10:05:00  a1b2c3d4  claude-opus-4-7  143k tok  $0.075  Bash',
			'10:05:00  a1b2c3d4  gpt-5.4          9.5k tok  $0.100',
		]);
	});

	it('yesterday at the same hour needs a window that reaches yesterday\'s midnight', () => {
		expect(holdsYesterday(null, NOW)).toBe(true);
		expect(holdsYesterday(new Date(NOW - 7 * 86_400_000).toISOString(), NOW)).toBe(true);
		expect(holdsYesterday(new Date(NOW - 86_400_000).toISOString(), NOW)).toBe(false);
	});
});
