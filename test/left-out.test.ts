// Nothing dropped in silence (issue 11, part 5): a report that leaves data out says so, with
// the count and the reason, in JSON (`leftOut`), in text (a "Left out" block) and on stderr
// (undated turns a window leaves out). Part 3's scan side: an aborted response is not a turn.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import type {Dataset, Window} from '../source/analysis/dataset.js';
import {leftOutLines, leftOutShort} from '../source/analysis/left-out.js';
import {narrowDataset} from '../source/analysis/narrow.js';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {appendRecords} from '../source/ledger/append.js';
import {DatasetBuilder} from '../source/ledger/bucket.js';
import {scanLedger} from '../source/ledger/scan.js';
import {renderText} from '../source/report/text.js';
import {fakePriceBook, results, turn} from './helpers/analysis.js';
import {CLI, runCli, sealed} from './helpers/cli.js';
import {foreignLines, render, writeForeign} from './helpers/foreign-ledger.js';
import {tmp} from './helpers/tmp.js';

const ALL: Window = {since: null, until: null};
const DAY2: Window = {since: '2026-11-02T00:00:00.000Z', until: '2026-11-02T23:59:59.999Z'};

function build(records: LedgerRecord[], window: Window = ALL): Dataset {
	const b = new DatasetBuilder(window);
	for (const r of records) b.add(r);
	return b.finish();
}

const at = (day: number, h = 10) => `2026-11-0${day}T${String(h).padStart(2, '0')}:00:00.000Z`;
const aborted = (id: string, ts: string, session = 's1'): LedgerRecord => {
	const t = turn({id, ts, session, usage: {}}) as {kind: 'turn'; record: TurnRecord};
	t.record.aborted = true;
	return t;
};

/** One of each: undated, aborted, a duplicate version, unpriced, excluded by the coverage gate. */
function mixed(): LedgerRecord[] {
	return [
		turn({id: 'a', ts: at(2), usage: {input: 100, output: 10}, calls: [{id: 'c1', target: '/p/x.ts'}]}),
		results({c1: 400}),
		turn({id: 'a', ts: at(2), usage: {input: 100, output: 20}, calls: [{id: 'c1', target: '/p/x.ts'}]}), // a newer version
		turn({id: 'b', ts: at(2, 11), usage: {input: 50, output: 5}, model: 'mystery-model'}),
		turn({id: 'c', ts: at(2, 12), usage: {input: 70, output: 7}, noEvents: true}),
		turn({id: 'u', ts: '', usage: {input: 9, output: 1}}),
		aborted('x', at(2, 13)),
		aborted('y', at(3, 9)),
	];
}

describe('aborted responses are not turns', () => {
	it('left out of the sessions, counted in the window (and in fidelity.aborted)', () => {
		const all = build(mixed());
		expect(all.abortedTurns).toBe(2);
		expect(all.sessions.flatMap((s) => s.turns.map((t) => t.messageId)).sort()).toEqual(['a', 'b', 'c', 'u']);
		const day2 = build(mixed(), DAY2);
		expect(day2.abortedTurns).toBe(1);
		const report = analyzeHotspots(day2, fakePriceBook);
		expect(report.fidelity.aborted).toBe(1);
		expect(report.leftOut.aborted).toBe(1);
		// never a turn, never a zero-cost row: only a, b and c are in the window's figures
		expect(report.fidelity.summary.total).toBe(3);
		expect(report.models.reduce((n, m) => n + m.turns, 0)).toBe(report.turnsAnalyzed);
	});

	it('a narrower window in memory counts its own', () => {
		const all = build(mixed());
		expect(narrowDataset(all, {since: at(3, 0), until: null}, 'all').abortedTurns).toBe(1);
		expect(narrowDataset(all, {since: at(4, 0), until: null}, 'all').abortedTurns).toBe(0);
	});

	it('an aborted version loses to the complete one (largest output)', () => {
		const ds = build([aborted('m', at(2)), turn({id: 'm', ts: at(2), usage: {input: 10, output: 3}})]);
		expect(ds.abortedTurns).toBe(0);
		expect(ds.sessions[0]!.turns).toHaveLength(1);
	});
});

