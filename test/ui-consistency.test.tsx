/**
 * UI consistency: the help names the columns as the tables do and fits the width; the header
 * says the sort actually applied (whatever the window, the detail pane and the width do to
 * the columns), severity sorts by rank; `copied:` ends when the selection moves; one plural
 * rule and one percent form in both faces.
 */
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {COLUMN_HELP} from '../source/report/columns.js';
import {fmtUsd, fmtUsdCol, plural} from '../source/report/format.js';
import {HelpOverlay, helpBody} from '../source/ui/help-overlay.js';
import {helpLines} from '../source/ui/bindings.js';
import {BY_SEVERITY, sortLabel, sortRows, type Column, type TableRow} from '../source/ui/table-model.js';
import {tabTable} from '../source/ui/tab-models.js';
import {KEY, activeTab, plain, press, renderApp, selectedRow, until} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const lines = (f: string | undefined) => plain(f).split('\n');
const header = (f: string | undefined) => lines(f)[0] ?? '';
const rowsOf = (keys: string[], col = 0): TableRow[] => keys.map((k) => ({key: k, cells: col === 0 ? [k] : ['', k], search: k}));

async function toTab(r: {stdin: {write(d: string): void}; lastFrame: () => string | undefined}, name: string): Promise<void> {
	for (let i = 0; i < 12 && activeTab(r.lastFrame()) !== name; i++) await press(r.stdin, KEY.right);
	expect(activeTab(r.lastFrame())).toBe(name);
}

/** Presses `o` until the header says `sort: <name>` (bounded by the number of columns). */
async function sortBy(r: {stdin: {write(d: string): void}; lastFrame: () => string | undefined}, name: string): Promise<string> {
	for (let i = 0; i < 16 && !header(r.lastFrame()).includes(`sort: ${name} `); i++) await press(r.stdin, 'o');
	expect(header(r.lastFrame())).toContain(`sort: ${name} `);
	return plain(r.lastFrame());
}

describe('help', () => {
	it('explains every column of a hotspot table under the title the table gives it (calls, turns, cost)', () => {
		const files = tabTable({files: [], bashVerbs: [], bash: [], subagents: [], mcpServers: [], models: [], sessions: [], findings: []} as never, 'Files');
		const titles = files.columns.map((c) => c.title).filter((t) => t !== '#' && !t.startsWith('file'));
		expect(titles).toEqual(['calls', 'initial', 'riding', 'turns', 'cost', 'share']);
		const named = helpBody().map((l) => l.keys);
		for (const t of titles) expect(named).toContain(t);
		expect(Object.values(COLUMN_HELP).join('\n')).not.toMatch(/turns ridden|^total:/m);
	});

	it('at 80 columns no help line is cut: long ones go on under themselves', () => {
		const frame = plain(
			render(
				<Box width={80}>
					<HelpOverlay width={80} />
				</Box>,
			).lastFrame(),
		);
		for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
		expect(frame).not.toContain('…');
		// Each binding's words are all there, in order, over one or more lines.
		const text = frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
		for (const l of helpLines()) expect(text).toContain(l.help);
		expect(text).toContain('the tool calls behind the row');
	});

	it('in the App at 80×24 the help is wrapped to the terminal and scrolls to its last line', async () => {
		const r = await renderApp({}, {columns: 80, rows: 24});
		await press(r.stdin, '?');
		let frame = await until(r.lastFrame, (f) => f.includes('esc or ? closes this help'));
		expect(frame).not.toMatch(/…\s*│$/m);
		expect(frame).toMatch(/│ d {14}show \/ hide the detail pane \(on by default when 140 columns\s+│\n│ {16}wide\)/);
		const total = Number(/ of (\d+), ↑↓ scroll/.exec(frame)![1]);
		expect(total).toBe(helpBody(80).length);
		await press(r.stdin, ...Array<string>(total).fill('j'));
		frame = await until(r.lastFrame, (f) => f.includes(`–${total} of ${total}`));
		expect(frame).toMatch(/│ unattributed {3}output, system prompt/);
	});

	it('PgDn and PgUp page through the help (they did nothing there)', async () => {
		const r = await renderApp({}, {columns: 80, rows: 24});
		await press(r.stdin, '?');
		await until(r.lastFrame, (f) => / lines 1–\d+ of \d+/.test(f));
		await press(r.stdin, KEY.pageDown);
		const frame = await until(r.lastFrame, (f) => / lines ([2-9]|\d\d)\d*–\d+ of \d+/.test(f));
		expect(frame).toContain('esc or ? closes this help');
		await press(r.stdin, KEY.pageUp);
		await until(r.lastFrame, (f) => / lines 1–\d+ of \d+/.test(f));
	});
});

