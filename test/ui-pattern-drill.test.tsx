/**
 * Under a pattern filter (`p`) every drill-down reads the narrowed report, as the row it opens
 * from does: a file, a command verb, an exact command and a model shared by a session with the
 * pattern and one without it list only the pattern's session, with the row's own counts.
 * Before 87a26b7 the drill-downs read the whole window (both sessions, every call).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import type {LedgerRecord} from '../source/core/records.js';
import {KEY, NOW, activeTab, datasetFor, fakeSource, findingsOf, plain, press, priceBook, renderApp, selectedRow, sessionRecords, until, type CallSpec} from './helpers/ui.js';

afterEach(() => cleanup());

const WEEK = {since: new Date(NOW - 7 * 86_400_000).toISOString(), until: null};
/** `npm test` fails three times in a row in this one (a retry loop)… */
const S_LOOP = 'aaaa1111-0000-4000-8000-000000000001';
/** …and passes twice in this one; both read the same file and use the same model. */
const S_CLEAN = 'bbbb2222-0000-4000-8000-000000000002';
const PROJECT = '/home/dev/code/shop';
const SHARED = `${PROJECT}/src/cart.ts`;
const SONNET = 'claude-sonnet-4-5';
const at = (min: number) => NOW - 3 * 3_600_000 + min * 60_000;
const usage = (n: number) => ({input: 500, output: 200, cacheRead: 10_000 * n, cacheCreate5m: 2_000});
/** The same command (same arguments hash) in both sessions. */
const npmTest = (id: string, isError = false): CallSpec => ({id, name: 'Bash', target: 'npm test', tokens: 2_000, args: 'npm-test', ...(isError ? {isError} : {})});

function records(): LedgerRecord[] {
	const loop = sessionRecords('claude-code', S_LOOP, PROJECT, [
		{id: 'l1', at: at(0), model: SONNET, usage: usage(0), calls: [{id: 'tl1', name: 'Read', target: SHARED, tokens: 6_000}]},
		{id: 'l2', at: at(1), model: SONNET, usage: usage(1), calls: [npmTest('tl2', true)]},
		{id: 'l3', at: at(2), model: SONNET, usage: usage(2), calls: [npmTest('tl3', true)]},
		{id: 'l4', at: at(3), model: SONNET, usage: usage(3), calls: [npmTest('tl4', true)]},
		{id: 'l5', at: at(4), model: SONNET, usage: usage(4)},
	]);
	const clean = sessionRecords('claude-code', S_CLEAN, PROJECT, [
		{id: 'c1', at: at(30), model: SONNET, usage: usage(0), calls: [{id: 'tc1', name: 'Read', target: SHARED, tokens: 6_000}]},
		{id: 'c2', at: at(31), model: SONNET, usage: usage(1), calls: [{id: 'tc2', name: 'Edit', target: SHARED, tokens: 200}]},
		{id: 'c3', at: at(32), model: SONNET, usage: usage(2), calls: [npmTest('tc3')]},
		{id: 'c4', at: at(33), model: SONNET, usage: usage(3), calls: [npmTest('tc4')]},
		{id: 'c5', at: at(34), model: SONNET, usage: usage(4)},
	]);
	return [...loop, ...clean];
}

