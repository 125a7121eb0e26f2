/**
 * The interactive App with ink-testing-library: every screen and every key of the bindings
 * table, on an in-memory data set (test/helpers/ui.tsx). Keys are written one at a time
 * with a tick between them, as a terminal would send them.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {findingKinds} from '../source/ui/patterns.js';
import type {LedgerRecord} from '../source/core/records.js';
import {helpLines} from '../source/ui/bindings.js';
import {HELP_KEYS_WIDTH} from '../source/ui/help-overlay.js';
import {
	activeTab,
	datasetFor,
	fakeSource,
	findingsOf,
	KEY,
	NOW,
	plain,
	press,
	priceBook,
	renderApp,
	resize,
	S_API,
	S_APP,
	S_OLD,
	selectedRow,
	settle,
	until,
} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const DAY = 86_400_000;
const WEEK = {since: new Date(NOW - 7 * DAY).toISOString(), until: null};
/** What the detectors find in the last 7 days of the fake data (a retry loop in the codex session, …). */
const weekFindings = () => findingsOf(WEEK);
const lines = (frame: string | undefined) => plain(frame).split('\n');
/** The first header line: `burn · last 7 days · all sources …`. */
const header = (frame: string | undefined) => lines(frame)[0] ?? '';
const footer = (frame: string | undefined) => lines(frame).at(-1) ?? '';

describe('progress panel', () => {
	it('shows every step while the data loads, then the table', async () => {
		const source = fakeSource({manual: true});
		const r = await renderApp({source, ingestFirst: true}, {wait: false});
		// The scan's update (bytes, records) is drawn by a timer after the step's start.
		const frame = await until(r.lastFrame, (f) => f.includes('1,234 records') && f.includes('2 sources, 3 files'));
		expect(header(frame)).toContain('burn · last 7 days · all sources');
		for (const label of ['found logs', 'ingested', 'scanning ledger', 'sizes & content', 'analysing']) expect(frame).toContain(label);
		// found logs is done (✔ and its time); scanning is running; the last steps wait.
		expect(lines(frame).find((l) => l.includes('found logs'))).toMatch(/✔ found logs\s+2 sources, 3 files\s+0\.01s/);
		expect(lines(frame).find((l) => l.includes('scanning ledger'))).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] scanning ledger\s+2(\.0)? MB \/ 4(\.0)? MB · 1,234 records/);
		expect(lines(frame).find((l) => l.includes('ingested'))).toMatch(/ingested\s+1\/3 · 120 kB \/ 360 kB/);
		expect(lines(frame).find((l) => l.includes('analysing'))).toContain('waiting');
		expect(frame).not.toContain('[Files]');
		expect(source.loads).toEqual([{window: {since: new Date(NOW - 7 * DAY).toISOString(), until: null}, reingest: true}]);
		// Keys other than quit are ignored while loading.
		await press(r.stdin, 'w', KEY.right);
		expect(source.loads).toHaveLength(1);
		source.release();
		const ready = await until(r.lastFrame, (f) => f.includes('[Files]'));
		expect(header(ready)).toContain('last 7 days');
	});

	it('skips discovery and ingest when the ledger is read as it is', async () => {
		const source = fakeSource({manual: true});
		const r = await renderApp({source, ingestFirst: false}, {wait: false});
		const frame = await until(r.lastFrame, (f) => f.includes('1,234 records'));
		expect(lines(frame).find((l) => l.includes('found logs'))).toContain('skipped');
		expect(lines(frame).find((l) => l.includes('ingested'))).toContain('skipped');
		expect(source.loads[0]!.reingest).toBe(false);
		source.release();
		await until(r.lastFrame, (f) => f.includes('[Files]'));
	});

	it('a load that fails ends the UI with its message (run-tui prints it and exits 1)', async () => {
		const r = await renderApp({source: fakeSource({fail: 'the ledger is locked'})}, {wait: false});
		// The error frame may be the last before the exit unmounts the tree: look at every frame
		// written, not only the one on screen when the wait polls.
		await until(r.lastFrame, () => r.exited());
		expect(r.frames.map((f) => plain(f)).some((f) => f.includes('burn: the ledger is locked'))).toBe(true);
	});

	it('q quits while loading', async () => {
		const r = await renderApp({source: fakeSource({manual: true})}, {wait: false});
		await until(r.lastFrame, (f) => f.includes('scanning ledger'));
		await press(r.stdin, 'q');
		expect(r.exited()).toBe(true);
	});
});

