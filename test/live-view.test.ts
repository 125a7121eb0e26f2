import {describe, expect, it} from 'vitest';
import {LIVE_MINUTES, liveView} from '../source/analysis/live-view.js';
import {datasetOf, expectedCost, fakePriceBook, SONNET, turn} from './helpers/analysis.js';

// Local times, so "today" and "yesterday at the same hour" hold in any time zone.
const at = (y: number, mo: number, d: number, h: number, mi: number, s = 0): string => new Date(y, mo - 1, d, h, mi, s).toISOString();
const NOW = new Date(2026, 11, 7, 14, 30, 0).getTime();
const oneM = {input: 1_000_000};
const C = expectedCost(oneM, SONNET); // $3 a turn

describe('live view', () => {
	const ds = datasetOf([
		turn({session: 'old', ts: at(2026, 12, 6, 9, 0), usage: oneM}), // yesterday, before 14:30
		turn({session: 'old', ts: at(2026, 12, 6, 15, 0), usage: oneM}), // yesterday, after 14:30
		turn({session: 'a', project: '/p/a', ts: at(2026, 12, 7, 9, 0), usage: oneM}), // today, not active
		turn({session: 'a', project: '/p/a', ts: at(2026, 12, 7, 14, 20), usage: oneM, calls: [{id: 'c1', name: 'Bash', target: 'npm test\n--watch'}]}),
		turn({session: 'a', project: '/p/a', ts: at(2026, 12, 7, 14, 29, 30), usage: oneM}),
		turn({session: 'b', ts: at(2026, 12, 7, 14, 10), usage: oneM}), // 20 min ago: not active
		turn({session: 'c', ts: at(2026, 12, 7, 14, 30, 0), model: 'mystery', usage: oneM}),
		turn({session: 'a', ts: at(2026, 12, 7, 14, 31), usage: oneM}), // after now: ignored
	]);
	const v = liveView(ds, fakePriceBook, NOW);

	it('today against yesterday at the same hour', () => {
		expect(v.today.turns).toBe(5);
		expect(v.today.cost).toBeCloseTo(4 * C, 12);
		expect(v.yesterdaySameHour).toBeCloseTo(C, 12);
	});

	it('active sessions: last 15 minutes, newest first, with running cost, rate, last tool', () => {
		expect(v.active.map((s) => s.sessionId)).toEqual(['c', 'a']);
		const a = v.active[1]!;
		expect(a).toMatchObject({project: '/p/a', turns: 3, lastTool: 'Bash npm test', model: 'claude-sonnet-4-6'});
		expect(a.cost).toBeCloseTo(3 * C, 12);
		// $6 in the last 15 minutes, over the 10 minutes since 14:20.
		expect(a.costPerMinute).toBeCloseTo((2 * C) / 10, 12);
		expect(v.active[0]!.cost).toBeNull();
	});

	it('per-minute sparkline ends at the current minute', () => {
		expect(v.perMinute).toHaveLength(LIVE_MINUTES);
		expect(v.perMinute[LIVE_MINUTES - 1]).toBe(0); // 14:30: only the unpriced turn
		expect(v.perMinute[LIVE_MINUTES - 2]).toBeCloseTo(C, 12); // 14:29
		expect(v.perMinute[LIVE_MINUTES - 11]).toBeCloseTo(C, 12); // 14:20
		expect(v.perMinute[LIVE_MINUTES - 21]).toBeCloseTo(C, 12); // 14:10
		expect(v.perMinute.reduce((n, x) => n + x, 0)).toBeCloseTo(3 * C, 12);
	});

	it('the tail: newest first, with tools', () => {
		expect(v.tail.map((t) => t.sessionId)).toEqual(['c', 'a', 'a', 'b', 'a']);
		expect(v.tail[2]!.tools).toEqual(['Bash']);
		expect(v.tail[0]!.cost).toBeNull();
	});
});
