// The Claude Code reader on a session log we wrote by hand (test/fixtures/claude/own-session.jsonl,
// from the format description: one JSON object per line, one API response over one or more
// `assistant` lines sharing message.id + requestId). The rules the real-corpus suites of
// claude-reader.test.ts check, on a plain clone.
//
// The log, response by response (usage of the LAST line of a response counts):
//   msg_own_01  2 lines: text (output 3, partial), then Read (output 85)   in 12  out 85  cr 0     5m 4000 1h 0
//   msg_own_02  Bash "npm test", its result is an error                    in 8   out 60  cr 4000  5m 0    1h 900
//   msg_own_03  text + Edit; the same line is written twice (counted once) in 6   out 120 cr 4900  5m 300  1h 0
//   msg_own_04  final text, stop_reason end_turn                           in 4   out 40  cr 5200  5m 0    1h 0
//   then a `summary` line (ignored) and a compact_boundary (one compaction).
// Totals: 4 turns; input 30, output 305, cache read 14100, 5m writes 4300, 1h writes 900.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {createClaudeReader, type ClaudeState} from '../source/sources/claude/reader.js';
import {lineStarts, readLines} from './helpers/read-lines.js';
import {OWN_CLAUDE_LOG, OWN_CLAUDE_SESSION, OWN_CLAUDE_TOTALS} from './helpers/own-ledger.js';

const SESSION = OWN_CLAUDE_SESSION;

const bytes = readFileSync(OWN_CLAUDE_LOG);
const turnsOf = (out: {records: LedgerRecord[]}) => out.records.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);
const kindsOf = (out: {records: LedgerRecord[]}, kind: string) => out.records.filter((r) => r.kind === kind);

function totalsOf(ts: TurnRecord[]) {
	const t = {input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0, turns: ts.length};
	for (const r of ts) for (const k of ['input', 'output', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'] as const) t[k] += r.usage[k];
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

describe('claude reader: a hand-written session', () => {
	const one = readLines(createClaudeReader, bytes, {path: OWN_CLAUDE_LOG});

	it('one turn per response, usage of its last line, the duplicate line counted once', () => {
		const ts = turnsOf(one);
		expect(ts.map((t) => t.messageId)).toEqual(['msg_own_01', 'msg_own_02', 'msg_own_03', 'msg_own_04']);
		expect(totalsOf(ts)).toEqual(OWN_CLAUDE_TOTALS);
		expect(ts[0]).toMatchObject({sessionId: SESSION, ts: '2026-05-10T08:00:02.000Z', model: 'claude-sonnet-4-6', turnIndex: 0});
		expect(ts[0]!.usage).toMatchObject({output: 85, cacheCreate5m: 4000, cacheCreate1h: 0});
		expect(ts[1]!.usage).toMatchObject({cacheRead: 4000, cacheCreate1h: 900});
		expect(ts.map((t) => t.turnIndex)).toEqual([0, 1, 2, 3]);
		expect(one.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
	});

	it('tool calls: names, targets, the errored result marks its call', () => {
		const calls = turnsOf(one).flatMap((t) => t.toolCalls);
		expect(calls.map((c) => [c.name, c.target])).toEqual([
			['Read', '/tmp/ours/app/src/config.ts'],
			['Bash', 'npm test'],
			['Edit', '/tmp/ours/app/src/config.ts'],
		]);
		expect(calls[1]!.isError).toBe(true);
		expect(calls[0]!.isError).toBeUndefined();
	});

	it('user turns carry the tool results; one compaction after the last turn', () => {
		const users = kindsOf(one, 'user_turn');
		expect(users).toHaveLength(4);
		const results = users.flatMap((u) => (u.record as {blocks: Array<{kind: string; toolUseId?: string}>}).blocks.filter((b) => b.kind === 'tool_result').map((b) => b.toolUseId));
		expect(results).toEqual(['toolu_own_read', 'toolu_own_bash', 'toolu_own_edit']);
		const compactions = kindsOf(one, 'compaction');
		expect(compactions).toHaveLength(1);
		expect(compactions[0]!.record).toMatchObject({sessionId: SESSION, precedingMessageId: 'msg_own_04'});
	});

	it('split at every line (also inside a response), then the rest: the same turns once the most complete is kept', () => {
		const starts = lineStarts(bytes);
		for (let i = 1; i < starts.length; i++) {
			const a = readLines(createClaudeReader, bytes, {path: OWN_CLAUDE_LOG, endOffset: starts[i]});
			expect(a.end).toBe(starts[i]);
			const b = readLines(createClaudeReader, bytes, {path: OWN_CLAUDE_LOG, startOffset: a.end, state: JSON.parse(JSON.stringify(a.state)) as ClaudeState});
			const kept = mostComplete([...turnsOf(a), ...turnsOf(b)]);
			expect(totalsOf(kept), `cut at line ${i}`).toEqual(OWN_CLAUDE_TOTALS);
			expect(kept.map((t) => [t.messageId, t.turnIndex]), `cut at line ${i}`).toEqual(turnsOf(one).map((t) => [t.messageId, t.turnIndex]));
		}
	});

	it('a torn last line is left for the next pass', () => {
		const starts = lineStarts(bytes);
		const cut = starts[3]! + 25;
		const a = readLines(createClaudeReader, bytes, {path: OWN_CLAUDE_LOG, endOffset: cut});
		expect(a.end).toBe(starts[3]);
	});
});

describe('claude reader: two sessions in one file (hand-written lines)', () => {
	it('each line keeps its own session; the switch is a continuation', () => {
		const line = (sessionId: string, uuid: string, parentUuid: string | null, id: string, ts: string) =>
			JSON.stringify({type: 'assistant', uuid, parentUuid, sessionId, timestamp: ts, cwd: '/tmp/ours/app', isSidechain: false, requestId: `req_${id}`, message: {id, role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'text', text: 'ok'}], stop_reason: 'end_turn', usage: {input_tokens: 3, output_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}}});
		const a = '11111111-aaaa-4aaa-8aaa-000000000001';
		const b = '22222222-bbbb-4bbb-8bbb-000000000002';
		// the second session's first line continues the first's chain (its parentUuid is there)
		const text = `${line(a, 'x1', null, 'msg_x1', '2026-05-10T09:00:00.000Z')}\n${line(b, 'x2', 'x1', 'msg_x2', '2026-05-10T09:05:00.000Z')}\n`;
		const out = readLines(createClaudeReader, text);
		expect(turnsOf(out).map((t) => [t.sessionId, t.messageId])).toEqual([
			[a, 'msg_x1'],
			[b, 'msg_x2'],
		]);
		const rels = kindsOf(out, 'relationship').map((r) => r.record as {relationshipType: string; sessionId: string; relatedSessionId?: string});
		expect(rels.map((r) => [r.relationshipType, r.sessionId, r.relatedSessionId])).toEqual([
			['root', a, undefined],
			['root', b, undefined],
			['continuation', b, a],
		]);
	});
});
