/**
 * Drill-downs and the detail pane say the same thing the same way (uiB defects 3, 4, 6): the
 * Commands › verb table puts tokens under the token headers, the detail pane's top sessions are
 * in columns, its `last:` line counts a file's turns in a session as the drill-down does; and
 * the compare view cuts paths so that two files never read the same (defect 5).
 */
import {describe, expect, it} from 'vitest';
import type {FileRow, HotspotRef, HotspotsReport, SessionRow} from '../source/analysis/report-types.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {compareReports} from '../source/analysis/compare.js';
import {compareTable, exactCommandsTable} from '../source/ui/drill-models.js';
import {distinctPaths} from '../source/ui/distinct-paths.js';
import {cell} from '../source/ui/table.js';
import {plural} from '../source/report/format.js';
import {layoutColumns} from '../source/ui/table-model.js';
import {detailFor, threadKinds, topSessions} from '../source/ui/detail.js';
import {rowSessionsTable, tabTable} from '../source/ui/tab-models.js';
import {datasetFor, NOW, priceBook} from './helpers/ui.js';

const WEEK = {since: new Date(NOW - 7 * 86_400_000).toISOString(), until: null};

describe('Commands › verb: the exact commands', () => {
	it('initial and riding are tokens, as on the Commands tab (they were dollars under token headers)', () => {
		const report = analyzeHotspots(datasetFor(WEEK), priceBook);
		const verb = report.bashVerbs[0]!.verb;
		const drill = exactCommandsTable(report, verb);
		const tab = tabTable(report, 'Commands');
		const col = (t: typeof drill, title: string) => t.columns.findIndex((c) => c.title === title);
		for (const title of ['initial', 'riding']) {
			expect(col(drill, title)).toBe(col(tab, title));
			for (const row of drill.rows) expect(row.cells[col(drill, title)], title).toMatch(/^[\d.,]+[kMB]?$/);
		}
		for (const row of drill.rows) expect(row.cells[col(drill, 'cost')]).toMatch(/^\$/);
		// One command of the verb: its row says what the verb's row says.
		const one = report.bash.filter((b) => b.verb === verb);
		if (one.length === 1) {
			const verbRow = tab.rows.find((r) => r.key === verb)!;
			expect(drill.rows[0]!.cells.slice(2)).toEqual(verbRow.cells.slice(2));
		}
	});
});

const ref = (sessionId: string, threadId: string, cost: number, turns: string[]): HotspotRef => ({sessionId, threadId, calls: turns.length, cost, turns});
const session = (sessionId: string, lastTs: string): SessionRow => ({sessionId, source: 'claude-code', project: '/p', firstTs: lastTs, lastTs, turns: 10, cost: 1, attributedCost: 1, toolCalls: 1, threads: []}) as unknown as SessionRow;

/** A file used in three sessions (one with a subagent thread), ids of different lengths. */
function fileReport(): HotspotsReport {
	const refs = [
		ref('ec9b7e55-0000', '', 0.55, Array.from({length: 13}, (_, i) => `e${i}`)),
		ref('d9a76111-0000', '', 0.26, Array.from({length: 7}, (_, i) => `d${i}`)),
		ref('ses_24ef25c6abcdef', '', 0.0074, ['o1', 'o2']),
		// The newest session's subagent thread: cheapest, so the last ref.
		ref('d9a76111-0000', 'agent-1', 0.001, ['d-sub']),
	];
	const file = {path: '/home/dev/code/app/src/lib/session-store.ts', toolCallCount: 23, reads: 20, edits: 3, firstEmitTs: '2026-05-04T10:02:00.000Z', firstEmitTurnIndex: 52, initialTokens: 1, persistenceTokens: 1, ridingTurns: 1, initialCost: 0.1, persistenceCost: 0.7, totalCost: 0.8174, share: 0.1, refs} as FileRow;
	return {
		files: [file],
		sessions: [session('ec9b7e55-0000', '2026-05-04T12:00:00.000Z'), session('d9a76111-0000', '2026-05-09T18:00:00.000Z'), session('ses_24ef25c6abcdef', '2026-05-07T05:00:00.000Z')],
		bashVerbs: [],
		bash: [],
		subagents: [],
		mcpServers: [],
		findings: [],
		models: [],
	} as unknown as HotspotsReport;
}

describe('the detail pane of a file', () => {
	it('top sessions are in columns: ids padded, costs and turns right-aligned', () => {
		const report = fileReport();
		const detail = detailFor({screen: 'hotspots', tab: 'Files'}, report.files[0]!.path, report, null, 50)!;
		const lines = detail.lines.slice(detail.lines.indexOf('top sessions:') + 1);
		expect(lines).toEqual([
			'  ec9b7e55      $0.55  13 turns',
			'  d9a76111      $0.26   8 turns',
			'  ses_24ef25c6  $0.01   2 turns',
		]);
		const ends = (re: RegExp) => new Set(lines.map((l) => re.exec(l)!.index + re.exec(l)![0].length));
		expect(ends(/\$[\d.]+/).size).toBe(1);
		expect(ends(/\d+ turns?/).size).toBe(1);
		expect(topSessions(report.files[0]!.refs)).toEqual(lines);
	});

	it('`last:` counts the turns of the session as its drill-down row does (the last ref was one thread: "1 turn there")', () => {
		const report = fileReport();
		const f = report.files[0]!;
		const detail = detailFor({screen: 'hotspots', tab: 'Files'}, f.path, report, null, 50)!;
		const last = detail.lines.find((l) => l.startsWith('last:'))!;
		// d9a76111 ended last; its drill-down row counts its turns over both threads.
		expect(last).toBe('last: session d9a76111 · 8 turns');
		const drill = rowSessionsTable(report, f.refs, f.totalCost, {now: NOW});
		const turnsCol = drill.columns.findIndex((c) => c.title === 'turns');
		expect(drill.rows.find((r) => r.key === 'd9a76111-0000')!.cells[turnsCol]).toBe('8');
		expect(detail.lines).toContain('  d9a76111      $0.26   8 turns');
	});
});

