import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {copilotModel, createCopilotReader} from '../source/sources/copilot/reader.js';
import {runCounts} from '../source/sources/copilot/legs.js';
import {readLines} from './helpers/read-lines.js';

// Hand-written journal lines in the shape of Copilot CLI's events.jsonl (docs/agents.md).
let n = 0;
const ev = (type: string, data: object, ts = `2026-09-03T09:00:${String(n % 60).padStart(2, '0')}.000Z`) =>
	JSON.stringify({type, data, id: `e${++n}`, timestamp: ts, parentId: null});
const start = (model = 'claude-sonnet-4.6') => [
	ev('session.start', {sessionId: 'cafe0000-0000-4000-8000-000000000001', version: 1, producer: 'copilot-agent', copilotVersion: '1.0.34', context: {cwd: '/home/dev/demo', gitRoot: '/home/dev/demo'}}),
	ev('session.model_change', {newModel: model}),
];
const msg = (id: string, out: number, tools: Array<[string, string, object]> = []) =>
	ev('assistant.message', {messageId: id, content: '', toolRequests: tools.map(([tid, name, args]) => ({toolCallId: tid, name, arguments: args, type: 'function'})), outputTokens: out, requestId: `R-${id}`});
const done = (tid: string, content: string, success = true) => ev('tool.execution_complete', {toolCallId: tid, model: 'claude-sonnet-4.6', success, result: {content}});
const shutdown = (metrics: Record<string, [number, number, number, number]>) =>
	ev('session.shutdown', {
		shutdownType: 'routine',
		modelMetrics: Object.fromEntries(Object.entries(metrics).map(([m, [i, o, cr, cw]]) => [m, {requests: {count: 1, cost: 1}, usage: {inputTokens: i, outputTokens: o, cacheReadTokens: cr, cacheWriteTokens: cw, reasoningTokens: 0}}])),
		currentModel: Object.keys(metrics)[0],
	});

const read = (lines: string[]) => readLines(createCopilotReader, `${lines.join('\n')}\n`, {path: '/h/.copilot/session-state/cafe0000-0000-4000-8000-000000000001/events.jsonl'});
/** The latest version of each turn, as the ledger keeps it (ties: the one written last). */
function latest(recs: LedgerRecord[]): TurnRecord[] {
	const m = new Map<string, TurnRecord>();
	for (const r of recs) if (r.kind === 'turn') m.set(r.record.messageId, r.record);
	return [...m.values()];
}
const sum = (ts: TurnRecord[], k: keyof TurnRecord['usage']) => ts.reduce((a, t) => a + t.usage[k], 0);

