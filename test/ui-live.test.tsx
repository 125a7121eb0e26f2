/**
 * Live UI (issue 15): the open view follows the logs. A Claude log in a temporary home is
 * appended to while the App is open on the real pipeline (loadViewData, the incremental
 * ingest, the log watcher); after every update the data the view holds equals a fresh load of
 * the same window to the last digit, and the screen equals a fresh view's. Appends that land
 * mid-response (a partial line completed later), a new session file, a new subagent file and a
 * rewritten file are covered, with fs.watch and with the stat poll alone; every update is a
 * live merge (pipeline/live-update.ts), never a reload of the window. Every wait is bounded.
 */
import React from 'react';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import type {Dataset, Window} from '../source/ledger/dataset.js';
import type {LoadRequest} from '../source/pipeline/load.js';
import {loadViewData, type ViewData} from '../source/pipeline/view-data.js';
import {liveUpdate} from '../source/pipeline/live-update.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {App} from '../source/ui/app.js';
import {liveSource} from '../source/ui/live-source.js';
import type {DataSource, Loaded} from '../source/ui/use-data.js';
import {windowFor} from '../source/ui/view-model.js';
import {append, claudeLine} from './helpers/live.js';
import {KEY, plain, press, selectedRow, settle, until} from './helpers/ui.js';
import {tmp} from './helpers/tmp.js';

const S1 = '11111111-2222-4333-8444-555555555555';
const S2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const NOW = Date.now();
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const quit = new AbortController();
const mounted: Array<{unmount(): void}> = [];

afterEach(() => {
	for (const m of mounted.splice(0)) m.unmount();
});

interface Home {
	request: (window: Window, ingest?: boolean) => LoadRequest;
	log: (id: string, project?: string) => string;
}

function home(): Home {
	const root = tmp('burn-live-ui-');
	const claude = join(root, 'claude');
	mkdirSync(join(claude, 'projects'), {recursive: true});
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'opencode'), TZ: 'UTC'};
	const request = (window: Window, ingest = false): LoadRequest => ({
		home: join(root, 'burn'),
		env,
		window,
		filter: {sources: null, project: null, providers: null},
		ingest,
		contentMode: 'full',
		retentionDays: 90,
	});
	const log = (id: string, project = '-tmp-live-app') => join(claude, 'projects', project, `${id}.jsonl`);
	return {request, log};
}

type Result = Awaited<ReturnType<DataSource['load']>>;

/** The view's data source on the real pipeline, as run-tui builds it, that remembers what it gave. */
function source(h: Home, poll: boolean) {
	const state = {last: null as Result | null, ingests: 0, idleRounds: 0, hows: [] as string[]};
	const bases = new WeakMap<Dataset, ViewData>();
	const give = (d: ViewData): Result => {
		bases.set(d.loaded.dataset, d);
		const r: Result = {dataset: d.loaded.dataset, priceBook: d.loaded.priceBook, sizes: d.sizes, warnings: d.notices, notices: d.notices, inventory: d.loaded.inventory, ...(d.empty ? {empty: d.empty} : {})};
		state.last = r;
		return r;
	};
	const onIdleRound = () => state.idleRounds++;
	const live = liveSource(() => h.request({since: null, until: null}), quit.signal, () => {}, poll ? {poll: true, pollMs: 50, onIdleRound} : {});
	const src: DataSource = {
		async load(window, reingest, onProgress, signal) {
			const d = await loadViewData({...h.request(window, reingest), live: true}, {sizes: true, analyse: {kind: 'prepare'}, progress: onProgress, ...(signal ? {signal} : {})});
			return give(d);
		},
		// As run-tui: the appended records merged into the loaded data (pipeline/live-update.ts).
		async update(previous, window, signal) {
			const u = await liveUpdate(h.request(window), bases.get(previous)!, signal);
			state.hows.push(u.how);
			return give(u.data);
		},
		async content() {
			return [];
		},
		follow: live.follow,
		async ingest(signal) {
			try {
				return await live.ingest(signal);
			} finally {
				state.ingests++;
			}
		},
	};
	return {src, state};
}