describe('the compare view at 80 columns', () => {
	const base = analyzeHotspots(datasetFor({since: null, until: null}, () => false), priceBook);
	const rep = (files: Array<[string, number]>): HotspotsReport => ({...base, files: files.map(([path, totalCost]) => ({path, totalCost})) as unknown as HotspotsReport['files']});
	const PATHS = [
		'/home/dev/code/api/src/handlers/orders.ts',
		'/home/dev/code/api/src/services/orders.ts',
		'/home/dev/code/app/src/components/settings/Dashboard.tsx',
		'/home/dev/code/app/src/components/admin/Dashboard.tsx',
		'/home/dev/code/app/src/lib/session-store.ts',
	];

	it('files that shorten to the same text keep the parent directories that tell them apart', () => {
		const c = compareReports(rep([]), rep(PATHS.map((p, i) => [p, 1 + i])));
		for (const width of [80, 100]) {
			const table = compareTable(c, '/home/dev', width);
			const widths = layoutColumns(table.columns, width);
			// What the screen shows: the Table cuts (or pads) each cell to its column.
			const shown = table.rows.filter((r) => r.key.startsWith('files:')).map((r) => cell(r.cells[1]!, widths[1]!, table.columns[1]!).trimEnd());
			expect(shown).toHaveLength(PATHS.length);
			expect(new Set(shown).size, shown.join('\n')).toBe(PATHS.length);
			for (const s of shown) expect(s.length).toBeLessThanOrEqual(widths[1]!);
			expect(shown.find((s) => s.endsWith('/handlers/orders.ts'))).toBeDefined();
			expect(shown.find((s) => s.endsWith('/services/orders.ts'))).toBeDefined();
			// The `/` filter still matches the whole path.
			expect(table.rows.find((r) => r.key === `files:${PATHS[0]}`)!.search).toContain('~/code/api/src/handlers/orders.ts');
		}
	});

	it('distinctPaths: whole when it fits; else the distinguishing tail, then as much of the start as fits', () => {
		const out = distinctPaths(['~/code/api/src/handlers/orders.ts', '~/code/api/src/services/orders.ts', '~/a.ts'], 28);
		expect(out.get('~/a.ts')).toBe('~/a.ts');
		expect(out.get('~/code/api/src/handlers/orders.ts')).toBe('~/code/…/handlers/orders.ts');
		expect(out.get('~/code/api/src/services/orders.ts')).toBe('~/code/…/services/orders.ts');
		// Too narrow for the tail: its end, still different.
		const tiny = distinctPaths(['/x/handlers/orders.ts', '/x/services/orders.ts'], 14);
		expect(new Set(tiny.values()).size).toBe(2);
		for (const v of tiny.values()) expect(v.length).toBe(14);
	});
});

describe('the detail pane of an MCP server', () => {
	it('its tools are in columns, calls and dollars right-aligned, "1 call"', () => {
		const report = {
			...fileReport(),
			mcpServers: [{server: 'github', callCount: 3, totalCost: 0.06, initialCost: 0.01, persistenceCost: 0.05, ridingTurns: 4, share: 0.1, refs: [], topTools: [
				{tool: 'get_pull_request_comments', callCount: 12, totalCost: 0.035},
				{tool: 'get_issue', callCount: 1, totalCost: 0.00093},
			]}],
		} as unknown as HotspotsReport;
		const d = detailFor({screen: 'hotspots', tab: 'MCP'}, 'github', report, null, 50)!;
		expect(d.lines[0]).toBe('3 calls · $0.060');
		const tools = d.lines.slice(d.lines.indexOf('tools:') + 1, d.lines.indexOf('top sessions:'));
		expect(tools).toEqual([
			'  get_pull_request_comments  12 calls   $0.04',
			'  get_issue                    1 call  <$0.01',
		]);
	});
});

describe('counts in the detail pane and the verb title', () => {
	it('say "1 read", "1 call", "1 distinct command", not "1 reads"', () => {
		const report = fileReport();
		const f = report.files[0]!;
		Object.assign(f, {reads: 1, edits: 1, toolCallCount: 2});
		const d = detailFor({screen: 'hotspots', tab: 'Files'}, f.path, report, null, 50)!;
		expect(d.lines).toContain('1 read · 1 edit · 2 calls');
		expect(plural(1, 'distinct command')).toBe('1 distinct command');
		expect(plural(1204, 'turn')).toBe('1,204 turns');
	});
});

describe('the detail pane of a session', () => {
	it('names each kind of thread once, with its count (it repeated general-purpose, general-purpose, …)', () => {
		expect(threadKinds(['main', 'general-purpose', 'Explore', 'general-purpose', 'general-purpose', 'Explore'])).toBe('main, general-purpose ×3, Explore ×2');
		expect(threadKinds(['main'])).toBe('main');
	});
});
