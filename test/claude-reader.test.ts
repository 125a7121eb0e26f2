import {createHash} from 'node:crypto';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {
	CompactionRecord,
	LedgerRecord,
	RelationshipRecord,
	ToolResultEventRecord,
	TurnRecord,
	UserTurnRecord,
} from '../source/core/records.js';
import {createClaudeReader, createClaudeReaderWithMeta, type ClaudeState, type SubagentMeta} from '../source/sources/claude/reader.js';
import {estimateTokens} from '../source/sources/estimate.js';
import {argsHash, contentHash, stableStringify} from '../source/sources/hash.js';
import {READER_VERSION} from '../source/sources/reader.js';
import {lineStarts, readFileLines, readLines, type ReadLinesResult} from './helpers/read-lines.js';
import {describeShared, itShared, SHARED_DIR as SHARED} from './helpers/shared.js';
import {OWN_CLAUDE_LOG} from './helpers/own-ledger.js';

const FIXTURES = join(SHARED, 'fixtures/claude');
const CORPUS = join(SHARED, 'corpus/claude');
const PHOENIX = join(CORPUS, 'phoenix/apps/tuval/src/claude/history/fixtures');

type Out = ReadLinesResult<ClaudeState>;

const fixture = (name: string, opts: Parameters<typeof readFileLines<ClaudeState>>[2] = {}): Out =>
	readFileLines(createClaudeReader, join(FIXTURES, `${name}.jsonl`), opts);

type RecordOf<K extends LedgerRecord['kind']> = Extract<LedgerRecord, {kind: K}>['record'];

function of<K extends LedgerRecord['kind']>(out: {records: LedgerRecord[]}, kind: K): Array<RecordOf<K>> {
	const res: Array<RecordOf<K>> = [];
	for (const r of out.records) if (r.kind === kind) res.push(r.record as RecordOf<K>);
	return res;
}
const turns = (out: {records: LedgerRecord[]}): TurnRecord[] => of(out, 'turn');
const users = (out: {records: LedgerRecord[]}): UserTurnRecord[] => of(out, 'user_turn');
const events = (out: {records: LedgerRecord[]}): ToolResultEventRecord[] => of(out, 'tool_result_event');
const rels = (out: {records: LedgerRecord[]}): RelationshipRecord[] => of(out, 'relationship');
const compactions = (out: {records: LedgerRecord[]}): CompactionRecord[] => of(out, 'compaction');

/** The first `n` items of `xs`, typed as present: fails the test when there are fewer. */
function some<T, N extends 1 | 2 | 3>(xs: T[], n: N): N extends 1 ? [T] : N extends 2 ? [T, T] : [T, T, T] {
	if (xs.length < n) throw new Error(`expected at least ${n} records, got ${xs.length}`);
	return xs.slice(0, n) as never;
}

interface Totals {
	input: number;
	output: number;
	cacheRead: number;
	cacheCreate5m: number;
	cacheCreate1h: number;
	turns: number;
}

function totalsOf(ts: TurnRecord[]): Totals {
	const t: Totals = {input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0, turns: ts.length};
	for (const r of ts) {
		t.input += r.usage.input;
		t.output += r.usage.output;
		t.cacheRead += r.usage.cacheRead;
		t.cacheCreate5m += r.usage.cacheCreate5m;
		t.cacheCreate1h += r.usage.cacheCreate1h;
	}
	return t;
}

/** The ledger's read rule: per (session, message) the largest output wins, ties → the later one. */
function mostComplete(ts: TurnRecord[]): TurnRecord[] {
	const best = new Map<string, TurnRecord>();
	for (const t of ts) {
		const k = `${t.sessionId}|${t.messageId}`;
		const b = best.get(k);
		if (!b || t.usage.output >= b.usage.output) best.set(k, t);
	}
	return [...best.values()];
}

/** Last-wins per key for records that are re-emitted whole (user turns). */
function lastBy<T>(items: T[], key: (t: T) => string): T[] {
	const m = new Map<string, T>();
	for (const i of items) m.set(key(i), i);
	return [...m.values()];
}

const jsonl = (...objs: unknown[]): string => objs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n') + '\n';

function asst(id: string, over: Record<string, unknown> = {}, msg: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		type: 'assistant',
		uuid: `u-${id}-${Math.random().toString(36).slice(2, 8)}`,
		sessionId: 'sess-1',
		timestamp: '2026-05-01T00:00:01.000Z',
		cwd: '/tmp/p',
		isSidechain: false,
		message: {
			id,
			model: 'claude-sonnet-4-6',
			role: 'assistant',
			content: [{type: 'text', text: 'hi'}],
			stop_reason: null,
			usage: {input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 0},
			...msg,
		},
		...over,
	};
}

function userLine(uuid: string, content: unknown, over: Record<string, unknown> = {}): Record<string, unknown> {
	return {type: 'user', uuid, sessionId: 'sess-1', timestamp: '2026-05-01T00:00:00.000Z', cwd: '/tmp/p', isSidechain: false, message: {role: 'user', content}, ...over};
}

describe('hash', () => {
	it('argsHash is independent of key order and 16 hex', () => {
		const a = argsHash({b: 1, a: {d: [1, {z: 1, y: 2}], c: 'x'}});
		const b = argsHash({a: {c: 'x', d: [1, {y: 2, z: 1}]}, b: 1});
		expect(a).toBe(b);
		expect(a).toMatch(/^[0-9a-f]{16}$/);
		expect(argsHash({a: [1, 2]})).not.toBe(argsHash({a: [2, 1]}));
	});

	it('stableStringify sorts keys recursively and JSON-encodes scalars', () => {
		expect(stableStringify({b: 'x"y', a: [true, null, 1.5, {d: 1, c: 2}]})).toBe('{"a":[true,null,1.5,{"c":2,"d":1}],"b":"x\\"y"}');
		expect(argsHash({file_path: '/a'})).toBe(createHash('sha256').update('{"file_path":"/a"}').digest('hex').slice(0, 16));
	});

	it('contentHash is sha256 of the UTF-8 string, first 16 hex', () => {
		expect(contentHash('héllo ✓')).toBe(createHash('sha256').update(Buffer.from('héllo ✓', 'utf8')).digest('hex').slice(0, 16));
	});
});