/** Everything the report says, to the last digit. */
const reportOf = (r: Pick<Loaded, 'dataset' | 'priceBook' | 'sizes'>) => JSON.stringify(analyzeHotspots(r.dataset, r.priceBook, {sizes: r.sizes, now: NOW}));
/**
 * The screen without what only a following view shows: the live mark and its time (the header's
 * second line is kept up to it; the sparkline after it moves) and the footer (`f pause`).
 */
const body = (frame: string | undefined) => {
	const ls = plain(frame).split('\n');
	return [ls[0], ls[1]!.replace(/ · [●‖] .*$/, '').replace(/\s+daily .*$/, ''), ...ls.slice(2, -1)].join('\n');
};

async function freshFrame(h: Home, keys: string[]): Promise<string> {
	const fresh: DataSource = {
		async load(window, _reingest, onProgress, signal) {
			const d = await loadViewData(h.request(window, false), {sizes: true, analyse: {kind: 'prepare'}, progress: onProgress, ...(signal ? {signal} : {})});
			return {dataset: d.loaded.dataset, priceBook: d.loaded.priceBook, sizes: d.sizes, warnings: d.notices, notices: d.notices, inventory: d.loaded.inventory};
		},
		async content() {
			return [];
		},
	};
	const r = render(<App source={fresh} now={NOW} initialWindow="7d" ingestFirst={false} />);
	mounted.push(r);
	await until(r.lastFrame, (f) => f.includes('[Files]'));
	await press(r.stdin, ...keys);
	const frame = r.lastFrame();
	r.unmount();
	return body(frame);
}

async function expectEqualToFresh(h: Home, state: {last: Result | null}, frame: string | undefined, keys: string[]) {
	const fresh = await loadViewData(h.request(windowFor('7d', NOW), false), {sizes: true, analyse: {kind: 'prepare'}});
	expect(reportOf(state.last!)).toBe(reportOf({dataset: fresh.loaded.dataset, priceBook: fresh.loaded.priceBook, sizes: fresh.sizes}));
	expect(body(frame)).toBe(await freshFrame(h, keys));
}

const turnsIn = (frame: string) => Number(/ (\d+) turns? · /.exec(frame)?.[1] ?? -1);

const subagentLine = (o: {session: string; agent: string; uuid: string; msg: string; ts: string; output: number}) =>
	`${JSON.stringify({type: 'assistant', uuid: o.uuid, parentUuid: null, sessionId: o.session, agentId: o.agent, timestamp: o.ts, cwd: '/tmp/live/app', isSidechain: true, version: '2.0.14', requestId: `req_${o.uuid}`, message: {id: o.msg, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'text', text: 'sub'}], stop_reason: 'end_turn', usage: {input_tokens: 700, output_tokens: o.output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}}})}\n`;

