/**
 * Dates, paths and the daily sparkline as the interactive view shows them (issue 13, defect 11),
 * with ink-testing-library on the in-memory data set (test/helpers/ui.tsx).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {LedgerRecord} from '../source/core/records.js';
import {fakeSource, KEY, plain, press, renderApp, S_API, until} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const lines = (frame: string | undefined) => plain(frame).split('\n');
/** Colour codes out, trailing spaces kept (the sparkline's quiet days are spaces). */
const raw = (frame: string | undefined) => (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n');

async function sessionsTab(r: Awaited<ReturnType<typeof renderApp>>): Promise<string> {
	await press(r.stdin, KEY.shiftTab, KEY.shiftTab, KEY.shiftTab);
	return until(r.lastFrame, (f) => f.includes('[Sessions]'));
}

describe('dates carry their year when the data is not all in this year', () => {
	it('this year: no year', async () => {
		const r = await renderApp({initialWindow: 'all'});
		const frame = await sessionsTab(r);
		expect(frame).toMatch(/▶ a1b2c3d4\s+May 10 10:00 /);
	});

	it('seen from the next year: Sessions tab and session title say 2026', async () => {
		const r = await renderApp({initialWindow: 'all', now: Date.parse('2027-01-05T12:00:00.000Z')});
		const frame = await sessionsTab(r);
		expect(frame).toMatch(/▶ a1b2c3d4\s+May 10 2026 10:00 /);
		expect(frame).toMatch(/c0ffee00\s+Apr 20 2026 12:00 /);
		await press(r.stdin, KEY.enter);
		const session = await until(r.lastFrame, (f) => /^ session a1b2c3d4 /m.test(f));
		expect(lines(session)[0]).not.toMatch(/^ session/);
		expect(session).toMatch(/^ session a1b2c3d4 · .*May 10 2026 10:00–/m);
	});
});

describe('paths under the home directory are ~/…', () => {
	it('the Files column title, the Sessions project column', async () => {
		const r = await renderApp({home: '/home/dev'});
		expect(r.lastFrame()).toContain('file (in ~/code)');
		const frame = await sessionsTab(r);
		expect(frame).toMatch(/a1b2c3d4 .* ~\/code\/app /);
		expect(frame).not.toContain('/home/dev');
		// A file row drilled down: its title is ~/… too.
		await press(r.stdin, KEY.tab, KEY.tab, KEY.tab);
		await until(r.lastFrame, (f) => f.includes('[Files]'));
		await press(r.stdin, KEY.enter);
		const row = await until(r.lastFrame, (f) => /^ ~\/code\/app\/.* · \$[\d.]+ in \d+ sessions?$/m.test(f));
		expect(row).not.toContain('/home/dev');
	});
});

describe('the daily sparkline', () => {
	it('ends at now, not at the last active day', async () => {
		// Only the codex session, three days ago: the last three days are quiet (spaces).
		const keep = (r: LedgerRecord) => 'sessionId' in r.record && r.record.sessionId === S_API;
		const r = await renderApp({source: fakeSource({keep})}, {columns: 100});
		const line = raw(r.lastFrame())[1]!;
		// `daily <8 days> ` ends at the right edge (Ink drops the trailing spaces): 8 local
		// days, May 3 … May 10, the spend on May 7, then May 8, 9 and 10 with none.
		expect(line.indexOf('daily')).toBe(100 - ('daily '.length + 8 + 1));
		expect(line.slice(line.indexOf('daily'))).toBe('daily     █');
	});
});
