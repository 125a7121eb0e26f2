/**
 * Live merges (issue 15): after each ingest, the records appended to the ledger are merged
 * into the loaded dataset and only the changed sessions are analysed again
 * (pipeline/live-update.ts). After any number of updates the merged data equals a fresh load
 * of the same window to the last digit: the dataset, the sizes, the notices, the hotspots
 * report JSON and the patterns report (findings), deep-equal. Covered: plain appends over several days, a partial line completed
 * later, later versions of a response, a new session file, a new subagent file, a rewritten
 * log, a resumed session whose copies land in older partitions (and one whose copies win, a
 * fall back), a rewritten ledger partition (a fall back), and a long run of random updates.
 */
import {appendFileSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ingest} from '../source/ledger/ingest.js';
import type {Window} from '../source/ledger/dataset.js';
import type {LoadRequest} from '../source/pipeline/load.js';
import {loadViewData, type ViewData} from '../source/pipeline/view-data.js';
import {liveUpdate, loadLiveView, type LiveUpdate} from '../source/pipeline/live-update.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {claudeLine} from './helpers/live.js';
import {tmp} from './helpers/tmp.js';

const NOW = Date.now();
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW - ms).toISOString();
const S1 = '11111111-2222-4333-8444-555555555555';
const S2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const S3 = 'cccccccc-0000-4000-8000-000000000003';

function setup(window: Window) {
	const root = tmp('burn-live-merge-');
	const claude = join(root, 'claude');
	mkdirSync(join(claude, 'projects'), {recursive: true});
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'opencode'), TZ: 'UTC'};
	const request: LoadRequest = {home: join(root, 'burn'), env, window, filter: {sources: null, project: null, providers: null}, ingest: false, contentMode: 'full', retentionDays: 3650};
	const log = (id: string, project = '-tmp-live-app') => join(claude, 'projects', project, `${id}.jsonl`);
	const write = (path: string, text: string, replace = false) => {
		mkdirSync(dirname(path), {recursive: true});
		if (replace) writeFileSync(path, text);
		else appendFileSync(path, text);
	};
	const run = () => ingest({home: request.home, env, contentMode: 'full', retentionDays: 3650, noWorkers: true});
	return {root, claude, request, log, write, run};
}

/** Everything compared, to the last digit. */
function figures(d: ViewData) {
	return {
		dataset: d.loaded.dataset,
		sizes: [...d.sizes],
		notices: d.notices,
		report: JSON.parse(JSON.stringify(analyzeHotspots(d.loaded.dataset, d.loaded.priceBook, {sizes: d.sizes, now: NOW}))) as unknown,
		// The Findings tab's (detector rows kept per session: only changed sessions detect again).
		findings: JSON.parse(JSON.stringify(analyzePatterns(d.loaded.dataset, d.loaded.priceBook, {kinds: 'all', sizes: d.sizes, inventory: d.loaded.inventory}))) as unknown,
	};
}

async function expectFresh(request: LoadRequest, d: ViewData, what: string): Promise<void> {
	const fresh = await loadViewData({...request, ingest: false}, {sizes: true, analyse: {kind: 'prepare'}});
	const a = figures(d);
	const b = figures(fresh);
	expect(a.dataset, `${what}: dataset`).toEqual(b.dataset);
	expect(a.sizes, `${what}: sizes`).toEqual(b.sizes);
	expect(a.notices, `${what}: notices`).toEqual(b.notices);
	expect(a.report, `${what}: report`).toEqual(b.report);
	expect(a.findings, `${what}: findings`).toEqual(b.findings);
}

const sub = (o: {session: string; agent: string; uuid: string; msg: string; ts: string; output: number}) =>
	`${JSON.stringify({type: 'assistant', uuid: o.uuid, parentUuid: null, sessionId: o.session, agentId: o.agent, timestamp: o.ts, cwd: '/tmp/live/app', isSidechain: true, version: '2.0.14', requestId: `req_${o.uuid}`, message: {id: o.msg, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'tool_use', id: `toolu_${o.uuid}`, name: 'Grep', input: {pattern: 'x'}}], stop_reason: 'tool_use', usage: {input_tokens: 700, output_tokens: o.output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}}})}\n`;

const toolResult = (session: string, uuid: string, parent: string, toolUseId: string, ts: string, text: string) =>
	`${JSON.stringify({type: 'user', uuid, parentUuid: parent, sessionId: session, timestamp: ts, cwd: '/tmp/live/app', isSidechain: false, version: '2.0.14', message: {role: 'user', content: [{type: 'tool_result', tool_use_id: toolUseId, content: text}]}})}\n`;

