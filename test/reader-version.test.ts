/**
 * A newer reader version of a record wins over an older one, and Codex rollouts read before
 * the running-counter rule are read again: so a ledger that counted a Codex counter twice is
 * fixed by the next ingest, with no manual step (docs/ledger.md, docs/codex-counters.md).
 */
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {DatasetBuilder} from '../source/ledger/bucket.js';
import {planFile} from '../source/ledger/ingest.js';
import type {FileCursor} from '../source/ledger/cursors.js';
import type {LogFile} from '../source/sources/discover.js';
import {CODEX_COUNTERS_RV} from '../source/sources/reader.js';

function turn(output: number, rv: number | undefined): LedgerRecord {
	const record: TurnRecord = {
		v: 1,
		source: 'codex',
		sessionId: 's1',
		messageId: 'task-1',
		turnIndex: 0,
		ts: '2026-11-02T10:00:00.000Z',
		model: 'gpt-5.2-codex',
		usage: {input: 100, output, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0},
		toolCalls: [],
	};
	if (rv !== undefined) record.rv = rv;
	return {v: 1, kind: 'turn', record} as LedgerRecord;
}

function outputOf(records: LedgerRecord[]): number[] {
	const b = new DatasetBuilder({since: null, until: null});
	for (const r of records) b.add(r);
	return b.finish().sessions.flatMap((s) => s.turns.map((t) => t.usage.output));
}

describe('versions of one turn from different reader versions', () => {
	it('the newer reader wins even with less output, in either read order', () => {
		// The old reader counted the parent's counter again after a /review block: 900 output;
		// the new one reads 300. Most-output alone would keep the overcount.
		expect(outputOf([turn(900, 1), turn(300, 2)])).toEqual([300]);
		expect(outputOf([turn(300, 2), turn(900, 1)])).toEqual([300]);
		// A record without rv (foreign ledger, oldest ledgers) is the oldest version.
		expect(outputOf([turn(300, 2), turn(900, undefined)])).toEqual([300]);
	});

	it('within one reader version the most complete version wins, ties to the later', () => {
		expect(outputOf([turn(300, 2), turn(200, 2)])).toEqual([300]);
		expect(outputOf([turn(200, 2), turn(300, 2)])).toEqual([300]);
	});
});

describe('planFile: Codex rollouts read by an older reader are read again', () => {
	const file = (source: LogFile['source']): LogFile => ({source, path: `/logs/${source}.jsonl`, size: 500, mtimeMs: 1000, ino: 7});
	const cursor = (rv: number): FileCursor => ({source: 'codex', ino: 7, size: 500, mtimeMs: 1000, offset: 500, rv, state: {x: 1}}) as FileCursor;

	it('an unchanged Codex rollout with an older cursor is read from the start', () => {
		expect(planFile(file('codex'), cursor(CODEX_COUNTERS_RV - 1), false)).toEqual({kind: 'read', offset: 0, state: undefined});
	});

	it('an unchanged Codex rollout with a current cursor costs a stat; other sources are not re-read', () => {
		expect(planFile(file('codex'), cursor(CODEX_COUNTERS_RV), false)).toEqual({kind: 'skip'});
		expect(planFile(file('claude-code'), {...cursor(1), source: 'claude-code'} as FileCursor, false)).toEqual({kind: 'skip'});
	});
});
