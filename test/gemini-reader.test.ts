/**
 * Gemini CLI chat files (docs/agents.md#gemini-cli). The fixtures are hand-written from the
 * format description: a JSONL header, message lines appended again on every change, `$set`
 * patches and checkpoints, `$rewindTo`, and the legacy one-document JSON.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord, UserTurnRecord} from '../source/core/records.js';
import {createGeminiReader, type ChatState} from '../source/sources/gemini/reader.js';
import {discoverGemini} from '../source/sources/gemini/discover.js';
import {lineStarts, readLines} from './helpers/read-lines.js';
import {tmp} from './helpers/tmp.js';

const SID = '0ab84937-1111-4222-8333-444455556666';
const header = (extra: Record<string, unknown> = {}) => JSON.stringify({sessionId: SID, projectHash: 'f'.repeat(64), startTime: '2026-04-23T12:52:52.759Z', lastUpdated: '2026-04-23T12:52:52.759Z', kind: 'main', ...extra});
const tokens = (input: number, output: number, cached = 0, thoughts = 0, tool = 0) => ({input, output, cached, thoughts, tool, total: input + output + thoughts + tool});
const user = (id: string, ts: string, text: string) => ({id, timestamp: ts, type: 'user', content: [{text}]});
const gem = (id: string, ts: string, extra: Record<string, unknown> = {}) => ({id, timestamp: ts, type: 'gemini', content: '', model: 'gemini-3-flash-preview', ...extra});
const J = (...objs: unknown[]) => `${objs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n')}\n`;

const turnsOf = (records: LedgerRecord[]): TurnRecord[] => records.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);

/** What a ledger read keeps: per (session, message id) the version with the most output, ties to the later one. */
function collapse(records: LedgerRecord[]): TurnRecord[] {
	const out = new Map<string, TurnRecord>();
	for (const t of turnsOf(records)) {
		const key = `${t.sessionId}|${t.messageId}`;
		const prev = out.get(key);
		if (prev && t.usage.output < prev.usage.output) continue;
		out.set(key, t);
	}
	return [...out.values()];
}

const total = (turns: TurnRecord[]) =>
	turns.reduce(
		(a, t) => ({input: a.input + t.usage.input, cacheRead: a.cacheRead + t.usage.cacheRead, output: a.output + t.usage.output, reasoning: a.reasoning + t.usage.reasoning}),
		{input: 0, cacheRead: 0, output: 0, reasoning: 0},
	);

describe('Gemini usage', () => {
	it('takes cached tokens out of input, adds the tool prompt, and puts thoughts inside output', () => {
		const r = readLines(createGeminiReader(), J(header(), gem('m1', '2026-04-23T12:53:11.257Z', {tokens: tokens(13906, 185, 4000, 306, 12)})));
		const [t] = turnsOf(r.records);
		expect(t!.usage).toEqual({input: 13906 - 4000 + 12, cacheRead: 4000, output: 185 + 306, reasoning: 306, cacheCreate5m: 0, cacheCreate1h: 0});
		expect(t).toMatchObject({source: 'gemini', sessionId: SID, messageId: 'm1', ts: '2026-04-23T12:53:11.257Z', model: 'gemini-3-flash-preview'});
		expect(t!.fidelity?.coverage.hasCacheCreateTokens).toBe(false);
	});

	it('counts a usage field that is not a non-negative integer as a bad field (0)', () => {
		const r = readLines(createGeminiReader(), J(header(), gem('m1', '2026-04-23T12:53:11Z', {tokens: {input: 100, output: -3, cached: 'x', thoughts: 1.5}})));
		expect(turnsOf(r.records)[0]!.usage).toMatchObject({input: 100, output: 0, cacheRead: 0, reasoning: 0});
		expect(r.skips.badFields).toBe(3);
	});
});

