// The OpenCode JSON-tree reader on a tree we write by hand (layout from the format description:
// storage/session/<project>/<session>.json, storage/message/<session>/<message>.json,
// storage/part/<message>/<part>.json). The rules the ../shared fixture suites of
// opencode-reader.test.ts check, on a plain clone.
//
// Root session ses_own_root, one child session ses_own_child (parentID = the root):
//   msg_own_a1  sonnet  input 40, output 120 (+ reasoning 30: `total` = 3190 shows output excludes it),
//               cache read 0, write 3000; calls read user.ts and task "explore" (→ the child)
//   msg_own_a2  sonnet  input 25, output 80, cache read 3000, write 400; bash "npm test", exit 1
//   msg_own_c1  haiku   (child) input 500, output 60; grep "fetchUser"
// By hand: a1 usage {input 40, output 150, reasoning 30, cacheRead 0, cacheCreate5m 3000};
//          a2 {25, 80, 0, 3000, 400}; c1 {500, 60, 0, 0, 0}, a thread of the root session.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CompactionRecord, LedgerRecord, RelationshipRecord, ToolResultEventRecord, TurnRecord, UserTurnRecord} from '../source/core/records.js';
import {discoverOpencodeDir} from '../source/sources/opencode/discover.js';
import {readOpencodeJson} from '../source/sources/opencode/read-json.js';
import {keptDir} from './helpers/e2e.js';
import {tmp} from './helpers/tmp.js';

const T0 = Date.parse('2026-05-12T14:00:00.000Z');
const of = <R>(rs: LedgerRecord[], kind: LedgerRecord['kind']) => rs.filter((r) => r.kind === kind).map((r) => r.record as R);

function writeJson(path: string, value: unknown): void {
	mkdirSync(join(path, '..'), {recursive: true});
	writeFileSync(path, JSON.stringify(value));
}

/** Writes the tree under a new temporary root; returns the root. */
function ownTree(): string {
	const root = keptDir('burn-opencode-own-'); // kept for the whole file (tmp() dirs go after each test)
	const st = join(root, 'storage');
	const session = (id: string, extra: object = {}) => writeJson(join(st, 'session', 'proj_own', `${id}.json`), {id, projectID: 'proj_own', directory: '/tmp/ours/web', title: 'retry', time: {created: T0, updated: T0 + 60_000}, ...extra});
	const message = (sessionID: string, id: string, m: object) => writeJson(join(st, 'message', sessionID, `${id}.json`), {id, sessionID, ...m});
	const part = (sessionID: string, messageID: string, id: string, p: object) => writeJson(join(st, 'part', messageID, `${id}.json`), {id, sessionID, messageID, ...p});
	const tokens = (input: number, output: number, reasoning: number, read: number, write: number) => ({total: input + output + reasoning + read + write, input, output, reasoning, cache: {read, write}});
	const assistant = (model: string, t: number, tk: object) => ({role: 'assistant', time: {created: t, completed: t + 500}, providerID: 'anthropic', modelID: model, mode: 'build', path: {cwd: '/tmp/ours/web', root: '/tmp/ours/web'}, tokens: tk});

	session('ses_own_root');
	message('ses_own_root', 'msg_own_u1', {role: 'user', time: {created: T0}});
	part('ses_own_root', 'msg_own_u1', 'prt_own_u1_1', {type: 'text', text: 'add a retry to fetchUser'});
	message('ses_own_root', 'msg_own_a1', assistant('claude-sonnet-4-6', T0 + 1000, tokens(40, 120, 30, 0, 3000)));
	part('ses_own_root', 'msg_own_a1', 'prt_own_a1_1', {type: 'text', text: 'Reading the user module first.'});
	part('ses_own_root', 'msg_own_a1', 'prt_own_a1_2', {type: 'tool', callID: 'call_own_read', tool: 'read', state: {status: 'completed', input: {filePath: '/tmp/ours/web/src/user.ts'}, output: 'export async function fetchUser(id) {}\n'}});
	part('ses_own_root', 'msg_own_a1', 'prt_own_a1_3', {type: 'tool', callID: 'call_own_task', tool: 'task', state: {status: 'completed', input: {subagent_type: 'explore', description: 'find callers', prompt: 'Find every caller of fetchUser'}, output: 'two callers', metadata: {sessionId: 'ses_own_child'}}});
	part('ses_own_root', 'msg_own_a1', 'prt_own_a1_4', {type: 'step-finish', reason: 'tool-calls', tokens: tokens(40, 120, 30, 0, 3000)});
	message('ses_own_root', 'msg_own_a2', assistant('claude-sonnet-4-6', T0 + 60_000, tokens(25, 80, 0, 3000, 400)));
	part('ses_own_root', 'msg_own_a2', 'prt_own_a2_1', {type: 'tool', callID: 'call_own_bash', tool: 'bash', state: {status: 'completed', input: {command: 'npm test'}, output: '1 failing', metadata: {exit: 1}}});
	part('ses_own_root', 'msg_own_a2', 'prt_own_a2_2', {type: 'step-finish', reason: 'tool-calls', tokens: tokens(25, 80, 0, 3000, 400)});

	session('ses_own_child', {parentID: 'ses_own_root', title: 'find callers'});
	message('ses_own_child', 'msg_own_cu', {role: 'user', time: {created: T0 + 1500}, agent: 'explore'});
	message('ses_own_child', 'msg_own_c1', {...assistant('claude-haiku-4-5', T0 + 2000, tokens(500, 60, 0, 0, 0)), mode: 'explore'});
	part('ses_own_child', 'msg_own_c1', 'prt_own_c1_1', {type: 'tool', callID: 'call_own_grep', tool: 'grep', state: {status: 'completed', input: {pattern: 'fetchUser'}, output: 'src/a.ts\nsrc/b.ts'}});
	part('ses_own_child', 'msg_own_c1', 'prt_own_c1_2', {type: 'step-finish', reason: 'stop', tokens: tokens(500, 60, 0, 0, 0)});
	return root;
}

