/**
 * Issue 13, the UI's part: NO_COLOR, notices, `/` on the session and turn screens, a full
 * redraw on resize, the empty states (no logs; activity only outside the window) and the
 * progress panel at start-up. ink-testing-library on the in-memory data set.
 */
import {afterEach, beforeAll, afterAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
// Ink's own colour library (a terminal-less test run has colours off): turned on for these tests.
import chalk from 'chalk';
import type {LedgerRecord} from '../source/core/records.js';
import {fakeSource, KEY, NOW, plain, press, renderApp, resize, selectedRow, until, type FakeSource} from './helpers/ui.js';
import {applyProgress, finishProgress, initialProgress} from '../source/ui/progress-model.js';
import {windowHolding} from '../source/ui/view-model.js';
import type {EmptyState} from '../source/ui/view-model.js';

afterEach(() => {
	cleanup();
});

const DAY = 86_400_000;
const lines = (frame: string | undefined) => plain(frame).split('\n');
const header = (frame: string | undefined) => lines(frame)[0] ?? '';
const footer = (frame: string | undefined) => lines(frame).at(-1) ?? '';

/** A fake source whose loads also say `notices` and `empty` (what the pipeline's load gives the UI). */
function sourceWith(extra: {notices?: string[]; empty?: EmptyState}, keep?: (r: LedgerRecord) => boolean): FakeSource {
	const source = fakeSource(keep ? {keep} : {});
	const load = source.load.bind(source);
	source.load = async (...args) => ({...(await load(...args)), ...extra});
	return source;
}

describe('NO_COLOR (defect: only --no-color turned colour off)', () => {
	let level: typeof chalk.level;
	beforeAll(() => {
		level = chalk.level;
		chalk.level = 1;
	});
	afterAll(() => {
		chalk.level = level;
	});
	const withEnv = async (value: string | undefined, run: () => Promise<void>) => {
		const before = process.env.NO_COLOR;
		if (value === undefined) delete process.env.NO_COLOR;
		else process.env.NO_COLOR = value;
		try {
			await run();
		} finally {
			if (before === undefined) delete process.env.NO_COLOR;
			else process.env.NO_COLOR = before;
		}
	};

	it('NO_COLOR=1: not one escape sequence in any frame, the selection still marked ▶', async () => {
		await withEnv('1', async () => {
			const r = await renderApp();
			await press(r.stdin, 'j', KEY.enter);
			expect(selectedRow(r.lastFrame())).toMatch(/^▶ /);
			for (const f of r.frames) expect(f).not.toContain('\x1b[');
		});
	});

	it('without it (or set empty), the UI has colour; color={false} turns it off as --no-color does', async () => {
		await withEnv('', async () => {
			const r = await renderApp();
			expect(r.frames.join('')).toContain('\x1b[');
		});
		await withEnv(undefined, async () => {
			const r = await renderApp({color: false});
			for (const f of r.frames) expect(f).not.toContain('\x1b[');
		});
	});
});

describe('notices (defect 5: they never reached the UI)', () => {
	const notices = ['skipped 3 bad lines in ~/.claude/projects/x/a.jsonl', 'no price for model mystery-1 (12 turns unpriced)', 'the ledger was busy; read it as it was'];

	it('a status line says how many and the first; ! lists every one; esc closes the list', async () => {
		const r = await renderApp({source: sourceWith({notices})}, {columns: 80, rows: 24});
		const frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toBe(' ! 3 notices: skipped 3 bad lines in ~/.claude/projects/x/a.jsonl');
		expect(footer(frame)).toContain('! notices');
		expect(lines(frame).length).toBeLessThanOrEqual(24);
		await press(r.stdin, '!');
		const list = plain(r.lastFrame());
		expect(list).toContain('3 notices');
		for (const n of notices) expect(list).toContain(`• ${n}`);
		expect(list).toContain('esc or ! closes this list');
		// Keys of the screen underneath wait.
		await press(r.stdin, 'j', KEY.right);
		expect(plain(r.lastFrame())).toBe(list);
		await press(r.stdin, KEY.escape);
		expect(plain(r.lastFrame())).toBe(frame);
		await press(r.stdin, '!', '!');
		expect(plain(r.lastFrame())).toBe(frame);
	});

	it('the status line stays on the drill-down screens; a long list scrolls', async () => {
		const many = Array.from({length: 30}, (_, i) => `notice number ${i + 1}`);
		const r = await renderApp({source: sourceWith({notices: many})}, {columns: 80, rows: 24});
		await press(r.stdin, KEY.enter, KEY.enter);
		expect(plain(r.lastFrame())).toContain('! 30 notices: notice number 1');
		await press(r.stdin, '!');
		let list = plain(r.lastFrame());
		expect(lines(list).length).toBeLessThanOrEqual(24);
		expect(list).toContain('• notice number 1');
		expect(list).not.toContain('• notice number 30');
		await press(r.stdin, 'G', ...Array.from({length: 40}, () => 'j'));
		list = plain(r.lastFrame());
		expect(list).toContain('• notice number 30');
		expect(list).not.toContain('• notice number 1\n');
	});

	it('without notices: no status line, no `!` in the footer', async () => {
		const r = await renderApp();
		expect(plain(r.lastFrame())).not.toContain('notice');
	});
});

describe('/ on the session and turn screens (defect 9)', () => {
	it('the session screen filters its turns by tool, target or model; esc clears first, then goes back', async () => {
		const r = await renderApp();
		// Files → routes.ts → its session (a1b2c3d4).
		await press(r.stdin, KEY.enter, KEY.enter);
		let frame = plain(r.lastFrame());
		expect(frame).toMatch(/ ◆2 10:01 .* Edit routes\.ts; Bash npm test/);
		expect(frame).toContain('github:get_issue');
		await press(r.stdin, '/', 'n', 'p', 'm', KEY.enter);
		frame = plain(r.lastFrame());
		expect(header(frame)).toContain('/npm');
		expect(frame).toMatch(/ ◆2 10:01 .* Bash npm test/);
		expect(frame).toMatch(/ 8 10:07 .* Bash npm test/);
		expect(frame).not.toContain('github:get_issue');
		expect(frame).not.toContain('Read routes.ts');
		// A full target matches too (the cell shows only its basename).
		await press(r.stdin, '/', ...'server/routes'.split(''), KEY.enter);
		frame = plain(r.lastFrame());
		expect(header(frame)).toContain('/server/routes');
		expect(header(frame)).not.toContain('npm');
		expect(frame).toContain('Read routes.ts');
		expect(frame).toMatch(/ ◆2 10:01 .* Edit routes\.ts/);
		expect(frame).not.toMatch(/ 8 10:07 /);
		expect(footer(frame)).toContain('esc clear');
		// Esc clears the filter first, and stays on the session…
		await press(r.stdin, KEY.escape);
		frame = plain(r.lastFrame());
		expect(frame).toMatch(/^ session a1b2c3d4 /m);
		expect(header(frame)).not.toContain('/');
		expect(frame).toContain('github:get_issue');
		// …a second Esc goes back.
		await press(r.stdin, KEY.escape);
		expect(plain(r.lastFrame())).toMatch(/session\s+started\s+source/);
	});

	it('a filter that matches nothing says so; Enter opens the filtered row', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.enter, KEY.enter, '/', 'z', 'z', 'z');
		expect(plain(r.lastFrame())).toContain('no rows match /zzz (esc clears)');
		await press(r.stdin, KEY.escape, '/', 'g', 'i', 't', 'h', 'u', 'b', KEY.enter, KEY.enter);
		const frame = await until(r.lastFrame, (f) => /^ turn 6 · /m.test(f));
		expect(frame).toContain('github:get_issue');
	});

	it('the turn screen filters its lines', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.enter, KEY.enter, 'j', KEY.enter);
		let frame = await until(r.lastFrame, (f) => f.includes('FAIL src/server/routes.test.ts'));
		expect(frame).toContain('The file has been updated.');
		await press(r.stdin, '/', 'f', 'a', 'i', 'l', KEY.enter);
		frame = plain(r.lastFrame());
		expect(frame).toContain('FAIL src/server/routes.test.ts');
		expect(frame).not.toContain('The file has been updated.');
		expect(frame).not.toContain('• Edit');
		// The title lines stay.
		expect(frame).toMatch(/^ turn 2 · /m);
		await press(r.stdin, '/', 'x', 'y', 'z');
		expect(plain(r.lastFrame())).toContain('no lines match /xyz (esc clears)');
		await press(r.stdin, KEY.escape);
		frame = plain(r.lastFrame());
		expect(frame).toContain('The file has been updated.');
		expect(frame).toMatch(/^ turn 2 · /m);
	});

	it('a second / starts a new filter instead of appending to the kept one', async () => {
		const r = await renderApp();
		await press(r.stdin, '/', 'r', 'o', 'u', KEY.enter, '/');
		expect(footer(r.lastFrame())).toMatch(/^ \/\s+enter keep · esc clear/);
		await press(r.stdin, 'o', 'r', 'd');
		const frame = plain(r.lastFrame());
		expect(header(frame)).toContain('/ord');
		expect(header(frame)).not.toContain('/rouord');
		expect(frame).toContain('orders.rs');
	});

	it('each level keeps its own filter: back on the hotspots finds its filter again', async () => {
		const r = await renderApp();
		await press(r.stdin, '/', 'r', 'o', 'u', KEY.enter, KEY.enter);
		expect(header(r.lastFrame())).not.toContain('/rou');
		await press(r.stdin, KEY.escape);
		const frame = plain(r.lastFrame());
		expect(header(frame)).toContain('/rou');
		expect(frame).not.toContain('session-store.ts');
	});
});

