/**
 * Four small defects of the Ink UI (uiC): the Findings rows' colour role for the detectors' real
 * severities (`warn`, `info`); `enter open` in the footer only where Enter opens something (not
 * on an empty Live tab); a folded `minor` row of a session's Findings section opens the small
 * findings it folds, as on the Findings tab; and the compare view's % cell of a row that was
 * there before at $0 (`+∞`, said by a legend line), not left empty.
 */
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {Finding} from '../source/analysis/patterns/types.js';
import type {Finding as ReportFinding, HotspotsReport} from '../source/analysis/report-types.js';
import {findingsView} from '../source/analysis/findings-view.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {compareReports} from '../source/analysis/compare.js';
import {COMPARE_LEGEND, compareTable, findingsViewTable} from '../source/ui/drill-models.js';
import {CompareScreen} from '../source/ui/screens/compare.js';
import {datasetFor, KEY, activeTab, plain, press, priceBook, renderApp, S_APP, selectedRow, until} from './helpers/ui.js';

const TINY = 'tiny session finding';

// Two tiny findings of S_APP (under the session's minor threshold of at least $0.01): the
// session's Findings section folds them into a `minor` row.
vi.mock('../source/analysis/patterns/index.js', async (importOriginal) => {
	const m = await importOriginal<typeof import('../source/analysis/patterns/index.js')>();
	return {
		...m,
		findingsFor: (...args: Parameters<typeof m.findingsFor>) => {
			const out = m.findingsFor(...args);
			const base = out[0]!;
			const tiny = (n: number) => ({...base, kind: 'retry-loop', severity: 'info', sessionId: S_APP, threadId: '', title: `${TINY} ${n}`, savingsUsd: 0.001 * n, costUsd: 0.002 * n, turns: []}) as typeof base;
			return [...out, tiny(1), tiny(2)];
		},
	};
});

afterEach(() => {
	cleanup();
});

const finding = (severity: string, savingsUsd: number): Finding => ({kind: 'retry-loop', severity, sessionId: 's1', threadId: '', title: `a ${severity} one`, savingsUsd, costUsd: savingsUsd, turns: []}) as unknown as Finding;

describe('Findings rows: the colour role of each severity', () => {
	it('high → error, warn → warn, info → dim; a minor row is dim', () => {
		const list = [finding('high', 3), finding('warn', 2), finding('info', 1), finding('info', 0.0001)];
		const fv = findingsView(list, {sessionsWithTools: 0, grandTotal: 100});
		const table = findingsViewTable(list as unknown as ReportFinding[], fv);
		const role = (sev: string) => table.rows.find((r) => r.cells[0] === sev)?.role;
		expect(role('high')).toBe('error');
		expect(role('warn')).toBe('warn');
		expect(role('info')).toBe('dim');
		const minor = table.rows.find((r) => r.key.startsWith('minor:'))!;
		expect(minor.dim).toBe(true);
	});
});

describe('the footer says `enter open` only where Enter opens something', () => {
	it('not on a Live tab with no active session; on the Sessions tab, yes', async () => {
		const r = await renderApp({}, {columns: 120, rows: 30});
		await press(r.stdin, KEY.left);
		const live = await until(r.lastFrame, (f) => activeTab(f) === 'Live' && f.includes('nothing to open'));
		expect(live.split('\n').at(-1)).not.toContain('enter open');
		await press(r.stdin, KEY.left, KEY.left);
		const sessions = await until(r.lastFrame, (f) => activeTab(f) === 'Sessions');
		expect(sessions.split('\n').at(-1)).toContain('enter open');
	});
});

describe("a session's Findings section: a minor row", () => {
	it('opens the small findings it folds, this session\'s only, as the Findings tab does', async () => {
		const r = await renderApp({}, {columns: 120, rows: 40});
		await press(r.stdin, KEY.left, KEY.left, KEY.left);
		await until(r.lastFrame, (f) => activeTab(f) === 'Sessions');
		for (let i = 0; i < 10 && !selectedRow(r.lastFrame()).includes(S_APP.slice(0, 8)); i++) await press(r.stdin, 'j');
		await press(r.stdin, KEY.enter);
		await until(r.lastFrame, (f) => f.includes(`session ${S_APP.slice(0, 8)}`));
		await press(r.stdin, KEY.right, KEY.right, KEY.right, KEY.right, KEY.right);
		let frame = await until(r.lastFrame, (f) => f.includes('[Findings]') && /minor\s+retry-loop/.test(f));
		const minor = frame.split('\n').find((l) => /minor\s+retry-loop/.test(l))!;
		const folded = Number(/(\d+) small finding/.exec(minor)![1]);
		expect(folded).toBe(2);
		for (let i = 0; i < 20 && !/^▶ minor\s+retry-loop/.test(selectedRow(r.lastFrame())); i++) await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ minor\s+retry-loop/);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => /one by one/.test(f));
		expect(frame).toContain(`minor retry-loop findings · ${folded}, one by one`);
		const rows = plain(frame).split('\n').filter((l) => /^[▶ ] \S+\s+retry-loop /.test(l));
		expect(rows).toHaveLength(folded);
		for (const row of rows) expect(row).toContain(TINY);
		// Enter on one of them: back to the session, its turns.
		await press(r.stdin, KEY.enter);
		await until(r.lastFrame, (f) => f.includes(`session ${S_APP.slice(0, 8)}`) && f.includes('[Turns]'));
	});
});

describe('the compare view: a row there before at $0', () => {
	const base = analyzeHotspots(datasetFor({since: null, until: null}, () => false), priceBook);
	const rep = (files: Array<[string, number]>): HotspotsReport => ({...base, files: files.map(([path, totalCost]) => ({path, totalCost})) as unknown as HotspotsReport['files']});

	it('says `+∞` in the % column (new, gone and ratios as before), and the screen says what it means', () => {
		const c = compareReports(rep([['/a.ts', 0], ['/b.ts', 1]]), rep([['/a.ts', 0.5], ['/b.ts', 1.5], ['/c.ts', 0.25]]));
		const table = compareTable(c, '/home/dev', 100);
		const pct = (key: string) => table.rows.find((r) => r.key === `files:${key}`)?.cells.at(-1);
		expect(pct('/a.ts')).toBe('+∞');
		expect(pct('/b.ts')).toBe('+50%');
		expect(pct('/c.ts')).toBe('new');
		const screen = render(<CompareScreen comparison={c} status={null} table={table} unfilteredRows={table.rows.length} filter="" selected={0} width={100} height={20} />);
		expect(plain(screen.lastFrame())).toContain(COMPARE_LEGEND);
		// Without such a row (here the fake windows' $0 total is left out too), no legend.
		const none = {...table, rows: table.rows.filter((r) => r.cells.at(-1) !== '+∞')};
		const quiet = render(<CompareScreen comparison={c} status={null} table={none} unfilteredRows={none.rows.length} filter="" selected={0} width={100} height={20} />);
		expect(plain(quiet.lastFrame())).not.toContain(COMPARE_LEGEND);
	});
});
