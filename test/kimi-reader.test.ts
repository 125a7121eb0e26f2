/**
 * Kimi CLI wire logs (docs/agents.md#kimi-cli), hand-written from the format description:
 * `{"type":"metadata"}` then `{timestamp, message: {type, payload}}` envelopes; usage per
 * step in StatusUpdate; subagents in their own wire and mirrored in SubagentEvent.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord, UserTurnRecord} from '../source/core/records.js';
import {createKimiReader, type KimiState} from '../source/sources/kimi/reader.js';
import {discoverKimi} from '../source/sources/kimi/discover.js';
import {modelFromJson, modelFromToml} from '../source/sources/kimi/config.js';
import {lineStarts, readLines} from './helpers/read-lines.js';
import {tmp} from './helpers/tmp.js';

const SID = '3c9d1e2a-1111-4000-8000-00000000000a';
const MAIN = `/h/.kimi/sessions/abc/${SID}/wire.jsonl`;
const SUB = `/h/.kimi/sessions/abc/${SID}/subagents/a-1/wire.jsonl`;
const env = (t: number, type: string, payload: object) => ({timestamp: t, message: {type, payload}});
const meta = {type: 'metadata', protocol_version: '1.10'};
const status = (t: number, [i, o, r, w]: number[], id?: string) => env(t, 'StatusUpdate', {context_tokens: 1, token_usage: {input_other: i, output: o, input_cache_read: r, input_cache_creation: w}, ...(id ? {message_id: id} : {}), plan_mode: false});
const call = (t: number, id: string, name: string, args: object) => env(t, 'ToolCall', {type: 'function', id, function: {name, arguments: JSON.stringify(args)}});
const result = (t: number, id: string, output: string, isError = false) => env(t, 'ToolResult', {tool_call_id: id, return_value: {is_error: isError, output, message: '', display: []}});
const mirror = (t: number, agent: string, inner: {message: {type: string; payload: object}}) => env(t, 'SubagentEvent', {parent_tool_call_id: 'tool_a', agent_id: agent, subagent_type: 'coder', event: inner.message});
const J = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;
const turnsOf = (records: LedgerRecord[]): TurnRecord[] => records.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);

/** What a ledger read keeps: per (session, message id) one version. */
function collapse(records: LedgerRecord[]): TurnRecord[] {
	const out = new Map<string, TurnRecord>();
	for (const t of turnsOf(records)) {
		const prev = out.get(`${t.sessionId}|${t.messageId}`);
		if (prev && t.usage.output < prev.usage.output) continue;
		out.set(`${t.sessionId}|${t.messageId}`, t);
	}
	return [...out.values()];
}
const sum = (ts: TurnRecord[]) => ts.reduce((a, t) => ({input: a.input + t.usage.input, cacheRead: a.cacheRead + t.usage.cacheRead, cacheCreate: a.cacheCreate + t.usage.cacheCreate5m, output: a.output + t.usage.output}), {input: 0, cacheRead: 0, cacheCreate: 0, output: 0});

const main = J(
	meta,
	env(1788255600.1, 'TurnBegin', {user_input: 'find TODOs'}),
	env(1788255600.105, 'StepBegin', {n: 1}),
	call(1788255602.41, 'tool_a', 'Agent', {description: 'scan', subagent_type: 'coder'}),
	call(1788255602.411, 'tool_b', 'ReadFile', {path: 'src/a.py'}),
	status(1788255602.42, [1200, 90, 6784, 0], 'chatcmpl-m1'),
	mirror(1788255605.9, 'a-1', status(1788255605.89, [900, 60, 0, 0], 'chatcmpl-s1')),
	result(1788255606.3, 'tool_a', '3 TODOs'),
	result(1788255606.31, 'tool_b', 'x'.repeat(300)),
	env(1788255606.31, 'StatusUpdate', {context_usage: 0.03}),
	env(1788255606.32, 'StepBegin', {n: 2}),
	status(1788255607.88, [350, 120, 8064, 512], 'chatcmpl-m2'),
	env(1788255607.89, 'TurnEnd', {}),
);
const sub = J(meta, env(1788255602.5, 'TurnBegin', {user_input: 'grep TODO'}), status(1788255605.89, [900, 60, 0, 0], 'chatcmpl-s1'), env(1788255605.95, 'TurnEnd', {}));