// The same rules on logs of our own: claude-own.test.ts and the inline cases below.
describeShared('claude reader: fixtures', () => {
	it('simple-turn: one full-fidelity turn, 5m/1h split, project, user turn, content', () => {
		const out = fixture('simple-turn', {contentMode: 'full'});
		const [t] = some(turns(out), 1);
		expect(turns(out)).toHaveLength(1);
		expect(t).toMatchObject({
			v: 1,
			source: 'claude-code',
			sessionId: '11111111-1111-1111-1111-111111111111',
			messageId: 'msg_simple_1',
			turnIndex: 0,
			ts: '2026-04-20T00:00:01.000Z',
			model: 'claude-sonnet-4-6',
			usage: {input: 10, output: 5, reasoning: 0, cacheRead: 500, cacheCreate5m: 80, cacheCreate1h: 20},
			toolCalls: [],
			project: '/tmp/project',
			stopReason: 'end_turn',
			rv: READER_VERSION,
		});
		expect(t.sessionPath).toBe(join(FIXTURES, 'simple-turn.jsonl'));
		expect(t.fidelity?.class).toBe('full');
		expect(t.fidelity?.granularity).toBe('per-turn');
		expect(t.fidelity?.coverage.hasReasoningTokens).toBe(false);
		expect(t.subagent).toBeUndefined();
		const [u] = some(users(out), 1);
		expect(u.blocks).toEqual([{kind: 'text', byteLen: 5, approxTokens: estimateTokens('hello')}]);
		expect(u.followingMessageId).toBe('msg_simple_1');
		expect(rels(out)).toEqual([
			{v: 1, source: 'claude-code', sessionId: t.sessionId, relationshipType: 'root', ts: '2026-04-20T00:00:00.000Z', sourceVersion: '2.1.96', rv: READER_VERSION},
		]);
		expect(out.content.map((c) => [c.role, c.kind, c.text, c.messageId])).toEqual([
			['user', 'text', 'hello', 'u-user-1'],
			['assistant', 'text', 'Hello!', 'msg_simple_1'],
		]);
		expect(out.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
		expect(fixture('simple-turn').content).toEqual([]);
	});

	it('multi-block-turn: four lines of one message are one turn', () => {
		const out = fixture('multi-block-turn', {contentMode: 'full'});
		const ts = turns(out);
		expect(ts).toHaveLength(1);
		expect(ts[0]?.ts).toBe('2026-04-20T00:00:01.000Z');
		expect(ts[0]?.stopReason).toBe('tool_use');
		expect(ts[0]?.usage).toEqual({input: 3, output: 43, reasoning: 0, cacheRead: 11496, cacheCreate5m: 0, cacheCreate1h: 4773});
		expect(ts[0]?.toolCalls.map((c) => [c.name, c.target])).toEqual([
			['Bash', 'ls -la /tmp/project'],
			['Agent', 'general-purpose'],
		]);
		expect(out.content.some((c) => c.kind === 'thinking')).toBe(false);
		expect(out.content.filter((c) => c.kind === 'tool_use')).toHaveLength(2);
		expect(out.content.every((c) => c.role !== 'assistant' || c.ts === '2026-04-20T00:00:01.000Z')).toBe(true);
	});

	it('files-touched: Read targets only, Grep target = pattern', () => {
		const [t] = some(turns(fixture('files-touched')), 1);
		expect(t.filesTouched).toEqual(['/src/a.ts', '/src/b.ts']);
		expect(t.toolCalls.find((c) => c.name === 'Grep')?.target).toBe('foo.*bar');
		expect(t.usage.cacheCreate5m).toBe(0);
	});

	it('sidechain-turn: a sidechain chain without a spawning call is its own thread', () => {
		const out = fixture('sidechain-turn');
		const [t] = some(turns(out), 1);
		expect(t.subagent).toEqual({isSidechain: true, agentId: 'u-sidechain-user'});
		expect(rels(out).filter((r) => r.relationshipType === 'subagent')).toEqual([
			expect.objectContaining({agentId: 'u-sidechain-user', sessionId: '44444444-4444-4444-4444-444444444444'}),
		]);
	});

	it('nested-subagent: parentUuid walk gives agentId, parentAgentId, parentToolUseId, type', () => {
		const out = fixture('nested-subagent');
		const sid = '55555555-5555-5555-5555-555555555555';
		const byId = new Map(turns(out).map((t) => [t.messageId, t]));
		expect(byId.get('msg_main_1')?.subagent).toBeUndefined();
		expect(byId.get('msg_main_2')?.subagent).toBeUndefined();
		const explore = {isSidechain: true, agentId: 'u-sub1-user', parentToolUseId: 'toolu_outer', parentAgentId: sid, subagentType: 'Explore', description: 'Research the codebase'};
		expect(byId.get('msg_sub1_1')?.subagent).toEqual(explore);
		expect(byId.get('msg_sub1_2')?.subagent).toEqual(explore);
		expect(byId.get('msg_sub2_1')?.subagent).toEqual({
			isSidechain: true,
			agentId: 'u-sub2-user',
			parentToolUseId: 'toolu_inner',
			parentAgentId: 'u-sub1-user',
			subagentType: 'code-reviewer',
			description: 'Review',
		});
		const subs = rels(out).filter((r) => r.relationshipType === 'subagent');
		expect(subs.map((r) => [r.agentId, r.relatedSessionId, r.parentToolUseId, r.subagentType])).toEqual([
			['u-sub1-user', sid, 'toolu_outer', 'Explore'],
			['u-sub2-user', 'u-sub1-user', 'toolu_inner', 'code-reviewer'],
		]);
		const ev = new Map(events(out).map((e) => [e.toolUseId, e]));
		expect(ev.get('toolu_outer')?.agentId).toBe('u-sub1-user');
		expect(ev.get('toolu_inner')?.agentId).toBe('u-sub2-user');
	});

	it('nested-subagent: thread resolution survives a split at every line', () => {
		const bytes = readFileSync(join(FIXTURES, 'nested-subagent.jsonl'));
		const whole = turns(readLines(createClaudeReader, bytes));
		for (const cut of lineStarts(bytes).slice(1)) {
			const a = readLines(createClaudeReader, bytes, {endOffset: cut});
			const b = readLines(createClaudeReader, bytes, {startOffset: a.end, state: a.state});
			const merged = mostComplete([...turns(a), ...turns(b)]);
			expect(merged.map((t) => [t.messageId, t.turnIndex, t.subagent])).toEqual(whole.map((t) => [t.messageId, t.turnIndex, t.subagent]));
		}
	});

	it('retry-loop: later is_error results mark the calls; errored events, monotonic eventIndex', () => {
		const out = fixture('retry-loop');
		const ts = turns(out);
		expect(ts).toHaveLength(4);
		expect(ts.every((t) => t.toolCalls[0]?.isError === true)).toBe(true);
		const evs = events(out);
		expect(evs).toHaveLength(4);
		expect(evs.map((e) => [e.status, e.eventSource, e.eventIndex, e.callIndex, e.isError])).toEqual([
			['errored', 'tool_result', 0, 0, true],
			['errored', 'tool_result', 1, 0, true],
			['errored', 'tool_result', 2, 0, true],
			['errored', 'tool_result', 3, 0, true],
		]);
		expect(evs[0]).toMatchObject({messageId: 'u-user-2', ts: '2026-04-20T00:00:02.000Z', contentLength: 20, contentHash: contentHash('npm ERR! code ENOENT')});
		expect(new Set(ts.map((t) => t.toolCalls[0]?.argsHash)).size).toBe(1);
	});

	it('edit-revert: the revert’s post hash equals the first edit’s pre hash', () => {
		const [first, , third] = some(turns(fixture('edit-revert')), 3);
		const e1 = first.toolCalls[0]!;
		const e2 = third.toolCalls[0]!;
		expect(e1.editPreHash).toBe(contentHash('const FOO = 1;'));
		expect(e1.editPostHash).toBe(contentHash('const FOO = 2;'));
		expect(e2.editPostHash).toBe(e1.editPreHash);
		expect(first.hasEdits).toBe(true);
		expect(first.filesTouched).toEqual(['/src/foo.ts']);
	});

	it('replacement-meta: _meta on a tool_result → ToolCall and event', () => {
		const out = fixture('replacement-meta');
		const call = turns(out)[0]?.toolCalls.find((c) => c.id === 'tu_search_1');
		expect(call?.name).toBe('relaywash__Search');
		expect(call?.replacedTools).toEqual(['Glob', 'Grep', 'Read']);
		expect(call?.collapsedCalls).toBe(9);
		expect(turns(out)[0]?.toolCalls.find((c) => c.id === 'tu_read_1')?.replacedTools).toBeUndefined();
		const ev = events(out).find((e) => e.toolUseId === 'tu_search_1');
		expect(ev).toMatchObject({replacedTools: ['Glob', 'Grep', 'Read'], collapsedCalls: 9});
	});

	it('compact-boundary: compaction with the preceding turn’s cache read', () => {
		const out = fixture('compact-boundary');
		expect(compactions(out)).toEqual([
			{v: 1, source: 'claude-code', sessionId: 'compact-session', ts: '2026-04-20T00:00:02.000Z', precedingMessageId: 'msg_c_1', tokensBeforeCompact: 9000, rv: READER_VERSION},
		]);
	});

	it('compact-boundary: compactMetadata.preTokens wins when present', () => {
		const text = jsonl(asst('m1'), {
			type: 'system',
			subtype: 'compact_boundary',
			sessionId: 'sess-1',
			timestamp: '2026-05-01T00:00:02.000Z',
			compactMetadata: {trigger: 'auto', preTokens: 155000},
		});
		expect(compactions(readLines(createClaudeReader, text))[0]?.tokensBeforeCompact).toBe(155000);
	});

	it('user-turn-blocks: blocks, sizes, errors and preceding/following links', () => {
		const out = fixture('user-turn-blocks');
		const us = users(out);
		expect(us).toHaveLength(3);
		expect(us[0]?.blocks).toEqual([{kind: 'text', byteLen: 20, approxTokens: estimateTokens('please fix the build')}]);
		expect(us[1]?.blocks.map((b) => [b.kind, b.toolUseId, b.byteLen])).toEqual([
			['tool_result', 'tu_bash_1', 4],
			['tool_result', 'tu_read_1', 100],
		]);
		expect(us[2]?.blocks).toEqual([{kind: 'tool_result', toolUseId: 'tu_bash_2', byteLen: 15, approxTokens: estimateTokens('npm ERR! ENOENT'), isError: true}]);
		expect(us.map((u) => [u.userUuid, u.precedingMessageId, u.followingMessageId])).toEqual([
			['u-user-1', undefined, 'msg_utb_1'],
			['u-user-2', 'msg_utb_1', 'msg_utb_2'],
			['u-user-3', 'msg_utb_2', 'msg_utb_3'],
		]);
	});

	it('incomplete-then-complete: both responses count; later lines replace the open one', () => {
		const file = join(FIXTURES, 'incomplete-then-complete.jsonl');
		const first = readFileLines(createClaudeReader, file);
		expect(turns(first).map((t) => [t.messageId, t.turnIndex, t.usage.output, t.stopReason])).toEqual([
			['msg_done_1', 0, 2, 'end_turn'],
			['msg_inprog_1', 1, 3, undefined],
		]);
		const bytes = readFileSync(file);
		const more = jsonl({
			parentUuid: 'u-asst-2',
			isSidechain: false,
			type: 'assistant',
			uuid: 'u-asst-2b',
			timestamp: '2026-04-20T00:00:03.000Z',
			cwd: '/tmp/project',
			sessionId: '33333333-3333-3333-3333-333333333333',
			requestId: 'req_2',
			message: {
				id: 'msg_inprog_1',
				model: 'claude-sonnet-4-6',
				role: 'assistant',
				content: [{type: 'tool_use', id: 'tu_late', name: 'Read', input: {file_path: '/x.ts'}}],
				stop_reason: 'tool_use',
				usage: {input_tokens: 7, output_tokens: 41, cache_read_input_tokens: 0, cache_creation_input_tokens: 0},
			},
		});
		const second = readLines(createClaudeReader, Buffer.concat([bytes, Buffer.from(more)]), {startOffset: first.end, state: first.state, path: file});
		const again = turns(second);
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({messageId: 'msg_inprog_1', turnIndex: 1, ts: '2026-04-20T00:00:02.000Z', stopReason: 'tool_use'});
		expect(again[0]?.usage.output).toBe(41);
		expect(again[0]?.toolCalls.map((c) => c.id)).toEqual(['tu_late']);
		expect(again[0]?.filesTouched).toEqual(['/x.ts']);
		const kept = mostComplete([...turns(first), ...again]);
		expect(kept.map((t) => [t.messageId, t.usage.output])).toEqual([
			['msg_done_1', 2],
			['msg_inprog_1', 41],
		]);
	});

	it('missing-output-tokens: presence flags and class partial', () => {
		const [t] = some(turns(fixture('missing-output-tokens')), 1);
		expect(t.usage).toEqual({input: 10, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0});
		expect(t.fidelity?.coverage).toMatchObject({hasInputTokens: true, hasOutputTokens: false, hasCacheReadTokens: false, hasCacheCreateTokens: false});
		expect(t.fidelity?.class).toBe('partial');
	});

	it('resume-marker: /resume <id> → continuation row', () => {
		const out = fixture('resume-marker');
		const cont = rels(out).filter((r) => r.relationshipType === 'continuation');
		expect(cont).toEqual([
			{
				v: 1,
				source: 'claude-code',
				sessionId: '99999999-9999-9999-9999-999999999999',
				relationshipType: 'continuation',
				relatedSessionId: '11111111-1111-1111-1111-111111111111',
				ts: '2026-04-21T00:00:00.000Z',
				sourceVersion: '2.1.97',
				rv: READER_VERSION,
			},
		]);
	});

	it('explicit-line-relationships: continuedFromSessionId / forkSessionId', () => {
		const out = fixture('explicit-line-relationships');
		expect(rels(out).map((r) => [r.relationshipType, r.relatedSessionId])).toEqual([
			['root', undefined],
			['continuation', 'original-session'],
			['fork', 'fork-source-session'],
		]);
	});

	it('system-subagent-notification: system line → subagent_notification event', () => {
		const out = fixture('system-subagent-notification');
		expect(events(out)).toEqual([
			{
				v: 1,
				source: 'claude-code',
				sessionId: '22222222-2222-2222-2222-222222222222',
				toolUseId: 'toolu_system',
				callIndex: 0,
				eventIndex: 0,
				status: 'completed',
				eventSource: 'subagent_notification',
				ts: '2026-04-24T01:00:01.000Z',
				rv: READER_VERSION,
				contentLength: 'subagent completed'.length,
				contentHash: contentHash('subagent completed'),
				agentId: 'agent-system-1',
				subagentSessionId: 'session-system-child',
			},
		]);
		expect(turns(out)[0]?.toolCalls[0]).toMatchObject({name: 'Agent', target: 'Explore'});
	});

	it('sidechain-leading-then-main: the main turn is not a sidechain; one root', () => {
		const out = fixture('sidechain-leading-then-main');
		expect(turns(out).map((t) => [t.messageId, t.subagent])).toEqual([['msg_x', undefined]]);
		expect(rels(out).filter((r) => r.relationshipType === 'root')).toHaveLength(1);
		expect(users(out)).toHaveLength(2);
	});

	it('oversized-bash-output: spaced JSON ("type": "assistant") is read; the big output is measured', () => {
		const out = fixture('oversized-bash-output');
		expect(turns(out)).toHaveLength(1);
		expect(turns(out)[0]?.toolCalls[0]).toMatchObject({name: 'Bash', target: 'cat huge.log'});
		expect(events(out)[0]?.contentLength).toBe(80_000);
	});

	it('interleaved-turns: content follows the source line order', () => {
		const out = fixture('interleaved-turns', {contentMode: 'full'});
		expect(out.content.map((c) => [c.role, c.text])).toEqual([
			['user', 'first question'],
			['assistant', 'first answer'],
			['user', 'second question'],
			['assistant', 'second answer'],
		]);
	});

	it('reads every fixture without skips', () => {
		for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.jsonl'))) {
			const out = readFileLines(createClaudeReader, join(FIXTURES, name));
			expect(out.skips, name).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
			expect(turns(out).length, name).toBeGreaterThan(0);
		}
	});
});

