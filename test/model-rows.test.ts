import {describe, expect, it} from 'vitest';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {modelKey} from '../source/analysis/models.js';
import {datasetOf, expectedCost, fakePriceBook, SONNET, turn} from './helpers/analysis.js';

describe('Models: one row per model', () => {
	it('modelKey drops a provider path and keeps the id', () => {
		expect(modelKey('anthropic/claude-sonnet-4-5')).toBe('claude-sonnet-4-5');
		expect(modelKey('openrouter/anthropic/claude-sonnet-4-5')).toBe('claude-sonnet-4-5');
		expect(modelKey('claude-sonnet-4-5')).toBe('claude-sonnet-4-5');
		expect(modelKey('')).toBe('(no model)');
	});

	it('anthropic/claude-sonnet-4-6 and claude-sonnet-4-6 are one row, with the sessions that used it by cost', () => {
		const ds = datasetOf([
			turn({session: 'a', model: 'claude-sonnet-4-6', usage: {input: 1000, output: 100}}),
			turn({session: 'b', model: 'anthropic/claude-sonnet-4-6', usage: {input: 3000, output: 300}}),
			turn({session: 'b', model: 'claude-haiku-4-5', usage: {input: 10, output: 1}}),
			turn({session: 'a', model: 'anthropic/claude-sonnet-4-6', usage: {input: 500}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		const names = r.models.map((m) => m.model);
		expect(names).toEqual(['claude-sonnet-4-6', 'claude-haiku-4-5']);
		const sonnet = r.models[0]!;
		expect(sonnet.turns).toBe(3);
		const costA = expectedCost({input: 1000, output: 100}, SONNET) + expectedCost({input: 500}, SONNET);
		const costB = expectedCost({input: 3000, output: 300}, SONNET);
		expect(sonnet.cost).toBeCloseTo(costA + costB, 12);
		expect(sonnet.sessions.map((s) => [s.sessionId, s.turns])).toEqual([['b', 1], ['a', 2]]);
		expect(sonnet.sessions[0]!.share).toBeCloseTo(costB / (costA + costB), 12);
		expect(sonnet.sessions.reduce((n, s) => n + s.share, 0)).toBeCloseTo(1, 12);
		// The models' costs still add up to the grand total.
		expect(r.models.reduce((n, m) => n + (m.cost ?? 0), 0)).toBeCloseTo(r.grandTotal, 12);
	});

	it('an unpriced model lists its sessions with a null cost', () => {
		const r = analyzeHotspots(datasetOf([turn({session: 'x', model: 'mystery-1', usage: {input: 5}})]), fakePriceBook);
		expect(r.models).toHaveLength(1);
		expect(r.models[0]!.sessions).toEqual([{sessionId: 'x', turns: 1, cost: null, share: 0}]);
	});
});