describe('resize (defect 10: stale fragments of a longer frame)', () => {
	it('a size change clears the whole screen, then the frame for the new size is drawn again', async () => {
		const r = await renderApp({}, {columns: 100, rows: 30});
		const before = r.frames.length;
		resize(r.stdout, 70, 12);
		await until(r.lastFrame, (f) => Math.max(...f.split('\n').map((l) => [...l].length)) <= 70 && f.includes('[Files]') && r.frames.slice(before).some((x) => x.startsWith('\x1b[2J')));
		const since = r.frames.slice(before);
		const clear = since.findIndex((f) => f.startsWith('\x1b[2J\x1b[H'));
		expect(clear).toBeGreaterThanOrEqual(0);
		// The frame for the new size comes after the clear.
		expect(since.slice(clear + 1).some((f) => f.includes('[Files]') && lines(f).length <= 12)).toBe(true);
		// The same size again: nothing to clear.
		const n = r.frames.length;
		resize(r.stdout, 70, 12);
		await press(r.stdin, 'j');
		expect(r.frames.slice(n).some((f) => f.startsWith('\x1b[2J'))).toBe(false);
	});
});

describe('empty states', () => {
	it('no agent logs: says where burn looked and offers --demo (defect 3), not an empty $0.00 table', async () => {
		const looked = ['claude-code  /home/dev/.claude/projects  (missing)', 'codex        /home/dev/.codex/sessions  (missing)'];
		const r = await renderApp({source: sourceWith({empty: {kind: 'no-logs', looked}}, () => false)}, {wait: false});
		const frame = await until(r.lastFrame, (f) => f.includes('No agent logs found'));
		expect(frame).toContain('burn looked in:');
		for (const l of looked) expect(frame).toContain(l);
		expect(frame).toContain('`burn --demo`');
		expect(frame).not.toContain('[Files]');
		expect(frame).not.toContain('$0.00');
		expect(footer(frame)).toContain('q quit');
		expect(footer(frame)).not.toContain('latest');
		expect(footer(frame)).not.toContain('window');
		await press(r.stdin, 'q');
		expect(r.exited()).toBe(true);
	});

	it('activity only outside the window: how many sessions, how much, the latest date; L goes to the window that holds it (defect 4)', async () => {
		// The window is the last 24 hours with nothing in it; the latest activity was 3 days ago.
		const latest = new Date(NOW - 3 * DAY).toISOString();
		const source = sourceWith({empty: {kind: 'outside', sessions: 2, costUsd: 1.5, latest}}, (rec) => rec.record.sessionId !== 'a1b2c3d4-0000-4000-8000-000000000001');
		const r = await renderApp({source, initialWindow: '24h'}, {wait: false});
		const frame = await until(r.lastFrame, (f) => f.includes('No agent activity'));
		expect(frame).toContain('No agent activity in this window (last 24 hours).');
		expect(frame).toContain('2 sessions ($1.50) lie outside it; the latest activity was May 7 12:00.');
		expect(frame).toContain('L shows last 7 days');
		expect(footer(frame)).toContain('L latest activity');
		expect(frame).not.toContain('[Files]');
		await press(r.stdin, 'L');
		const shown = await until(r.lastFrame, (f) => f.includes('[Files]'));
		expect(header(shown)).toContain('last 7 days');
		expect(shown).toContain('orders.rs');
	});

	it('L picks the smallest window of the w cycle that holds the latest activity, else all', () => {
		const ago = (ms: number) => new Date(NOW - ms).toISOString();
		expect(windowHolding(ago(3_600_000), NOW)).toBe('24h');
		expect(windowHolding(ago(3 * DAY), NOW)).toBe('7d');
		expect(windowHolding(ago(8 * DAY), NOW)).toBe('30d');
		expect(windowHolding(ago(31 * DAY), NOW)).toBe('90d');
		expect(windowHolding(ago(400 * DAY), NOW)).toBe('all');
		expect(windowHolding('not a date', NOW)).toBe('all');
	});
});