describe('OpenCode JSON tree written by hand', () => {
	const root = ownTree();
	const out = readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'off');
	const ts = of<TurnRecord>(out.records, 'turn');

	it('one turn per assistant message, message-level tokens, reasoning inside output', () => {
		const main = ts.filter((t) => !t.subagent);
		expect(main.map((t) => [t.sessionId, t.messageId, t.turnIndex, t.model, t.ts])).toEqual([
			['ses_own_root', 'msg_own_a1', 0, 'anthropic/claude-sonnet-4-6', new Date(T0 + 1000).toISOString()],
			['ses_own_root', 'msg_own_a2', 1, 'anthropic/claude-sonnet-4-6', new Date(T0 + 60_000).toISOString()],
		]);
		expect(main[0]!.usage).toEqual({input: 40, output: 150, reasoning: 30, cacheRead: 0, cacheCreate5m: 3000, cacheCreate1h: 0});
		expect(main[1]!.usage).toEqual({input: 25, output: 80, reasoning: 0, cacheRead: 3000, cacheCreate5m: 400, cacheCreate1h: 0});
		expect(main[0]!.project).toBe('/tmp/ours/web');
	});

	it('tool calls: names as OpenCode writes them, targets, a non-zero exit is an error', () => {
		const calls = ts.flatMap((t) => t.toolCalls.map((c) => [c.id, c.name, c.target, c.isError ?? false]));
		expect(calls.sort()).toEqual([
			['call_own_bash', 'bash', 'npm test', true],
			['call_own_grep', 'grep', 'fetchUser', false],
			['call_own_read', 'read', '/tmp/ours/web/src/user.ts', false],
			['call_own_task', 'task', 'explore', false],
		]);
		expect(of<ToolResultEventRecord>(out.records, 'tool_result_event').map((e) => [e.toolUseId, e.status]).sort()).toEqual([
			['call_own_bash', 'errored'],
			['call_own_grep', 'completed'],
			['call_own_read', 'completed'],
			['call_own_task', 'completed'],
		]);
	});

	it('the child session is a thread of its root session, with one relationship', () => {
		const child = ts.filter((t) => t.subagent);
		expect(child).toHaveLength(1);
		expect(child[0]).toMatchObject({sessionId: 'ses_own_root', messageId: 'msg_own_c1', model: 'anthropic/claude-haiku-4-5', subagent: {isSidechain: true, agentId: 'ses_own_child'}});
		expect(child[0]!.usage).toEqual({input: 500, output: 60, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0});
		const rels = of<RelationshipRecord>(out.records, 'relationship');
		expect(rels.map((r) => [r.relationshipType, r.sessionId, r.relatedSessionId])).toEqual([['subagent', 'ses_own_child', 'ses_own_root']]);
	});

	it('the results of a turn’s calls reach the next turn as a user turn', () => {
		const before = of<UserTurnRecord>(out.records, 'user_turn').filter((u) => u.sessionId === 'ses_own_root' && u.blocks.some((b) => b.kind === 'tool_result'));
		const ids = before.flatMap((u) => u.blocks.filter((b) => b.kind === 'tool_result').map((b) => b.toolUseId));
		expect(ids).toEqual(expect.arrayContaining(['call_own_read', 'call_own_task']));
		const read = before.flatMap((u) => u.blocks).find((b) => b.toolUseId === 'call_own_read')!;
		expect(read.byteLen).toBe(Buffer.byteLength('export async function fetchUser(id) {}\n'));
	});

	it('content mode full: the assistant text goes to the content sidecar', () => {
		const full = readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'full');
		expect(full.content).toContainEqual(
			expect.objectContaining({source: 'opencode', sessionId: 'ses_own_root', messageId: 'msg_own_a1', role: 'assistant', kind: 'text', text: 'Reading the user module first.'}),
		);
		expect(out.content ?? []).toEqual([]); // content off: none
	});

	it('a second pass over the unchanged tree emits nothing', () => {
		expect(readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'off').records.length).toBe(out.records.length);
		const again = readOpencodeJson(discoverOpencodeDir(root).sessions, out.state, 'off');
		expect(again.records).toEqual([]);
	});
});