describe('Gemini: a message written many times counts once (G1)', () => {
	const lines = J(
		header(),
		user('u1', '2026-04-23T12:53:05Z', 'make GEMINI.md'),
		{$set: {lastUpdated: '2026-04-23T12:53:05Z'}},
		gem('m1', '2026-04-23T12:53:11Z'),
		gem('m1', '2026-04-23T12:53:11Z', {tokens: tokens(1000, 10, 0, 5)}),
		gem('m1', '2026-04-23T12:53:11Z', {tokens: tokens(1000, 10, 0, 5), toolCalls: [{id: 'c1', name: 'read_file', args: {file_path: 'README.md'}, status: 'success', result: [{functionResponse: {id: 'c1', name: 'read_file', response: {output: 'hello world'}}}]}]}),
		gem('m2', '2026-04-23T12:53:18Z', {tokens: tokens(1200, 20, 800)}),
		gem('m2', '2026-04-23T12:53:18Z', {tokens: tokens(1200, 20, 800), content: 'done'}),
	);

	it('keeps the last version of each id in one pass', () => {
		const r = readLines(createGeminiReader(), lines);
		const turns = turnsOf(r.records);
		expect(turns.map((t) => t.messageId)).toEqual(['m1', 'm2']);
		expect(turns[0]!.toolCalls).toHaveLength(1);
		expect(total(turns)).toEqual({input: 1000 + 400, cacheRead: 800, output: 15 + 20, reasoning: 5});
	});

	it('gives the same totals read in passes at every line boundary', () => {
		const data = Buffer.from(lines);
		const whole = total(collapse(readLines(createGeminiReader(), data).records));
		for (const cut of lineStarts(data)) {
			const a = readLines(createGeminiReader(), data, {endOffset: cut});
			const b = readLines(createGeminiReader(), data, {startOffset: a.end, state: a.state});
			expect(total(collapse([...a.records, ...b.records])), `cut at ${cut}`).toEqual(whole);
		}
	});

	it('a checkpoint ($set.messages) repeats every message without adding tokens (G2)', () => {
		const r = readLines(
			createGeminiReader(),
			lines + J({$set: {messages: [user('u1', '2026-04-23T12:53:05Z', 'make GEMINI.md'), gem('m1', '2026-04-23T12:53:11Z', {tokens: tokens(1000, 10, 0, 5)}), gem('m2', '2026-04-23T12:53:18Z', {tokens: tokens(1200, 20, 800)}), {id: 's1', timestamp: '2026-04-23T12:54:00Z', type: 'gemini', content: 'summary'}]}}),
		);
		expect(turnsOf(r.records).map((t) => t.messageId)).toEqual(['m1', 'm2']);
		expect(total(turnsOf(r.records)).input).toBe(1400);
	});

	it('keeps responses after a $rewindTo (they were billed)', () => {
		const r = readLines(createGeminiReader(), lines + J({$rewindTo: 'm1'}));
		expect(turnsOf(r.records)).toHaveLength(2);
	});
});

describe('Gemini tools', () => {
	const call = (id: string, name: string, args: Record<string, unknown>, output: string, status = 'success') => ({
		id,
		name,
		args,
		status,
		timestamp: '2026-04-23T12:53:12Z',
		result: [{functionResponse: {id, name, response: status === 'error' ? {error: output} : {output}}}],
	});
	const r = readLines(
		createGeminiReader('/home/dev/demo'),
		J(
			header(),
			gem('m1', '2026-04-23T12:53:11Z', {
				tokens: tokens(100, 10),
				toolCalls: [
					call('c1', 'read_file', {file_path: 'src/a.ts'}, 'x'.repeat(400)),
					call('c2', 'run_shell_command', {command: 'npm test'}, 'ok'),
					call('c3', 'replace', {file_path: 'src/a.ts', old_string: 'a', new_string: 'b'}, 'failed', 'error'),
					call('c4', 'mcp_server_tool', {q: 1}, '{}'),
				],
			}),
			gem('m2', '2026-04-23T12:53:20Z', {tokens: tokens(600, 10)}),
		),
	);
	const [t1, t2] = turnsOf(r.records);

	it('records file paths and shell commands as targets', () => {
		expect(t1!.toolCalls.map((c) => [c.name, c.target])).toEqual([
			['read_file', 'src/a.ts'],
			['run_shell_command', 'npm test'],
			['replace', 'src/a.ts'],
			['mcp_server_tool', undefined],
		]);
		expect(t1!.toolCalls[2]).toMatchObject({isError: true, editPreHash: expect.any(String), editPostHash: expect.any(String)});
		expect(t1!.filesTouched).toEqual(['src/a.ts']);
		expect(t1!.project).toBe('/home/dev/demo');
	});

	it('gives each result its size in a user turn between the call and the next response', () => {
		const ut = r.records.find((x) => x.kind === 'user_turn' && (x.record as UserTurnRecord).userUuid === 'm1:tools')!.record as UserTurnRecord;
		expect(ut).toMatchObject({precedingMessageId: 'm1', followingMessageId: t2!.messageId});
		expect(ut.blocks.map((b) => [b.toolUseId, b.byteLen])).toEqual([
			['c1', 400],
			['c2', 2],
			['c3', 6],
			['c4', 2],
		]);
		expect(ut.blocks[0]!.approxTokens).toBeGreaterThan(0);
		const events = r.records.filter((x) => x.kind === 'tool_result_event').map((x) => x.record);
		expect(events.map((e) => ('status' in e ? e.status : ''))).toEqual(['completed', 'completed', 'errored', 'completed']);
	});
});