describe('start-up (defect 12)', () => {
	it('the first frame is the progress panel, every step listed', async () => {
		const r = await renderApp({source: fakeSource({manual: true})}, {wait: false});
		const first = plain(r.frames[0]);
		expect(header(first)).toBe(' burn · last 7 days · all sources');
		for (const label of ['found logs', 'ingested', 'scanning ledger', 'sizes & content', 'analysing']) expect(first).toContain(label);
		r.source.release();
		await until(r.lastFrame, (f) => f.includes('[Files]'));
	});

	it('a step that counted files ends full (22/22), then says what it did; a finished load has every row done', () => {
		let m = initialProgress();
		m = applyProgress(m, {step: 'ingest', state: 'start'}, 0);
		m = applyProgress(m, {step: 'ingest', state: 'update', done: 7, total: 22}, 10);
		expect(m.ingest.detail).toBe('7/22');
		m = applyProgress(m, {step: 'ingest', state: 'done', elapsedMs: 40, summary: '19 new/changed files, 3.1 MB'}, 50);
		expect(m.ingest.detail).toBe('22/22 · 19 new/changed files, 3.1 MB');
		m = applyProgress(m, {step: 'content', state: 'start', done: 0, total: 4}, 60);
		const done = finishProgress(m);
		expect(Object.values(done).every((s) => s.status === 'done')).toBe(true);
		expect(done.analyse.detail).toBe('skipped');
		expect(done.ingest).toEqual(m.ingest);
	});
});