describe('hotspots screen', () => {
	it('header with window, sources and totals; tabs; table with the first row selected; footer of keys', async () => {
		const r = await renderApp();
		const frame = plain(r.lastFrame());
		const [h1, h2, tabs, titles] = lines(frame);
		expect(h1).toMatch(/^ burn · last 7 days · all sources\s+\$\d+\.\d+ spent · \$\d+\.\d+ attributed$/);
		expect(h2).toMatch(/^ 13 turns · 2 sessions · unattributed \$\d+\.\d+\s+daily [▁▂▃▄▅▆▇█ ]+$/);
		expect(tabs).toBe(` [Files]  Commands   Subagents   MCP   Models   Sessions   Findings(${weekFindings().length})   Live`);
		expect(titles).toMatch(/#\s+file \(in \/home\/dev\/code\)\s+calls\s+initial\s+riding\s+turns\s+cost\s+share/);
		expect(selectedRow(frame)).toMatch(/^▶\s+1 app\/src\/server\/routes\.ts\s+2 /);
		expect(frame).toContain('app/src/lib/session-store.ts');
		expect(frame).toContain('api/src/orders.rs');
		expect(footer(frame)).toBe(' ↑↓ move  ←→ tab  enter open  w window  s source  p pattern  / filter  ? help  q quit');
		expect(r.source.loads).toHaveLength(1);
	});

	it('the totals are those of the report', async () => {
		const r = await renderApp();
		const report = analyzeHotspots(datasetFor({since: new Date(NOW - 7 * DAY).toISOString(), until: null}), priceBook);
		const h1 = header(r.lastFrame());
		expect(h1).toContain(`$${report.grandTotal.toFixed(2)} spent`);
		expect(h1).toContain(`$${report.attributedTotal.toFixed(2)} attributed`);
	});

	it('every tab shows its table', async () => {
		const r = await renderApp();
		const seen: Record<string, string> = {};
		for (let i = 0; i < 8; i++) {
			seen[activeTab(r.lastFrame())] = plain(r.lastFrame());
			await press(r.stdin, KEY.right);
		}
		expect(Object.keys(seen)).toEqual(['Files', 'Commands', 'Subagents', 'MCP', 'Models', 'Sessions', 'Findings', 'Live']);
		expect(seen.Commands).toMatch(/▶\s+1 npm test\s+2 /);
		expect(seen.Commands).toContain('cargo test');
		expect(seen.Subagents).toMatch(/▶\s+1 Explore\s+1 /);
		expect(seen.MCP).toMatch(/▶\s+1 github · get_issue\s+1 /);
		expect(seen.Models).toMatch(/▶ claude-sonnet-4-5\s+8 /);
		expect(seen.Models).toMatch(/ gpt-5\.4\s+5 /);
		expect(seen.Sessions).toMatch(/▶ a1b2c3d4\s+May 10 10:00 claude-code \/home\/dev\/code\/app\s+8 /);
		expect(seen.Sessions).toMatch(/ 019a2b3c\s+May 7 12:00\s+codex\s+\/home\/dev\/code\/api\s+5 /);
		// The detectors' findings: a retry loop in the codex session first.
		const findings = weekFindings();
		expect(findings.length).toBeGreaterThan(0);
		// Issue 14: sorted by savings, then cost; the demo's findings are small, folded per kind.
		expect(seen.Findings).toMatch(/sev\s+kind\s+finding\s+session\s+savings\s+cost/);
		for (const k of new Set(findings.map((f) => f.kind))) expect(seen.Findings).toMatch(new RegExp(`minor ${k}\\s+\\d+ small finding`));
	});
});

describe('keys', () => {
	it('↓ j ↑ k move the ▶ row', async () => {
		const r = await renderApp();
		expect(selectedRow(r.lastFrame())).toContain('routes.ts');
		await press(r.stdin, KEY.down);
		expect(selectedRow(r.lastFrame())).toContain('session-store.ts');
		await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toContain('orders.rs');
		await press(r.stdin, KEY.up);
		expect(selectedRow(r.lastFrame())).toContain('session-store.ts');
		await press(r.stdin, 'k', 'k', 'k');
		expect(selectedRow(r.lastFrame())).toContain('routes.ts');
	});

	it('G goes to the last row, g to the first', async () => {
		const r = await renderApp();
		await press(r.stdin, 'G');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶\s+4 app\/src\/evil\.ts/);
		await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶\s+4 /);
		await press(r.stdin, 'g');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶\s+1 /);
	});

	it('PgDn and PgUp move a page and scroll the table', async () => {
		// 9 rows: 4 around the body, a table of 5 (titles, 3 rows, `i–j of n`).
		const r = await renderApp({}, {rows: 9});
		await until(r.lastFrame, (f) => f.includes('1–3 of 4'));
		expect(r.lastFrame()).not.toContain('evil.ts');
		await press(r.stdin, KEY.pageDown);
		let frame = plain(r.lastFrame());
		expect(selectedRow(frame)).toMatch(/^▶\s+4 app\/src\/evil\.ts/);
		expect(frame).toContain('2–4 of 4');
		expect(frame).not.toContain('routes.ts');
		await press(r.stdin, KEY.pageUp);
		frame = plain(r.lastFrame());
		expect(selectedRow(frame)).toMatch(/^▶\s+1 app\/src\/server\/routes\.ts/);
		expect(frame).toContain('1–3 of 4');
		expect(lines(frame)).toHaveLength(9);
	});

	it('→ Tab ← Shift-Tab change the tab, wrapping, and reset the selection', async () => {
		const r = await renderApp();
		await press(r.stdin, 'j');
		await press(r.stdin, KEY.right);
		expect(activeTab(r.lastFrame())).toBe('Commands');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶\s+1 /);
		await press(r.stdin, KEY.tab);
		expect(activeTab(r.lastFrame())).toBe('Subagents');
		await press(r.stdin, KEY.left);
		expect(activeTab(r.lastFrame())).toBe('Commands');
		await press(r.stdin, KEY.shiftTab);
		expect(activeTab(r.lastFrame())).toBe('Files');
		await press(r.stdin, KEY.left);
		expect(activeTab(r.lastFrame())).toBe('Live');
		await press(r.stdin, KEY.left);
		expect(activeTab(r.lastFrame())).toBe('Findings');
		await press(r.stdin, KEY.tab, KEY.tab);
		expect(activeTab(r.lastFrame())).toBe('Files');
	});

	it('w cycles the window; a wider window reloads, a narrower one is served from memory', async () => {
		const r = await renderApp();
		const loads = () => r.source.loads.map((l) => l.window.since);
		const since = (days: number) => new Date(NOW - days * DAY).toISOString();
		expect(loads()).toEqual([since(7)]);

		await press(r.stdin, 'w');
		let frame = await until(r.lastFrame, (f) => f.includes('last 30 days') && f.includes('[Files]'));
		expect(loads()).toEqual([since(7), since(30)]);
		expect(lines(frame)[1]).toContain('3 sessions');
		expect(frame).toContain('package-lock.json');

		await press(r.stdin, 'w');
		await until(r.lastFrame, (f) => f.includes('last 90 days') && f.includes('[Files]'));
		await press(r.stdin, 'w');
		await until(r.lastFrame, (f) => f.includes('all time') && f.includes('[Files]'));
		expect(loads()).toEqual([since(7), since(30), since(90), null]);
		expect(r.source.loads.every((l) => !l.reingest)).toBe(true);

		// all → 24h → 7d: covered by what is loaded, no new load.
		await press(r.stdin, 'w');
		frame = await until(r.lastFrame, (f) => f.includes('last 24 hours') && f.includes('[Files]'));
		expect(lines(frame)[1]).toContain('8 turns · 1 session ·');
		expect(frame).not.toContain('orders.rs');
		await press(r.stdin, 'w');
		frame = await until(r.lastFrame, (f) => f.includes('last 7 days') && f.includes('[Files]'));
		expect(lines(frame)[1]).toContain('2 sessions');
		expect(loads()).toHaveLength(4);
	});

	it('w from 24h to 7d must read more: it shows the progress panel and reloads', async () => {
		const source = fakeSource();
		const r = await renderApp({source, initialWindow: '24h'});
		expect(header(r.lastFrame())).toContain('last 24 hours');
		await press(r.stdin, 'w');
		await until(r.lastFrame, (f) => f.includes('last 7 days') && f.includes('[Files]'));
		expect(source.loads).toHaveLength(2);
		// The panel was on screen in between.
		expect(r.frames.some((f) => f.includes('scanning ledger') && f.includes('last 7 days'))).toBe(true);
	});

	it('w inside a drill level keeps the level (issue 14)', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.enter);
		expect(lines(r.lastFrame())[3]).toContain('routes.ts · $');
		await press(r.stdin, 'w');
		const frame = await until(r.lastFrame, (f) => f.includes('last 30 days') && !f.includes('scanning'));
		expect(lines(frame)[3]).toContain('routes.ts · $');
		expect(frame).not.toContain('[Files]');
	});

	it('s cycles the sources present: all → claude-code → codex → all, without reloading', async () => {
		const r = await renderApp();
		await press(r.stdin, 's');
		let frame = plain(r.lastFrame());
		expect(header(frame)).toContain('burn · last 7 days · claude-code');
		expect(lines(frame)[1]).toContain('1 session ·');
		expect(frame).not.toContain('orders.rs');
		await press(r.stdin, 's');
		frame = plain(r.lastFrame());
		expect(header(frame)).toContain('burn · last 7 days · codex');
		expect(frame).toContain('orders.rs');
		expect(frame).not.toContain('routes.ts');
		await press(r.stdin, 's');
		expect(header(r.lastFrame())).toContain('all sources');
		expect(r.source.loads).toHaveLength(1);
	});

	it('p cycles the finding kinds present: the findings and the sessions narrow to those with it', async () => {
		const r = await renderApp();
		const kinds = findingKinds({findings: weekFindings()} as never);
		expect(kinds).toEqual(['retry-loop', 'tool-call-pattern']);
		await press(r.stdin, KEY.left, KEY.left);
		expect(plain(r.lastFrame())).toContain(`Findings(${weekFindings().length})`);
		await press(r.stdin, 'p');
		let frame = plain(r.lastFrame());
		expect(header(frame)).toContain('burn · last 7 days · all sources · pattern retry-loop');
		expect(frame).toContain('[Findings(1)]');
		expect(selectedRow(frame)).toMatch(/retry-loop\s+Retry loop: Bash cargo test/);
		// The Sessions tab keeps only the session with a retry loop.
		await press(r.stdin, KEY.left);
		frame = plain(r.lastFrame());
		expect(frame).toContain('019a2b3c');
		expect(frame).not.toContain('a1b2c3d4');
		expect(lines(frame)[1]).toContain(' 1 session ·');
		// Hotspot rows narrow too: a row's sessions are only those with the pattern.
		await press(r.stdin, KEY.tab, KEY.tab, KEY.tab, KEY.enter);
		expect(activeTab(r.lastFrame())).toBe('');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ 019a2b3c\s+May 7 12:00\s+codex/);
		expect(plain(r.lastFrame())).not.toContain('a1b2c3d4');
		await press(r.stdin, KEY.escape, KEY.left, KEY.left, 'p');
		expect(header(r.lastFrame())).toContain('pattern tool-call-pattern');
		expect(plain(r.lastFrame())).toContain('a1b2c3d4');
		await press(r.stdin, 'p');
		expect(header(r.lastFrame())).not.toContain('pattern');
		expect(lines(r.lastFrame())[1]).toContain(' 2 sessions ·');
		expect(r.source.loads).toHaveLength(1);
	});

	it('p is harmless when there are no findings', async () => {
		// Only the first turn (a Read): nothing for the detectors.
		const keep = (rec: LedgerRecord) => (rec.kind === 'turn' ? rec.record.messageId === 'msg-a1' : rec.kind === 'user_turn' && rec.record.precedingMessageId === 'msg-a1');
		expect(findingsOf(WEEK, keep)).toEqual([]);
		const r = await renderApp({source: fakeSource({keep})});
		expect(plain(r.lastFrame())).toContain('Findings(0)');
		const before = plain(r.lastFrame());
		await press(r.stdin, 'p');
		expect(plain(r.lastFrame())).toBe(before);
		await press(r.stdin, KEY.left, KEY.left, KEY.enter);
		expect(plain(r.lastFrame())).toContain('no findings in this window');
		expect(activeTab(r.lastFrame())).toBe('Findings');
	});

	it('/ types a filter: rows narrow, the header shows it, Enter keeps it, Esc clears it', async () => {
		const r = await renderApp();
		await press(r.stdin, '/');
		expect(footer(r.lastFrame())).toMatch(/^ \/\s+enter keep · esc clear/);
		await press(r.stdin, 'r', 'o', 'u');
		let frame = plain(r.lastFrame());
		expect(header(frame)).toContain('all sources · /rou');
		expect(footer(frame)).toMatch(/^ \/rou\s+enter keep · esc clear/);
		expect(frame).toContain('routes.ts');
		expect(frame).not.toContain('session-store.ts');
		// While typing, letters are text: r did not reload, q does not quit.
		expect(r.source.loads).toHaveLength(1);
		await press(r.stdin, KEY.enter);
		frame = plain(r.lastFrame());
		expect(header(frame)).toContain('/rou');
		expect(footer(frame)).toContain('q quit');
		expect(frame).not.toContain('session-store.ts');
		// The filter applies to every tab.
		await press(r.stdin, KEY.right);
		expect(plain(r.lastFrame())).toContain('no rows match /rou');
		await press(r.stdin, KEY.left, KEY.escape);
		frame = plain(r.lastFrame());
		expect(header(frame)).not.toContain('/rou');
		expect(frame).toContain('session-store.ts');
	});

	it('/ then Esc while typing clears; Backspace erases; q is just a letter', async () => {
		const r = await renderApp();
		await press(r.stdin, '/', 'q', 'x', KEY.backspace);
		expect(header(r.lastFrame())).toContain('/q');
		expect(r.exited()).toBe(false);
		expect(plain(r.lastFrame())).toContain('no rows match /q (esc clears)');
		await press(r.stdin, KEY.escape);
		expect(header(r.lastFrame())).not.toContain('/q');
		expect(footer(r.lastFrame())).toContain('q quit');
		expect(selectedRow(r.lastFrame())).toContain('routes.ts');
	});

	it('Enter drills a file → its sessions → the session → a turn; Esc and Backspace go back keeping the selection', async () => {
		const r = await renderApp();
		await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toContain('session-store.ts');
		await press(r.stdin, 'k', KEY.enter);
		// The row: the sessions it came from.
		let frame = plain(r.lastFrame());
		expect(lines(frame)[2]).toBe(' Files › routes.ts');
		expect(lines(frame)[3]).toMatch(/^ \/home\/dev\/code\/app\/src\/server\/routes\.ts · \$0\.\d+ in 1 session$/);
		expect(lines(frame)[4]).toMatch(/session\s+started\s+source\s+project\s+turns\s+calls\s+cost\s+share/);
		expect(selectedRow(frame)).toMatch(/^▶ a1b2c3d4\s+May 10 10:00 claude-code \/home\/dev\/code\/app\s+2\s+2\s+\$0\.\d+\s+100%/);
		expect(footer(frame)).toContain('esc back');
		expect(frame).not.toContain('[Files]');

		// The session: title, subagents, findings, timeline.
		await press(r.stdin, KEY.enter);
		frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toMatch(/^ session a1b2c3d4 · claude-code · \/home\/dev\/code\/app · May 10 10:00–10:07 · \$0\.\d+$/);
		expect(lines(frame)[4]).toBe(' subagents: Explore (2 turns, $0.051)');
		// Its findings, by title.
		const own = weekFindings().filter((f) => f.sessionId === S_APP);
		expect(own.length).toBeGreaterThan(0);
		expect(lines(frame)[5]).toBe(` findings: ${own.map((f) => f.title).join(' · ')}`);
		expect(lines(frame)[6]).toMatch(/^ \[Turns\]/);
		expect(lines(frame)[7]).toMatch(/turn\s+time\s+model\s+in\s+cache w\s+cache r\s+out\s+cost\s+calls/);
		// Opened on the first turn that involves the file, marked ◆ (issue 14).
		expect(selectedRow(frame)).toMatch(/^▶\s+◆1 10:00 sonnet-4-5\s+1\.2k\s+18k\s+0\s+300\s+\$0\.076 Read routes\.ts/);
		expect(frame).toMatch(/ ↳4 10:03 sonnet-4-5 .* ↳Explore: Read session-store\.ts/);
		expect(frame).toMatch(/ ◆2 10:01 .* Edit routes\.ts; Bash npm test/);
		expect(frame).toContain('github:get_issue relay/burn#42');

		// A turn: its usage, each call with the first lines of its result.
		await press(r.stdin, 'j', KEY.enter);
		frame = await until(r.lastFrame, (f) => f.includes('PASS') || f.includes('FAIL'));
		expect(lines(frame)[2]).toBe(' Files › routes.ts › a1b2c3d4 ◆ routes.ts › turn 2');
		expect(lines(frame)[3]).toMatch(/^ turn 2 · May 10 10:01 · claude-sonnet-4-5 · \$0\.058$/);
		expect(lines(frame)[4]).toBe(' in 400 · cache w 9.5k · cache r 27k · out 900 · 2 tool calls');
		expect(frame).toMatch(/• Edit \/home\/\S*routes\.ts {2}· \d+ tok · \$/);
		expect(frame).toMatch(/✘ Bash npm test {2}· \d+ tok · \$/);
		expect(frame).toContain('      The file has been updated.');
		expect(frame).toContain('      FAIL src/server/routes.test.ts');
		expect(frame).toContain('      ● orders › creates an order');
		expect(r.source.contentCalls).toEqual([S_APP]);
		expect(footer(frame)).toContain('esc back');

		// Back: the session keeps turn 2 selected, the row its session, the table its row.
		await press(r.stdin, KEY.escape);
		expect(selectedRow(r.lastFrame())).toMatch(/^▶\s+◆2 10:01/);
		await press(r.stdin, KEY.backspace);
		expect(lines(r.lastFrame())[3]).toContain('routes.ts · $');
		await press(r.stdin, KEY.escape);
		frame = plain(r.lastFrame());
		expect(activeTab(frame)).toBe('Files');
		expect(selectedRow(frame)).toContain('routes.ts');
		// The turn's text is read once per session.
		await press(r.stdin, KEY.enter, KEY.enter, KEY.enter);
		await until(r.lastFrame, (f) => f.includes(' turn 1 ·') && f.includes('import {Router}'));
		expect(r.source.contentCalls).toEqual([S_APP]);
	});

	it('Enter on a command verb opens its exact commands, then their sessions; a subagent its sessions; a model its sessions', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.right, 'j', KEY.enter);
		let frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toMatch(/^ cargo test · 1 distinct command · 3 calls · \$0\.\d+$/);
		expect(selectedRow(frame)).toMatch(/^▶\s+1 cargo test --workspace\s+3 /);
		await press(r.stdin, KEY.enter);
		frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toMatch(/^ cargo test --workspace · \$0\.\d+ in 1 session$/);
		expect(selectedRow(frame)).toMatch(/^▶ 019a2b3c\s+May 7 12:00\s+codex\s+\/home\/dev\/code\/api /);
		await press(r.stdin, KEY.enter);
		frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toMatch(/^ session 019a2b3c · codex · \/home\/dev\/code\/api · May 7 12:00–12:02 · \$0\.\d+$/);
		expect(frame).toContain('Bash cargo test --workspace');
		expect(frame).toMatch(/ 4 12:01 gpt-5\.4 .* Read orders\.rs/);
		expect(lines(frame)[5]).toMatch(/^ findings: Retry loop: Bash cargo test --workspace failed 3×/);
		await press(r.stdin, KEY.escape, KEY.escape, KEY.escape, KEY.right, KEY.enter);
		expect(lines(r.lastFrame())[3]).toMatch(/^ Explore · \$0\.\d+ in 1 session$/);
		await press(r.stdin, KEY.escape, KEY.right, KEY.right);
		expect(activeTab(r.lastFrame())).toBe('Models');
		await press(r.stdin, KEY.enter);
		frame = plain(r.lastFrame());
		expect(lines(frame)[3]).toMatch(/^ sonnet-4-5 · \$0\.\d+ in 1 session$/);
		expect(selectedRow(frame)).toMatch(/^▶ a1b2c3d4 .* 100%$/);
	});

	it('Enter on a finding opens its session; on the Sessions tab the session', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.left, KEY.left, 'G');
		expect(activeTab(r.lastFrame())).toBe('Findings');
		// The demo's findings are small: one minor row per kind; Enter lists them, Enter opens one's session.
		const minor = selectedRow(r.lastFrame());
		expect(minor).toMatch(/^▶ minor /);
		const kind = /^▶ minor (\S+)/.exec(minor)![1]!;
		const last = weekFindings().filter((f) => f.kind === kind)[0]!;
		await press(r.stdin, KEY.enter, KEY.enter);
		expect(lines(r.lastFrame())[3]).toMatch(new RegExp(`^ session ${last.sessionId!.slice(0, 8)} · `));
		await press(r.stdin, KEY.escape, KEY.escape);
		expect(activeTab(r.lastFrame())).toBe('Findings');
		expect(selectedRow(r.lastFrame())).toBe(minor);
		await press(r.stdin, KEY.left, 'j', KEY.enter);
		expect(lines(r.lastFrame())[3]).toMatch(/^ session 019a2b3c · codex/);
		await press(r.stdin, KEY.backspace);
		expect(activeTab(r.lastFrame())).toBe('Sessions');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ 019a2b3c/);
	});

	it('a long turn scrolls with ↑↓ g G', async () => {
		// 10 rows leave the turn 6 (a breadcrumb line above it): two title lines, 3 of text and `lines i–j of n`; turn 2 has 8.
		const r = await renderApp({}, {rows: 10});
		await press(r.stdin, KEY.enter, KEY.enter, 'j', KEY.enter);
		let frame = await until(r.lastFrame, (f) => f.includes('The file has been updated.'));
		expect(frame).toMatch(/lines 1–3 of 8 · ↑↓ scroll/);
		expect(footer(frame)).toContain('↑↓ scroll');
		await press(r.stdin, 'j');
		frame = plain(r.lastFrame());
		expect(frame).toMatch(/lines 2–4 of 8/);
		expect(frame).not.toContain('• Edit');
		await press(r.stdin, 'G');
		expect(plain(r.lastFrame())).toMatch(/lines 6–8 of 8/);
		expect(plain(r.lastFrame())).toContain('expected 201, received 500');
		await press(r.stdin, 'j');
		expect(plain(r.lastFrame())).toMatch(/lines 6–8 of 8/);
		await press(r.stdin, 'g');
		expect(plain(r.lastFrame())).toMatch(/lines 1–3 of 8/);
		expect(lines(r.lastFrame())).toHaveLength(10);
	});

	it('? shows the help from the bindings table; Esc or ? closes it; other keys wait', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.right, '?');
		let frame = plain(r.lastFrame());
		expect(frame).toContain('keys');
		// Taller than the terminal: ↑↓ scroll it (issue 14 added keys and the columns' words).
		let seen = frame;
		for (let i = 0; i < 30; i++) {
			await press(r.stdin, 'j');
			seen += plain(r.lastFrame());
		}
		for (const l of helpLines()) expect(seen).toContain(`${l.keys.padEnd(HELP_KEYS_WIDTH)} ${l.help}`);
		// The columns' words: the title as the tables write it, then what it means.
		expect(seen).toMatch(/riding\s+what the result cost again/);
		expect(frame).toContain('esc or ? closes this help');
		expect(frame).not.toContain('[Commands]');
		frame = plain(r.lastFrame());
		await press(r.stdin, KEY.right, 'w', KEY.enter);
		expect(plain(r.lastFrame())).toBe(frame);
		expect(r.source.loads).toHaveLength(1);
		await press(r.stdin, KEY.escape);
		frame = plain(r.lastFrame());
		expect(activeTab(frame)).toBe('Commands');
		expect(selectedRow(frame)).toMatch(/^▶\s+1 /);
		await press(r.stdin, '?');
		expect(plain(r.lastFrame())).toContain('esc or ? closes this help');
		await press(r.stdin, '?');
		expect(plain(r.lastFrame())).not.toContain('esc or ? closes this help');
		await press(r.stdin, KEY.enter, '?', KEY.backspace);
		expect(lines(r.lastFrame())[3]).toMatch(/^ npm test · /);
	});

	it('r re-ingests and reloads the same window, with the progress panel', async () => {
		const source = fakeSource({manual: true});
		const r = await renderApp({source}, {wait: false});
		await until(r.lastFrame, (f) => f.includes('scanning ledger'));
		source.release();
		await until(r.lastFrame, (f) => f.includes('[Files]'));
		await press(r.stdin, KEY.right, 'j', 'r');
		const panel = await until(r.lastFrame, (f) => f.includes('2 sources, 3 files'));
		expect(panel).toMatch(/✔ found logs/);
		expect(panel).toMatch(/ingested\s+1\/3/);
		source.release();
		const frame = await until(r.lastFrame, (f) => f.includes('[Commands]'));
		// Same tab; the selection is kept.
		expect(selectedRow(frame)).toMatch(/^▶\s+2 cargo test/);
		expect(r.source.loads).toEqual([
			{window: {since: new Date(NOW - 7 * DAY).toISOString(), until: null}, reingest: false},
			{window: {since: new Date(NOW - 7 * DAY).toISOString(), until: null}, reingest: true},
		]);
	});

	it('several keys in one read are handled one after the other', async () => {
		const r = await renderApp();
		// Fast typing or keys sent together reach the app as one string.
		// Each step waits (bounded) for the frame it expects, never a fixed time.
		r.stdin.write('jj');
		await until(r.lastFrame, (f) => selectedRow(f).includes('orders.rs'));
		r.stdin.write('k/rou\r');
		const frame = await until(r.lastFrame, (f) => header(f).includes('/rou') && footer(f).includes('q quit'));
		expect(frame).not.toContain('session-store.ts');
		r.stdin.write('/x\x7f\x7f\x7f\x7f\r');
		// the keys of one read may be handled over several turns: wait for the state after the last
		await until(r.lastFrame, (f) => !header(f).includes('/') && footer(f).includes('q quit') && f.includes('session-store.ts'));
		await settle();
		r.stdin.write('G\r\r');
		await until(r.lastFrame, (f) => /^ session a1b2c3d4 /.test(lines(f)[3] ?? ''));
		r.stdin.write('\x7fq');
		await until(() => (r.exited() ? 'exited' : ''), (f) => f === 'exited');
	});

	it('q quits', async () => {
		const r = await renderApp();
		expect(r.exited()).toBe(false);
		await press(r.stdin, 'q');
		expect(r.exited()).toBe(true);
	});

	it('Ctrl-C quits, even while typing a filter', async () => {
		const a = await renderApp();
		await press(a.stdin, KEY.ctrlC);
		expect(a.exited()).toBe(true);
		const b = await renderApp();
		await press(b.stdin, '/', 'x', KEY.ctrlC);
		expect(b.exited()).toBe(true);
	});

	it('q quits from a drill-down and from the help', async () => {
		const a = await renderApp();
		await press(a.stdin, KEY.enter, KEY.enter, KEY.enter, 'q');
		expect(a.exited()).toBe(true);
		const b = await renderApp();
		await press(b.stdin, '?', 'q');
		expect(b.exited()).toBe(true);
	});
});

