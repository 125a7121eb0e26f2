/**
 * The interactive view under a large table (issue 13): the App rendered with
 * ink-testing-library over a synthetic window whose Files tab has `rows` rows, and the time
 * of one cursor move (a key in → the next frame out). Moving must not rebuild the table.
 */
import React from 'react';
import {writeFileSync} from 'node:fs';
import {Session} from 'node:inspector';
import {render} from 'ink-testing-library';
import {emptyUsage, type LedgerRecord} from '../source/core/records.js';
import {DatasetBuilder} from '../source/ledger/bucket.js';
import {createPriceBook} from '../source/analysis/pricing.js';
import {App} from '../source/ui/app.js';
import type {DataSource} from '../source/ui/use-data.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');

/** `rows` distinct files, each read once, in sessions of 100 turns over the last day. */
export function syntheticRecords(rows: number): LedgerRecord[] {
	const out: LedgerRecord[] = [];
	const perSession = 100;
	for (let i = 0; i < rows; i++) {
		const session = Math.floor(i / perSession);
		const sessionId = `s${String(session).padStart(6, '0')}-0000-4000-8000-000000000000`;
		const ts = new Date(NOW - 86_400_000 + i * 500).toISOString();
		const id = `m${i}`;
		out.push({
			kind: 'turn',
			record: {
				v: 1,
				source: 'claude-code',
				sessionId,
				messageId: id,
				turnIndex: i % perSession,
				ts,
				model: 'claude-sonnet-4-5',
				usage: {...emptyUsage(), input: 100 + (i % 50), output: 50, cacheRead: 1000 + (i % perSession) * 200},
				toolCalls: [{id: `tu${i}`, name: 'Read', target: `/home/dev/code/app/src/dir${i % 97}/file-${i}.ts`, argsHash: `h${i}`}],
				project: '/home/dev/code/app',
			},
		});
		out.push({
			kind: 'user_turn',
			record: {
				v: 1,
				source: 'claude-code',
				sessionId,
				userUuid: `u${i}`,
				ts: new Date(Date.parse(ts) + 100).toISOString(),
				precedingMessageId: id,
				blocks: [{kind: 'tool_result', toolUseId: `tu${i}`, byteLen: 4000 + (i % 1000), approxTokens: 1000 + (i % 250)}],
			},
		});
	}
	return out;
}

/** Starts the V8 profiler; the function it returns stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
	const session = new Session();
	session.connect();
	const post = (method: string) =>
		new Promise<Record<string, unknown>>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve((res ?? {}) as Record<string, unknown>))));
	await post('Profiler.enable');
	await post('Profiler.start');
	return async () => {
		const res = await post('Profiler.stop');
		session.disconnect();
		return res.profile as object;
	};
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/** Waits (bounded) until `test` holds, one event-loop turn at a time. */
async function until(test: () => boolean, timeoutMs = 600_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!test()) {
		if (Date.now() > deadline) throw new Error('ui-move: timed out');
		await nextTurn();
	}
}

export interface UiMoveResult {
	rows: number;
	/** Time to the first frame of the table, after the data is loaded. */
	firstTableMs: number;
	medianMs: number;
	p95Ms: number;
	/** CPU time of the process per move (user + system), median: less moved by a busy machine. */
	cpuMedianMs: number;
	moves: number;
}

export async function measureUiMoves(rows: number, moves = 60): Promise<UiMoveResult> {
	const window = {since: new Date(NOW - 7 * 86_400_000).toISOString(), until: null};
	const builder = new DatasetBuilder(window);
	for (const r of syntheticRecords(rows)) builder.add(r);
	const dataset = builder.finish();
	const priceBook = createPriceBook({anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 3, output: 15, cache_read: 0.3, cache_write: 3.75}}}}});
	const source: DataSource = {
		load: async () => ({dataset, priceBook, sizes: new Map(), warnings: []}),
		content: async () => [],
	};
	const t0 = performance.now();
	const r = render(React.createElement(App, {source, now: NOW, initialWindow: '7d', ingestFirst: false, color: false}));
	await until(() => (r.lastFrame() ?? '').includes('[Files]'));
	const firstTableMs = performance.now() - t0;
	const rowCount = /of ([\d,]+)/.exec(r.lastFrame() ?? '')?.[1];
	if (rowCount?.replace(/,/g, '') !== String(rows)) throw new Error(`ui-move: expected ${rows} rows, the table says ${rowCount}`);
	// BENCH_UI_PROFILE=<file>: a CPU profile of the moves alone (open it in Chrome's devtools).
	const profile = process.env.BENCH_UI_PROFILE ? await startProfile() : undefined;
	const times: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < moves; i++) {
		const before = r.frames.length;
		const c = process.cpuUsage();
		const t = performance.now();
		r.stdin.write(i % 2 === 0 || i < moves / 2 ? 'j' : 'k');
		await until(() => r.frames.length > before);
		times.push(performance.now() - t);
		const used = process.cpuUsage(c);
		cpu.push((used.user + used.system) / 1000);
	}
	if (profile) writeFileSync(process.env.BENCH_UI_PROFILE!, JSON.stringify(await profile()));
	r.unmount();
	r.cleanup();
	const sorted = [...times].sort((a, b) => a - b);
	const cpuSorted = [...cpu].sort((a, b) => a - b);
	return {rows, firstTableMs, medianMs: sorted[Math.floor(sorted.length / 2)]!, p95Ms: sorted[Math.floor(sorted.length * 0.95)]!, cpuMedianMs: cpuSorted[Math.floor(cpuSorted.length / 2)]!, moves};
}
