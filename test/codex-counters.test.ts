/**
 * Codex rollouts with more than one running counter (docs/codex-counters.md): a restarted
 * process, a /review block, and spawned agents that copy their parent's history. The
 * fixtures are hand-written rollout lines in the format of Codex 0.77+ (session_meta,
 * turn_context, task events, token_count with total_token_usage and last_token_usage).
 */
import {describe, expect, it} from 'vitest';
import {emptySkips, emptyUsage, type LedgerRecord, type TurnRecord, type Usage} from '../source/core/records.js';
import {createCodexReader, type CodexState} from '../source/sources/codex/reader.js';
import {continueWith, MAX_COUNTERS, readTokenCount, type CounterSet} from '../source/sources/codex/counters.js';
import {restoreState, zeroRaw, type Raw} from '../source/sources/codex/state.js';
import {lineStarts, readLines} from './helpers/read-lines.js';

// ── rollout lines ──────────────────────────────────────────────────────────────────────

type Tok = [input: number, cached: number, output: number, reasoning?: number];

const L = (ts: string, type: string, payload: Record<string, unknown>): string => JSON.stringify({timestamp: ts, type, payload});
const ev = (ts: string, payload: Record<string, unknown>) => L(ts, 'event_msg', payload);
const usageObj = ([i, c, o, r = 0]: Tok) => ({input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: r, total_tokens: i + o});
const RATE = {primary: {used_percent: 12, window_minutes: 300, resets_at: 1780000000}, secondary: null};
/** A token_count as Codex writes it: the running total and the last request's usage. */
const count = (ts: string, total: Tok, last: Tok) =>
	ev(ts, {type: 'token_count', info: {total_token_usage: usageObj(total), last_token_usage: usageObj(last), model_context_window: 258400}, rate_limits: RATE});
/** The first token_count of a process, before any request: no usage yet. */
const noInfo = (ts: string) => ev(ts, {type: 'token_count', info: null, rate_limits: RATE});
const started = (ts: string, id: string) => ev(ts, {type: 'task_started', turn_id: id, model_context_window: 258400});
const complete = (ts: string, id: string) => ev(ts, {type: 'task_complete', turn_id: id, last_agent_message: 'done'});
const context = (ts: string, id: string, model = 'gpt-5.2-codex') =>
	L(ts, 'turn_context', {turn_id: id, cwd: '/w', approval_policy: 'on-request', sandbox_policy: {type: 'workspace-write'}, model, effort: 'medium', summary: 'auto'});
const prompt = (ts: string, text: string) => [
	ev(ts, {type: 'user_message', message: text, images: []}),
	L(ts, 'response_item', {type: 'message', role: 'user', content: [{type: 'input_text', text}]}),
];
const meta = (ts: string, id: string, extra: Record<string, unknown> = {}) =>
	L(ts, 'session_meta', {id, timestamp: ts, cwd: '/w', originator: 'codex_cli_rs', cli_version: '0.77.0', source: 'cli', model_provider: 'openai', ...extra});
const file = (...lines: (string | string[])[]): Buffer => Buffer.from(`${lines.flat().join('\n')}\n`);

/** Canonical usage of raw token counts: uncached input = input − cached. */
const spend = ([i, c, o, r = 0]: Tok): Usage => ({input: i - c, output: o, reasoning: r, cacheRead: c, cacheCreate5m: 0, cacheCreate1h: 0});

function sum(us: Usage[]): Usage {
	const out: Usage = emptyUsage();
	for (const u of us) for (const k of Object.keys(out) as (keyof Usage)[]) out[k] += u[k];
	return out;
}

// ── reading, whole and in passes ───────────────────────────────────────────────────────