describe('OpenCode compaction written by hand', () => {
	it('a compaction part → one compaction anchored to the assistant before it; the summary is a turn', () => {
		const root = tmp();
		const st = join(root, 'storage');
		writeJson(join(st, 'session', 'proj_own', 'ses_own_cmp.json'), {id: 'ses_own_cmp', projectID: 'proj_own', directory: '/tmp/ours/web', time: {created: T0}});
		const tk = (input: number, output: number, read: number, write: number) => ({total: input + output + read + write, input, output, reasoning: 0, cache: {read, write}});
		const asst = (id: string, t: number, tokens: object, extra: object = {}) =>
			writeJson(join(st, 'message', 'ses_own_cmp', `${id}.json`), {id, sessionID: 'ses_own_cmp', role: 'assistant', time: {created: t}, providerID: 'anthropic', modelID: 'claude-sonnet-4-6', tokens, ...extra});
		asst('msg_own_k1', T0 + 1000, tk(10, 50, 9000, 200));
		writeJson(join(st, 'message', 'ses_own_cmp', 'msg_own_ku.json'), {id: 'msg_own_ku', sessionID: 'ses_own_cmp', role: 'user', time: {created: T0 + 2000}});
		writeJson(join(st, 'part', 'msg_own_ku', 'prt_own_ku_1.json'), {id: 'prt_own_ku_1', sessionID: 'ses_own_cmp', messageID: 'msg_own_ku', type: 'compaction'});
		asst('msg_own_ks', T0 + 3000, tk(9200, 400, 0, 0), {summary: true});
		asst('msg_own_k2', T0 + 4000, tk(20, 30, 0, 1500));
		const out = readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'off');
		expect(of<TurnRecord>(out.records, 'turn').map((t) => [t.messageId, t.turnIndex])).toEqual([
			['msg_own_k1', 0],
			['msg_own_ks', 1],
			['msg_own_k2', 2],
		]);
		// tokensBeforeCompact: the cache reads of the turn before it (9000)
		expect(of<CompactionRecord>(out.records, 'compaction')).toMatchObject([
			{source: 'opencode', sessionId: 'ses_own_cmp', ts: new Date(T0 + 2000).toISOString(), precedingMessageId: 'msg_own_k1', tokensBeforeCompact: 9000},
		]);
	});
});