/** The table's side of each line (the detail pane is right of `│`). */
const tableLines = (frame: string) => plain(frame).split('\n').map((l) => l.split('│')[0]!.trimEnd());
/** A drill-down's session rows: `▶ aaaa1111     May 10 09:00 claude-code ~/shop   1     1     $0.01  100%`. */
const sessionRows = (frame: string) => tableLines(frame).filter((l) => /^[▶ ] [0-9a-f]{8}\s{2,}/.test(l));
const shortIds = (frame: string) => sessionRows(frame).map((l) => l.slice(2, 10));
/** A cell counted from the row's end (the last is the share). */
const fromEnd = (row: string, n: number) => Number(row.replace(/^▶/, '').trim().split(/\s+/).at(-n)!.replace(/,/g, ''));
/** The calls (or turns) cell of a hotspot row: `▶   1 npm test   3  6k  6k  3  $0.02  62%`. */
const hotspotCalls = (row: string) => fromEnd(row, 6);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('drill-downs under a pattern filter', () => {
	it('the fixture: the rows are shared by a session with a retry loop and one without', () => {
		const kinds = findingsOf(WEEK, undefined, records).filter((f) => f.kind === 'retry-loop');
		expect(kinds.map((f) => f.sessionId)).toEqual([S_LOOP]);
		const whole = analyzeHotspots(datasetFor(WEEK, undefined, records), priceBook, {sizes: new Map(), now: NOW});
		const sessionsOf = (refs: Array<{sessionId: string}>) => [...new Set(refs.map((r) => r.sessionId))].sort();
		expect(sessionsOf(whole.files.find((f) => f.path === SHARED)!.refs)).toEqual([S_LOOP, S_CLEAN]);
		expect(sessionsOf(whole.bashVerbs.find((b) => b.verb === 'npm test')!.refs)).toEqual([S_LOOP, S_CLEAN]);
		expect(sessionsOf(whole.bash.find((b) => b.argsHash === 'npm-test')!.refs)).toEqual([S_LOOP, S_CLEAN]);
		expect(whole.models.find((m) => m.model === SONNET)!.sessions.map((s) => s.sessionId).sort()).toEqual([S_LOOP, S_CLEAN]);
	});

	/** The App on the fixture with the retry-loop filter set from the keyboard, on the Files tab. */
	async function filtered() {
		const r = await renderApp({source: fakeSource({records})}, {columns: 150, rows: 30});
		for (let i = 0; i < 6 && !plain(r.lastFrame()).split('\n')[0]!.includes('pattern retry-loop'); i++) await press(r.stdin, 'p');
		const frame = await until(r.lastFrame, (f) => f.split('\n')[0]!.includes('pattern retry-loop') && f.includes('[Files]'));
		return {r, frame};
	}

	it('Files → a file read in both sessions: only the pattern’s session, with the file row’s calls', async () => {
		const {r, frame: start} = await filtered();
		const fileRow = selectedRow(start).split('│')[0]!;
		expect(fileRow).toContain('src/cart.ts');
		await press(r.stdin, KEY.enter);
		const frame = await until(r.lastFrame, (f) => f.includes('Files › cart.ts') && sessionRows(f).length > 0);
		expect(shortIds(frame), 'Files › cart.ts').toEqual(['aaaa1111']);
		expect(sum(sessionRows(frame).map((l) => fromEnd(l, 3))), 'calls below the file row').toBe(hotspotCalls(fileRow));
		expect(frame).toContain('in 1 session');
	});

	it('Commands → a verb run in both sessions → its exact command → the sessions that ran it: the verb row’s calls, the pattern’s session', async () => {
		const {r} = await filtered();
		await press(r.stdin, KEY.right);
		let frame = await until(r.lastFrame, (f) => activeTab(f) === 'Commands' && /npm test/.test(selectedRow(f)));
		const verbCalls = hotspotCalls(selectedRow(frame).split('│')[0]!);
		expect(verbCalls).toBe(3);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => f.includes('Commands › npm test') && /npm test commands/.test(f));
		const exactRows = tableLines(frame).filter((l) => /^[▶ ]\s+\d+ npm test\s/.test(l));
		expect(exactRows.map(hotspotCalls), 'npm test commands').toEqual([verbCalls]);
		expect(frame).toContain(`npm test · 1 distinct command · ${verbCalls} calls`);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => f.includes('Commands › npm test › npm test') && sessionRows(f).length > 0);
		expect(shortIds(frame), 'Commands › npm test › npm test').toEqual(['aaaa1111']);
		expect(sum(sessionRows(frame).map((l) => fromEnd(l, 3))), 'calls below the exact command').toBe(verbCalls);
	});

	it('Models → a model both sessions used: only the pattern’s session, with the model row’s turns', async () => {
		const {r} = await filtered();
		for (let i = 0; i < 8 && activeTab(r.lastFrame()) !== 'Models'; i++) await press(r.stdin, KEY.right);
		let frame = await until(r.lastFrame, (f) => activeTab(f) === 'Models' && selectedRow(f).includes(SONNET));
		// `▶ claude-sonnet-4-5   5   2.5k …`: the turns cell follows the model.
		const modelTurns = Number(selectedRow(frame).split('│')[0]!.replace(/^▶/, '').trim().split(/\s+/)[1]);
		expect(modelTurns).toBe(5);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => f.includes('Models ›') && sessionRows(f).length > 0);
		expect(shortIds(frame), 'Models › sonnet').toEqual(['aaaa1111']);
		expect(sum(sessionRows(frame).map((l) => fromEnd(l, 3))), 'turns below the model row').toBe(modelTurns);
	});
});
