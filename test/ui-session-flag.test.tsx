/**
 * `--session` in the interactive view (issue 13, defect 7), with ink-testing-library on the
 * in-memory data set: picked once like the text report picks it, an unknown id ends the UI,
 * and a window without sessions is said.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {fakeSource, KEY, plain, press, renderApp, until} from './helpers/ui.js';

afterEach(() => {
	cleanup();
});

const header = (frame: string | undefined) => plain(frame).split('\n')[0] ?? '';

describe('--session in the UI', () => {
	it('alone: opens the most recent session once; after Esc, w does not throw you back into it', async () => {
		const r = await renderApp({session: true}, {wait: false});
		await until(r.lastFrame, (f) => /^ session a1b2c3d4 /m.test(f));
		await press(r.stdin, KEY.escape);
		await until(r.lastFrame, (f) => f.includes('[Files]'));
		await press(r.stdin, 'w');
		await until(r.lastFrame, (f) => header(f).includes('last 30 days') && f.includes('[Files]'));
		// A key handled after the new data is on screen: still the hotspots screen.
		await press(r.stdin, KEY.tab);
		const frame = await until(r.lastFrame, (f) => f.includes('[Commands]'));
		expect(frame).not.toMatch(/^ session /m);
	});

	it('an unknown id ends the UI (run-tui prints the error and exits 1)', async () => {
		const r = await renderApp({session: 'zzzz', initialWindow: 'all'}, {wait: false});
		await until(r.lastFrame, () => r.exited());
		expect(r.exited()).toBe(true);
	});

	it('a known prefix opens its session', async () => {
		const r = await renderApp({session: 'c0ffee', initialWindow: 'all'}, {wait: false});
		await until(r.lastFrame, (f) => /^ session c0ffee00 /m.test(f));
		expect(r.exited()).toBe(false);
	});

	it('alone, over a window without sessions: says so above the hotspots table', async () => {
		const r = await renderApp({session: true, source: fakeSource({keep: () => false})});
		const frame = await until(r.lastFrame, (f) => f.includes('[Files]'));
		expect(frame).toContain('no session in this window (w widens it)');
		// Nothing spent: no empty "daily" sparkline either.
		expect(frame.split('\n')[1]).not.toContain('daily');
	});
});