describe('sort', () => {
	it('severity sorts by rank (high, warn, info, then the minor rows), not A→Z; the arrow says so', () => {
		const sev: Column = {title: 'sev', width: 5, align: 'left', sort: BY_SEVERITY};
		const rows = rowsOf(['info', 'minor', 'high', 'warn', 'info']).map((r, i) => ({...r, key: `${r.key}${i}`}));
		expect(sortRows(rows, sev, 0, false).map((r) => r.key)).toEqual(['high2', 'warn3', 'info0', 'info4', 'minor1']);
		expect(sortRows(rows, sev, 0, true).map((r) => r.key)).toEqual(['minor1', 'info0', 'info4', 'warn3', 'high2']);
		expect(sortLabel(sev, false)).toBe('sort: sev ↓');
	});

	it('a text column sorts as text whatever its cells hold, and the arrow agrees (↑ for A→Z); dates in time order', () => {
		const session: Column = {title: 'session', width: 12, align: 'left'};
		// `abcdef12` reads as a number (12): the kind of a column is the column's, not the rows'.
		const ids = rowsOf(['abcdef12', '01a2408d', 'ses_1b', 'a1b2c3d4']);
		expect(sortRows(ids, session, 0, false).map((r) => r.key)).toEqual(['01a2408d', 'a1b2c3d4', 'abcdef12', 'ses_1b']);
		expect(sortLabel(session, false)).toBe('sort: session ↑');
		const started: Column = {title: 'started', width: 12, align: 'left'};
		const dates = rowsOf(['Dec 4 09:16', 'Nov 30 23:00', 'Dec 10 08:00', 'Dec 4 10:00']);
		expect(sortRows(dates, started, 0, false).map((r) => r.key)).toEqual(['Nov 30 23:00', 'Dec 4 09:16', 'Dec 4 10:00', 'Dec 10 08:00']);
		const cost: Column = {title: 'cost', width: 9, align: 'right'};
		// Not a number (`unpriced`, `–`) goes last both ways.
		const costs = rowsOf(['$0.50', 'unpriced', '$2.00', '–', '$1.00'], 1);
		expect(sortRows(costs, cost, 1, false).map((r) => r.key)).toEqual(['$2.00', '$1.00', '$0.50', 'unpriced', '–']);
		expect(sortRows(costs, cost, 1, true).map((r) => r.key)).toEqual(['$0.50', '$1.00', '$2.00', 'unpriced', '–']);
		expect(sortLabel(cost, false)).toBe('sort: cost ↓');
	});

	it('Sessions sorted by session: the header says ↑ (A→Z, as sorted), before and after w', async () => {
		const r = await renderApp();
		await toTab(r, 'Sessions');
		let frame = await sortBy(r, 'session');
		expect(header(frame)).toContain('sort: session ↑');
		const ids = (f: string) => lines(f).filter((l) => /^[▶ ] [0-9a-f]{8} /.test(l)).map((l) => l.slice(2, 10));
		expect(ids(frame)).toEqual([...ids(frame)].sort());
		await press(r.stdin, 'w');
		frame = await until(r.lastFrame, (f) => header(f).includes('30 days') && ids(f).length === 3);
		expect(header(frame)).toContain('sort: session ↑');
		expect(ids(frame)).toEqual(['019a2b3c', 'a1b2c3d4', 'c0ffee00']);
	});

	it('the sort stays on its column when d or w add or drop columns (sort: cost stays cost)', async () => {
		const r = await renderApp({}, {columns: 180, rows: 30});
		let frame = await sortBy(r, 'cost');
		expect(frame).not.toMatch(/reads\s+edits\s+sess/);
		// Without the detail pane the table gains reads, edits and sess before cost.
		await press(r.stdin, 'd');
		frame = await until(r.lastFrame, (f) => /reads\s+edits\s+sess/.test(f));
		expect(header(frame)).toContain('sort: cost ↓');
		const costs = (f: string) => lines(f).filter((l) => /^[▶ ] +\d+ /.test(l)).map((l) => Number(/\$([\d.]+)\s+\S+\s+\S+$/.exec(l)![1]));
		expect(costs(frame).length).toBeGreaterThan(2);
		expect(costs(frame)).toEqual([...costs(frame)].sort((a, b) => b - a));
		await press(r.stdin, 'w');
		frame = await until(r.lastFrame, (f) => header(f).includes('30 days') && f.includes('[Files]'));
		expect(header(frame)).toContain('sort: cost ↓');
		expect(costs(frame)).toEqual([...costs(frame)].sort((a, b) => b - a));
	});
});

