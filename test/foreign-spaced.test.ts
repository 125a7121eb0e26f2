// A relayburn ledger is any valid JSON per line (issue 11, part 4): the same ledger written
// compact, spaced, "pretty" on one line, or mixed gives the same report to the last digit, in
// every window; lines that really have no time are counted and said.
import {mkdirSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import type {Window} from '../source/analysis/dataset.js';
import {splitLedgerByDay} from '../source/ledger/foreign-split.js';
import {bytesTs, headKind} from '../source/ledger/foreign-line.js';
import {partitionForeignLedger} from '../source/ledger/foreign.js';
import {ledgerDir} from '../source/ledger/layout.js';
import {scanLedger} from '../source/ledger/scan.js';
import {renderJson} from '../source/report/json.js';
import {fakePriceBook} from './helpers/analysis.js';
import {foreignLines, render, writeForeign, type Style} from './helpers/foreign-ledger.js';
import {tmp} from './helpers/tmp.js';

/** Every way of writing the same ledger besides the compact one. */
const OTHER_STYLES = ['spaced', 'pretty', 'mixed'] as const satisfies readonly Style[];
const WINDOWS: Record<string, Window> = {
	all: {since: null, until: null},
	day2: {since: '2026-11-02T00:00:00.000Z', until: '2026-11-02T23:59:59.999Z'},
	since2: {since: '2026-11-02T00:00:00.000Z', until: null},
	morning3: {since: '2026-11-03T09:30:00.000Z', until: '2026-11-03T10:30:00.000Z'},
};

/** The JSON report of a foreign ledger written in `style`, for a window (prices from the test book). */
async function reportOf(style: Style, window: Window): Promise<string> {
	const root = tmp();
	const dir = writeForeign(root, 'relayburn', render(foreignLines(), style));
	const cache = partitionForeignLedger(join(root, 'home'), dir)!;
	const {dataset} = await scanLedger({home: cache, window, today: '2099-01-01'});
	return renderJson(analyzeHotspots(dataset, fakePriceBook, {now: '2026-11-04T00:00:00.000Z'}));
}

/** Each partition's records, parsed (the bytes differ by style, the records must not). */
function partitions(style: Style) {
	const root = tmp();
	const dir = writeForeign(root, 'relayburn', render(foreignLines(), style));
	const out = join(root, 'out');
	const stats = splitLedgerByDay(join(dir, 'ledger.jsonl'), (mkdirSync(out), out));
	const parts: Record<string, unknown[]> = {};
	for (const name of readdirSync(out).sort()) {
		parts[name] = readFileSync(join(out, name), 'utf8')
			.split('\n')
			.filter((l) => l.trim())
			.map((l) => {
				try {
					return JSON.parse(l);
				} catch {
					return `BAD ${l.trim()}`;
				}
			});
	}
	return {parts, stats};
}

describe('the byte path reads compact and spaced heads and times', () => {
	it('kind and ts, with any whitespace between the tokens', () => {
		expect(headKind(Buffer.from('{"v":1,"kind":"turn","record":{}}'))).toBe('turn');
		expect(headKind(Buffer.from('\t{ "v" : 1 , "kind" :  "user_turn", "record": {}}'))).toBe('user_turn');
		expect(headKind(Buffer.from('{"kind":"turn","v":1}'))).toBeUndefined(); // another order: parsed
		expect(headKind(Buffer.from('{"v":10,"kind":"turn"}'))).toBeUndefined();
		expect(bytesTs(Buffer.from('{"record":{"ts":"2026-11-01T00:00:00.000Z"}}'))).toBe('2026-11-01T00:00:00.000Z');
		expect(bytesTs(Buffer.from('{"record": {"name": "ts", "ts" :  "2026-11-01T00:00:00Z"}}'))).toBe('2026-11-01T00:00:00Z');
		expect(bytesTs(Buffer.from('{"record":{"t\\u0073":"2026-11-01T00:00:00Z"}}'))).toBeUndefined(); // escaped key: parsed
		expect(bytesTs(Buffer.from('{"record":{"ts":123}}'))).toBeUndefined();
	});
});

describe('a foreign ledger written compact, spaced, pretty and mixed', () => {
	const compact = partitions('compact');

	it('compact: every line is placed by its bytes except the ones without a time', () => {
		expect(Object.keys(compact.parts)).toEqual(['2026-11-01.jsonl', '2026-11-02.jsonl', '2026-11-03.jsonl', 'undated.jsonl']);
		expect(compact.stats.undatedTurns).toBe(1);
		expect(compact.stats.badLines).toBe(1);
		// events have no time of their own, the relationship neither, plus the undated turn
		expect(compact.stats.parsed).toBe(18 + 1 + 1);
	});

	for (const style of OTHER_STYLES) {
		it(`${style}: the same partitions, record for record`, () => {
			const other = partitions(style);
			expect(other.stats.undatedTurns).toBe(1);
			expect(other.stats.badLines).toBe(1);
			expect(Object.keys(other.parts)).toEqual(Object.keys(compact.parts));
			for (const name of Object.keys(compact.parts)) expect(other.parts[name], name).toEqual(compact.parts[name]);
		});
	}

	it('parsed lines are written back compact (one shape in the partitions)', () => {
		const {parts} = partitions('mixed');
		const root = tmp();
		const dir = writeForeign(root, 'relayburn', render(foreignLines(), 'mixed'));
		const cache = partitionForeignLedger(join(root, 'home'), dir)!;
		const raw = readFileSync(join(ledgerDir(cache), 'undated.jsonl'), 'utf8').trim();
		expect(raw).toBe(JSON.stringify(parts['undated.jsonl']![0]));
	});

	for (const [name, window] of Object.entries(WINDOWS)) {
		it(`window ${name}: the same JSON report to the last digit`, async () => {
			const expected = await reportOf('compact', window);
			const parsed = JSON.parse(expected);
			expect(parsed.turnsAnalyzed).toBeGreaterThan(0);
			expect(parsed.grandTotal).toBeGreaterThan(0);
			for (const style of OTHER_STYLES) expect(await reportOf(style, window), style).toBe(expected);
		});
	}

	it('the undated turn is counted in every window, and counted in only with --since all', async () => {
		const all = JSON.parse(await reportOf('spaced', WINDOWS.all!));
		expect(all.undated).toBe(1);
		expect(all.leftOut.undated).toBe(0);
		expect(all.turnsAnalyzed).toBe(19);
		const day = JSON.parse(await reportOf('spaced', WINDOWS.day2!));
		expect(day.undated).toBe(1);
		expect(day.leftOut.undated).toBe(1);
		expect(day.turnsAnalyzed).toBe(6);
	});
});