describe('claude reader: responses, replays, threads', () => {
	it('usage comes from the last line of a response, ts and cwd from the first, blocks united', () => {
		const text = jsonl(
			userLine('u1', 'go'),
			asst('m1', {timestamp: '2026-05-01T00:00:01.000Z'}, {content: [{type: 'thinking', thinking: 'hmm'}], usage: {input_tokens: 3, output_tokens: 1, cache_read_input_tokens: 50}}),
			asst('m1', {timestamp: '2026-05-01T00:00:02.000Z', cwd: '/elsewhere'}, {content: [{type: 'text', text: 'ok'}], usage: {input_tokens: 3, output_tokens: 3, cache_read_input_tokens: 50}}),
			asst('m1', {timestamp: '2026-05-01T00:00:03.000Z'}, {
				content: [{type: 'tool_use', id: 't1', name: 'Read', input: {file_path: '/a'}}],
				stop_reason: 'tool_use',
				usage: {input_tokens: 3, output_tokens: 172, cache_read_input_tokens: 50},
			}),
			asst('m1', {timestamp: '2026-05-01T00:00:04.000Z'}, {content: [{type: 'tool_use', id: 't1', name: 'Read', input: {file_path: '/a'}}], usage: undefined}),
		);
		const ts = turns(readLines(createClaudeReader, text));
		expect(ts).toHaveLength(1);
		expect(ts[0]).toMatchObject({ts: '2026-05-01T00:00:01.000Z', project: '/tmp/p', stopReason: 'tool_use'});
		expect(ts[0]?.usage.output).toBe(172);
		expect(ts[0]?.toolCalls).toHaveLength(1);
	});

	it('requestId is part of the key: the same message id under two requests is two responses', () => {
		const text = jsonl(asst('m1', {requestId: 'r1'}), asst('m1', {requestId: 'r2'}, {usage: {input_tokens: 1, output_tokens: 9}}));
		const ts = turns(readLines(createClaudeReader, text));
		expect(ts.map((t) => [t.messageId, t.turnIndex, t.usage.output])).toEqual([
			['m1', 0, 5],
			['m1', 1, 9],
		]);
	});

	it('<synthetic> and usage-less lines are not turns', () => {
		const text = jsonl(
			asst('m1', {}, {model: '<synthetic>', usage: {input_tokens: 0, output_tokens: 0}}),
			asst('m2', {}, {usage: undefined}),
			asst('m3'),
		);
		expect(turns(readLines(createClaudeReader, text)).map((t) => [t.messageId, t.turnIndex])).toEqual([['m3', 0]]);
	});

	it('a sidechain replay of a main-thread response is counted once, as main thread', () => {
		const main = asst('m1');
		const replay = asst('m1', {isSidechain: true});
		const ts = turns(readLines(createClaudeReader, jsonl(main, replay, asst('m2'))));
		expect(ts.map((t) => [t.messageId, t.subagent])).toEqual([
			['m1', undefined],
			['m2', undefined],
		]);
		const reversed = turns(readLines(createClaudeReader, jsonl(replay, main)));
		expect(reversed.map((t) => [t.messageId, t.subagent])).toEqual([['m1', undefined]]);
		// across passes, after the main-thread response left the open set
		const later = [asst('m2'), asst('m3'), asst('m4'), asst('m5')];
		const bytes = Buffer.from(jsonl(main, ...later, replay));
		const cut = lineStarts(bytes)[5];
		const a = readLines(createClaudeReader, bytes, {endOffset: cut});
		const b = readLines(createClaudeReader, bytes, {startOffset: a.end, state: a.state});
		expect(turns(b)).toEqual([]);
	});

	itShared('two sessions in one file: each line keeps its own session; a switch is a continuation', () => {
		const file = join(CORPUS, 'VibeCodingTracker/examples/test_conversation.jsonl');
		const out = readFileLines(createClaudeReader, file);
		const a = 'e9f146fa-3b20-48d0-9be4-d99ca901cae4';
		const b = 'b162b1ae-97bc-475f-9b5f-ffbf55ca5b3f';
		expect(new Set(turns(out).map((t) => t.sessionId))).toEqual(new Set([a, b]));
		expect(rels(out).map((r) => [r.relationshipType, r.sessionId, r.relatedSessionId])).toEqual([
			['root', a, undefined],
			['root', b, undefined],
			['continuation', b, a],
		]);
		expect(turns(out).some((t) => t.toolCalls.some((c) => c.name === 'mcp__context7__resolve-library-id'))).toBe(true);
	});

	itShared('inline sidechains (Claude Code 1.0.x): every Task run is a thread linked to its call', () => {
		const file = join(CORPUS, 'claude-code-viewer/mock-global-claude-dir/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl');
		const out = readFileLines(createClaudeReader, file);
		const ts = turns(out);
		const taskIds = new Set(ts.flatMap((t) => t.toolCalls.filter((c) => c.name === 'Task').map((c) => c.id)));
		expect(taskIds.size).toBe(5);
		const side = ts.filter((t) => t.subagent);
		expect(side.length).toBeGreaterThan(100);
		expect(new Set(side.map((t) => t.subagent?.parentToolUseId))).toEqual(taskIds);
		expect(new Set(side.map((t) => t.subagent?.agentId)).size).toBe(5);
		expect(side.every((t) => t.subagent?.subagentType === 'general-purpose' && t.subagent.isSidechain)).toBe(true);
		const subs = rels(out).filter((r) => r.relationshipType === 'subagent');
		expect(new Set(subs.map((r) => r.parentToolUseId))).toEqual(taskIds);
		const spawnEvents = events(out).filter((e) => taskIds.has(e.toolUseId));
		expect(spawnEvents).toHaveLength(5);
		expect(spawnEvents.every((e) => e.agentId)).toBe(true);
	});

	itShared('subagent transcript + meta: turns are a thread of the parent session; one relationship', () => {
		const meta = JSON.parse(readFileSync(join(PHOENIX, 'agent-a1b2c3d4e5f60718a.meta.json'), 'utf8')) as SubagentMeta;
		const file = join(PHOENIX, 'agent-a1b2c3d4e5f60718a.jsonl');
		const out = readFileLines(createClaudeReaderWithMeta(meta), file);
		const parent = '00000000-0000-4000-8000-000000000001';
		const sub = {
			isSidechain: true,
			agentId: 'a1b2c3d4e5f60718a',
			parentToolUseId: 'toolu_00000000000000000000001',
			subagentType: 'probe-plugin:probe-grep',
			description: 'Run probe-grep subagent',
		};
		const ts = turns(out);
		expect(ts).toHaveLength(2);
		expect(ts.every((t) => t.sessionId === parent)).toBe(true);
		expect(ts.map((t) => t.subagent)).toEqual([sub, sub]);
		expect(ts[0]?.stopReason).toBeUndefined();
		expect(ts[0]?.toolCalls[0]).toMatchObject({name: 'Grep', target: 'probe', isError: true});
		expect(rels(out)).toEqual([
			{
				v: 1,
				source: 'claude-code',
				sessionId: parent,
				relationshipType: 'subagent',
				agentId: 'a1b2c3d4e5f60718a',
				parentToolUseId: 'toolu_00000000000000000000001',
				subagentType: 'probe-plugin:probe-grep',
				description: 'Run probe-grep subagent',
				ts: '2026-07-22T08:10:08.771Z',
				sourceVersion: '2.1.217',
				rv: READER_VERSION,
			},
		]);
		// split: the relationship is not emitted twice
		const bytes = readFileSync(file);
		const a = readLines(createClaudeReaderWithMeta(meta), bytes, {endOffset: lineStarts(bytes)[3]});
		const b = readLines(createClaudeReaderWithMeta(meta), bytes, {startOffset: a.end, state: a.state});
		expect(rels(a)).toHaveLength(1);
		expect(rels(b)).toHaveLength(0);
	});

	itShared('subagent transcript without meta: type from attributionAgent', () => {
		const out = readFileLines(createClaudeReader, join(PHOENIX, 'agent-a1b2c3d4e5f60718a.jsonl'));
		expect(turns(out)[0]?.subagent).toEqual({isSidechain: true, agentId: 'a1b2c3d4e5f60718a', subagentType: 'probe-plugin:probe-grep'});
		const sub = rels(out).filter((r) => r.relationshipType === 'subagent');
		expect(sub.at(-1)).toMatchObject({agentId: 'a1b2c3d4e5f60718a', subagentType: 'probe-plugin:probe-grep'});
		expect(rels(out).some((r) => r.relationshipType === 'root')).toBe(false);
	});

	it('a parent’s Agent result with toolUseResult.agentId links the agent to the call', () => {
		const text = jsonl(
			asst('m1', {}, {content: [{type: 'tool_use', id: 'toolu_a', name: 'Agent', input: {subagent_type: 'Explore', description: 'look', prompt: 'p'}}]}),
			userLine('u2', [{type: 'tool_result', tool_use_id: 'toolu_a', content: [{type: 'text', text: 'done'}]}], {toolUseResult: {status: 'completed', agentId: 'abc123'}}),
		);
		const out = readLines(createClaudeReader, text);
		expect(rels(out).find((r) => r.relationshipType === 'subagent')).toMatchObject({
			sessionId: 'sess-1',
			agentId: 'abc123',
			parentToolUseId: 'toolu_a',
			subagentType: 'Explore',
			description: 'look',
		});
		expect(events(out)[0]).toMatchObject({toolUseId: 'toolu_a', agentId: 'abc123', contentLength: JSON.stringify([{type: 'text', text: 'done'}]).length});
	});

	it('a late is_error result re-emits the open turn from the previous pass with isError', () => {
		const bytes = Buffer.from(
			jsonl(
				asst('m1', {}, {content: [{type: 'tool_use', id: 't1', name: 'Bash', input: {command: 'false'}}], stop_reason: 'tool_use'}),
				userLine('u2', [{type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true}]),
			),
		);
		const a = readLines(createClaudeReader, bytes, {endOffset: lineStarts(bytes)[1]});
		expect(turns(a)[0]?.toolCalls[0]?.isError).toBeUndefined();
		const b = readLines(createClaudeReader, bytes, {startOffset: a.end, state: a.state});
		expect(turns(b)).toHaveLength(1);
		expect(turns(b)[0]).toMatchObject({messageId: 'm1', turnIndex: 0});
		expect(turns(b)[0]?.toolCalls[0]?.isError).toBe(true);
	});
});