/** What a ledger read keeps: per (session, message id) the version with the most output, ties to the later. */
function collapse(records: LedgerRecord[]): TurnRecord[] {
	const turns = new Map<string, TurnRecord>();
	for (const r of records) {
		if (r.kind !== 'turn') continue;
		const key = `${r.record.sessionId}|${r.record.messageId}`;
		const prev = turns.get(key);
		if (prev && r.record.usage.output < prev.usage.output) continue;
		turns.set(key, prev ? {...r.record, turnIndex: prev.turnIndex} : r.record);
	}
	return [...turns.values()].sort((a, b) => a.turnIndex - b.turnIndex);
}

/** Reads `data` in passes ending at `cuts`, the state JSON-round-tripped between passes (it lives in the cursor). */
function readInPasses(data: Buffer, cuts: number[], path: string): TurnRecord[] {
	const records: LedgerRecord[] = [];
	let state: CodexState | undefined;
	let start = 0;
	for (const end of [...cuts, data.length]) {
		const r = readLines(createCodexReader, data, {path, startOffset: start, endOffset: end, state});
		records.push(...r.records);
		state = JSON.parse(JSON.stringify(r.state)) as CodexState;
		start = r.end;
	}
	return collapse(records);
}

const view = (turns: TurnRecord[]) => turns.map((t) => [t.sessionId, t.messageId, t.usage, t.aborted ?? false]);

/** One read; the same result split at every line boundary, and one pass per line. */
function readEveryWay(data: Buffer, path: string): TurnRecord[] {
	const whole = readInPasses(data, [], path);
	const starts = lineStarts(data).slice(1);
	for (const cut of starts) expect(view(readInPasses(data, [cut], path)), `split at ${cut}`).toEqual(view(whole));
	expect(view(readInPasses(data, starts, path)), 'one pass per line').toEqual(view(whole));
	return whole;
}

// ── shape 1: a restarted process ──────────────────────────────────────────────────────

describe('a restarted process starts a new counter', () => {
	const sid = '019a0000-0000-7000-8000-00000000a001';
	const path = `/c/sessions/2026/05/01/rollout-2026-05-01T09-00-00-${sid}.jsonl`;
	const t = (s: string) => `2026-05-01T${s}Z`;
	const rollout = file(
		meta(t('09:00:00.000'), sid),
		noInfo(t('09:00:00.500')),
		// Task a: counter 1.
		context(t('09:00:01.000'), 'a'),
		started(t('09:00:01.000'), 'a'),
		prompt(t('09:00:01.100'), 'fix the build'),
		count(t('09:00:05.000'), [1000, 400, 100, 20], [1000, 400, 100, 20]),
		count(t('09:00:05.100'), [1000, 400, 100, 20], [1000, 400, 100, 20]), // repeated (rate limits)
		count(t('09:00:09.000'), [2500, 1400, 180, 30], [1500, 1000, 80, 10]),
		complete(t('09:00:09.500'), 'a'),
		// `codex resume` an hour later: a new process, counter 2 from zero, LOWER than counter 1.
		noInfo(t('10:00:00.000')),
		context(t('10:00:01.000'), 'b'),
		started(t('10:00:01.000'), 'b'),
		prompt(t('10:00:01.100'), 'and the tests'),
		count(t('10:00:04.000'), [900, 300, 60], [900, 300, 60]),
		count(t('10:00:08.000'), [2100, 1200, 90], [1200, 900, 30]),
		complete(t('10:00:08.500'), 'b'),
		// Resumed again: counter 3 starts at once HIGHER than counter 2 (a long first request).
		noInfo(t('11:00:00.000')),
		context(t('11:00:01.000'), 'c'),
		started(t('11:00:01.000'), 'c'),
		prompt(t('11:00:01.100'), 'ship it'),
		count(t('11:00:06.000'), [3000, 2000, 150, 40], [3000, 2000, 150, 40]),
		complete(t('11:00:06.500'), 'c'),
	);

	it('credits each counter from zero to the task it ran in', () => {
		const turns = readEveryWay(rollout, path);
		expect(view(turns)).toEqual([
			[sid, 'a', spend([2500, 1400, 180, 30]), false],
			[sid, 'b', spend([2100, 1200, 90]), false],
			// Read as a continuation of counter 2 this would be only 900/800/60/40.
			[sid, 'c', spend([3000, 2000, 150, 40]), false],
		]);
		// The rollout's spend is the sum of the three counters' finals.
		expect(sum(turns.map((x) => x.usage))).toEqual(sum([spend([2500, 1400, 180, 30]), spend([2100, 1200, 90]), spend([3000, 2000, 150, 40])]));
	});

	it('a later token_count of an earlier counter still continues it', () => {
		// Not written by Codex today, but the rule allows it: counter 1 resumes after counter 2.
		const data = Buffer.concat([
			rollout,
			file(started(t('12:00:00.000'), 'd'), count(t('12:00:03.000'), [2600, 1450, 185, 30], [100, 50, 5, 0]), complete(t('12:00:04.000'), 'd')),
		]);
		const turns = readEveryWay(data, path);
		expect(view(turns).at(-1)).toEqual([sid, 'd', spend([100, 50, 5]), false]);
	});
});

