/**
 * Issue 15: the cost of one live update of the interactive view, in this process, on an
 * ingested tree: the incremental merge (pipeline/live-update.ts: the appended records merged,
 * only the changed sessions analysed again) beside the full reload it replaced (loadViewData
 * of the window), each after the same ingest of one appended response. CPU ms of this
 * process (user + system) per update, medians; and the screen's own derivation after a merge
 * (the hotspots report, findings and the Live tab: useViewModel's work). At the end the merged
 * data is checked against the last fresh load (the same report JSON).
 */
import {appendFileSync, mkdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {ingest} from '../source/ledger/ingest.js';
import type {Window} from '../source/ledger/dataset.js';
import type {LoadRequest} from '../source/pipeline/load.js';
import {loadViewData, type ViewData} from '../source/pipeline/view-data.js';
import {liveUpdate, loadLiveView} from '../source/pipeline/live-update.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {findingsFor} from '../source/analysis/patterns/index.js';
import {liveView} from '../source/analysis/live-view.js';
import {narrowDataset} from '../source/analysis/narrow.js';

export interface LiveMergeFigures {
	window: string;
	updates: number;
	mergeMs: number;
	fullMs: number;
	/** The screen's derivation after a merge (report, findings, Live tab), and by part. */
	deriveMs: number;
	deriveParts: Record<string, number>;
	/** How the updates were made (all `merged` when nothing fell back). */
	hows: Record<string, number>;
	sessions: number;
	turns: number;
	same: boolean;
}

function cpuMs<T>(f: () => Promise<T>): Promise<{ms: number; value: T}> {
	const c0 = process.cpuUsage();
	return f().then((value) => {
		const c = process.cpuUsage(c0);
		return {ms: (c.user + c.system) / 1000, value};
	});
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const SESSION = 'bebebebe-0000-4000-8000-0000000000d7';

function responseLine(i: number): string {
	const ts = new Date().toISOString();
	return `${JSON.stringify({type: 'assistant', uuid: `lm${i}`, parentUuid: i ? `lm${i - 1}` : null, sessionId: SESSION, timestamp: ts, cwd: '/tmp/bench-live-merge', isSidechain: false, version: '2.0.14', requestId: `req_lm${i}`, message: {id: `msg_lm${i}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'tool_use', id: `tulm${i}`, name: 'Bash', input: {command: 'ls'}}], stop_reason: 'tool_use', usage: {input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0}}})}\n`;
}

/** useViewModel's work after an update, by part (CPU ms). */
function derive(d: ViewData, now: number): Record<string, number> {
	const {dataset, priceBook, inventory} = d.loaded;
	const parts: Record<string, number> = {};
	const time = <T>(name: string, f: () => T): T => {
		const c0 = process.cpuUsage();
		const v = f();
		const c = process.cpuUsage(c0);
		parts[name] = (c.user + c.system) / 1000;
		return v;
	};
	const narrowed = time('narrow', () => narrowDataset(dataset, dataset.window, 'all'));
	time('report', () => analyzeHotspots(narrowed, priceBook, {sizes: d.sizes, now}));
	time('findings', () => findingsFor(narrowed, priceBook, {sizes: d.sizes, inventory}));
	time('live tab', () => liveView(narrowed, priceBook, now));
	return parts;
}

/**
 * `home` holds the tree's ledger (ingested); `claudeDir` is the tree's Claude root: a bench
 * session is appended to under it, and removed at the end.
 */
export async function measureLiveMerge(home: string, env: NodeJS.ProcessEnv, claudeDir: string, label: string, window: Window, updates: number): Promise<LiveMergeFigures> {
	const dir = join(claudeDir, 'projects', '-bench-live-merge');
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	const log = join(dir, `${SESSION}.jsonl`);
	const request: LoadRequest = {home, env, window, filter: {sources: null, project: null, providers: null}, ingest: false, contentMode: 'full', retentionDays: 3650};
	const run = () => ingest({home, env, contentMode: 'full', retentionDays: 3650});
	const merges: number[] = [];
	const fulls: number[] = [];
	const derives: number[] = [];
	const parts: Record<string, number[]> = {};
	const hows: Record<string, number> = {};
	let fresh: ViewData | undefined;
	let data: ViewData | undefined;
	try {
		appendFileSync(log, responseLine(0));
		await run();
		data = await loadLiveView(request);
		for (let i = 1; i <= updates; i++) {
			appendFileSync(log, responseLine(i));
			await run();
			const m = await cpuMs(() => liveUpdate(request, data!));
			merges.push(m.ms);
			hows[m.value.how] = (hows[m.value.how] ?? 0) + 1;
			data = m.value.data;
			const d = await cpuMs(async () => derive(data!, Date.now()));
			derives.push(d.ms);
			for (const [k, v] of Object.entries(d.value)) (parts[k] ??= []).push(v);
			const f = await cpuMs(() => loadViewData(request, {sizes: true, analyse: {kind: 'prepare'}}));
			fulls.push(f.ms);
			fresh = f.value;
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
	const now = Date.now();
	const json = (d: ViewData) => JSON.stringify(analyzeHotspots(d.loaded.dataset, d.loaded.priceBook, {sizes: d.sizes, now}));
	const turns = data!.loaded.dataset.sessions.reduce((n, s) => n + s.turns.length, 0);
	return {window: label, updates, mergeMs: median(merges), fullMs: median(fulls), deriveMs: median(derives), deriveParts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)])), hows, sessions: data!.loaded.dataset.sessions.length, turns, same: json(data!) === json(fresh!)};
}
