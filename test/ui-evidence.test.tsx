/**
 * Issue 14 in the App: every drill ends at evidence (marked turns, n/N), the session's own
 * tables and threads, the turn pager, the detail pane and `y`, sort, search counts, the
 * breadcrumb, the compare view, and small terminals.
 */
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {TimelineTurn} from '../source/analysis/report-types.js';
import {makeClipboard, osc52} from '../source/ui/clipboard.js';
import {TurnView} from '../source/ui/turn-view.js';
import {cellNumber, scrollTop, sortRows} from '../source/ui/table-model.js';
import {breadcrumbLine} from '../source/ui/breadcrumb.js';
import {KEY, plain, press, renderApp, selectedRow, until, activeTab} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const lines = (f: string | undefined) => plain(f).split('\n');

/** → until the tab is on (tabs may be added: never count on a position from the end). */
async function toTab(r: {stdin: {write(d: string): void}; lastFrame: () => string | undefined}, name: string): Promise<void> {
	for (let i = 0; i < 12 && activeTab(r.lastFrame()) !== name; i++) await press(r.stdin, KEY.right);
	expect(activeTab(r.lastFrame())).toBe(name);
}
const header = (f: string | undefined) => lines(f)[0] ?? '';

describe('drill-down ends at evidence', () => {
	it('file → sessions (involved turns) → the session on the first involved turn; n/N go between them', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.enter);
		let frame = plain(r.lastFrame());
		// The sessions list: how many turns of each involve the file.
		expect(selectedRow(frame)).toMatch(/^▶ a1b2c3d4 .* 2\s+2\s+\$0\.\d+\s+100%$/);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => selectedRow(f).includes('◆1 '));
		expect(selectedRow(frame)).toContain('Read routes.ts');
		expect(frame).toContain('◆ 2 turns involve routes.ts · n/N next/previous');
		await press(r.stdin, 'n');
		expect(selectedRow(r.lastFrame())).toMatch(/◆2 10:01 .* Edit routes\.ts/);
		// Wraps around; N goes back.
		await press(r.stdin, 'n');
		expect(selectedRow(r.lastFrame())).toMatch(/◆1 10:00/);
		await press(r.stdin, 'N');
		expect(selectedRow(r.lastFrame())).toMatch(/◆2 10:01/);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => f.includes('The file has been updated.'));
		expect(lines(frame)[2]).toBe(' Files › routes.ts › a1b2c3d4 ◆ routes.ts › turn 2');
	});

	it('a finding → its session, at the finding\'s turns, marked', async () => {
		const r = await renderApp();
		await toTab(r, 'Findings');
		// The retry loop (codex session): its minor row, then the finding itself.
		const rows = lines(r.lastFrame()).filter((l) => /minor /.test(l));
		const at = rows.findIndex((l) => l.includes('retry-loop'));
		await press(r.stdin, ...Array<string>(at).fill('j'), KEY.enter);
		expect(selectedRow(r.lastFrame())).toMatch(/retry-loop\s+Retry loop: Bash cargo test/);
		await press(r.stdin, KEY.enter);
		const frame = await until(r.lastFrame, (f) => /^ session 019a2b3c/m.test(plain(f)) && selectedRow(f).includes('◆'));
		expect(frame).toMatch(/turns involve retry-loop/);
		expect(selectedRow(frame)).toContain('cargo test');
		expect(frame.match(/◆\d/g)!.length).toBeGreaterThanOrEqual(2);
	});

	it('Models → the sessions that used the model (cost share) → the session with its turns marked', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.right, KEY.right, KEY.right, KEY.right, 'j', KEY.enter);
		let frame = plain(r.lastFrame());
		expect(lines(frame)[2]).toBe(' Models › gpt-5.4');
		expect(selectedRow(frame)).toMatch(/^▶ 019a2b3c .*\s+5\s+\$0\.\d+\s+100%$/);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => selectedRow(f).includes('◆1 '));
		expect(frame).toContain('5 turns involve gpt-5.4');
	});

	it('Commands: a verb → its exact commands (calls, cost) → the sessions that ran one', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.right, KEY.enter);
		const frame = plain(r.lastFrame());
		expect(lines(frame)[2]).toBe(' Commands › npm test');
		expect(frame).toMatch(/#\s+npm test commands\s+calls\s+initial\s+riding\s+turns\s+cost\s+share/);
		expect(selectedRow(frame)).toMatch(/^▶\s+1 npm test\s+2 /);
		await press(r.stdin, KEY.enter);
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ a1b2c3d4 /);
		await press(r.stdin, KEY.enter);
		await until(r.lastFrame, (f) => selectedRow(f).includes('Bash npm test') && selectedRow(f).includes('◆'));
	});
});