describe('Copilot CLI reader', () => {
	it('takes output per message and input/cache from the run summary (input is cache-inclusive)', () => {
		const out = read([
			...start(),
			ev('user.message', {content: 'look at the readme'}),
			msg('m1', 100, [['t1', 'view', {path: '/home/dev/demo/README.md'}]]),
			done('t1', '# Demo'),
			msg('m2', 240),
			shutdown({'claude-sonnet-4.6': [43_353, 340, 20_974, 21_624]}),
		]);
		const ts = latest(out.records);
		expect(ts).toHaveLength(3);
		expect([sum(ts, 'input'), sum(ts, 'output'), sum(ts, 'cacheRead'), sum(ts, 'cacheCreate5m')]).toEqual([43_353 - 20_974 - 21_624, 340, 20_974, 21_624]);
		const m1 = ts.find((t) => t.messageId === 'm1')!;
		expect(m1).toMatchObject({source: 'copilot', sessionId: 'cafe0000-0000-4000-8000-000000000001', model: 'claude-sonnet-4-6', project: '/home/dev/demo', requestId: 'R-m1'});
		expect(m1.toolCalls).toEqual([expect.objectContaining({id: 't1', name: 'view', target: '/home/dev/demo/README.md'})]);
		// covered by the summary: no longer partial
		expect(ts.every((t) => t.fidelity?.coverage.hasInputTokens)).toBe(true);
		const summary = ts.find((t) => t.stopReason === 'run-summary')!;
		expect(summary.usage.output).toBe(0);
		expect(out.records.filter((r) => r.kind === 'tool_result_event').map((r) => r.record)).toEqual([expect.objectContaining({toolUseId: 't1', messageId: 'm1', status: 'completed'})]);
		const u = out.records.flatMap((r) => (r.kind === 'user_turn' ? [r.record] : [])).find((x) => x.blocks.some((b) => b.kind === 'tool_result'))!;
		expect([u.precedingMessageId, u.followingMessageId]).toEqual(['m1', 'm2']);
	});

	it('marks a run without a summary (crash, kill, /new) as lacking input and cache: partial', () => {
		const out = read([...start(), msg('m1', 100), msg('m2', 50)]);
		const ts = latest(out.records);
		expect(ts.map((t) => t.usage.output)).toEqual([100, 50]);
		expect(ts.every((t) => t.fidelity?.coverage.hasInputTokens === false && t.fidelity.class === 'partial')).toBe(true);
	});

	it('a crashed run stays partial when the next run of the session ends cleanly', () => {
		const out = read([...start(), msg('m1', 100), ...start(), msg('m2', 50), shutdown({'claude-sonnet-4.6': [1000, 50, 800, 0]})]);
		const ts = latest(out.records);
		expect(ts.find((t) => t.messageId === 'm1')!.fidelity?.coverage.hasInputTokens).toBe(false);
		expect(ts.find((t) => t.messageId === 'm2')!.fidelity?.coverage.hasInputTokens).toBe(true);
		expect(sum(ts, 'input')).toBe(200);
	});

	it('per-run summaries are taken whole (output equals the run’s own messages)', () => {
		const out = read([...start(), msg('m1', 100), shutdown({'claude-sonnet-4.6': [1000, 100, 600, 0]}), ...start(), msg('m2', 70), shutdown({'claude-sonnet-4.6': [900, 70, 500, 0]})]);
		const ts = latest(out.records);
		expect([sum(ts, 'input'), sum(ts, 'cacheRead'), sum(ts, 'output')]).toEqual([400 + 400, 1100, 170]);
	});

	it('running-total summaries are turned into differences, and a drop starts a new epoch (compaction reset)', () => {
		const out = read([
			...start(),
			msg('m1', 100),
			shutdown({'claude-sonnet-4.6': [1000, 100, 600, 0]}),
			...start(),
			msg('m2', 70),
			shutdown({'claude-sonnet-4.6': [1900, 170, 1100, 0]}),
			...start(),
			msg('m3', 30),
			shutdown({'claude-sonnet-4.6': [300, 30, 100, 0]}),
		]);
		const ts = latest(out.records);
		expect([sum(ts, 'input'), sum(ts, 'cacheRead'), sum(ts, 'output')]).toEqual([400 + 400 + 200, 600 + 500 + 100, 200]);
		expect(runCounts({a: {input: 5, output: 1, cacheRead: 0, cacheWrite: 0, reasoning: 0}}, {a: {input: 9, output: 1, cacheRead: 0, cacheWrite: 0, reasoning: 0}}, 0).counts.a!.input).toBe(5);
	});

	it('counts a message once when the journal repeats it', () => {
		const out = read([...start(), msg('m1', 100), msg('m1', 100), shutdown({'claude-sonnet-4.6': [500, 100, 0, 0]})]);
		expect(sum(latest(out.records), 'output')).toBe(100);
	});

	it('output the messages did not account for goes to the summary turn', () => {
		const out = read([...start(), msg('m1', 100), shutdown({'claude-sonnet-4.6': [500, 130, 0, 0]})]);
		const ts = latest(out.records);
		expect(sum(ts, 'output')).toBe(130);
	});

	it('turns inside a subagent run are a thread of the session', () => {
		const out = read([
			...start(),
			msg('m1', 10, [['task1', 'task', {description: 'explore'}]]),
			ev('subagent.started', {toolCallId: 'task1', agentName: 'explore'}),
			msg('m2', 20),
			ev('subagent.completed', {toolCallId: 'task1', agentName: 'explore'}),
			done('task1', 'found it'),
			msg('m3', 30),
		]);
		const ts = latest(out.records);
		expect(ts.map((t) => t.subagent?.agentId ?? '')).toEqual(['', 'task1', '']);
		expect(ts[1]!.subagent).toMatchObject({isSidechain: true, subagentType: 'explore'});
	});

	it('counts failed tool executions as errored results', () => {
		const out = read([...start(), msg('m1', 10, [['t1', 'bash', {command: 'npm test'}]]), done('t1', '1 failing', false)]);
		expect(out.records.find((r) => r.kind === 'tool_result_event')!.record).toMatchObject({status: 'errored', isError: true});
		expect(latest(out.records)[0]!.toolCalls[0]!.target).toBe('npm test');
	});

	it('resumes across passes: a summary read later covers the turns of the earlier pass', () => {
		const lines = [...start(), msg('m1', 100), shutdown({'claude-sonnet-4.6': [500, 100, 200, 0]})];
		const data = Buffer.from(`${lines.join('\n')}\n`);
		const cut = data.indexOf('session.shutdown') - 10;
		const cutAt = data.lastIndexOf('\n', cut) + 1;
		const one = readLines(createCopilotReader, data, {endOffset: cutAt});
		const two = readLines(createCopilotReader, data, {startOffset: one.end, state: JSON.parse(JSON.stringify(one.state))});
		const ts = latest([...one.records, ...two.records]);
		expect([sum(ts, 'input'), sum(ts, 'output'), sum(ts, 'cacheRead')]).toEqual([300, 100, 200]);
		expect(ts.every((t) => t.fidelity?.coverage.hasInputTokens)).toBe(true);
	});

	it('spells Anthropic models as the price book knows them', () => {
		expect(copilotModel('claude-sonnet-4.6')).toBe('claude-sonnet-4-6');
		expect(copilotModel('claude-opus-4.7')).toBe('claude-opus-4-7');
		expect(copilotModel('gpt-5.1')).toBe('gpt-5.1');
	});
});

describe('Copilot CLI reader: MCP tools', () => {
	it('names a call MCP when its execution says which server ran it', () => {
		const out = read([
			...start(),
			msg('m1', 10, [['t1', 'web_search', {query: 'rustdoc'}], ['t2', 'view', {path: '/x'}]]),
			ev('tool.execution_start', {toolCallId: 't1', toolName: 'web_search', arguments: {query: 'rustdoc'}, mcpServerName: 'github-mcp-server', mcpToolName: 'web_search'}),
			ev('tool.execution_start', {toolCallId: 't2', toolName: 'view', arguments: {path: '/x'}}),
			done('t1', 'results'),
			done('t2', 'file'),
		]);
		const t = latest(out.records)[0]!;
		expect(t.toolCalls.map((c) => c.name)).toEqual(['mcp__github-mcp-server__web_search', 'view']);
		expect(out.records.filter((r) => r.kind === 'turn')).toHaveLength(1);
	});
});