describe('Kimi usage per step', () => {
	it('one turn per StatusUpdate with token_usage; the model comes from the caller (the config)', () => {
		const turns = turnsOf(readLines(createKimiReader('kimi-k2-turbo-preview', '/home/dev/demo'), main, {path: MAIN}).records);
		expect(turns.map((t) => [t.messageId, t.sessionId, t.subagent?.agentId, t.model, t.usage.input, t.usage.cacheRead, t.usage.cacheCreate5m, t.usage.output])).toEqual([
			['chatcmpl-m1', SID, undefined, 'kimi-k2-turbo-preview', 1200, 6784, 0, 90],
			['chatcmpl-s1', SID, 'a-1', 'kimi-k2-turbo-preview', 900, 0, 0, 60],
			['chatcmpl-m2', SID, undefined, 'kimi-k2-turbo-preview', 350, 8064, 512, 120],
		]);
		expect(turns[0]).toMatchObject({ts: '2026-09-01T09:40:02.420Z', project: '/home/dev/demo', requestId: 'chatcmpl-m1'});
	});

	it('with a Gemini model, input_other holds the cached tokens too (K3)', () => {
		const [t] = turnsOf(readLines(createKimiReader('gemini-2.5-pro'), J(meta, status(1788255602.42, [1200, 90, 800, 0], 'x')), {path: MAIN}).records);
		expect(t!.usage).toMatchObject({input: 400, cacheRead: 800});
	});

	it('gives the same turns read in passes at every line boundary', () => {
		const data = Buffer.from(main);
		const whole = sum(collapse(readLines(createKimiReader(), data, {path: MAIN}).records));
		for (const cut of lineStarts(data)) {
			const a = readLines(createKimiReader(), data, {endOffset: cut, path: MAIN});
			const b = readLines(createKimiReader(), data, {startOffset: a.end, state: a.state as KimiState, path: MAIN});
			expect(sum(collapse([...a.records, ...b.records])), `cut at ${cut}`).toEqual(whole);
		}
	});
});

describe('Kimi subagents: own wire and mirror count once (K1)', () => {
	it('the mirror and the subagent wire give the same session, thread and message id', () => {
		const a = readLines(createKimiReader(), main, {path: MAIN}).records;
		const b = readLines(createKimiReader(), sub, {path: SUB}).records;
		const both = collapse([...a, ...b]);
		expect(both).toHaveLength(3);
		expect(sum(both)).toEqual({input: 2450, cacheRead: 14848, cacheCreate: 512, output: 270});
		expect(turnsOf(b)[0]).toMatchObject({sessionId: SID, messageId: 'chatcmpl-s1', subagent: {isSidechain: true, agentId: 'a-1'}});
		const rel = a.find((r) => r.kind === 'relationship')!.record;
		expect(rel).toMatchObject({sessionId: 'a-1', relatedSessionId: SID, relationshipType: 'subagent', subagentType: 'coder', parentToolUseId: 'tool_a'});
	});

	it('rows without message_id fall back to the step number of the thread, also the same in both', () => {
		const m = readLines(createKimiReader(), J(meta, status(1, [10, 1, 0, 0]), mirror(2, 'a-1', status(2, [20, 2, 0, 0])), mirror(3, 'a-1', status(3, [30, 3, 0, 0]))), {path: MAIN}).records;
		const s = readLines(createKimiReader(), J(meta, status(2, [20, 2, 0, 0]), status(3, [30, 3, 0, 0])), {path: SUB}).records;
		expect(collapse([...m, ...s]).map((t) => t.messageId).sort()).toEqual(['a-1:step:1', 'a-1:step:2', 'main:step:1']);
	});
});

describe('Kimi wire protocol 1.3 (no subagent wire files)', () => {
	it('counts the wrapped steps, keyed by task_tool_call_id, once each as a thread', () => {
		const wrapped = (t: number, id: string, n: number) => env(t, 'SubagentEvent', {task_tool_call_id: id, event: {type: 'StatusUpdate', payload: {token_usage: {input_other: n, output: 1, input_cache_read: 0, input_cache_creation: 0}}}});
		const r = readLines(createKimiReader(), J({type: 'metadata', protocol_version: '1.3'}, status(1, [10, 1, 0, 0], 'm1'), wrapped(2, 'task_1', 200), wrapped(3, 'task_1', 300), wrapped(4, 'task_2', 400)), {path: MAIN});
		expect(turnsOf(r.records).map((t) => [t.messageId, t.subagent?.agentId, t.usage.input])).toEqual([
			['m1', undefined, 10],
			['task_1:step:1', 'task_1', 200],
			['task_1:step:2', 'task_1', 300],
			['task_2:step:1', 'task_2', 400],
		]);
	});
});