// ── shape 2: a /review block ──────────────────────────────────────────────────────────

describe('/review writes its own counter, then the parent resumes', () => {
	const sid = '019a0000-0000-7000-8000-00000000b001';
	const path = `/c/sessions/2026/05/02/rollout-2026-05-02T09-00-00-${sid}.jsonl`;
	const t = (s: string) => `2026-05-02T${s}Z`;
	const parent1: Tok = [10000, 6000, 500, 100];
	const rollout = file(
		meta(t('09:00:00.000'), sid),
		context(t('09:00:01.000'), 'a'),
		started(t('09:00:01.000'), 'a'),
		prompt(t('09:00:01.100'), 'refactor the parser'),
		count(t('09:00:05.000'), [4000, 0, 300, 60], [4000, 0, 300, 60]),
		count(t('09:00:09.000'), parent1, [6000, 6000, 200, 40]),
		complete(t('09:00:09.500'), 'a'),
		// /review: one task; the review conversation counts from zero and passes the
		// parent's input but not its output.
		context(t('09:10:00.000'), 'r'),
		started(t('09:10:00.000'), 'r'),
		ev(t('09:10:00.100'), {type: 'entered_review_mode', target: {type: 'uncommittedChanges'}, user_facing_hint: 'current changes'}),
		count(t('09:10:04.000'), [4000, 0, 200, 50], [4000, 0, 200, 50]),
		count(t('09:10:09.000'), [15000, 9000, 400, 90], [11000, 9000, 200, 40]),
		ev(t('09:10:09.500'), {type: 'exited_review_mode', review_output: {findings: [], overall_correctness: 'patch is correct', overall_explanation: 'ok', overall_confidence_score: 0.8}}),
		count(t('09:10:09.600'), parent1, [6000, 6000, 200, 40]), // the parent's info again (rate limits)
		complete(t('09:10:09.700'), 'r'),
		// The parent's counter resumes exactly where it stopped.
		context(t('09:20:00.000'), 'b'),
		started(t('09:20:00.000'), 'b'),
		prompt(t('09:20:00.100'), 'apply the review'),
		count(t('09:20:04.000'), [13000, 8500, 550, 110], [3000, 2500, 50, 10]),
		complete(t('09:20:04.500'), 'b'),
	);

	it('counts the review once and the parent once', () => {
		const turns = readEveryWay(rollout, path);
		expect(view(turns)).toEqual([
			[sid, 'a', spend(parent1), false],
			[sid, 'r', spend([15000, 9000, 400, 90]), false],
			// Read as a reset this would be the parent's whole 13000 again.
			[sid, 'b', spend([3000, 2500, 50, 10]), false],
		]);
		expect(sum(turns.map((x) => x.usage))).toEqual(sum([spend([13000, 8500, 550, 110]), spend([15000, 9000, 400, 90])]));
	});

	it('two reviews in a row: each is a counter of its own', () => {
		const data = Buffer.concat([
			rollout,
			file(
				started(t('09:30:00.000'), 'r2'),
				ev(t('09:30:00.100'), {type: 'entered_review_mode', target: {type: 'baseBranch', branch: 'main'}}),
				count(t('09:30:04.000'), [5000, 0, 100, 10], [5000, 0, 100, 10]),
				ev(t('09:30:04.500'), {type: 'exited_review_mode', review_output: null}),
				complete(t('09:30:04.600'), 'r2'),
				started(t('09:40:00.000'), 'c'),
				count(t('09:40:03.000'), [14000, 9000, 560, 110], [1000, 500, 10, 0]),
				complete(t('09:40:03.500'), 'c'),
			),
		]);
		const turns = readEveryWay(data, path);
		expect(view(turns).slice(3)).toEqual([
			[sid, 'r2', spend([5000, 0, 100, 10]), false],
			[sid, 'c', spend([1000, 500, 10, 0]), false],
		]);
	});
});

