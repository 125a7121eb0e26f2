/**
 * The composition root (pipeline/view-data.ts), on the demo's logs in a temporary home:
 * every progress step ends as done (the ingest's file count finishes at its total), an abort
 * stops the load and releases the ingest lock, every notice is collected, and an empty window
 * says why (no logs, activity outside the window, a filter that matches nothing).
 */
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ProgressEvent} from '../source/core/progress.js';
import type {LoadRequest} from '../source/pipeline/load.js';
import {loadViewData} from '../source/pipeline/view-data.js';
import {writeDemoLogs} from '../source/demo/generate.js';
import {emptyWindowLine} from '../source/report/empty-text.js';
import {tmp} from './helpers/tmp.js';

const NOW = Date.now();
const DAY = 86_400_000;

function home(withLogs: boolean): {request: (over?: Partial<LoadRequest>) => LoadRequest; burnHome: string} {
	const root = tmp('burn-view-');
	const dirs = {claudeConfigDir: join(root, 'claude'), codexHome: join(root, 'codex'), opencodeDataDir: join(root, 'opencode')};
	for (const d of Object.values(dirs)) mkdirSync(d, {recursive: true});
	if (withLogs) writeDemoLogs(dirs, NOW);
	const burnHome = join(root, 'burn');
	mkdirSync(burnHome, {recursive: true});
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: dirs.claudeConfigDir, CODEX_HOME: dirs.codexHome, OPENCODE_DATA_DIR: dirs.opencodeDataDir};
	const request = (over: Partial<LoadRequest> = {}): LoadRequest => ({
		home: burnHome,
		env,
		window: {since: new Date(NOW - 7 * DAY).toISOString(), until: null},
		filter: {sources: null, project: null, providers: null},
		ingest: true,
		contentMode: 'full',
		retentionDays: 90,
		...over,
	});
	return {request, burnHome};
}

describe('loadViewData', () => {
	it('every step of the panel ends as done; the file count finishes at its total', async () => {
		const {request} = home(true);
		const events: ProgressEvent[] = [];
		const data = await loadViewData(request(), {sizes: true, analyse: {kind: 'prepare'}, progress: (e) => events.push(e)});
		expect(data.loaded.dataset.sessions.length).toBeGreaterThan(0);
		for (const step of ['discover', 'ingest', 'scan', 'content', 'analyse'] as const) {
			const mine = events.filter((e) => e.step === step);
			expect(mine[0]?.state, step).toBe('start');
			expect(mine.at(-1)?.state, step).toBe('done');
		}
		const total = events.find((e) => e.step === 'discover' && e.state === 'done')!.total!;
		const done = events.filter((e) => e.step === 'ingest').at(-1)!;
		expect(done).toMatchObject({done: total, total});
		// "22 files, 19 new/changed, …": the total the panel counted to, not only the changed ones.
		expect(done.summary).toMatch(new RegExp(`^${total} files, `));
	});

	it('an abort stops the load (AbortError) and releases the ingest lock', async () => {
		const {request, burnHome} = home(true);
		const controller = new AbortController();
		const progress = (e: ProgressEvent) => {
			if (e.step === 'ingest' && e.state === 'update') controller.abort();
		};
		await expect(loadViewData(request(), {sizes: true, analyse: {kind: 'prepare'}, progress, signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'});
		expect(existsSync(join(burnHome, 'ingest.lock'))).toBe(false);
		// The next load is whole.
		const again = await loadViewData(request(), {sizes: true, analyse: {kind: 'hotspots'}});
		expect(again.hotspots!.turnsAnalyzed).toBeGreaterThan(0);
	});

	it('an abort during the scan stops it too', async () => {
		const {request} = home(true);
		await loadViewData(request(), {sizes: false, analyse: {kind: 'prepare'}});
		const controller = new AbortController();
		const progress = (e: ProgressEvent) => {
			if (e.step === 'scan' && e.state === 'start') controller.abort();
		};
		await expect(loadViewData(request({ingest: false}), {sizes: true, analyse: {kind: 'prepare'}, progress, signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'});
	});

	it('notices: config warnings join the load’s notices', async () => {
		const {request, burnHome} = home(true);
		writeFileSync(join(burnHome, 'config.json'), '{not json');
		const data = await loadViewData(request({notices: ['config.json is not valid JSON; using defaults']}), {sizes: true, analyse: {kind: 'prepare'}});
		expect(data.notices).toContain('config.json is not valid JSON; using defaults');
	});

	it('no logs anywhere: empty says where burn looked', async () => {
		const {request} = home(false);
		const data = await loadViewData(request(), {sizes: true, analyse: {kind: 'prepare'}});
		expect(data.empty?.kind).toBe('no-logs');
		const looked = data.empty?.kind === 'no-logs' ? data.empty.looked : [];
		expect(looked.some((l) => l.startsWith('claude-code') && l.includes('claude'))).toBe(true);
		expect(looked.some((l) => l.startsWith('codex'))).toBe(true);
	});

	it('an empty window with older data: sessions, spend and the latest activity outside it', async () => {
		const {request} = home(true);
		const window = {since: '2020-01-01T00:00:00.000Z', until: '2020-02-01T00:00:00.000Z'};
		const data = await loadViewData(request({window}), {sizes: true, analyse: {kind: 'hotspots'}});
		expect(data.empty?.kind).toBe('outside');
		if (data.empty?.kind !== 'outside') return;
		expect(data.empty.sessions).toBeGreaterThan(0);
		expect(data.empty.costUsd).toBeGreaterThan(0);
		expect(Date.parse(data.empty.latest)).toBeGreaterThan(NOW - 8 * DAY);
		const line = emptyWindowLine(window, {empty: data.empty, now: NOW});
		expect(line).toMatch(/Outside it: \d+ sessions, \$[\d.,]+; the latest activity was on /);
	});

	it('--since all with a filter that matches nothing: no "outside", and never "try --since all"', async () => {
		const {request} = home(true);
		const window = {since: null, until: null};
		const data = await loadViewData(request({window, filter: {sources: null, project: null, providers: ['nobody']}}), {sizes: true, analyse: {kind: 'hotspots'}});
		expect(data.empty).toBeUndefined();
		expect(data.filtered?.filters).toEqual(['--provider nobody']);
		expect(data.filtered?.without.sessions).toBeGreaterThan(0);
		const line = emptyWindowLine(window, {...(data.filtered ? {filtered: data.filtered} : {})});
		expect(line).toContain('--provider nobody');
		expect(line).not.toContain('--since all');
	});
});
