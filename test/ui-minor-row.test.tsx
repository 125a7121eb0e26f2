/**
 * A folded Findings row opens on exactly the findings it folds (uiB defect 1): the demo showed
 * `minor tool-call-pattern 7 small findings` and Enter listed all 31 of the kind, big ones too.
 * Here one of the fake data's two tool-call-pattern findings is made big (the detectors' output
 * is wrapped), so the kind has a row of its own and a minor row folding the other one.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {KEY, plain, press, renderApp, selectedRow, until} from './helpers/ui.js';

vi.mock('../source/analysis/patterns/index.js', async (importOriginal) => {
	const m = await importOriginal<typeof import('../source/analysis/patterns/index.js')>();
	return {
		...m,
		findingsFor: (...args: Parameters<typeof m.findingsFor>) => {
			const out = m.findingsFor(...args);
			const big = out.find((f) => f.kind === 'tool-call-pattern');
			return out.map((f) => (f === big ? {...f, savingsUsd: 0.5, costUsd: 0.6, title: 'BIG one'} : f));
		},
	};
});

afterEach(() => {
	cleanup();
});

describe('Findings tab: a minor row', () => {
	it('opens on the findings it folds, no more (title and rows agree with the row)', async () => {
		const r = await renderApp();
		await press(r.stdin, KEY.left, KEY.left);
		let frame = await until(r.lastFrame, (f) => /minor tool-call-pattern/.test(f));
		expect(frame).toMatch(/tool-call-pattern\s+BIG one/);
		const minor = frame.split('\n').find((l) => /minor tool-call-pattern/.test(l))!;
		const folded = Number(/(\d+) small finding/.exec(minor)![1]);
		expect(folded).toBe(1);
		// Select the minor row, open it.
		for (let i = 0; i < 10 && !/^▶ minor tool-call-pattern/.test(selectedRow(r.lastFrame())); i++) await press(r.stdin, 'j');
		expect(selectedRow(r.lastFrame())).toMatch(/^▶ minor tool-call-pattern/);
		await press(r.stdin, KEY.enter);
		frame = await until(r.lastFrame, (f) => /one by one/.test(f));
		expect(frame).toContain(`minor tool-call-pattern findings · ${folded}, one by one`);
		// The breadcrumb names the row in words (it showed the key, `minor:tool-call-pattern`).
		expect(frame).toContain(' Findings › minor tool-call-pattern\n');
		const rows = plain(frame).split('\n').filter((l) => /^[▶ ] \S+\s+tool-call-pattern /.test(l));
		expect(rows).toHaveLength(folded);
		expect(frame).not.toContain('BIG one');
	});
});
