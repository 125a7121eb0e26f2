import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';

// Count every file the pipeline opens: the structure, not the time, is what we assert.
const opened: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	const openSync = (path: import('node:fs').PathLike, ...rest: unknown[]) => {
		opened.push(String(path));
		return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
	};
	return {...fs, openSync, default: {...fs, openSync}};
});

const {appendRecords} = await import('../source/ledger/append.js');
const {loadDataset} = await import('../source/pipeline/load.js');
const {tmp} = await import('./helpers/tmp.js');
import type {LedgerRecord} from '../source/core/records.js';

function turn(session: string, i: number, ts: string): LedgerRecord {
	return {
		kind: 'turn',
		record: {
			v: 1,
			source: 'claude-code',
			sessionId: session,
			messageId: `${session}-m${i}`,
			turnIndex: i,
			ts,
			model: 'claude-sonnet-4-5',
			usage: {input: 10, output: 5, reasoning: 0, cacheRead: 100, cacheCreate5m: 0, cacheCreate1h: 0},
			toolCalls: [{id: `${session}-t${i}`, name: 'Read', argsHash: 'x', target: '/a.ts'}],
		},
	};
}

describe('one scan per report', () => {
	it('a report over N sessions opens each partition once, and only the window', async () => {
		const home = tmp();
		const records: LedgerRecord[] = [];
		// A year of history, one session a day, 3 turns each.
		const end = Date.parse('2026-11-20T12:00:00.000Z');
		for (let d = 0; d < 365; d++) {
			const ts = (k: number) => new Date(end - d * 86_400_000 + k * 60_000).toISOString();
			for (let k = 0; k < 3; k++) records.push(turn(`s${d}`, k, ts(k)));
		}
		appendRecords(home, records);
		opened.length = 0;
		const request = {
			home,
			env: {HOME: home},
			window: {since: new Date(end - 7 * 86_400_000).toISOString(), until: new Date(end + 3_600_000).toISOString()},
			filter: {sources: null, project: null, providers: null},
			ingest: false,
			contentMode: 'off',
			retentionDays: 90,
		} as const;
		const loaded = await loadDataset(request);
		expect(loaded.dataset.sessions.length).toBe(8);
		const partitions = opened.filter((p) => p.startsWith(join(home, 'ledger')));
		// Each partition opened exactly once…
		expect(new Set(partitions).size).toBe(partitions.length);
		// …and only the window's days (+ the day after `until`): 9 of 365.
		expect(partitions.length).toBeLessThanOrEqual(9);
		for (const p of partitions) expect(p >= join(home, 'ledger', '2026-11-13')).toBe(true);

		// The same report again reads the packed copies the first one wrote: the window's days
		// only, each once, and no ledger line at all.
		opened.length = 0;
		const again = await loadDataset(request);
		expect(again.dataset).toEqual(loaded.dataset);
		expect(opened.filter((p) => p.startsWith(join(home, 'ledger')))).toEqual([]);
		const packed = opened.filter((p) => p.startsWith(join(home, 'packed')));
		expect(new Set(packed).size).toBe(packed.length);
		expect(packed.length).toBe(partitions.length);
		for (const p of packed) expect(p >= join(home, 'packed', '2026-11-13')).toBe(true);
	});
});
