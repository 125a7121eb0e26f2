/**
 * With a pattern filter (`p`), the Findings tab lists the pattern's findings only: the detail
 * pane, `y` and enter must describe the finding on the selected row, not the one at the same
 * position in the unfiltered list.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {KEY, activeTab, plain, press, renderApp, selectedRow, until} from './helpers/ui.js';

afterEach(() => cleanup());

/** `high  retry-loop  …` → the kind cell of the selected Findings row. */
const kindOf = (row: string): string => row.replace(/^▶\s*/, '').split(/\s{2,}/)[1] ?? '';

describe('the Findings tab under a pattern filter', () => {
	it('the detail pane describes the selected row, for every pattern', async () => {
		const r = await renderApp({}, {columns: 150, rows: 40});
		for (let i = 0; i < 12 && activeTab(r.lastFrame()) !== 'Findings'; i++) await press(r.stdin, KEY.right);
		expect(activeTab(r.lastFrame())).toBe('Findings');
		const seen = new Set<string>();
		for (let step = 0; step < 12; step++) {
			await press(r.stdin, 'p');
			const frame = await until(r.lastFrame, (f) => /pattern/.test(plain(f)));
			const row = selectedRow(frame);
			if (/^▶\s*minor\b/.test(row)) continue;
			const kind = kindOf(row);
			if (!kind || seen.has(kind)) continue;
			seen.add(kind);
			// The pane's first line: `<severity> · <kind>` of the finding it describes.
			await until(r.lastFrame, (f) => / · [a-z-]+/.test(plain(f)));
			const pane = plain(r.lastFrame()).split('\n').map((l) => l.split('│')[1] ?? '').find((l) => /^ ?(high|warn|info) · /.test(l));
			expect(pane, `pattern ${kind}`).toBeDefined();
			expect(pane!.trim().split(' · ')[1]?.split(' ')[0], `pattern ${kind}`).toBe(kind);
		}
		expect(seen.size).toBeGreaterThan(1);
	});

	it('on the Files tab the pane describes the row as shown (the narrowed report), not the whole window', async () => {
		const r = await renderApp({}, {columns: 150, rows: 40});
		await until(r.lastFrame, (f) => /\d+ calls/.test(plain(f)));
		let checked = 0;
		for (let step = 0; step < 6; step++) {
			await press(r.stdin, 'p');
			const frame = await until(r.lastFrame, (f) => /pattern /.test(plain(f)));
			// `▶   1 app/src/lib/session-store.ts   21   18k  1.4M  1,697  $0.81  7.0%  │ …`
			const cells = selectedRow(frame).split('│')[0]!.trim().split(/\s+/);
			const pane = plain(frame).split('\n').map((l) => l.split('│')[1] ?? '');
			const calls = pane.find((l) => / calls?$/.test(l.trim()));
			const share = /share (\S+)/.exec(pane.find((l) => l.includes(' · share ')) ?? '')?.[1];
			if (!calls || !share) continue;
			expect(calls.trim().split(' · ').pop(), cells.join(' ')).toBe(`${cells[3]} call${cells[3] === '1' ? '' : 's'}`);
			expect(share, cells.join(' ')).toBe(cells[cells.length - 1]);
			checked++;
		}
		expect(checked).toBeGreaterThan(0);
	});
});