describe.each([
	['fs.watch', false],
	['the stat poll', true],
])('the open view follows the logs (%s)', (_, poll) => {
	it('after every update, the data and the screen equal a fresh load of the window', async () => {
		const h = home();
		append(h.log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: ago(600), output: 50, tools: ['Bash']}));
		const {src, state} = source(h, poll);
		const r = render(<App source={src} now={NOW} initialWindow="7d" ingestFirst={true} />);
		mounted.push(r);
		await until(r.lastFrame, (f) => f.includes('[Files]') && f.includes('● live'));
		const keys = [KEY.left, KEY.left, KEY.left]; // Live → Findings → Sessions
		await press(r.stdin, ...keys);
		let turns = 1;
		const step = async (what: string, write: () => void, added: number, done: (f: string) => boolean = () => true) => {
			write();
			turns += added;
			const frame = await until(r.lastFrame, (f) => turnsIn(f) === turns && done(f), 20_000).catch((e: Error) => {
				throw new Error(`${what}: ${e.message}`);
			});
			await expectEqualToFresh(h, state, frame, keys);
		};
		// Five plain appends, one by one.
		for (let i = 1; i <= 5; i++) {
			await step(`append ${i}`, () => append(h.log(S1), claudeLine({session: S1, uuid: `a${i}`, parent: `a${i - 1}`, msg: `msg_${i}`, req: `req_${i}`, ts: ago(300 - i), output: 10 * i, tools: i % 2 ? ['Read'] : []})), 1);
		}
		// A response whose line lands in two writes: nothing new until it is complete.
		const line = claudeLine({session: S1, uuid: 'a6', parent: 'a5', msg: 'msg_6', req: 'req_6', ts: ago(200), output: 66});
		const before = state.ingests;
		append(h.log(S1), line.slice(0, 100));
		await until(() => String(state.ingests), () => state.ingests > before, 20_000);
		expect(turnsIn(plain(r.lastFrame()))).toBe(turns);
		await step('the rest of a partial line', () => append(h.log(S1), line.slice(100)), 1);
		// A later version of the same response (more output): the same turn, updated.
		const costBefore = /\$[\d.]+/.exec(selectedRow(r.lastFrame()))?.[0];
		await step('a later version of a response', () => append(h.log(S1), claudeLine({session: S1, uuid: 'a6b', parent: 'a6', msg: 'msg_6', req: 'req_6', ts: ago(199), output: 666, tools: ['Edit']})), 0, (f) => /\$[\d.]+/.exec(selectedRow(f))?.[0] !== costBefore);
		// A new session file in a new project directory.
		await step('a new session file', () => append(h.log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b1', msg: 'msg_b1', req: 'req_b1', ts: ago(100), output: 40})), 1);
		// A new subagent transcript of the first session.
		const sub = join(h.log(S1).replace(/\.jsonl$/, ''), 'subagents', 'agent-a1b2c3.jsonl');
		await step('a new subagent file', () => append(sub, subagentLine({session: S1, agent: 'a1b2c3', uuid: 'c1', msg: 'msg_c1', ts: ago(90), output: 33})), 1);
		// A rewritten file: the other session's log replaced by two responses.
		await step(
			'a rewritten file',
			() =>
				writeFileSync(
					h.log(S2, '-tmp-other'),
					claudeLine({session: S2, uuid: 'b1', msg: 'msg_b1', req: 'req_b1', ts: ago(100), output: 40}) + claudeLine({session: S2, uuid: 'b2', parent: 'b1', msg: 'msg_b2', req: 'req_b2', ts: ago(80), output: 80}),
				),
			1,
		);
		expect(plain(r.lastFrame())).toContain('[Sessions]');
		// The screen was kept up by merges, not by loading the window again.
		expect(state.hows.filter((x) => x === 'merged').length).toBeGreaterThanOrEqual(9);
		expect(state.hows).not.toContain('full');
	}, 180_000);
});