const WINDOWS: Array<[string, Window]> = [
	['a 7-day window', {since: new Date(NOW - 7 * DAY).toISOString(), until: null}],
	['all time', {since: null, until: null}],
];

describe.each(WINDOWS)('a live merge equals a fresh load (%s)', (_, window) => {
	it('after each of many kinds of appends', async () => {
		const h = setup(window);
		// Three days of one session, so the window has several partitions.
		h.write(h.log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: at(3 * DAY), output: 50, tools: ['Bash']}));
		h.write(h.log(S1), toolResult(S1, 'u0', 'a0', 'toolu_a0_0', at(3 * DAY - 1000), 'x'.repeat(400)));
		h.write(h.log(S1), claudeLine({session: S1, uuid: 'a1', parent: 'u0', msg: 'msg_1', req: 'req_1', ts: at(2 * DAY), output: 60}));
		h.write(h.log(S1), claudeLine({session: S1, uuid: 'a2', parent: 'a1', msg: 'msg_2', req: 'req_2', ts: at(3600_000), output: 70, tools: ['Read']}));
		await h.run();
		let data = await loadLiveView(h.request);
		await expectFresh(h.request, data, 'the first load');
		const hows: string[] = [];
		const step = async (what: string, write: () => void, want: LiveUpdate['how'] | LiveUpdate['how'][] = 'merged') => {
			write();
			await h.run();
			const u = await liveUpdate(h.request, data, undefined);
			hows.push(`${what}: ${u.how}${u.reason ? ` (${u.reason})` : ''}`);
			expect([want].flat(), `${what}: ${u.how} ${u.reason ?? ''}`).toContain(u.how);
			data = u.data;
			await expectFresh(h.request, data, what);
		};
		for (let i = 3; i <= 6; i++) {
			await step(`append ${i}`, () => h.write(h.log(S1), claudeLine({session: S1, uuid: `a${i}`, parent: `a${i - 1}`, msg: `msg_${i}`, req: `req_${i}`, ts: at(3000_000 - i * 1000), output: 10 * i, tools: i % 2 ? ['Edit'] : []})));
		}
		// A tool result for a call on an older day (its user turn lands in today's partition).
		await step('a tool result', () => h.write(h.log(S1), toolResult(S1, 'u6', 'a6', 'toolu_a5_0', at(2000_000), 'y'.repeat(900))));
		// A response line in two writes: the first half adds nothing.
		const line = claudeLine({session: S1, uuid: 'a7', parent: 'u6', msg: 'msg_7', req: 'req_7', ts: at(1900_000), output: 77, tools: ['Bash']});
		await step('half a line', () => h.write(h.log(S1), line.slice(0, 120)), 'same');
		await step('the rest of the line', () => h.write(h.log(S1), line.slice(120)));
		// The same response over more lines: the later version (more output) replaces it.
		await step('a later version of a response', () => h.write(h.log(S1), claudeLine({session: S1, uuid: 'a7b', parent: 'a7', msg: 'msg_7', req: 'req_7', ts: at(1899_000), output: 700, tools: ['Edit']})));
		// An earlier version written again (less output): it does not win.
		await step('an older version again', () => h.write(h.log(S1), claudeLine({session: S1, uuid: 'a7c', parent: 'a7b', msg: 'msg_7', req: 'req_7', ts: at(1898_000), output: 7})));
		await step('a new session file', () => h.write(h.log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b1', msg: 'msg_b1', req: 'req_b1', ts: at(1800_000), output: 40, tools: ['Bash']})));
		const agent = join(h.log(S1).replace(/\.jsonl$/, ''), 'subagents', 'agent-a1b2c3.jsonl');
		await step('a new subagent file', () => h.write(agent, sub({session: S1, agent: 'a1b2c3', uuid: 'c1', msg: 'msg_c1', ts: at(1700_000), output: 33})));
		await step('more in the subagent file', () => h.write(agent, sub({session: S1, agent: 'a1b2c3', uuid: 'c2', msg: 'msg_c2', ts: at(1690_000), output: 34})));
		// A session appended to on an older day (its records land in an older partition).
		await step('a response dated two days ago', () => h.write(h.log(S3, '-tmp-third'), claudeLine({session: S3, uuid: 'd1', msg: 'msg_d1', req: 'req_d1', ts: at(2 * DAY + 5000), output: 12})));
		// A rewritten log: read again from its start (new versions of every record).
		await step('a rewritten log', () =>
			h.write(
				h.log(S2, '-tmp-other'),
				claudeLine({session: S2, uuid: 'b1', msg: 'msg_b1', req: 'req_b1', ts: at(1800_000), output: 41, tools: ['Bash']}) + claudeLine({session: S2, uuid: 'b2', parent: 'b1', msg: 'msg_b2', req: 'req_b2', ts: at(1500_000), output: 80}),
				true,
			),
		);
		// A resumed session: it starts with copies of S1's first responses (same ids, S1's
		// timestamps: older partitions), then its own. The original keeps them (earlier last
		// activity): only the copies are new, and they are dropped as they merge.
		const S4 = 'dddddddd-0000-4000-8000-000000000004';
		const copied = readFileSync(h.log(S1), 'utf8').split('\n').filter(Boolean).slice(0, 3).map((l) => l.replaceAll(S1, S4)).join('\n') + '\n';
		await step('a resumed session that copies earlier records', () => h.write(h.log(S4), copied + claudeLine({session: S4, uuid: 'e1', parent: 'a1', msg: 'msg_e1', req: 'req_e1', ts: at(1000_000), output: 15})));
		// A ledger partition replaced (as `--rebuild` and the purge of bad lines do: a new file
		// renamed over it), then one truncated: a full load each.
		const ledger = join(h.request.home, 'ledger');
		const today = readdirSync(ledger).filter((f) => f.endsWith('.jsonl') && f !== 'undated.jsonl').sort().at(-1)!;
		await step(
			'a ledger partition rewritten',
			() => {
				const text = readFileSync(join(ledger, today), 'utf8');
				writeFileSync(join(ledger, `${today}.tmp`), text.replace('"output":80', '"output":81'));
				renameSync(join(ledger, `${today}.tmp`), join(ledger, today));
				h.write(h.log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b3', parent: 'b2', msg: 'msg_b3', req: 'req_b3', ts: at(900_000), output: 5}));
			},
			'full',
		);
		await step(
			'a ledger partition truncated',
			() => {
				const text = readFileSync(join(ledger, today), 'utf8');
				writeFileSync(join(ledger, today), text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
			},
			'full',
		);
		await step('merging again after the full load', () => h.write(h.log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b4', parent: 'b3', msg: 'msg_b4', req: 'req_b4', ts: at(800_000), output: 6})));
		expect(hows.filter((x) => x.includes(': merged')), hows.join('\n')).toHaveLength(15);
	}, 120_000);

	it('after a long run of random updates, each one checked', async () => {
		const h = setup(window);
		const sessions = [S1, S2, S3];
		const n = [0, 0, 0];
		let seed = 7;
		const rand = (k: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % k;
		};
		h.write(h.log(S1), claudeLine({session: S1, uuid: 's0-0', msg: 'msg_s0_0', req: 'req_s0_0', ts: at(DAY), output: 5}));
		await h.run();
		let data = await loadLiveView(h.request);
		let merged = 0;
		for (let i = 0; i < 40; i++) {
			const k = rand(3);
			const s = sessions[k]!;
			const c = ++n[k]!;
			// Mostly now, sometimes days back (older partitions), sometimes a new version of the last response.
			const back = rand(5) === 0 ? (1 + rand(4)) * DAY : (40 - i) * 1000;
			const again = c > 1 && rand(4) === 0;
			const id = again ? c - 1 : c;
			h.write(h.log(s, `-p${k}`), claudeLine({session: s, uuid: `s${k}-${c}`, msg: `msg_s${k}_${id}`, req: `req_s${k}_${id}`, ts: at(back), output: 1 + rand(50), tools: rand(2) ? ['Bash', 'Read'] : []}));
			await h.run();
			const u = await liveUpdate(h.request, data);
			if (u.how === 'merged') merged++;
			data = u.data;
			await expectFresh(h.request, data, `update ${i}`);
		}
		expect(merged).toBeGreaterThanOrEqual(35);
	}, 180_000);
});

describe('what a live merge cannot do exactly falls back to a full load', () => {
	it('a resumed copy that wins over a loaded turn', async () => {
		const h = setup({since: null, until: null});
		h.write(h.log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: at(DAY), output: 50}));
		await h.run();
		const data = await loadLiveView(h.request);
		// The copy has more output: it wins, and the loaded turn of S1 becomes a dropped copy.
		h.write(h.log(S2), claudeLine({session: S2, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: at(DAY), output: 90}));
		await h.run();
		const u = await liveUpdate(h.request, data);
		expect(u.how).toBe('full');
		expect(u.reason).toContain('copy decision');
		await expectFresh(h.request, u.data, 'after the fall back');
	});
});