/** Dedup totals (last line per message.id + requestId) from corpus/INDEX.md. */
const CORPUS_TOTALS: Record<string, Totals> = {
	'VibeCodingTracker/examples/test_conversation.jsonl': {input: 158, output: 3860, cacheRead: 1093509, cacheCreate5m: 99004, cacheCreate1h: 0, turns: 31},
	'agent-history/tests/fixtures/real_sessions/claude/session-01.jsonl': {input: 6, output: 16, cacheRead: 3057, cacheCreate5m: 0, cacheCreate1h: 1045, turns: 1},
	'bitcoin_tax/design/no-testimony/CONSULT-architect-fable.md.extracted.jsonl': {input: 34, output: 15897, cacheRead: 1322997, cacheCreate5m: 118390, cacheCreate1h: 0, turns: 17},
	'bitcoin_tax/design/no-testimony/reviews/SPEC-doctrine-opus-r2.md.extracted.jsonl': {input: 56, output: 51163, cacheRead: 2187009, cacheCreate5m: 130921, cacheCreate1h: 0, turns: 28},
	'bitcoin_tax/design/no-testimony/reviews/SPEC-engineering-opus-r1.md.extracted.jsonl': {input: 70, output: 37773, cacheRead: 2984385, cacheCreate5m: 127158, cacheCreate1h: 0, turns: 35},
	'bitcoin_tax/design/no-testimony/reviews/SPEC-engineering-opus-r2.md.extracted.jsonl': {input: 66, output: 37145, cacheRead: 2436332, cacheCreate5m: 104767, cacheCreate1h: 0, turns: 33},
	'bitcoin_tax/reviews/prepublish-0.15.0-fable.md.extracted.jsonl': {input: 34, output: 30177, cacheRead: 974122, cacheCreate5m: 94565, cacheCreate1h: 0, turns: 17},
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl': {input: 93, output: 953, cacheRead: 103219, cacheCreate5m: 12698, cacheCreate1h: 0, turns: 7},
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': {input: 129, output: 3629, cacheRead: 324259, cacheCreate5m: 47747, cacheCreate1h: 0, turns: 20},
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl': {input: 818, output: 51933, cacheRead: 3647854, cacheCreate5m: 137976, cacheCreate1h: 0, turns: 170},
	'phoenix/apps/tuval/src/claude/history/fixtures/agent-a1b2c3d4e5f60718a.jsonl': {input: 4, output: 82, cacheRead: 5124, cacheCreate5m: 1606, cacheCreate1h: 0, turns: 2},
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl': {input: 91, output: 2266, cacheRead: 503769, cacheCreate5m: 16072, cacheCreate1h: 0, turns: 24},
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/fed8ce56-bc79-401f-a83e-af084253362f.jsonl': {input: 88, output: 278, cacheRead: 44544, cacheCreate5m: 16000, cacheCreate1h: 0, turns: 4},
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/ff71dbed-a4f2-4284-a4fc-fe2fb90de929.jsonl': {input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0, turns: 0},
};

