import {appendFileSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {appendRecords} from '../source/ledger/append.js';
import {forEachLine} from '../source/ledger/lines.js';
import {partitionPath} from '../source/ledger/layout.js';
import {partitionsFor, scanLedger} from '../source/ledger/scan.js';
import {acquireLock} from '../source/ledger/lock.js';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {tmp} from './helpers/tmp.js';

function turn(id: string, ts: string, output: number, sessionId = 's1'): LedgerRecord {
	const record: TurnRecord = {
		v: 1,
		source: 'claude-code',
		sessionId,
		messageId: id,
		turnIndex: 0,
		ts,
		model: 'claude-sonnet-4-5',
		usage: {input: 10, output, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0},
		toolCalls: [],
	};
	return {kind: 'turn', record};
}

function lines(path: string, start = 0, maxLine?: number): {lines: string[]; end: number; huge: number} {
	const out: string[] = [];
	const r = forEachLine(path, start, (l) => out.push(l.toString('utf8')), undefined, Infinity, maxLine);
	return {lines: out, end: r.end, huge: r.hugeLines};
}

describe('line framing', () => {
	it('strips BOM and CRLF, leaves a partial last line for later', () => {
		const dir = tmp();
		const f = join(dir, 'a.jsonl');
		writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n{"b":2}\n{"c":')]));
		const r = lines(f);
		expect(r.lines).toEqual(['{"a":1}', '{"b":2}']);
		expect(r.end).toBe(statSync(f).size - '{"c":'.length);
		appendFileSync(f, '3}\n');
		expect(lines(f, r.end).lines).toEqual(['{"c":3}']);
	});

	it('skips and counts a line over the size limit without losing its neighbours', () => {
		const dir = tmp();
		const f = join(dir, 'a.jsonl');
		writeFileSync(f, `{"a":1}\n${'x'.repeat(300_000)}\n{"b":2}\n`);
		const r = lines(f, 0, 100_000);
		expect(r.lines).toEqual(['{"a":1}', '{"b":2}']);
		expect(r.huge).toBe(1);
	});
});

describe('append-only partitions', () => {
	it('writes each record to the day of its own timestamp, 0600', async () => {
		const home = tmp();
		appendRecords(home, [turn('m1', '2026-11-01T10:00:00.000Z', 5), turn('m2', '2026-11-02T23:59:59.000Z', 5)]);
		expect(readFileSync(partitionPath(home, '2026-11-01'), 'utf8')).toContain('"messageId":"m1"');
		expect(readFileSync(partitionPath(home, '2026-11-02'), 'utf8')).toContain('"messageId":"m2"');
		expect(statSync(partitionPath(home, '2026-11-01')).mode & 0o777).toBe(0o600);
		expect(statSync(join(home, 'ledger')).mode & 0o777).toBe(0o700);
	});

	it('repairs a torn last line so the next record survives', async () => {
		const home = tmp();
		appendRecords(home, [turn('m1', '2026-11-01T10:00:00.000Z', 5)]);
		const p = partitionPath(home, '2026-11-01');
		appendFileSync(p, '{"v":1,"kind":"turn","record":{"v":1,"sour');
		appendRecords(home, [turn('m2', '2026-11-01T11:00:00.000Z', 5)]);
		const r = await scanLedger({home, window: {since: null, until: null}});
		expect(r.dataset.sessions[0]!.turns.map((t) => t.messageId)).toEqual(['m1', 'm2']);
		expect(r.badLines).toBe(1);
	});

	it('keeps the most complete version of a record whatever the read order', async () => {
		const home = tmp();
		appendRecords(home, [turn('m1', '2026-11-01T10:00:00.000Z', 50)]);
		appendRecords(home, [turn('m1', '2026-11-01T10:00:00.000Z', 8)]);
		appendRecords(home, [turn('m1', '2026-11-01T10:00:00.000Z', 50)]);
		const r = await scanLedger({home, window: {since: null, until: null}});
		const turns = r.dataset.sessions[0]!.turns;
		expect(turns).toHaveLength(1);
		expect(turns[0]!.usage.output).toBe(50);
		expect(r.dataset.stats.duplicateVersions).toBe(2);
	});

	it('a window opens only its own days (plus the day after)', async () => {
		const home = tmp();
		const recs: LedgerRecord[] = [];
		for (let d = 1; d <= 28; d++) recs.push(turn(`m${d}`, `2026-10-${String(d).padStart(2, '0')}T12:00:00.000Z`, 1));
		appendRecords(home, recs);
		const files = partitionsFor(home, {since: '2026-10-10T00:00:00.000Z', until: '2026-10-16T23:59:59.000Z'});
		expect(files.map((f) => f.slice(-16, -6))).toEqual([
			'2026-10-10', '2026-10-11', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-17',
		]);
		const r = await scanLedger({home, window: {since: '2026-10-10T00:00:00.000Z', until: '2026-10-16T23:59:59.000Z'}});
		expect(r.dataset.sessions[0]!.turns).toHaveLength(7);
		expect(r.filesRead).toHaveLength(8);
	});

	it('undated turns count only without a window', async () => {
		const home = tmp();
		appendRecords(home, [turn('m1', '', 1), turn('m2', '2026-10-01T00:00:00.000Z', 1)]);
		expect((await scanLedger({home, window: {since: null, until: null}})).dataset.sessions[0]!.turns).toHaveLength(2);
		const windowed = await scanLedger({home, window: {since: '2026-09-01T00:00:00.000Z', until: null}});
		expect(windowed.dataset.sessions[0]!.turns).toHaveLength(1);
	});
});

describe('ingest lock', () => {
	it('is exclusive, and a dead owner is taken over', async () => {
		const home = tmp();
		const release = await acquireLock(home, 'ingest', 50);
		expect(release).not.toBeNull();
		expect(await acquireLock(home, 'ingest', 100)).toBeNull();
		release!();
		writeFileSync(join(home, 'ingest.lock'), '999999');
		const again = await acquireLock(home, 'ingest', 100);
		expect(again).not.toBeNull();
		again!();
	});
});