describe('progress counts', () => {
	it('a summary that names the count is not prefixed', () => {
		let m = initialProgress();
		m = applyProgress(m, {step: 'discover', state: 'update', done: 22, total: 22}, 0);
		m = applyProgress(m, {step: 'discover', state: 'done', elapsedMs: 1, summary: '3 sources, 22 files'}, 1);
		expect(m.discover.detail).toBe('3 sources, 22 files');
		m = applyProgress(m, {step: 'content', state: 'update', done: 1, total: 1234}, 0);
		m = applyProgress(m, {step: 'content', state: 'done', elapsedMs: 1, summary: '1,234 sidecars'}, 1);
		expect(m.content.detail).toBe('1,234 sidecars');
	});
});

describe('keys that arrive together', () => {
	it('/ and the text in one read: no letter is lost (Ink emits them as separate events)', async () => {
		const r = await renderApp();
		// Two chunks waiting when stdin becomes readable (as a terminal delivers `/` then `n…`):
		// Ink emits one input event per chunk, in the same turn of the event loop.
		const stdin = r.stdin as unknown as {read: () => string | null; emit: (e: string) => void};
		const chunks = ['/', 'npm'];
		stdin.read = () => chunks.shift() ?? null;
		stdin.emit('readable');
		const frame = await until(r.lastFrame, (f) => header(f).includes('/npm'));
		expect(footer(frame)).toMatch(/^ \/npm\s+enter keep/);
		chunks.push('\r');
		stdin.emit('readable');
		await until(r.lastFrame, (f) => footer(f).includes('q quit') && header(f).includes('/npm'));
	});
});

describe('two Esc in one read', () => {
	it('count as two: the filter clears, then the screen goes back', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.enter, KEY.enter, '/', 'n', 'p', 'm', KEY.enter);
		expect(header(r.lastFrame())).toContain('/npm');
		r.stdin.write('\x1b\x1b');
		await until(r.lastFrame, (f) => /session\s+started\s+source/.test(f));
	});
});

describe('an empty window narrowed in memory', () => {
	it('w from all time to 24 hours with nothing in them: what lies outside, and L, without a reload', async () => {
		const keep = (rec: LedgerRecord) => rec.record.sessionId !== 'a1b2c3d4-0000-4000-8000-000000000001';
		const r = await renderApp({initialWindow: 'all', source: fakeSource({keep})});
		await press(r.stdin, 'w');
		const frame = await until(r.lastFrame, (f) => f.includes('No agent activity'));
		expect(frame).toContain('No agent activity in this window (last 24 hours).');
		expect(frame).toMatch(/2 sessions \(\$[\d.]+\) lie outside it; the latest activity was May 7 12:02\./);
		await press(r.stdin, 'L');
		const shown = await until(r.lastFrame, (f) => f.includes('[Files]'));
		expect(header(shown)).toContain('last 7 days');
		expect(r.source.loads).toHaveLength(1);
	});
});