describe('the session screen', () => {
	it('sections: its own files, commands, subagents, MCP, findings, and threads as a tree with cost', async () => {
		const r = await renderApp();
		await toTab(r, 'Sessions');
		await press(r.stdin, KEY.enter);
		let frame = plain(r.lastFrame());
		// A subagent's turn says its thread.
		expect(frame).toMatch(/↳4 10:03 .* ↳Explore: Read session-store\.ts/);
		await press(r.stdin, KEY.right);
		frame = plain(r.lastFrame());
		expect(frame).toMatch(/\[Files\]/);
		expect(frame).toContain('routes.ts');
		expect(frame).not.toContain('orders.rs');
		await press(r.stdin, KEY.right);
		expect(plain(r.lastFrame())).toMatch(/npm test/);
		await press(r.stdin, KEY.right, KEY.right);
		expect(plain(r.lastFrame())).toContain('github');
		await press(r.stdin, KEY.right, KEY.right);
		frame = plain(r.lastFrame());
		expect(frame).toMatch(/\[Threads\]/);
		expect(frame).toMatch(/main\s+6\s+\$/);
		expect(frame).toMatch(/└ Explore\s+2\s+\$0\.05\b/);
		// Enter on a file of the session: back to its timeline, the file's turns marked.
		await press(r.stdin, KEY.right, KEY.right, KEY.enter);
		frame = await until(r.lastFrame, (f) => selectedRow(f).includes('◆'));
		expect(frame).toContain('[Turns]');
	});

	it('/ narrows the turns and says how many match', async () => {
		const r = await renderApp();
		await toTab(r, 'Sessions');
		await press(r.stdin, KEY.enter, '/', 'n', 'p', 'm', KEY.enter);
		const frame = plain(r.lastFrame());
		expect(frame).toContain('2 of 8 match /npm');
	});
});

describe('the turn screen', () => {
	const turn = (cost: number, calls: number[]): TimelineTurn => ({
		index: 3,
		messageId: 'm',
		threadId: '',
		ts: '2026-05-10T10:00:00.000Z',
		model: 'claude-sonnet-4-5',
		input: 1,
		cacheWrite: 0,
		cacheRead: 0,
		output: 1,
		reasoning: 0,
		cost,
		attributedCost: 0,
		excluded: false,
		calls: calls.map((c, i) => ({id: `c${i}`, name: 'Read', kind: 'file-read', display: 'Read', target: `/x/f${i}.ts`, short: `f${i}.ts`, isError: false, cost: c, initialCost: c / 4, ridingCost: (3 * c) / 4, ridingTurns: 9, resultTokens: 1000})),
	});

	it('says why the calls cost more than the turn: riding cost is paid later', () => {
		const frame = plain(render(<TurnView turn={turn(0.01, [0.5])} content={[]} width={100} height={20} />).lastFrame());
		expect(frame).toContain('the calls cost $0.50, more than this turn');
		expect(frame).toContain('riding cost is paid by later turns');
		expect(frame).toMatch(/• Read \/x\/f0\.ts {2}· 1k tok · \$0\.50\n {6}initial \$0\.13 \+ riding \$0\.38 over 9 later turns/);
		const fine = plain(render(<TurnView turn={turn(1, [0.5])} content={[]} width={100} height={20} />).lastFrame());
		expect(fine).not.toContain('more than this turn');
	});

	it('an edit shows its diff size (from the call\'s input, when kept)', () => {
		const content = [
			{v: 1 as const, source: 'claude-code' as const, sessionId: 's', messageId: 'm', ts: '2026-05-10T10:00:00.000Z', role: 'assistant' as const, kind: 'tool_use' as const, toolUse: {id: 'c0', name: 'Edit', input: {file_path: '/x/f0.ts', old_string: 'a\nb', new_string: 'a\nb\nc'}}},
		];
		const frame = plain(render(<TurnView turn={turn(1, [0.5])} content={content} width={100} height={20} />).lastFrame());
		expect(frame).toMatch(/• Read \/x\/f0\.ts {2}· −2 \+3 lines · 1k tok · \$0\.50/);
	});

	it('is a pager: the whole text, scrolled; / narrows its lines', async () => {
		const r = await renderApp({}, {rows: 10});
		await press(r.stdin, KEY.enter, KEY.enter, 'n', KEY.enter);
		await until(r.lastFrame, (f) => f.includes('lines 1–'));
		await press(r.stdin, 'G');
		let frame = plain(r.lastFrame());
		expect(frame).toContain('expected 201, received 500');
		await press(r.stdin, '/', 'f', 'a', 'i', 'l', KEY.enter);
		frame = plain(r.lastFrame());
		expect(frame).toContain('FAIL src/server/routes.test.ts');
		expect(frame).not.toContain('The file has been updated.');
	});
});

