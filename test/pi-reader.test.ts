import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {createPiReader, sessionIdOfPath} from '../source/sources/pi/reader.js';
import {recordsOfLine} from '../source/sources/pi/records.js';
import {readPiUsage} from '../source/sources/pi/usage.js';
import {emptySkips} from '../source/core/records.js';
import {agentCostDiffers} from '../source/analysis/agent-figures.js';
import {readLines} from './helpers/read-lines.js';

const FIX = resolve(import.meta.dirname, 'fixtures/pi');
const read = (name: string) => readLines(createPiReader, readFileSync(resolve(FIX, name)), {path: `/h/.pi/agent/sessions/--home-dev-demo--/${name}`});
const turns = (recs: LedgerRecord[]): TurnRecord[] => recs.flatMap((r) => (r.kind === 'turn' ? [r.record] : []));
const of = <K extends LedgerRecord['kind']>(recs: LedgerRecord[], kind: K) =>
	recs.flatMap((r) => (r.kind === kind ? [r.record as Extract<LedgerRecord, {kind: K}>['record']] : []));

describe('pi reader: one session', () => {
	const out = read('parent.jsonl');
	const ts = turns(out.records);

	it('makes one turn per assistant message with its usage as logged (input uncached, cacheWrite = 5m writes)', () => {
		expect(ts).toHaveLength(2);
		expect(ts[0]!.usage).toEqual({input: 1200, output: 40, reasoning: 0, cacheRead: 0, cacheCreate5m: 3000, cacheCreate1h: 0});
		expect(ts[1]!.usage).toEqual({input: 10, output: 12, reasoning: 0, cacheRead: 3000, cacheCreate5m: 60, cacheCreate1h: 0});
		expect(ts.map((t) => [t.source, t.sessionId, t.model, t.project, t.ts])).toEqual([
			['pi', 'aaaaaaaa-0000-4000-8000-000000000001', 'claude-sonnet-4-5', '/home/dev/demo', '2026-03-01T10:00:05.000Z'],
			['pi', 'aaaaaaaa-0000-4000-8000-000000000001', 'claude-sonnet-4-5', '/home/dev/demo', '2026-03-01T10:00:09.000Z'],
		]);
		expect(out.skips.badLines).toBe(0);
	});

	it("keeps pi's own cost beside the usage", () => {
		expect(ts.map((t) => t.agentCost)).toEqual([0.01545, 0.001335]);
	});

	it('reads tool calls, their results as tool-result events, and the results as the next turn’s input', () => {
		expect(ts[0]!.toolCalls).toEqual([expect.objectContaining({id: 'toolu_1', name: 'read', target: '/home/dev/demo/README.md'})]);
		expect(ts[0]!.filesTouched).toEqual(['/home/dev/demo/README.md']);
		const ev = of(out.records, 'tool_result_event');
		expect(ev).toEqual([expect.objectContaining({toolUseId: 'toolu_1', messageId: ts[0]!.messageId, callIndex: 0, status: 'completed', eventSource: 'tool_result'})]);
		const users = of(out.records, 'user_turn');
		const withResult = users.find((u) => u.blocks.some((b) => b.kind === 'tool_result'))!;
		expect(withResult.precedingMessageId).toBe(ts[0]!.messageId);
		expect(withResult.followingMessageId).toBe(ts[1]!.messageId);
		expect(withResult.blocks[0]).toMatchObject({kind: 'tool_result', toolUseId: 'toolu_1'});
		expect(withResult.blocks[0]!.byteLen).toBeGreaterThan(20);
		expect(ts.every((t) => t.fidelity?.coverage.hasToolResultEvents && t.fidelity.coverage.hasToolCalls)).toBe(true);
	});
});

describe('pi reader: a branched session (trap P1)', () => {
	const parent = turns(read('parent.jsonl').records);
	const out = read('branch.jsonl');
	const ts = turns(out.records);

	it('gives the copied responses the same keys as in the parent, so the copy index counts them once', () => {
		expect(ts.slice(0, 2).map((t) => [t.messageId, t.requestId])).toEqual(parent.map((t) => [t.messageId, t.requestId]));
		expect(new Set(ts.map((t) => t.messageId)).size).toBe(ts.length);
	});

	it('links the branch to its parent', () => {
		expect(of(out.records, 'relationship')).toEqual([
			expect.objectContaining({source: 'pi', sessionId: 'bbbbbbbb-0000-4000-8000-000000000002', relationshipType: 'fork', relatedSessionId: 'aaaaaaaa-0000-4000-8000-000000000001'}),
		]);
	});

	it('counts an aborted response that carries usage, and marks one without usage aborted (trap P4)', () => {
		const aborted = ts.filter((t) => t.stopReason === 'aborted');
		expect(aborted).toHaveLength(2);
		expect(aborted[0]!.aborted).toBe(true);
		expect(aborted[1]!.aborted).toBeUndefined();
		expect(aborted[1]!.usage.cacheRead).toBe(3100);
	});

	it('records compactions and errored tool results', () => {
		expect(of(out.records, 'compaction')).toEqual([expect.objectContaining({tokensBeforeCompact: 6190, precedingMessageId: ts[2]!.messageId})]);
		expect(of(out.records, 'tool_result_event').find((e) => e.toolUseId === 'toolu_2')).toMatchObject({status: 'errored', isError: true});
	});

	it('keeps the key when pi migrates a v1 file (no entry ids) to v3 (new random ids) (trap P5)', () => {
		const v1 = readFileSync(resolve(FIX, 'parent.jsonl'), 'utf8')
			.split('\n')
			.map((l) => (l ? JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).filter(([k]) => k !== 'id' && k !== 'parentId' && k !== 'version'))) : l))
			.join('\n');
		const migrated = readFileSync(resolve(FIX, 'parent.jsonl'), 'utf8').replace(/"id":"0000000(\d)"/g, '"id":"ffff000$1"');
		const a = turns(readLines(createPiReader, v1).records).map((t) => t.messageId);
		const b = turns(readLines(createPiReader, migrated).records).map((t) => t.messageId);
		expect(a).toEqual(parent.map((t) => t.messageId));
		expect(b).toEqual(a);
	});
});