describe('Gemini responses without usage (G7)', () => {
	it('an all-zero tokens object is an aborted response; a record without tokens yet is left out', () => {
		const r = readLines(createGeminiReader(), J(header(), gem('m1', '2026-04-23T12:53:11Z', {tokens: tokens(0, 0)}), gem('m2', '2026-04-23T12:53:12Z')));
		const turns = turnsOf(r.records);
		expect(turns.map((t) => [t.messageId, t.aborted])).toEqual([['m1', true]]);
	});
});

describe('Gemini legacy JSON and the upgrade copy (G3, G4, G6)', () => {
	const doc = {
		sessionId: SID,
		projectHash: 'f'.repeat(64),
		startTime: '2025-10-11T13:00:34Z',
		lastUpdated: '2025-10-11T13:02:03Z',
		messages: [user('u1', '2025-10-11T13:00:34Z', 'hi'), gem('m1', '2025-10-11T13:00:40Z', {tokens: tokens(5000, 50, 3000, 20), model: 'gemini-2.5-pro'}), gem('m2', '2025-10-11T13:00:50Z', {tokens: tokens(6000, 60, 5000, 0), model: 'gemini-2.5-pro'})],
	};
	const pretty = `${JSON.stringify(doc, null, 2)}\n`;

	it('reads a pretty-printed document whole and resumes at 0 (it is rewritten in place)', () => {
		const r = readLines(createGeminiReader(), pretty, {path: '/x/chats/session-2025-10-11T13-00-0ab84937.json'});
		expect(total(turnsOf(r.records))).toEqual({input: 2000 + 1000, cacheRead: 8000, output: 130, reasoning: 20});
		expect(r.resumeOffset).toBe(0);
		expect((r.state as ChatState).mode).toBe('doc');
	});

	it('reads a document written without a final newline (its closing brace is not a complete line)', () => {
		const r = readLines(createGeminiReader(), JSON.stringify(doc, null, 2), {path: '/x/chats/session-a.json'});
		expect(turnsOf(r.records)).toHaveLength(2);
	});

	it('sniffs the content, not the extension', () => {
		const asJsonl = readLines(createGeminiReader(), pretty, {path: '/x/chats/session-a.jsonl'});
		expect(turnsOf(asJsonl.records)).toHaveLength(2);
		const asJson = readLines(createGeminiReader(), J(header(), doc.messages[1]), {path: '/x/chats/session-a.json'});
		expect(turnsOf(asJson.records)).toHaveLength(1);
		expect(asJson.resumeOffset).toBeUndefined();
	});

	it('a document cut mid-write gives nothing yet and no bad line (read again when it changes)', () => {
		const r = readLines(createGeminiReader(), pretty.slice(0, pretty.length / 2).replace(/[^\n]*$/, ''), {path: '/x/chats/session-a.json'});
		expect(r.records).toEqual([]);
		expect(r.skips.badLines).toBe(0);
		expect(r.resumeOffset).toBe(0);
	});

	it('the JSONL copy written on resume (all old messages again) counts once with the JSON', () => {
		const json = readLines(createGeminiReader(), pretty, {path: '/x/chats/session-a.json'});
		const jsonl = readLines(createGeminiReader(), J(header(), ...doc.messages, gem('m3', '2026-05-01T10:00:00Z', {tokens: tokens(100, 1)})), {path: '/x/chats/session-a.jsonl'});
		const both = collapse([...json.records, ...jsonl.records]);
		expect(both.map((t) => t.messageId).sort()).toEqual(['m1', 'm2', 'm3']);
		expect(total(both).input).toBe(3000 + 100);
	});
});

