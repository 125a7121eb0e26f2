// TurnAssembler (source/live/assembler.ts): each response given once, when complete, in its
// most complete version; threads complete independently.
import {describe, expect, it} from 'vitest';
import type {TurnRecord} from '../source/core/records.js';
import {QUIET_MS, TurnAssembler} from '../source/live/assembler.js';
import type {TailEntry} from '../source/live/ledger-tail.js';

const turn = (msg: string, output: number, agentId?: string): TailEntry => ({
	kind: 'turn',
	record: {
		v: 1,
		source: 'claude-code',
		sessionId: 's1',
		messageId: msg,
		requestId: `req_${msg}`,
		turnIndex: 0,
		ts: '2026-12-07T10:00:00.000Z',
		model: 'claude-sonnet-4-6',
		usage: {input: 1, output, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0},
		toolCalls: [],
		...(agentId ? {subagent: {isSidechain: true, agentId}} : {}),
	} satisfies TurnRecord,
});
const ids = (ts: TurnRecord[]) => ts.map((t) => `${t.messageId}:${t.usage.output}`);

describe('TurnAssembler', () => {
	it('waits for the quiet period, keeps the most complete version, never gives a response twice', () => {
		const a = new TurnAssembler();
		expect(a.push([turn('m1', 5)], 0)).toEqual([]);
		expect(a.push([turn('m1', 90), turn('m1', 40)], 500)).toEqual([]);
		expect(a.flush(500 + QUIET_MS - 1)).toEqual([]);
		expect(ids(a.flush(500 + QUIET_MS))).toEqual(['m1:90']);
		expect(a.push([turn('m1', 120)], 9000)).toEqual([]);
		expect(a.flush(99_000, true)).toEqual([]);
	});

	it('the next response of the same thread, or the user line after it, completes a response', () => {
		const a = new TurnAssembler();
		a.push([turn('m1', 5), turn('sub1', 7, 'agent-x')], 0);
		expect(ids(a.push([turn('m2', 6)], 10))).toEqual(['m1:5']);
		const user: TailEntry = {kind: 'user_turn', record: {v: 1, source: 'claude-code', sessionId: 's1', userUuid: 'u', ts: '', precedingMessageId: 'm2', blocks: []}};
		expect(ids(a.push([user], 20))).toEqual(['m2:6']);
		expect(a.waiting).toBe(1); // the subagent's response waits for its own thread
		expect(ids(a.push([turn('sub2', 3, 'agent-x')], 30))).toEqual(['sub1:7']);
	});
});
