// The hotspots screen says in one line what the window's figures leave out (issue 11, part 5).
import {describe, expect, it} from 'vitest';
import {fakeSource, plain, renderApp} from './helpers/ui.js';

describe('left-out notice on the hotspots screen', () => {
	it('one line with the non-zero counts, and the screen still fits 80×24', async () => {
		const source = fakeSource();
		const load = source.load.bind(source);
		source.load = async (...args) => {
			const r = await load(...args);
			r.dataset.abortedTurns = 2;
			r.dataset.undatedTurns = 3;
			r.dataset.stats.duplicateVersions = 5;
			return r;
		};
		const r = await renderApp({source}, {columns: 80, rows: 24});
		const frame = plain(r.lastFrame());
		const lines = frame.split('\n');
		expect(lines[3]).toBe(' left out: 3 undated · 5 duplicates · 2 aborted');
		expect(lines.length).toBeLessThanOrEqual(24);
		expect(lines.at(-1)).toContain('q quit');
	});

	it('no line when nothing is left out', async () => {
		const r = await renderApp();
		expect(plain(r.lastFrame())).not.toContain('left out');
	});
});