describe('--session', () => {
	it('--session <prefix> opens that session first; Esc goes to the hotspots', async () => {
		const r = await renderApp({session: 'c0ffee', initialWindow: 'all'}, {wait: false});
		const frame = await until(r.lastFrame, (f) => f.includes(' session c0ffee00'));
		expect(frame).toContain('Read package-lock.json');
		expect(S_OLD.startsWith('c0ffee')).toBe(true);
		await press(r.stdin, KEY.escape);
		expect(activeTab(r.lastFrame())).toBe('Files');
	});

	it('--session alone opens the most recent session', async () => {
		const r = await renderApp({session: true}, {wait: false});
		await until(r.lastFrame, (f) => f.includes(' session a1b2c3d4'));
		expect(S_API).not.toContain('a1b2c3d4');
	});

	it('a session outside the window says so', async () => {
		const r = await renderApp({session: 'c0ffee'}, {wait: false});
		const frame = await until(r.lastFrame, (f) => f.includes('no session'));
		expect(frame).toContain('no session c0ffee in this window (w widens the window)');
		// Known, only outside this window: the UI stays, and `w` can widen it.
		expect(r.exited()).toBe(false);
	});
});

describe('terminal', () => {
	const screens = async (columns: number, rows: number) => {
		const r = await renderApp({}, {columns, rows});
		await until(r.lastFrame, (f) => plain(f).split('\n')[0]!.length <= columns);
		const out: Record<string, string> = {files: plain(r.lastFrame())};
		const tabs = ['commands', 'subagents', 'mcp', 'models', 'sessions', 'findings', 'live'];
		for (const t of tabs) {
			await press(r.stdin, KEY.right);
			out[t] = plain(r.lastFrame());
		}
		await press(r.stdin, KEY.right, KEY.enter);
		out.row = plain(r.lastFrame());
		await press(r.stdin, KEY.enter);
		out.session = plain(r.lastFrame());
		await press(r.stdin, 'j', 'j', 'j', 'j', 'j', 'j', KEY.enter);
		out.turn = await until(r.lastFrame, (f) => f.includes('export const evil'));
		await press(r.stdin, KEY.escape, '?');
		out.help = plain(r.lastFrame());
		await press(r.stdin, KEY.escape, '/', 'x');
		out.typing = plain(r.lastFrame());
		return out;
	};

	it.each([
		[80, 24],
		[100, 30],
		[120, 40],
	])('every screen fits %i×%i', async (columns, rows) => {
		const out = await screens(columns, rows);
		for (const [name, frame] of Object.entries(out)) {
			const ls = plain(frame).split('\n');
			expect(ls.length, name).toBeLessThanOrEqual(rows);
			for (const l of ls) expect([...l].length, `${name}: ${l}`).toBeLessThanOrEqual(columns);
		}
		// The costs at the ends of the title lines are not cut off.
		const sessionCost = /a1b2c3d4 .*? (\$[\d.]+) +\$[\d.]+$/m.exec(out.sessions!)![1]!;
		expect(out.session!.split('\n')[3]).toMatch(new RegExp(`^ session a1b2c3d4 · claude-code · .*app · May 10 10:00–10:07 · \\${sessionCost}$`));
		expect(out.turn!.split('\n')[3]).toBe(' turn 7 · May 10 10:06 · claude-sonnet-4-5 · $0.033');
		expect(out.files!.split('\n')[0]).toMatch(/attributed$/);
	});

	it('adapts to a resize', async () => {
		const r = await renderApp();
		expect(Math.max(...lines(r.lastFrame()).map((l) => [...l].length))).toBeGreaterThan(90);
		resize(r.stdout, 72, 20);
		const frame = await until(r.lastFrame, (f) => Math.max(...plain(f).split('\n').map((l) => [...l].length)) <= 72 && /attributed$/.test(header(f)));
		expect(lines(frame).length).toBeLessThanOrEqual(20);
		expect(header(frame)).toMatch(/attributed$/);
	});

	it('escape sequences and control characters from logs never reach the terminal', async () => {
		const r = await renderApp();
		const frames: string[] = [plain(r.lastFrame())];
		const capture = async (...keys: string[]) => {
			await press(r.stdin, ...keys);
			frames.push(plain(r.lastFrame()));
		};
		// Files (the path), Commands (the verb), its drill-down, the session, turn 7 (path, command, result text).
		await capture(KEY.right);
		await capture(KEY.left, 'G', KEY.enter);
		await capture(KEY.enter);
		// The session opens on the turn that read the file (issue 14); from the top, turn 7 again.
		await capture('g', 'j', 'j', 'j', 'j', 'j', 'j');
		await press(r.stdin, KEY.enter);
		frames.push(plain(await until(r.lastFrame, (f) => f.includes('export const evil'))));
		const all = frames.join('\n');
		expect(all).toContain('app/src/evil.ts');
		expect(all).toContain('Read evil.ts; Bash echo red done');
		expect(all).toMatch(/• Bash echo red done/);
		expect(all).toContain('export const evil = true;');
		// No ESC, no BEL or other C0/C1 control besides the line breaks, no leftovers of the sequences.
		expect(all).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
		expect(all).not.toContain('[31m');
		expect(all).not.toContain('pwned');
		// The raw frames too, once colours are taken out.
		for (const f of r.frames) expect(f.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
	});
});
