import {describe, expect, it} from 'vitest';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {compareReports, previousWindow} from '../source/analysis/compare.js';
import type {HotspotsReport} from '../source/analysis/report-types.js';
import {datasetOf, expectedCost, fakePriceBook, HAIKU, SONNET, turn} from './helpers/analysis.js';

describe('compare two windows', () => {
	it('the previous window has the same length and ends just before', () => {
		const now = Date.parse('2026-12-07T12:00:00.000Z');
		expect(previousWindow({since: '2026-11-30T12:00:00.000Z', until: null}, now)).toEqual({since: '2026-11-23T12:00:00.000Z', until: '2026-11-30T11:59:59.999Z'});
		expect(previousWindow({since: '2026-12-01T00:00:00.000Z', until: '2026-12-02T23:59:59.999Z'}, now)).toEqual({since: '2026-11-29T00:00:00.001Z', until: '2026-11-30T23:59:59.999Z'});
		expect(previousWindow({since: null, until: null}, now)).toBeNull();
	});

	it('per model and in total: what went up, what went down, what is new or gone', () => {
		const before = analyzeHotspots(datasetOf([
			turn({session: 'a', model: 'claude-sonnet-4-6', usage: {input: 1_000_000}}),
			turn({session: 'a', model: 'claude-haiku-4-5', usage: {output: 1_000_000}}),
		]), fakePriceBook);
		const after = analyzeHotspots(datasetOf([
			turn({session: 'b', model: 'anthropic/claude-sonnet-4-6', usage: {input: 3_000_000}}),
			turn({session: 'b', model: 'gpt-5', usage: {input: 1_000_000}}),
		]), fakePriceBook);
		const c = compareReports(before, after);
		const sonnet1 = expectedCost({input: 1_000_000}, SONNET);
		const haiku = expectedCost({output: 1_000_000}, HAIKU);
		expect(c.total.before).toBeCloseTo(sonnet1 + haiku, 12);
		expect(c.total.delta).toBeCloseTo(after.grandTotal - before.grandTotal, 12);
		const byKey = Object.fromEntries(c.tables.models.map((r) => [r.key, r]));
		expect(byKey['claude-sonnet-4-6']).toMatchObject({before: sonnet1, status: 'both', change: expect.closeTo(2, 12)});
		expect(byKey['claude-sonnet-4-6']!.delta).toBeCloseTo(2 * sonnet1, 12);
		expect(byKey['claude-haiku-4-5']).toMatchObject({after: 0, status: 'gone', change: -1});
		expect(byKey['gpt-5']).toMatchObject({before: 0, status: 'new', change: null});
		// Biggest change first.
		const deltas = c.tables.models.map((r) => Math.abs(r.delta));
		expect(deltas).toEqual([...deltas].sort((x, y) => y - x));
	});

	it('hotspot rows are matched by their key (path, verb, command, type, server)', () => {
		const base = analyzeHotspots(datasetOf([]), fakePriceBook);
		const rep = (files: Array<[string, number]>): HotspotsReport => ({...base, files: files.map(([path, totalCost]) => ({path, totalCost})) as unknown as HotspotsReport['files']});
		const c = compareReports(rep([['/a.ts', 1], ['/b.ts', 2]]), rep([['/b.ts', 0.5], ['/c.ts', 0.25]]));
		expect(c.tables.files.map((r) => [r.key, r.status, r.delta])).toEqual([
			['/b.ts', 'both', -1.5],
			['/a.ts', 'gone', -1],
			['/c.ts', 'new', 0.25],
		]);
	});
});
