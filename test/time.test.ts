import {describe, expect, it} from 'vitest';
import {parseTs} from '../source/core/time.js';

describe('parseTs', () => {
	it('equals Date.parse on the agents’ timestamps and on everything else', () => {
		const cases = [
			'2026-11-15T00:45:00.657Z',
			'2026-11-15T00:45:00Z',
			'2024-02-29T23:59:59.999Z',
			'2023-02-29T10:00:00.000Z',
			'2026-12-31T24:00:00.000Z',
			'2026-13-01T00:00:00.000Z',
			'2026-00-10T00:00:00.000Z',
			'2026-11-15T00:45:00.6578Z',
			'2026-11-15T00:45:00.65Z',
			'2026-11-15T00:45:00.657+02:00',
			'2026-11-15 00:45:00.657Z',
			'2026-11-15T00:60:00.000Z',
			'2026-11-15T0a:45:00.000Z',
			'2026-11-15T00:4a:00.000Z',
			'2026-11-15T00:45:0a.000Z',
			'2026-11-15T00:45:00.0a0Z',
			'2026-1a-15T00:45:00.000Z',
			'2026-11-15',
			'',
			'not a date',
			'1970-01-01T00:00:00.000Z',
			'0001-01-01T00:00:00.000Z',
		];
		for (const ts of cases) expect(parseTs(ts), ts).toEqual(Date.parse(ts));
		// Every millisecond field, second and day of a year, through the fast path.
		for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += Math.floor(86_400_000 / 7) + 1_234) {
			const iso = new Date(t).toISOString();
			expect(parseTs(iso)).toBe(t);
			expect(parseTs(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d{3}Z$/, 'Z')));
		}
	});
});