describe('pi reader: traps in the line format', () => {
	it('reads two records written on one line with no newline between them', () => {
		const lines = readFileSync(resolve(FIX, 'parent.jsonl'), 'utf8').split('\n');
		const glued = [...lines.slice(0, 3), lines[3]! + lines[4]!, ...lines.slice(5)].join('\n');
		const out = readLines(createPiReader, glued);
		expect(turns(out.records)).toHaveLength(2);
		expect(of(out.records, 'tool_result_event')).toHaveLength(1);
		expect(out.skips.badLines).toBe(0);
		expect(recordsOfLine('{"a":"}{"}{"b":1}').records).toEqual([{a: '}{'}, {b: 1}]);
		expect(recordsOfLine('{"a":').bad).toBe(1);
	});

	it('subtracts cached tokens from the cache-inclusive input of pi’s google adapters only (trap P2)', () => {
		const u = {input: 5000, output: 100, cacheRead: 4000, cacheWrite: 0, totalTokens: 5100};
		expect(readPiUsage(u, 'google', emptySkips()).usage.input).toBe(1000);
		expect(readPiUsage(u, 'google-vertex', emptySkips()).usage.input).toBe(1000);
		expect(readPiUsage(u, 'anthropic', emptySkips()).usage.input).toBe(5000);
		// google-gemini-cli already subtracts: its total adds the cache on top
		expect(readPiUsage({...u, input: 1000, totalTokens: 5100}, 'google-gemini-cli', emptySkips()).usage.input).toBe(1000);
		// a google record whose total shows the cache was added on top is left alone
		expect(readPiUsage({...u, input: 1000, totalTokens: 5100}, 'google', emptySkips()).usage.input).toBe(1000);
	});

	it('counts a bad usage field as 0 and says so', () => {
		const skips = emptySkips();
		expect(readPiUsage({input: -3, output: 'x', cacheRead: 2}, 'anthropic', skips).usage).toMatchObject({input: 0, output: 0, cacheRead: 2});
		expect(skips.badFields).toBe(2);
	});

	it('resumes: results read at the end of one pass reach the turn read in the next', () => {
		const data = readFileSync(resolve(FIX, 'parent.jsonl'));
		const cut = data.indexOf('\n', data.indexOf('"toolResult"')) + 1;
		const one = readLines(createPiReader, data, {endOffset: cut});
		const two = readLines(createPiReader, data, {startOffset: one.end, state: one.state});
		const t2 = turns(two.records);
		expect(t2).toHaveLength(1);
		expect(t2[0]!.turnIndex).toBe(1);
		const u = of(two.records, 'user_turn').find((x) => x.blocks.some((b) => b.kind === 'tool_result'))!;
		expect(u.followingMessageId).toBe(t2[0]!.messageId);
		expect(u.precedingMessageId).toBe(turns(one.records)[0]!.messageId);
	});

	it('takes the session id from the header, else from the file name', () => {
		expect(sessionIdOfPath('/x/2025-12-09T00-52-54-397Z_d97339c6-6c10-4827-846b-9ff1d9c3dc37.jsonl')).toBe('d97339c6-6c10-4827-846b-9ff1d9c3dc37');
		const out = readLines(createPiReader, readFileSync(resolve(FIX, 'parent.jsonl'), 'utf8').split('\n').slice(1).join('\n'), {path: '/x/2026_aaaaaaaa-1111-4000-8000-000000000009.jsonl'});
		expect(turns(out.records)[0]!.sessionId).toBe('aaaaaaaa-1111-4000-8000-000000000009');
	});
});

describe("pi's own cost against ours", () => {
	it('disagrees only beyond 1 %', () => {
		expect(agentCostDiffers(1.0, 1.009)).toBe(false);
		expect(agentCostDiffers(1.0, 1.02)).toBe(true);
		expect(agentCostDiffers(null, 0.5)).toBe(true);
		expect(agentCostDiffers(0, 0)).toBe(false);
	});
});

describe('pi reader: user-run commands', () => {
	it('a `!` command is no turn; its output is the next turn’s input', () => {
		const lines = readFileSync(resolve(FIX, 'parent.jsonl'), 'utf8').trimEnd().split('\n');
		const bash = JSON.stringify({type: 'message', id: '000000aa', parentId: '00000005', timestamp: '2026-03-01T10:00:10.000Z', message: {role: 'bashExecution', command: 'ls', output: 'README.md\nsrc', exitCode: 0, cancelled: false, truncated: false, timestamp: 1772359210000}});
		const out = readLines(createPiReader, `${[...lines, bash].join('\n')}\n`);
		expect(turns(out.records)).toHaveLength(2);
		const u = of(out.records, 'user_turn').at(-1)!;
		expect(u.precedingMessageId).toBe(turns(out.records)[1]!.messageId);
		expect(u.blocks).toEqual([expect.objectContaining({kind: 'text'})]);
	});
});