describe('detail pane, copy, words for the money', () => {
	it('on by default at 140 columns: a file\'s full path, reads and edits, first turn, top sessions; d hides it', async () => {
		const r = await renderApp({}, {columns: 150, rows: 30});
		let frame = await until(r.lastFrame, (f) => f.includes('top sessions:'));
		expect(frame).toContain('│ /home/dev/code/app/src/server/routes.ts');
		expect(frame).toMatch(/│ 1 read · 1 edit · 2 calls/);
		expect(frame).toMatch(/│ first: turn 1, May 10 10:00/);
		expect(frame).toMatch(/│\s+a1b2c3d4\s+\$0\.\d+\s+2 turns/);
		await press(r.stdin, 'd');
		frame = plain(r.lastFrame());
		expect(frame).not.toContain('top sessions:');
		const narrow = await renderApp({}, {columns: 100, rows: 30});
		expect(plain(narrow.lastFrame())).not.toContain('top sessions:');
		await press(narrow.stdin, 'd');
		expect(plain(narrow.lastFrame())).toContain('top sessions:');
	});

	it('a finding: its detail, estimated savings and action; a server: its tools', async () => {
		const r = await renderApp({}, {columns: 150, rows: 40});
		await toTab(r, 'Findings');
		await press(r.stdin, KEY.enter);
		const frame = await until(r.lastFrame, (f) => f.includes('action:'));
		expect(frame).toContain('est. savings $');
		await press(r.stdin, KEY.escape);
		await toTab(r, 'MCP');
		expect(plain(r.lastFrame())).toMatch(/│ tools:\n.*│\s+get_issue\s+1 call\b/);
	});

	it('y copies the row\'s path (OSC 52) and says so; the copies are kept for the exit', async () => {
		const written: string[] = [];
		const clipboard = makeClipboard((s) => written.push(s));
		const r = await renderApp({clipboard});
		await press(r.stdin, 'y');
		expect(clipboard.copied).toEqual(['/home/dev/code/app/src/server/routes.ts']);
		expect(written).toEqual([osc52('/home/dev/code/app/src/server/routes.ts')]);
		expect(plain(r.lastFrame())).toContain('copied: /home/dev/code/app/src/server/routes.ts');
	});

	it('the status line interprets the selected cell', async () => {
		const r = await renderApp();
		expect(plain(r.lastFrame())).toMatch(/riding: this file's text sat in the cache for 7 later turns, \$0\.\d+/);
	});
});

describe('navigation', () => {
	it('o cycles the sort column, O reverses it; the header shows the sort', async () => {
		const r = await renderApp();
		let frame = plain(r.lastFrame());
		for (let i = 0; i < 10 && !header(frame).includes('sort: cost'); i++) {
			await press(r.stdin, 'o');
			frame = plain(r.lastFrame());
		}
		expect(header(frame)).toContain('sort: cost ↓');
		const costs = (f: string) => lines(f).filter((l) => /^[▶ ] +\d /.test(l)).map((l) => cellNumber(/(\$[\d.]+)\s+\S+$/.exec(l)![1]!)!);
		const down = costs(frame);
		expect(down.length).toBeGreaterThan(2);
		expect([...down].sort((a, b) => b - a)).toEqual(down);
		await press(r.stdin, 'O');
		frame = plain(r.lastFrame());
		expect(header(frame)).toContain('sort: cost ↑');
		expect(costs(frame)).toEqual([...down].reverse());
		// The explanation follows the sorted column.
		expect(frame).toMatch(/cost: \$[\d.]+ initial \+ \$[\d.]+ riding = \$[\d.]+/);
	});

	it('W, S and P cycle backwards; a window change keeps the selected item and the level', async () => {
		const r = await renderApp();
		await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toContain('session-store.ts');
		await press(r.stdin, 'W');
		let frame = await until(r.lastFrame, (f) => header(f).includes('last 24 hours') && f.includes('[Files]'));
		expect(selectedRow(frame)).toContain('session-store.ts');
		await press(r.stdin, 'S');
		expect(header(r.lastFrame())).toContain('codex');
		await press(r.stdin, 'S', 'P');
		frame = plain(r.lastFrame());
		expect(header(frame)).toMatch(/pattern \S+/);
	});

	it('60×20 still works: the tab bar does not wrap, the header stays on top', async () => {
		const r = await renderApp({}, {columns: 60, rows: 20});
		const frame = await until(r.lastFrame, (f) => plain(f).split('\n')[0]!.length <= 60);
		const ls = lines(frame);
		expect(ls.length).toBeLessThanOrEqual(20);
		expect(ls[0]).toMatch(/^ burn/);
		expect(ls[2]).toMatch(/^ \[Files\]\s+Cmd\s+Sub\s+MCP\s+Mod\s+Ses\s+Fnd\(\d+\)/);
		for (const l of ls) expect([...l].length).toBeLessThanOrEqual(60);
		await press(r.stdin, KEY.enter, KEY.enter, KEY.enter);
		const turn = await until(r.lastFrame, (f) => f.includes(' turn 1 ·'));
		expect(lines(turn)[0]).toMatch(/^ burn/);
		expect(lines(turn).length).toBeLessThanOrEqual(20);
	});

	it('wide terminals use the width for more columns: reads, edits, sessions, a share bar', async () => {
		const r = await renderApp({}, {columns: 180, rows: 30});
		// The detail pane takes the room first; without it the table widens.
		expect(plain(r.lastFrame())).not.toMatch(/reads\s+edits\s+sess/);
		await press(r.stdin, 'd');
		const frame = plain(r.lastFrame());
		expect(frame).toMatch(/calls\s+initial\s+riding\s+turns\s+reads\s+edits\s+sess\s+cost\s+share\s+share bar/);
		expect(selectedRow(frame)).toMatch(/routes\.ts\s+2\s+\S+\s+\S+\s+\d+\s+1\s+1\s+1\s+\$0\.\d+\s+\d+%\s+█{10}$/);
	});

	it('the breadcrumb shortens its first parts first', () => {
		expect(breadcrumbLine(['Files', 'a-very-long-file-name-that-goes-on.ts', 'ec9b7e55', 'turn 14'], 40)).toMatch(/turn 14$/);
		expect(breadcrumbLine(['Files', 'cache.ts', 'ec9b7e55', 'turn 14'], 80)).toBe(' Files › cache.ts › ec9b7e55 › turn 14');
	});

	it('a far jump puts the row in the middle; a step keeps the row at the edge', () => {
		expect(scrollTop(50, 10, 0)).toBe(45);
		expect(scrollTop(10, 10, 0)).toBe(1);
	});

	it('sorting numbers, money and text', () => {
		expect(['$1.20', '63k', '12%', '1,954', '↳3', '◆12', '−$0.40'].map(cellNumber)).toEqual([1.2, 63000, 12, 1954, 3, 12, -0.4]);
		expect(cellNumber('a1b2c3d4')).toBeNull();
		const rows = ['b', 'a', 'c'].map((k, i) => ({key: k, cells: [k, `$${i}`], search: k}));
		expect(sortRows(rows, {title: 'name', width: 4, align: 'left'}, 0, false).map((r) => r.key)).toEqual(['a', 'b', 'c']);
		expect(sortRows(rows, {title: 'cost', width: 4, align: 'right'}, 1, false).map((r) => r.key)).toEqual(['c', 'a', 'b']);
	});
});

describe('compare', () => {
	it('c: this window against the one before it, per hotspot and per model', async () => {
		const r = await renderApp({initialWindow: '7d'});
		await press(r.stdin, 'c');
		const frame = await until(r.lastFrame, (f) => f.includes('all spend'));
		expect(frame).toMatch(/what\s+hotspot\s+before\s+now\s+change/);
		expect(frame).toMatch(/total\s+all spend\s+\$[\d.]+\s+\$[\d.]+\s+[+−]\$[\d.]+/);
		expect(frame).toMatch(/model\s+gpt-5\.4\s+\$0\.00\s+\$[\d.]+\s+\+\$[\d.]+\s+new/);
		expect(lines(frame)[2]).toBe(' Files › compare');
	});
});