function corpusFiles(dir = CORPUS, out: string[] = []): string[] {
	for (const name of readdirSync(dir).sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) corpusFiles(p, out);
		else if (name.endsWith('.jsonl')) out.push(p);
	}
	return out;
}

/** Line boundaries that fall inside one response (the previous and next lines share message.id). */
function midResponseCuts(bytes: Buffer): number[] {
	const starts = lineStarts(bytes);
	const ids = starts.map((s, i) => {
		const end = i + 1 < starts.length ? starts[i + 1] : bytes.length;
		try {
			const o = JSON.parse(bytes.subarray(s, end).toString('utf8')) as {type?: string; message?: {id?: string}};
			return o.type === 'assistant' ? o.message?.id : undefined;
		} catch {
			return undefined;
		}
	});
	return starts.filter((_, i) => i > 0 && ids[i] !== undefined && ids[i] === ids[i - 1]);
}

describeShared('claude reader: real corpus', () => {
	const files = corpusFiles();

	it('covers every Claude log of the corpus', () => {
		expect(files.map((f) => relative(CORPUS, f)).sort()).toEqual(Object.keys(CORPUS_TOTALS).sort());
	});

	for (const file of files) {
		const name = relative(CORPUS, file);
		it(`totals equal INDEX.md: ${name}`, () => {
			const out = readFileLines(createClaudeReader, file);
			expect(totalsOf(turns(out))).toEqual(CORPUS_TOTALS[name]);
			expect(out.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
			const ids = turns(out).map((t) => t.turnIndex);
			expect(ids).toEqual(ids.map((_, i) => i));
			const evIdx = events(out).map((e) => e.eventIndex);
			expect(evIdx).toEqual(evIdx.map((_, i) => i));
			expect(JSON.parse(JSON.stringify(out.state))).toEqual(out.state);
		});
	}

	it('incremental: a split inside a response gives the same totals once the most complete version is kept', () => {
		let splits = 0;
		for (const file of files) {
			const name = relative(CORPUS, file);
			const bytes = readFileSync(file);
			const one = readLines(createClaudeReader, bytes, {path: file});
			const cuts = midResponseCuts(bytes);
			const sample = cuts.length > 12 ? cuts.filter((_, i) => i % Math.ceil(cuts.length / 12) === 0) : cuts;
			for (const cut of sample) {
				splits++;
				const a = readLines(createClaudeReader, bytes, {path: file, endOffset: cut});
				expect(a.end).toBe(cut);
				const b = readLines(createClaudeReader, bytes, {path: file, startOffset: a.end, state: JSON.parse(JSON.stringify(a.state)) as ClaudeState});
				const kept = mostComplete([...turns(a), ...turns(b)]);
				expect(totalsOf(kept), `${name} @${cut}`).toEqual(CORPUS_TOTALS[name]);
				// replaced turns keep their index; every index is used once
				const idx = new Map(turns(one).map((t) => [`${t.sessionId}|${t.messageId}|${t.turnIndex}`, t]));
				for (const t of kept) expect(idx.has(`${t.sessionId}|${t.messageId}|${t.turnIndex}`), `${name} @${cut} ${t.messageId}`).toBe(true);
				// events: indexes continue, nothing is emitted twice
				expect([...events(a), ...events(b)].map((e) => e.eventIndex)).toEqual(events(one).map((e) => e.eventIndex));
				// user turns: the same set (a pending one may be re-emitted with its following id)
				const us = lastBy([...users(a), ...users(b)], (u) => `${u.sessionId}|${u.userUuid}`);
				expect(us).toEqual(users(one));
				expect(rels(a).length + rels(b).length).toBeGreaterThanOrEqual(rels(one).length);
			}
		}
		expect(splits).toBeGreaterThan(50);
	});

	it('incremental: splitting at every line of a file and in three passes matches one pass', () => {
		const file = join(CORPUS, 'claude-code-viewer/mock-global-claude-dir/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl');
		const bytes = readFileSync(file);
		const one = readLines(createClaudeReader, bytes, {path: file});
		const starts = lineStarts(bytes);
		for (let i = 1; i < starts.length - 1; i++) {
			const a = readLines(createClaudeReader, bytes, {path: file, endOffset: starts[i]});
			const b = readLines(createClaudeReader, bytes, {path: file, startOffset: a.end, endOffset: starts[i + 1], state: a.state});
			const c = readLines(createClaudeReader, bytes, {path: file, startOffset: b.end, state: b.state});
			const all = [a, b, c];
			const kept = mostComplete(all.flatMap(turns));
			expect(kept.map((t) => [t.messageId, t.turnIndex, t.usage, t.subagent])).toEqual(turns(one).map((t) => [t.messageId, t.turnIndex, t.usage, t.subagent]));
			expect(lastBy(all.flatMap(users), (u) => `${u.sessionId}|${u.userUuid}`)).toEqual(users(one));
			expect(all.flatMap(events)).toEqual(events(one));
		}
	});
});

describe('claude reader: bad input', () => {
	it('skips and counts invalid JSON, binary junk and non-objects; keeps the good lines', () => {
		const junk = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x81]);
		const bytes = Buffer.concat([
			Buffer.from(jsonl(asst('m1'))),
			Buffer.from('{"type":"assistant","message":{"id":"m2", truncated\n'),
			junk,
			Buffer.from('\n'),
			Buffer.from('[{"type":"user"}]\n'),
			Buffer.from('not json at all\n'),
			Buffer.from('{"type":"user","message":\n'),
			Buffer.from(jsonl(asst('m3'))),
		]);
		const out = readLines(createClaudeReader, bytes);
		expect(turns(out).map((t) => t.messageId)).toEqual(['m1', 'm3']);
		expect(out.skips.badLines).toBe(5);
		expect(out.skips.badFields).toBe(0);
	});

	it('unknown line types are skipped without parsing and without counting', () => {
		const text = jsonl(
			{type: 'summary', summary: 'x', leafUuid: 'u'},
			{type: 'file-history-snapshot', messageId: 'x', snapshot: {}},
			{type: 'queue-operation', operation: 'enqueue'},
			{type: 'attachment', attachment: {type: 'skill_listing'}},
			'{"type":"permission-mode", this is not even json}',
			{type: 'future-kind', message: {id: 'zz', usage: {input_tokens: 5}}},
			asst('m1'),
		);
		const out = readLines(createClaudeReader, text);
		expect(turns(out).map((t) => t.messageId)).toEqual(['m1']);
		expect(out.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
	});

	it('a usage field that is a string or negative counts as 0 and in badFields; the rest counts', () => {
		const text = jsonl(
			asst('m1', {}, {usage: {input_tokens: '12', output_tokens: 7, cache_read_input_tokens: -5, cache_creation_input_tokens: 3.5}}),
			asst('m2', {}, {usage: {input_tokens: 1, output_tokens: 2, cache_creation: {ephemeral_5m_input_tokens: 'x', ephemeral_1h_input_tokens: 4}}}),
		);
		const out = readLines(createClaudeReader, text);
		const [a, b] = some(turns(out), 2);
		expect(a.usage).toEqual({input: 0, output: 7, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0});
		expect(b.usage).toEqual({input: 1, output: 2, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 4});
		expect(out.skips.badFields).toBe(4);
		expect(out.skips.badLines).toBe(0);
	});

	it('wrong shapes never throw', () => {
		const text = jsonl(
			{type: 'assistant', message: 'oops'},
			{type: 'assistant', message: {id: 42, usage: {}}},
			{type: 'assistant', message: {id: 'm0', usage: null, content: 'text'}},
			{type: 'assistant', message: {id: 'm1', usage: 'big', content: {type: 'tool_use'}}},
			{type: 'assistant', message: {id: 'm2', usage: {input_tokens: 1}, content: [null, 3, {type: 'tool_use', id: 5}, {type: 'tool_use', id: 't', name: 'X', input: 'str'}]}},
			{type: 'user', message: {content: [{type: 'tool_result'}, {type: 'tool_result', tool_use_id: 't', content: null}]}, sessionId: 's', uuid: 'u'},
			{type: 'user', message: null, sessionId: 's', uuid: 'u2'},
			{type: 'user', uuid: 7, sessionId: ['x']},
			{type: 'system', subtype: 'compact_boundary'},
			{type: 'system', subtype: 'compact_boundary', sessionId: 's', compactMetadata: {preTokens: 'many'}},
			{type: 'system', sessionId: 's', tool_use_id: 't', agent_id: 'a', status: {nested: true}},
		);
		const out = readLines(createClaudeReader, text, {contentMode: 'full'});
		expect(turns(out).map((t) => [t.messageId, t.toolCalls.map((c) => c.name)])).toEqual([['m2', ['X']]]);
		expect(events(out).map((e) => [e.toolUseId, e.eventSource, e.contentLength, e.status])).toEqual([
			['t', 'tool_result', undefined, 'completed'],
			['t', 'subagent_notification', undefined, 'unknown'],
		]);
		expect(compactions(out)).toHaveLength(1);
		expect(out.skips.badLines).toBe(0);
	});

	it('CRLF line ends and a BOM read the same as plain LF', () => {
		const bytes = readFileSync(OWN_CLAUDE_LOG);
		const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))]);
		const plain = readLines(createClaudeReader, bytes);
		const other = readLines(createClaudeReader, crlf);
		expect(other.records).toEqual(plain.records);
		expect(other.skips).toEqual(plain.skips);
	});

	it('a state from elsewhere is ignored, not trusted', () => {
		const out = readLines(createClaudeReader, jsonl(asst('m1')), {state: {bogus: true} as unknown as ClaudeState});
		expect(turns(out)[0]?.turnIndex).toBe(0);
	});
});
