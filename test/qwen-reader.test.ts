/**
 * Qwen Code session files (docs/agents.md#qwen-code), hand-written from the format
 * description: ChatRecord lines (user, assistant with usageMetadata and functionCall parts,
 * tool_result, system ui_telemetry / chat_compression), a `/branch` copy, the legacy chats.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord, UserTurnRecord} from '../source/core/records.js';
import {createQwenReader, type QwenState} from '../source/sources/qwen/reader.js';
import {discoverQwen} from '../source/sources/qwen/discover.js';
import {lineStarts, readLines} from './helpers/read-lines.js';
import {tmp} from './helpers/tmp.js';

const S1 = 'a1a1a1a1-0000-4000-8000-000000000001';
const S2 = 'b2b2b2b2-0000-4000-8000-000000000002';
const base = (uuid: string, parentUuid: string | null, ts: string, sessionId = S1) => ({uuid, parentUuid, sessionId, timestamp: ts, cwd: '/home/dev/demo', version: '0.22.0'});
const um = (prompt: number, out: number, cached = 0, thoughts = 0) => ({promptTokenCount: prompt, candidatesTokenCount: out, thoughtsTokenCount: thoughts, totalTokenCount: prompt + out, cachedContentTokenCount: cached});
const user = (uuid: string, parent: string | null, ts: string, text: string, sessionId = S1) => ({...base(uuid, parent, ts, sessionId), type: 'user', message: {role: 'user', parts: [{text}]}});
const asst = (uuid: string, parent: string | null, ts: string, usage: object | undefined, parts: object[] = [{text: 'ok'}], extra: object = {}) => ({
	...base(uuid, parent, ts),
	type: 'assistant',
	model: 'qwen3-coder-plus',
	...(usage ? {usageMetadata: usage} : {}),
	message: {role: 'model', parts},
	...extra,
});
const tele = (uuid: string, parent: string | null, ts: string, [i, o, c, t]: [number, number, number, number], extra: object = {}) => ({
	...base(uuid, parent, ts),
	type: 'system',
	subtype: 'ui_telemetry',
	systemPayload: {uiEvent: {'event.name': 'qwen-code.api_response', response_id: `chatcmpl-${uuid}`, model: 'qwen3-coder-plus', input_token_count: i, output_token_count: o, cached_content_token_count: c, thoughts_token_count: t, total_token_count: i + o}},
	...extra,
});
const result = (uuid: string, parent: string, ts: string, callId: string, output: string, status = 'success') => ({
	...base(uuid, parent, ts),
	type: 'tool_result',
	toolCallResult: {callId, status, resultDisplay: '…'},
	message: {role: 'user', parts: [{functionResponse: {id: callId, name: 'x', response: {output}}}]},
});
const J = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;
const turnsOf = (records: LedgerRecord[]): TurnRecord[] => records.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);
const sum = (turns: TurnRecord[]) => turns.reduce((a, t) => ({input: a.input + t.usage.input, cacheRead: a.cacheRead + t.usage.cacheRead, output: a.output + t.usage.output, reasoning: a.reasoning + t.usage.reasoning}), {input: 0, cacheRead: 0, output: 0, reasoning: 0});

const session = J(
	user('u1', null, '2026-09-01T10:00:00.000Z', 'list the files'),
	tele('t1', 'u1', '2026-09-01T10:00:03.099Z', [12000, 150, 0, 40]),
	asst('a1', 't1', '2026-09-01T10:00:03.120Z', um(12000, 150, 0, 40), [{text: 'thinking', thought: true}, {functionCall: {id: 'call_1', name: 'list_directory', args: {path: '/home/dev/demo'}}}, {functionCall: {id: 'call_2', name: 'run_shell_command', args: {command: 'npm test'}}}]),
	result('r1', 'a1', '2026-09-01T10:00:03.400Z', 'call_1', 'README.md\nsrc'),
	result('r2', 'r1', '2026-09-01T10:00:04.400Z', 'call_2', 'FAIL', 'error'),
	tele('t2', 'r2', '2026-09-01T10:00:05.599Z', [12420, 85, 11904, 0]),
	asst('a2', 't2', '2026-09-01T10:00:05.620Z', um(12420, 85, 11904)),
);

describe('Qwen usage (Q1)', () => {
	it('takes cached tokens out of the prompt count and keeps reasoning inside output', () => {
		const turns = turnsOf(readLines(createQwenReader, session).records);
		expect(turns.map((t) => [t.messageId, t.usage])).toEqual([
			['a1', {input: 12000, output: 150, reasoning: 40, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0}],
			['a2', {input: 516, output: 85, reasoning: 0, cacheRead: 11904, cacheCreate5m: 0, cacheCreate1h: 0}],
		]);
		expect(turns[0]).toMatchObject({source: 'qwen', sessionId: S1, requestId: 'a1', model: 'qwen3-coder-plus', project: '/home/dev/demo'});
	});

	it('counts a telemetry event with its assistant record once (Q4), whichever is written first', () => {
		const after = J(user('u1', null, '2026-09-01T10:00:00Z', 'hi'), asst('a1', 'u1', '2026-09-01T10:00:03Z', um(100, 5)), tele('t1', 'a1', '2026-09-01T10:00:03.1Z', [100, 5, 0, 0]), user('u2', 't1', '2026-09-01T10:01:00Z', 'more'));
		expect(turnsOf(readLines(createQwenReader, after).records).map((t) => t.messageId)).toEqual(['a1']);
	});

	it('counts a telemetry event that no assistant record follows (subagent calls of 0.14) as a usage-only turn', () => {
		const lone = J(
			user('u1', null, '2026-09-01T10:00:00Z', 'hi'),
			tele('s1', 'u1', '2026-09-01T10:00:02Z', [3000, 40, 1000, 0], {agentId: 'agent-1'}),
			tele('t1', 's1', '2026-09-01T10:00:03Z', [100, 5, 0, 0]),
			asst('a1', 't1', '2026-09-01T10:00:03.02Z', um(100, 5)),
		);
		const turns = turnsOf(readLines(createQwenReader, lone).records);
		expect(turns.map((t) => [t.messageId, t.usage.input, t.subagent?.agentId, t.fidelity?.coverage.hasToolCalls])).toEqual([
			['a1', 100, undefined, true],
			['api_response:s1', 2000, 'agent-1', true],
		]);
		expect(turns[1]!.fidelity?.class).toBe('usage-only');
		// The assistant record's parent is the lone event, but its numbers are not: still counted.
		const chained = J(user('u1', null, '2026-09-01T10:00:00Z', 'hi'), tele('s1', 'u1', '2026-09-01T10:00:02Z', [3000, 40, 1000, 0]), asst('a1', 's1', '2026-09-01T10:00:03Z', um(100, 5)));
		expect(turnsOf(readLines(createQwenReader, chained).records).map((t) => [t.messageId, t.subagent?.agentId])).toEqual([
			['a1', undefined],
			['api_response:s1', 'telemetry-only'],
		]);
	});

	it('gives the same turns read in passes at every line boundary', () => {
		const data = Buffer.from(session);
		const whole = sum(turnsOf(readLines(createQwenReader, data).records));
		for (const cut of lineStarts(data)) {
			const a = readLines(createQwenReader, data, {endOffset: cut});
			const b = readLines(createQwenReader, data, {startOffset: a.end, state: a.state as QwenState});
			expect(sum(turnsOf([...a.records, ...b.records])), `cut at ${cut}`).toEqual(whole);
		}
	});

	it('a record with no usage is an aborted response', () => {
		const turns = turnsOf(readLines(createQwenReader, J(asst('a1', null, '2026-09-01T10:00:03Z', undefined))).records);
		expect(turns.map((t) => t.aborted)).toEqual([true]);
	});
});

describe('Qwen tools, threads, compaction', () => {
	const r = readLines(createQwenReader, session);
	it('records targets and gives each result its size after the call', () => {
		const [a1] = turnsOf(r.records);
		expect(a1!.toolCalls.map((c) => [c.name, c.target])).toEqual([
			['list_directory', '/home/dev/demo'],
			['run_shell_command', 'npm test'],
		]);
		const uts = r.records.filter((x) => x.kind === 'user_turn').map((x) => x.record as UserTurnRecord);
		const results = uts.filter((u) => u.blocks[0]!.kind === 'tool_result');
		expect(results.map((u) => [u.precedingMessageId, u.blocks[0]!.toolUseId, u.blocks[0]!.byteLen, u.blocks[0]!.isError])).toEqual([
			['a1', 'call_1', 13, undefined],
			['a1', 'call_2', 4, true],
		]);
	});

	it('sidechain records are a thread; chat_compression is a compaction', () => {
		const rr = readLines(
			createQwenReader,
			J(asst('a1', null, '2026-09-01T10:00:03Z', um(10, 1)), asst('b1', null, '2026-09-01T10:00:04Z', um(20, 2), undefined, {isSidechain: true, agentId: 'ag-7', agentName: 'explorer'}), {...base('c1', 'a1', '2026-09-01T10:00:05Z'), type: 'system', subtype: 'chat_compression', systemPayload: {info: {}}}),
		);
		const turns = turnsOf(rr.records);
		expect(turns[1]!.subagent).toEqual({isSidechain: true, agentId: 'ag-7', subagentType: 'explorer'});
		expect(rr.records.find((x) => x.kind === 'compaction')!.record).toMatchObject({sessionId: S1, precedingMessageId: 'a1'});
	});
});

describe('Qwen /branch copies (Q2)', () => {
	it('a branched file keeps the uuids: same message and request ids in the new session, and a fork relationship', () => {
		const branch = J(
			{...user('u1', null, '2026-09-01T10:00:00.000Z', 'list the files', S2), forkedFrom: {sessionId: S1, messageUuid: 'u1'}},
			{...asst('a1', 'u1', '2026-09-01T10:00:03.120Z', um(12000, 150, 0, 40)), sessionId: S2, forkedFrom: {sessionId: S1, messageUuid: 'a1'}},
		);
		const r = readLines(createQwenReader, branch);
		expect(turnsOf(r.records).map((t) => [t.sessionId, t.messageId, t.requestId])).toEqual([[S2, 'a1', 'a1']]);
		expect(r.records.find((x) => x.kind === 'relationship')!.record).toMatchObject({sessionId: S2, relatedSessionId: S1, relationshipType: 'fork'});
	});
});

describe('Qwen legacy chats', () => {
	it('reads a Gemini-style document with `qwen` responses (cache inside input, thoughts on top)', () => {
		const doc = {sessionId: S1, projectHash: 'c'.repeat(64), startTime: '2025-10-01T10:00:00Z', messages: [{id: 'm1', timestamp: '2025-10-01T10:00:05Z', type: 'qwen', model: 'qwen3-coder-plus', content: 'hi', tokens: {input: 1000, output: 10, cached: 600, thoughts: 5, tool: 0, total: 1015}}]};
		const r = readLines(createQwenReader, `${JSON.stringify(doc, null, 2)}\n`, {path: '/h/.qwen/tmp/ccc/chats/session-1.json'});
		expect(turnsOf(r.records).map((t) => [t.source, t.usage.input, t.usage.cacheRead, t.usage.output])).toEqual([['qwen', 400, 600, 15]]);
		expect((r.state as QwenState).mode).toBe('legacy');
	});
});

describe('Qwen first lines', () => {
	it('a torn first line is one bad line of the JSONL, not a legacy document', () => {
		const r = readLines(createQwenReader, `{"uuid":"x","sess\n${J(asst('a1', null, '2026-09-01T10:00:03Z', um(10, 1)))}`);
		expect(turnsOf(r.records).map((t) => t.messageId)).toEqual(['a1']);
		expect(r.skips.badLines).toBe(1);
	});

	it('a legacy document on one line is read too', () => {
		const doc = {sessionId: S1, projectHash: 'c', messages: [{id: 'm1', timestamp: '2025-10-01T10:00:05Z', type: 'qwen', model: 'qwen3-coder-plus', tokens: {input: 100, output: 1, cached: 0, thoughts: 0, tool: 0, total: 101}}]};
		expect(turnsOf(readLines(createQwenReader, `${JSON.stringify(doc)}\n`).records).map((t) => t.messageId)).toEqual(['m1']);
	});
});

describe('Qwen discovery', () => {
	it('finds projects/<cwd>/chats/*.jsonl and the legacy tmp/<hash>/chats/*.json under QWEN_RUNTIME_DIR', () => {
		const home = tmp('burn-qwen-');
		const root = join(home, 'rt');
		mkdirSync(join(root, 'projects', '-home-dev-demo', 'chats'), {recursive: true});
		mkdirSync(join(root, 'tmp', 'abc', 'chats'), {recursive: true});
		writeFileSync(join(root, 'projects', '-home-dev-demo', 'chats', `${S1}.jsonl`), '{}\n');
		writeFileSync(join(root, 'projects', '-home-dev-demo', 'meta.json'), '{}\n');
		writeFileSync(join(root, 'tmp', 'abc', 'chats', 'session-1.json'), '{}\n');
		writeFileSync(join(root, 'tmp', 'abc', 'logs.json'), '[]\n');
		const found = discoverQwen({HOME: join(home, 'none'), QWEN_RUNTIME_DIR: root});
		expect(found.files.map((f) => [f.source, f.path.slice(root.length + 1)]).sort()).toEqual([
			['qwen', `projects/-home-dev-demo/chats/${S1}.jsonl`],
			['qwen', 'tmp/abc/chats/session-1.json'],
		]);
		expect(discoverQwen({HOME: home}).files).toHaveLength(0);
	});
});