describe('the leftOut counts', () => {
	it('every reason, with its count', () => {
		const ds = build(mixed(), DAY2);
		ds.undatedTurns = 1; // the scan counts the undated partition a window does not read
		ds.stats.copiesDropped = 4;
		ds.stats.badLines = 2;
		ds.stats.skipped = {badLines: 1, badFields: 3, hugeLines: 1, unreadableFiles: 1};
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.leftOut).toEqual({undated: 1, badLines: 4, badFields: 3, unreadableFiles: 1, duplicates: 1, crossSessionCopies: 4, unpriced: 1, aborted: 1, excluded: 1, notAttributed: 0});
		expect(r.excluded.turns).toBe(1);
		expect(r.unpriced.turns).toBe(1);
		const text = renderText(r, {width: 200});
		const block = text.slice(text.indexOf('\nLeft out\n'));
		for (const line of leftOutLines(r.leftOut)) expect(block).toContain(line);
		expect(block).toContain('1 turn without a timestamp (only --since all counts them)');
		expect(block).toContain('4 invalid lines skipped');
		expect(block).toContain('4 responses copied into another session');
		expect(block).toContain('1 aborted response without usage');
		expect(block).toContain('1 turn outside the coverage gate');
		expect(leftOutShort(r.leftOut)).toBe('1 undated · 4 bad lines · 3 bad fields · 1 unreadable file · 1 duplicate · 4 cross-session · 1 unpriced · 1 aborted · 1 excluded');
	});

	it('undated turns counted in (--since all) are not left out', () => {
		const r = analyzeHotspots(build(mixed()), fakePriceBook);
		expect(r.undated).toBe(1);
		expect(r.leftOut.undated).toBe(0);
	});

	it('nothing left out: no block, no notice', () => {
		const r = analyzeHotspots(build([turn({id: 'a', ts: at(2), usage: {input: 100, output: 10}})]), fakePriceBook);
		expect(Object.values(r.leftOut).every((v) => v === 0)).toBe(true);
		expect(renderText(r)).not.toContain('Left out');
		expect(leftOutShort(r.leftOut)).toBe('');
	});

	it('an empty window still says what it left out', () => {
		const ds = build([turn({id: 'u', ts: '', usage: {input: 9, output: 1}})], DAY2);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.turnsAnalyzed).toBe(0);
		expect(r.leftOut.undated).toBe(1);
		expect(renderText(r)).toContain('Left out\n  1 turn without a timestamp');
	});
});

describe('a window counts the undated turns it does not read', () => {
	it('our ledger: the undated partition is counted, one per response', async () => {
		const home = tmp();
		appendRecords(home, [turn({id: 'u1', ts: ''}), turn({id: 'u1', ts: '', usage: {output: 4}}), turn({id: 'u2', ts: ''}), turn({id: 'd', ts: at(2)})]);
		const windowed = await scanLedger({home, window: DAY2});
		expect(windowed.filesRead.some((f) => f.endsWith('undated.jsonl'))).toBe(false);
		expect(windowed.dataset.undatedTurns).toBe(2);
		const all = await scanLedger({home, window: ALL});
		expect(all.dataset.undatedTurns).toBe(2);
	});
});

describe.runIf(existsSync(CLI))('the CLI says it (built dist/)', () => {
	// Temporary directories live for one test: each test makes its own.
	const setup = () => {
		const s = sealed();
		return {s, dir: writeForeign(join(s.home, '..'), 'relayburn', render(foreignLines('claude-sonnet-4-5'), 'spaced'))};
	};

	it('a window on a spaced foreign ledger: turns counted, undated said on stderr and in JSON', () => {
		const {s, dir} = setup();
		const r = runCli(['--ledger', dir, '--since', '2026-11-02T00:00:00Z', '--until', '2026-11-02T23:59:59Z', '--json'], s.env);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.turnsAnalyzed).toBe(6);
		expect(j.grandTotal).toBeGreaterThan(0);
		expect(j.undated).toBe(1);
		expect(j.leftOut.undated).toBe(1);
		expect(j.leftOut.badLines).toBe(1); // the torn line of that day
		// The torn line is said once on stderr (scan), the undated turn once (window).
		expect(r.stderr).toBe(
			'burn: the ledger read holds bad input: 1 invalid record(s) skipped\nburn: 1 turn(s) without a timestamp left out of this window (only --since all counts them)\n',
		);
	});

	it('text: a Left out block at the end', () => {
		const {s, dir} = setup();
		const r = runCli(['--ledger', dir, '--since', '2026-11-02T00:00:00Z', '--until', '2026-11-02T23:59:59Z'], s.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/\nLeft out\n {2}1 turn without a timestamp \(only --since all counts them\)\n {2}1 invalid line skipped\n/);
	});

	it('--since all counts the undated turn in, and says nothing on stderr about it', () => {
		const {s, dir} = setup();
		const r = runCli(['--ledger', dir, '--since', 'all', '--json'], s.env);
		expect(r.status).toBe(0);
		// Only the torn line is said; nothing about the undated turn, which is counted in.
		expect(r.stderr).toBe('burn: the ledger read holds bad input: 1 invalid record(s) skipped\n');
		const j = JSON.parse(r.stdout);
		expect(j.turnsAnalyzed).toBe(19);
		expect(j.undated).toBe(1);
		expect(j.leftOut.undated).toBe(0);
	});
});
