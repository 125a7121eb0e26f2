/**
 * The UI's data hook (ui/use-data.ts), on its own: it hands the source an AbortSignal that
 * aborts when the load is no longer wanted (unmount: the view quit), passes the load's notices
 * and `empty` through, and shows the finished panel (every step done) before the data.
 */
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {useData, type DataSource} from '../source/ui/use-data.js';
import type {Window} from '../source/ledger/dataset.js';
import {datasetFor, priceBook, until} from './helpers/ui.js';

const WINDOW: Window = {since: null, until: null};

function Probe({source}: {source: DataSource}) {
	const {loaded, phase} = useData(source, WINDOW, true);
	if (phase.kind === 'loading') {
		const steps = Object.values(phase.progress);
		return <Text>loading {steps.filter((s) => s.status === 'done').length}/{steps.length} done</Text>;
	}
	if (phase.kind === 'error') return <Text>error {phase.message}</Text>;
	return <Text>ready notices={JSON.stringify(loaded?.notices)} empty={JSON.stringify(loaded?.empty)}</Text>;
}

describe('useData', () => {
	it('unmounting while a load runs aborts its signal', async () => {
		const signals: AbortSignal[] = [];
		const source: DataSource = {
			load: (_w, _r, _p, signal) => {
				signals.push(signal!);
				return new Promise(() => {});
			},
			content: async () => [],
		};
		const r = render(<Probe source={source} />);
		await until(r.lastFrame, (f) => f.includes('loading'));
		expect(signals).toHaveLength(1);
		expect(signals[0]!.aborted).toBe(false);
		r.unmount();
		expect(signals[0]!.aborted).toBe(true);
	});

	it('notices and empty come through; the finished panel shows every step done first', async () => {
		const source: DataSource = {
			async load(window, _r, onProgress) {
				for (const step of ['discover', 'ingest', 'scan', 'content', 'analyse'] as const) {
					onProgress({step, state: 'start'});
					onProgress({step, state: 'done', elapsedMs: 1});
				}
				return {
					dataset: datasetFor(window, () => false),
					priceBook,
					sizes: new Map(),
					warnings: ['old'],
					notices: ['config.json is not valid JSON; using defaults'],
					empty: {kind: 'no-logs', looked: ['claude-code  /h/.claude/projects  (missing)']},
				};
			},
			content: async () => [],
		};
		const r = render(<Probe source={source} />);
		const ready = await until(r.lastFrame, (f) => f.startsWith('ready'));
		expect(ready).toContain('notices=["config.json is not valid JSON; using defaults"]');
		expect(ready).toContain('"kind":"no-logs"');
		expect(r.frames.some((f) => f.includes('loading 5/5 done'))).toBe(true);
		r.unmount();
	});

	it('a source without notices: its warnings are the notices', async () => {
		const source: DataSource = {
			load: async (window) => ({dataset: datasetFor(window), priceBook, sizes: new Map(), warnings: ['a busy lock']}),
			content: async () => [],
		};
		const r = render(<Probe source={source} />);
		const ready = await until(r.lastFrame, (f) => f.startsWith('ready'));
		expect(ready).toContain('notices=["a busy lock"]');
		r.unmount();
	});
});