describe('copied:', () => {
	it('ends when the selection moves, and does not come back with it', async () => {
		const r = await renderApp({clipboard: {copied: [], copy: () => undefined}});
		await press(r.stdin, 'y');
		await until(r.lastFrame, (f) => f.includes('copied: /home/dev/code/app/src/server/routes.ts'));
		await press(r.stdin, 'j');
		let frame = await until(r.lastFrame, (f) => !selectedRow(f).includes('routes.ts'));
		expect(frame).not.toContain('copied:');
		await press(r.stdin, 'k');
		frame = await until(r.lastFrame, (f) => selectedRow(f).includes('routes.ts'));
		expect(frame).not.toContain('copied:');
	});

	it('ends when the screen changes under the same row number (a sort, a window)', async () => {
		const r = await renderApp({clipboard: {copied: [], copy: () => undefined}});
		await press(r.stdin, 'y');
		await until(r.lastFrame, (f) => f.includes('copied:'));
		await press(r.stdin, 'w');
		const frame = await until(r.lastFrame, (f) => header(f).includes('30 days') && f.includes('[Files]'));
		expect(frame).not.toContain('copied:');
	});
});

describe('one plural rule, one percent form', () => {
	it('plural: 1 call, 2 calls, 1,954 turns', () => {
		expect(plural(1, 'call')).toBe('1 call');
		expect(plural(2, 'call')).toBe('2 calls');
		expect(plural(0, 'spawn')).toBe('0 spawns');
		expect(plural(1954, 'later turn')).toBe('1,954 later turns');
		expect(plural(3, 'match', 'matches')).toBe('3 matches');
	});

	it('the detail pane says 1 read, 1 edit and the share as 6.6% (no space before %)', async () => {
		const r = await renderApp({}, {columns: 160, rows: 30});
		const frame = await until(r.lastFrame, (f) => f.includes('│ initial '));
		expect(frame).toMatch(/│ 1 read · 1 edit · 2 calls/);
		expect(frame).toMatch(/│ rode \d+ later turns? · share \d+(\.\d)?%/);
		expect(frame).not.toMatch(/\d %/);
	});

	it('one rule per money column: cents for totals, three decimals for a turn; never $0.00 for a nonzero amount', () => {
		expect(['$0.96', '$0.078', '$0.0053', '$0.00017']).toEqual([0.96, 0.078, 0.0053, 0.00017].map((n) => fmtUsd(n)));
		expect([0.96, 0.078, 0.0053, 0.00017, 0, 1234.5, -0.4].map((n) => fmtUsdCol(n))).toEqual(['$0.96', '$0.08', '$0.01', '<$0.01', '$0.00', '$1,234.50', '-$0.40']);
		expect([0.041, 0.0041, 0.0004, 1.5].map((n) => fmtUsdCol(n, 3))).toEqual(['$0.041', '$0.004', '<$0.001', '$1.500']);
	});

	it('the Files tab writes every cost with the same decimals (was $0.046 above $0.0029)', async () => {
		const r = await renderApp();
		const frame = plain(r.lastFrame());
		const costs = lines(frame)
			.filter((l) => /^[▶ ] +\d+ /.test(l))
			.map((l) => /(\S+)\s+\S+$/.exec(l)![1]!);
		expect(costs.length).toBeGreaterThan(3);
		for (const c of costs) expect(c).toMatch(/^(\$\d+\.\d\d|<\$0\.01)$/);
	});
});