describe('Kimi tools and compaction', () => {
	const r = readLines(createKimiReader(), main, {path: MAIN});
	it('calls attach to their step; results are sized and follow it', () => {
		const [m1] = turnsOf(r.records);
		expect(m1!.toolCalls.map((c) => [c.name, c.target])).toEqual([
			['Agent', 'coder'],
			['ReadFile', 'src/a.py'],
		]);
		expect(m1!.filesTouched).toEqual(['src/a.py']);
		const uts = r.records.filter((x) => x.kind === 'user_turn').map((x) => x.record as UserTurnRecord);
		expect(uts.filter((u) => u.blocks[0]!.kind === 'tool_result').map((u) => [u.precedingMessageId, u.blocks[0]!.toolUseId, u.blocks[0]!.byteLen])).toEqual([
			['chatcmpl-m1', 'tool_a', 7],
			['chatcmpl-m1', 'tool_b', 300],
		]);
	});

	it('a StatusUpdate without token_usage is not a step; CompactionBegin is a compaction', () => {
		const rr = readLines(createKimiReader(), J(meta, env(1, 'StatusUpdate', {context_usage: 0.5}), status(2, [5, 1, 0, 0], 'x'), env(3, 'CompactionBegin', {}), env(4, 'CompactionEnd', {})), {path: MAIN});
		expect(turnsOf(rr.records)).toHaveLength(1);
		expect(rr.records.find((x) => x.kind === 'compaction')!.record).toMatchObject({sessionId: SID, precedingMessageId: 'x'});
	});

	it('takes an ISO string timestamp too, and leaves a nonsense one empty', () => {
		const rr = readLines(createKimiReader(), J(meta, {...status(0, [1, 1, 0, 0], 'a'), timestamp: '2026-06-14T12:00:00Z'}, {...status(0, [1, 1, 0, 0], 'b'), timestamp: 1e300}), {path: MAIN});
		expect(turnsOf(rr.records).map((t) => t.ts)).toEqual(['2026-06-14T12:00:00.000Z', '']);
	});

	it('counts a line that is not JSON as a bad line', () => {
		expect(readLines(createKimiReader(), `${J(meta)}{oops\n`, {path: MAIN}).skips.badLines).toBe(1);
	});
});

describe('Kimi config and discovery', () => {
	it('reads default_model through its [models.<name>] table (TOML and the older JSON)', () => {
		const toml = ['# kimi', 'default_model = "kimi-code"', '', '[models.kimi-code]', 'provider = "managed:kimi-code"', 'model = "kimi-for-coding"', '', '[models."k2"]', "model = 'kimi-k2-turbo-preview'"].join('\n');
		expect(modelFromToml(toml)).toBe('kimi-for-coding');
		expect(modelFromToml(toml.replace('default_model = "kimi-code"', 'default_model = "k2"'))).toBe('kimi-k2-turbo-preview');
		expect(modelFromToml('default_model = "bare"')).toBe('bare');
		expect(modelFromToml('[models.x]\nmodel = "y"')).toBeUndefined();
		expect(modelFromJson(JSON.stringify({default_model: 'a', models: {a: {model: 'kimi-k2-0905-preview'}}}))).toBe('kimi-k2-0905-preview');
		expect(modelFromJson(JSON.stringify({model: 'kimi-k2.5'}))).toBe('kimi-k2.5');
		expect(modelFromJson('{oops')).toBeUndefined();
	});

	it('finds main and subagent wires under KIMI_SHARE_DIR, the project from kimi.json, the model from config.toml or KIMI_MODEL_NAME', () => {
		const home = tmp('burn-kimi-');
		const root = join(home, 'share');
		const group = createHash('md5').update('/home/dev/demo').digest('hex');
		const sdir = join(root, 'sessions', group, SID);
		mkdirSync(join(sdir, 'subagents', 'a-1'), {recursive: true});
		writeFileSync(join(sdir, 'wire.jsonl'), J(meta));
		writeFileSync(join(sdir, 'context.jsonl'), '{}\n');
		writeFileSync(join(sdir, 'subagents', 'a-1', 'wire.jsonl'), J(meta));
		writeFileSync(join(root, 'kimi.json'), JSON.stringify({work_dirs: [{path: '/home/dev/demo', kaos: 'local', last_session_id: SID}]}));
		writeFileSync(join(root, 'config.toml'), 'default_model = "k"\n[models.k]\nmodel = "kimi-k2.5"\n');
		const found = discoverKimi({HOME: join(home, 'none'), KIMI_SHARE_DIR: root});
		expect(found.files.map((f) => [f.source, f.path.slice(sdir.length + 1), f.project, f.model]).sort()).toEqual([
			['kimi', 'subagents/a-1/wire.jsonl', '/home/dev/demo', 'kimi-k2.5'],
			['kimi', 'wire.jsonl', '/home/dev/demo', 'kimi-k2.5'],
		]);
		expect(discoverKimi({HOME: home, KIMI_SHARE_DIR: root, KIMI_MODEL_NAME: 'kimi-k2-thinking'}).files[0]!.model).toBe('kimi-k2-thinking');
	});
});