describe('Gemini subagents', () => {
	it('a file under chats/<parentSessionId>/ is a thread of the parent session', () => {
		const sub = 'aaaa0000-1111-4222-8333-444455556666';
		const r = readLines(createGeminiReader(), J(header({sessionId: sub, kind: 'subagent'}), gem('s1', '2026-04-23T12:55:00Z', {tokens: tokens(300, 3)})), {path: `/h/.gemini/tmp/demo/chats/${SID}/${sub}.jsonl`});
		const [t] = turnsOf(r.records);
		expect(t).toMatchObject({sessionId: SID, subagent: {isSidechain: true, agentId: sub}});
		const rel = r.records.find((x) => x.kind === 'relationship')!.record;
		expect(rel).toMatchObject({sessionId: sub, relatedSessionId: SID, relationshipType: 'subagent'});
	});
});

describe('Gemini subagents before 0.37', () => {
	it('an invoke_agent call with an agentId links that session to the parent as a subagent', () => {
		const r = readLines(
			createGeminiReader(),
			J(header(), gem('m1', '2026-04-23T12:53:11Z', {tokens: tokens(100, 10), toolCalls: [{id: 'c9', name: 'invoke_agent', args: {agent_name: 'codebase_investigator'}, agentId: 'sub-77', status: 'success', result: [{functionResponse: {id: 'c9', name: 'invoke_agent', response: {output: 'found it'}}}]}]})),
		);
		const rel = r.records.find((x) => x.kind === 'relationship')!.record;
		expect(rel).toMatchObject({sessionId: 'sub-77', relatedSessionId: SID, relationshipType: 'subagent', parentToolUseId: 'c9', subagentType: 'codebase_investigator'});
		expect(turnsOf(r.records)[0]!.toolCalls[0]!.target).toBe('codebase_investigator');
	});
});

describe('Gemini discovery', () => {
	it('finds JSONL, legacy JSON and subagent chats under GEMINI_CLI_HOME, with the project from .project_root or projects.json', () => {
		const home = tmp('burn-gemini-');
		const root = join(home, 'alt', '.gemini');
		const a = join(root, 'tmp', 'demo', 'chats');
		const b = join(root, 'tmp', 'other', 'chats');
		mkdirSync(join(a, SID), {recursive: true});
		mkdirSync(b, {recursive: true});
		writeFileSync(join(root, 'tmp', 'demo', '.project_root'), '/home/dev/demo\n');
		writeFileSync(join(root, 'projects.json'), JSON.stringify({projects: {'/home/dev/other': 'other'}}));
		for (const f of ['session-1.jsonl', 'session-0.json', 'session-1.jsonl.tmp-123', 'session-0.json.unreadable-99', `${SID}/sub.jsonl`]) writeFileSync(join(a, f), '{}\n');
		writeFileSync(join(b, 'session-2.jsonl'), '{}\n');
		const found = discoverGemini({HOME: join(home, 'nobody'), GEMINI_CLI_HOME: join(home, 'alt')});
		const rel = found.files.map((f) => [f.path.slice(root.length + 1), f.project]).sort();
		expect(rel).toEqual([
			['tmp/demo/chats/0ab84937-1111-4222-8333-444455556666/sub.jsonl', '/home/dev/demo'],
			['tmp/demo/chats/session-0.json', '/home/dev/demo'],
			['tmp/demo/chats/session-1.jsonl', '/home/dev/demo'],
			['tmp/other/chats/session-2.jsonl', '/home/dev/other'],
		]);
		expect(found.files.every((f) => f.source === 'gemini')).toBe(true);
		expect(discoverGemini({HOME: join(home, 'alt')}).files).toHaveLength(4);
		// A hash directory of ≤ 0.28 left beside the slug: the path whose SHA-256 it is.
		const hashed = join(root, 'tmp', createHash('sha256').update('/home/dev/demo').digest('hex'), 'chats');
		mkdirSync(hashed, {recursive: true});
		writeFileSync(join(hashed, 'session-0.json'), '{}\n');
		const again = discoverGemini({HOME: join(home, 'alt')}).files.find((f) => f.path.startsWith(hashed));
		expect(again?.project).toBe('/home/dev/demo');
	});
});
