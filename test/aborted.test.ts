/**
 * A response without usage is not a turn (PRODUCT.md Contracts, issue 11 part 3). Readers
 * still write it as a turn record with zero usage and `aborted: true`; the dataset builder
 * leaves it out of the sessions and counts it in `abortedTurns`. Fixtures are hand-written
 * from the formats (Codex rollout lines, an OpenCode JSON storage tree).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {emptyUsage, type LedgerRecord, type TurnRecord} from '../source/core/records.js';
import {DatasetBuilder} from '../source/ledger/bucket.js';
import {makeDecoder, PackTables, packEntry, RAW} from '../source/ledger/packed-codec.js';
import {createCodexReader, type CodexState} from '../source/sources/codex/reader.js';
import {discoverOpencodeDir} from '../source/sources/opencode/discover.js';
import {readOpencodeJson} from '../source/sources/opencode/read-json.js';
import {readLines} from './helpers/read-lines.js';
import {tmp} from './helpers/tmp.js';

const turnsOf = (records: LedgerRecord[]): TurnRecord[] =>
	records.filter((r): r is {kind: 'turn'; record: TurnRecord} => r.kind === 'turn').map((r) => r.record);

// ── Codex ──────────────────────────────────────────────────────────────────────────────

const L = (ts: string, type: string, payload: Record<string, unknown>): string => JSON.stringify({timestamp: ts, type, payload});
const ev = (ts: string, payload: Record<string, unknown>) => L(ts, 'event_msg', payload);
const t = (s: string) => `2026-05-04T${s}Z`;
const u = (i: number, c: number, o: number) => ({input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: 0, total_tokens: i + o});
const count = (ts: string, total: [number, number, number], last: [number, number, number]) =>
	ev(ts, {type: 'token_count', info: {total_token_usage: u(...total), last_token_usage: u(...last), model_context_window: 258400}, rate_limits: null});
const noInfo = (ts: string) => ev(ts, {type: 'token_count', info: null, rate_limits: {primary: {used_percent: 3}}});
const started = (ts: string, id: string) => ev(ts, {type: 'task_started', turn_id: id});
const complete = (ts: string, id: string) => ev(ts, {type: 'task_complete', turn_id: id});
const aborted = (ts: string, id: string) => ev(ts, {type: 'turn_aborted', turn_id: id, reason: 'interrupted'});
const call = (ts: string, id: string) => L(ts, 'response_item', {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"npm test"}', call_id: id});
const file = (...lines: string[]): string => `${lines.join('\n')}\n`;
const sid = '019a0000-0000-7000-8000-00000000c001';
const path = `/c/sessions/2026/05/04/rollout-2026-05-04T09-00-00-${sid}.jsonl`;
const meta = L(t('09:00:00.000'), 'session_meta', {id: sid, cwd: '/w', cli_version: '0.77.0'});

describe('Codex: a task without usage is written with aborted: true', () => {
	it('info: null, no token_count at all, or totals that did not move: aborted; a task with usage: not', () => {
		const r = readLines(
			createCodexReader,
			file(
				meta,
				// Interrupted before the first response: only the rate-limit token_count (info: null).
				started(t('09:00:01.000'), 'a'),
				noInfo(t('09:00:01.500')),
				aborted(t('09:00:02.000'), 'a'),
				// A real task.
				started(t('09:01:00.000'), 'b'),
				count(t('09:01:05.000'), [1000, 400, 100], [1000, 400, 100]),
				complete(t('09:01:06.000'), 'b'),
				// Interrupted later in the session: Codex repeats the session's totals, unchanged.
				started(t('09:02:00.000'), 'c'),
				call(t('09:02:00.500'), 'c1'),
				count(t('09:02:01.000'), [1000, 400, 100], [1000, 400, 100]),
				aborted(t('09:02:02.000'), 'c'),
				// A task that never reached the model: no token_count at all.
				started(t('09:03:00.000'), 'd'),
				complete(t('09:03:00.100'), 'd'),
			),
			{path},
		);
		const turns = turnsOf(r.records);
		expect(turns.map((x) => [x.messageId, x.aborted ?? false, x.usage.output])).toEqual([
			['a', true, 0],
			['b', false, 100],
			['c', true, 0],
			['d', true, 0],
		]);
		for (const x of turns.filter((y) => y.aborted)) expect(x.usage).toEqual(emptyUsage());
		expect(turns[2]!.toolCalls.map((c) => c.id)).toEqual(['c1']);
	});

	it('an open task without usage yet is written aborted, then replaced when its usage arrives', () => {
		const data = file(meta, started(t('09:00:01.000'), 'a'), call(t('09:00:02.000'), 'c1'), count(t('09:00:05.000'), [800, 0, 40], [800, 0, 40]), complete(t('09:00:06.000'), 'a'));
		const cut = data.indexOf(JSON.stringify({timestamp: t('09:00:05.000')}).slice(0, -1));
		const p1 = readLines(createCodexReader, data, {path, endOffset: cut});
		expect(turnsOf(p1.records).map((x) => [x.messageId, x.aborted])).toEqual([['a', true]]);
		const state = JSON.parse(JSON.stringify(p1.state)) as CodexState;
		const p2 = readLines(createCodexReader, data, {path, startOffset: p1.end, state});
		expect(turnsOf(p2.records).map((x) => [x.messageId, x.aborted, x.usage.output])).toEqual([['a', undefined, 40]]);
		const b = new DatasetBuilder({since: null, until: null});
		for (const rec of [...p1.records, ...p2.records]) b.add(rec);
		const d = b.finish();
		expect(d.abortedTurns).toBe(0);
		expect(d.sessions[0]!.turns.map((x) => [x.messageId, x.usage.output])).toEqual([['a', 40]]);
	});

	it('usage that arrives after an aborted task closed is its usage: the flag goes', () => {
		const r = readLines(
			createCodexReader,
			file(meta, started(t('09:00:01.000'), 'a'), aborted(t('09:00:02.000'), 'a'), count(t('09:00:02.500'), [500, 0, 20], [500, 0, 20])),
			{path},
		);
		const versions = turnsOf(r.records);
		expect(versions.map((x) => [x.aborted, x.usage.output])).toEqual([
			[true, 0],
			[undefined, 20],
		]);
	});
});

// ── OpenCode ───────────────────────────────────────────────────────────────────────────

describe('OpenCode: an assistant message whose tokens are all absent or zero is aborted', () => {
	const T0 = 1_778_000_000_000;
	function tree(): string {
		const root = tmp();
		const s = join(root, 'storage');
		mkdirSync(join(s, 'session/global'), {recursive: true});
		mkdirSync(join(s, 'message/ses_ab'), {recursive: true});
		mkdirSync(join(s, 'part/msg_a2'), {recursive: true});
		const w = (rel: string, v: unknown) => writeFileSync(join(s, rel), JSON.stringify(v));
		w('session/global/ses_ab.json', {id: 'ses_ab', projectID: 'global', directory: '/w', title: 't', time: {created: T0, updated: T0}});
		const user = (id: string, at: number) => w(`message/ses_ab/${id}.json`, {id, sessionID: 'ses_ab', role: 'user', time: {created: at}});
		const asst = (id: string, at: number, extra: Record<string, unknown>) =>
			w(`message/ses_ab/${id}.json`, {id, sessionID: 'ses_ab', role: 'assistant', time: {created: at, completed: at + 500}, providerID: 'anthropic', modelID: 'claude-sonnet-4-5', path: {cwd: '/w', root: '/w'}, cost: 0, ...extra});
		user('msg_u1', T0 + 1000);
		// Aborted at once: tokens written, all zero.
		asst('msg_a1', T0 + 2000, {tokens: {input: 0, output: 0, reasoning: 0, cache: {read: 0, write: 0}}, error: {name: 'MessageAbortedError', data: {message: 'aborted'}}});
		user('msg_u2', T0 + 3000);
		// Aborted before any step finished: no tokens at all (a tool part was already there).
		asst('msg_a2', T0 + 4000, {error: {name: 'MessageAbortedError', data: {message: 'aborted'}}});
		w('part/msg_a2/prt_1.json', {id: 'prt_1', sessionID: 'ses_ab', messageID: 'msg_a2', type: 'tool', callID: 'call_1', tool: 'bash', state: {status: 'running', input: {command: 'ls'}}});
		user('msg_u3', T0 + 5000);
		asst('msg_a3', T0 + 6000, {tokens: {input: 12, output: 30, reasoning: 0, cache: {read: 900, write: 40}}, finish: 'stop'});
		return root;
	}

	it('marks them and only them', () => {
		const out = readOpencodeJson(discoverOpencodeDir(tree()).sessions, undefined, 'off');
		const turns = turnsOf(out.records);
		expect(turns.map((x) => [x.messageId, x.aborted ?? false, x.usage.output])).toEqual([
			['msg_a1', true, 0],
			['msg_a2', true, 0],
			['msg_a3', false, 30],
		]);
		expect(turns[1]!.toolCalls.map((c) => c.name)).toEqual(['bash']);
	});

	it('the dataset counts them apart: not in turns, not in a timeline', () => {
		const out = readOpencodeJson(discoverOpencodeDir(tree()).sessions, undefined, 'off');
		const b = new DatasetBuilder({since: null, until: null});
		for (const rec of out.records) b.add(rec);
		const d = b.finish();
		expect(d.abortedTurns).toBe(2);
		expect(d.sessions.flatMap((s) => s.turns.map((x) => x.messageId))).toEqual(['msg_a3']);
	});
});

// ── the dataset and the packed codec ───────────────────────────────────────────────────

function turn(messageId: string, ts: string, output: number, isAborted: boolean): LedgerRecord {
	const record: TurnRecord = {
		v: 1,
		source: 'codex',
		sessionId: 's1',
		messageId,
		turnIndex: 0,
		ts,
		model: 'gpt-5',
		usage: {...emptyUsage(), output, input: output ? 10 : 0},
		toolCalls: [],
		...(isAborted ? {aborted: true as const} : {}),
		rv: 1,
	};
	return {kind: 'turn', record};
}

describe('dataset: aborted responses', () => {
	it('are counted in the window only, and a session with nothing else has no entry', () => {
		const b = new DatasetBuilder({since: '2026-05-04T00:00:00.000Z', until: null});
		b.add(turn('old', '2026-05-03T10:00:00.000Z', 0, true));
		b.add(turn('x', '2026-05-04T10:00:00.000Z', 0, true));
		b.add(turn('y', '2026-05-04T11:00:00.000Z', 0, true));
		const d = b.finish();
		expect(d.abortedTurns).toBe(2);
		expect(d.sessions).toEqual([]);
	});
});

describe('packed codec: aborted', () => {
	it('packs a turn with aborted: true (not a raw row) and decodes it equal', () => {
		const tables = new PackTables();
		const entries = [turn('a', '2026-05-04T10:00:00.000Z', 0, true), turn('b', '2026-05-04T10:01:00.000Z', 5, false)];
		const rows = entries.map((e, i) => packEntry(e, i, tables));
		expect(rows.map((r) => r[0])).not.toContain(RAW);
		const decode = makeDecoder(JSON.parse(JSON.stringify(tables.strings)), JSON.parse(JSON.stringify(tables.shared)));
		const back = rows.map((r) => decode(JSON.parse(JSON.stringify(r))));
		expect(back).toEqual(entries);
		expect((back[1]!.record as TurnRecord).aborted).toBeUndefined();
	});
});