describe('following keeps the view where it is', () => {
	it('the drill level, the selection and the filter stay; f pauses and resumes', async () => {
		const h = home();
		for (let i = 0; i < 3; i++) append(h.log(S1), claudeLine({session: S1, uuid: `a${i}`, ...(i ? {parent: `a${i - 1}`} : {}), msg: `msg_${i}`, req: `req_${i}`, ts: ago(600 - i), output: 10 + i, tools: ['Bash']}));
		const {src, state} = source(h, true);
		const r = render(<App source={src} now={NOW} initialWindow="7d" ingestFirst={true} />);
		mounted.push(r);
		await until(r.lastFrame, (f) => f.includes('● live'));
		// Sessions tab, open the session, the second turn selected, a text filter on its turns.
		await press(r.stdin, KEY.left, KEY.left, KEY.left, KEY.enter);
		await until(r.lastFrame, (f) => f.includes(`session ${S1.slice(0, 8)}`));
		await press(r.stdin, '/', 'B', 'a', 's', 'h', KEY.enter, KEY.down);
		const row = selectedRow(r.lastFrame());
		expect(row).toMatch(/^▶\s+2 /);
		append(h.log(S1), claudeLine({session: S1, uuid: 'a3', parent: 'a2', msg: 'msg_3', req: 'req_3', ts: ago(60), output: 99, tools: ['Bash']}));
		const frame = await until(r.lastFrame, (f) => / 4 turns · /.test(f), 20_000);
		expect(frame).toContain(`session ${S1.slice(0, 8)}`);
		expect(frame).toMatch(/^\s+4 /m);
		expect(selectedRow(frame)).toBe(row);
		expect(frame).toContain('/Bash');
		// Paused: an append is not followed (the poll saw it, then idle rounds, and no ingest ran),
		// the mark says so; resumed: it is read at once.
		await press(r.stdin, 'f');
		expect(plain(r.lastFrame())).toContain('‖ paused');
		expect(plain(r.lastFrame())).toContain('f resume');
		const ingests = state.ingests;
		append(h.log(S1), claudeLine({session: S1, uuid: 'a4', parent: 'a3', msg: 'msg_4', req: 'req_4', ts: ago(50), output: 9, tools: ['Bash']}));
		const idle = state.idleRounds;
		await until(() => String(state.idleRounds), () => state.idleRounds >= idle + 3, 20_000);
		expect(state.ingests).toBe(ingests);
		expect(plain(r.lastFrame())).toMatch(/ 4 turns · /);
		await press(r.stdin, 'f');
		await until(r.lastFrame, (f) => / 5 turns · /.test(f) && f.includes('● live'), 20_000);
		expect(state.ingests).toBeGreaterThan(ingests);
	}, 120_000);

	it('the selected row stays on its session when a newer one arrives above it (Live tab)', async () => {
		const h = home();
		const S3 = 'cccccccc-0000-4000-8000-000000000003';
		append(h.log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: new Date(Date.now() - 120_000).toISOString(), output: 50}));
		append(h.log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b0', msg: 'msg_b0', req: 'req_b0', ts: new Date(Date.now() - 60_000).toISOString(), output: 50}));
		const {src} = source(h, false);
		const r = render(<App source={src} now={NOW} initialWindow="7d" ingestFirst={true} />);
		mounted.push(r);
		await until(r.lastFrame, (f) => f.includes('● live'));
		await press(r.stdin, KEY.left);
		await until(r.lastFrame, (f) => f.includes('[Live]') && f.includes('66666666') && f.includes('11111111'));
		await press(r.stdin, KEY.down);
		// The move holds even when a live tick rebuilds the table in the same commit.
		await until(r.lastFrame, (f) => /^▶ 11111111 /.test(selectedRow(f)));
		await settle(20);
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ 11111111 /);
		append(h.log(S3, '-tmp-third'), claudeLine({session: S3, uuid: 'c0', msg: 'msg_c0', req: 'req_c0', ts: new Date().toISOString(), output: 50}));
		const frame = await until(r.lastFrame, (f) => / 3 turns · /.test(f) && /^▶ 11111111 /m.test(f), 20_000);
		expect(frame.indexOf('cccccccc')).toBeLessThan(frame.indexOf('▶ 11111111'));
	}, 60_000);

	it('no ingest runs while nothing changes', async () => {
		const h = home();
		append(h.log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: ago(600), output: 50}));
		const {src, state} = source(h, true);
		const r = render(<App source={src} now={NOW} initialWindow="7d" ingestFirst={true} />);
		mounted.push(r);
		await until(r.lastFrame, (f) => f.includes('● live'));
		// Twenty poll rounds that found nothing changed: no ingest ran; the next append is the first.
		await until(() => String(state.idleRounds), () => state.idleRounds >= 20, 20_000);
		expect(state.ingests).toBe(0);
		append(h.log(S1), claudeLine({session: S1, uuid: 'a1', parent: 'a0', msg: 'msg_1', req: 'req_1', ts: ago(60), output: 5}));
		await until(r.lastFrame, (f) => / 2 turns · /.test(f), 20_000);
		expect(state.ingests).toBeGreaterThan(0);
	}, 60_000);
});