// ── shape 3: spawned agents that copy their parent's history ───────────────────────────

/** A UUIDv7 minted at `ms`. */
function uuid7(ms: number, tail: number): string {
	const h = ms.toString(16).padStart(12, '0');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-${tail.toString(16).padStart(12, '0')}`;
}

describe('spawned agents start with a copy of the parent, counter included', () => {
	const p0 = Date.parse('2026-05-03T09:00:00.000Z');
	const iso = (ms: number) => new Date(ms).toISOString();
	const parentId = uuid7(p0, 1);
	const pt1 = uuid7(p0 + 1000, 11);
	const ptr = uuid7(p0 + 30_000, 12);
	const pt2 = uuid7(p0 + 60_000, 13);
	const spawnAt = p0 + 70_000;
	const child1 = uuid7(spawnAt + 100, 2);
	const child2 = uuid7(spawnAt + 200, 3);
	const parentPath = `/c/sessions/2026/05/03/rollout-2026-05-03T09-00-00-${parentId}.jsonl`;
	const childPath = (id: string) => `/c/sessions/2026/05/03/rollout-2026-05-03T09-01-10-${id}.jsonl`;
	const p1: Tok = [1000, 400, 100, 10];
	const p2: Tok = [3000, 1400, 300, 30];

	/** The parent's history up to the spawn; `at(i)` stamps line i (the copy is re-stamped). */
	const history = (at: (i: number) => string) => [
		meta(at(0), parentId, {cli_version: '0.120.0'}),
		context(at(1), pt1),
		started(at(2), pt1),
		...prompt(at(3), 'explore the repo with two agents'),
		count(at(4), p1, p1),
		complete(at(5), pt1),
		// A /review inside the parent: the copy carries two counters.
		started(at(6), ptr),
		ev(at(7), {type: 'entered_review_mode', target: {type: 'uncommittedChanges'}}),
		count(at(8), [600, 0, 50, 5], [600, 0, 50, 5]),
		ev(at(9), {type: 'exited_review_mode', review_output: null}),
		complete(at(10), ptr),
		context(at(11), pt2),
		started(at(12), pt2),
		count(at(13), p2, [2000, 1000, 200, 20]),
		L(at(14), 'response_item', {type: 'function_call', name: 'spawn_agent', arguments: JSON.stringify({agent_type: 'explorer', message: 'look'}), call_id: 'spawn-1'}),
		L(at(15), 'response_item', {type: 'function_call', name: 'spawn_agent', arguments: JSON.stringify({agent_type: 'explorer', message: 'look'}), call_id: 'spawn-2'}),
	];
	const parentTimes = [0, 1, 2, 3, 4, 5, 30, 30.1, 34, 34.5, 35, 60, 60, 64, 70, 70].map((s) => iso(p0 + s * 1000));

	const parent = file(
		history((i) => parentTimes[i]!),
		L(iso(spawnAt + 300), 'response_item', {type: 'function_call_output', call_id: 'spawn-1', output: JSON.stringify({agent_id: child1})}),
		L(iso(spawnAt + 400), 'response_item', {type: 'function_call_output', call_id: 'spawn-2', output: JSON.stringify({agent_id: child2})}),
		count(iso(spawnAt + 9000), [3600, 1900, 340, 30], [600, 500, 40, 0]),
		complete(iso(spawnAt + 9500), pt2),
	);

	/** A child rollout: its own session_meta, the parent's history re-stamped, then its own task. */
	const child = (id: string, forkMs: number, own: string[]) =>
		file(
			meta(iso(forkMs), id, {cli_version: '0.120.0', source: {subagent: {thread_spawn: {parent_thread_id: parentId, depth: 1, agent_role: 'explorer'}}}}),
			history((i) => iso(forkMs + i)),
			own,
		);
	const ct1 = uuid7(spawnAt + 1000, 21);
	const ct2 = uuid7(spawnAt + 1500, 22);
	// Child 1 continues the copied counter (seeded with the parent's total).
	const c1 = child(child1, spawnAt + 100, [
		context(iso(spawnAt + 1000), ct1),
		started(iso(spawnAt + 1000), ct1),
		count(iso(spawnAt + 4000), [3500, 1700, 340, 40], [500, 300, 40, 10]),
		count(iso(spawnAt + 6000), [4700, 2700, 400, 50], [1200, 1000, 60, 10]),
		complete(iso(spawnAt + 6500), ct1),
	]);
	// Child 2 counts from zero after the copy: a new counter.
	const c2 = child(child2, spawnAt + 200, [
		context(iso(spawnAt + 1500), ct2),
		started(iso(spawnAt + 1500), ct2),
		count(iso(spawnAt + 5000), [800, 200, 60], [800, 200, 60]),
		count(iso(spawnAt + 7000), [2000, 1000, 100], [1200, 800, 40]),
		complete(iso(spawnAt + 7500), ct2),
	]);

	it("a child's spend is what its counter adds after the copy; parent + children count nothing twice", () => {
		const pTurns = readEveryWay(parent, parentPath);
		const c1Turns = readEveryWay(c1, childPath(child1));
		const c2Turns = readEveryWay(c2, childPath(child2));
		expect(view(pTurns)).toEqual([
			[parentId, pt1, spend(p1), false],
			[parentId, ptr, spend([600, 0, 50, 5]), false],
			[parentId, pt2, spend([2600, 1500, 240, 20]), false],
		]);
		expect(view(c1Turns)).toEqual([[parentId, ct1, spend([1700, 1300, 100, 20]), false]]);
		expect(view(c2Turns)).toEqual([[parentId, ct2, spend([2000, 1000, 100, 0]), false]]);
		expect(c1Turns[0]!.subagent).toMatchObject({isSidechain: true, agentId: child1, subagentType: 'explorer'});
		// The session (parent + its two threads): the parent's two counters once, each child's own work once.
		const all = [...pTurns, ...c1Turns, ...c2Turns];
		expect(sum(all.map((x) => x.usage))).toEqual(
			sum([spend([3600, 1900, 340, 30]), spend([600, 0, 50, 5]), spend([1200, 1000, 60, 10]), spend([500, 300, 40, 10]), spend([2000, 1000, 100, 0])]),
		);
	});
});

// ── the counter set itself ─────────────────────────────────────────────────────────────

describe('counter set', () => {
	const raw = (i: number, c: number, o: number, r = 0): Raw => ({i, c, o, r});

	it('a repeat adds nothing; total = counter + last continues it; anything else is a new counter', () => {
		const set: CounterSet = {last: zeroRaw(), others: []};
		expect(continueWith(set, raw(100, 0, 10), raw(100, 0, 10))).toEqual(raw(100, 0, 10));
		expect(continueWith(set, raw(100, 0, 10), raw(100, 0, 10))).toEqual(raw(0, 0, 0));
		expect(continueWith(set, raw(300, 50, 20), raw(200, 50, 10))).toEqual(raw(200, 50, 10));
		// Higher than the current total but not current + last: a new counter.
		expect(continueWith(set, raw(400, 60, 30), raw(400, 60, 30))).toEqual(raw(400, 60, 30));
		expect(set.others).toEqual([raw(300, 50, 20)]);
		// Back to the first counter.
		expect(continueWith(set, raw(310, 55, 21), raw(10, 5, 1))).toEqual(raw(10, 5, 1));
		expect(set).toEqual({last: raw(310, 55, 21), others: [raw(400, 60, 30)]});
	});

	it('without last_token_usage: the nearest counter not above the total, else a new one', () => {
		const set: CounterSet = {last: raw(500, 0, 50), others: [raw(9000, 5000, 400)]};
		expect(continueWith(set, raw(9100, 5050, 410), undefined)).toEqual(raw(100, 50, 10));
		expect(continueWith(set, raw(600, 0, 60), undefined)).toEqual(raw(100, 0, 10));
		expect(continueWith(set, raw(50, 0, 5), undefined)).toEqual(raw(50, 0, 5));
		expect(set.others).toEqual([raw(600, 0, 60), raw(9100, 5050, 410)]);
	});

	it('a total that matches nothing but is more than its own last request continues the nearest counter', () => {
		// Some update was not written: a new counter would start at its last request.
		const set: CounterSet = {last: raw(300, 50, 20), others: [raw(9000, 5000, 400)]};
		expect(continueWith(set, raw(700, 100, 40), raw(200, 20, 10))).toEqual(raw(400, 50, 20));
		expect(set).toEqual({last: raw(700, 100, 40), others: [raw(9000, 5000, 400)]});
		// Below every counter: new, counted whole.
		expect(continueWith(set, raw(100, 0, 10), raw(60, 0, 5))).toEqual(raw(100, 0, 10));
	});

	it('a last_token_usage that lacks a field the total has is not compared field by field', () => {
		const set: CounterSet = {last: zeroRaw(), others: []};
		const tc = (total: Record<string, number>, last: Record<string, number>) => readTokenCount(set, {total_token_usage: total, last_token_usage: last}, emptySkips());
		expect(tc({input_tokens: 1000, cached_input_tokens: 0, output_tokens: 50, reasoning_output_tokens: 10}, {input_tokens: 1000, cached_input_tokens: 0, output_tokens: 50, reasoning_output_tokens: 10})).toEqual(raw(1000, 0, 50, 10));
		// Reasoning missing from last: read as the nearest counter's continuation, not a new counter.
		expect(tc({input_tokens: 1500, cached_input_tokens: 900, output_tokens: 70, reasoning_output_tokens: 15}, {input_tokens: 500, cached_input_tokens: 900, output_tokens: 20})).toEqual(raw(500, 900, 20, 5));
		expect(readTokenCount(set, {total_token_usage: null}, emptySkips())).toBeUndefined();
	});

	it(`remembers at most ${MAX_COUNTERS} counters`, () => {
		const set: CounterSet = {last: zeroRaw(), others: []};
		for (let k = 1; k <= 40; k++) continueWith(set, raw(1000 - k, 0, 1), raw(1000 - k, 0, 1));
		expect(set.others).toHaveLength(MAX_COUNTERS - 1);
	});

	it('a cursor written before the counter set existed restores with none', () => {
		const old = JSON.parse(JSON.stringify(restoreState(undefined))) as Record<string, unknown>;
		delete old.others;
		expect(restoreState(old as unknown as CodexState).others).toEqual([]);
	});
});
