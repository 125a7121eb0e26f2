/**
 * Helpers for the Ink component tests: a realistic in-memory data set (no disk), a fake
 * DataSource that counts its loads, and `press` that types keys one at a time.
 */
import React, {useEffect} from 'react';
import {render} from 'ink-testing-library';
import {emptyUsage, type ContentRecord, type LedgerRecord, type SourceKind, type ToolCall, type TurnRecord, type Usage} from '../../source/core/records.js';
import type {ProgressEvent} from '../../source/core/progress.js';
import type {Window} from '../../source/analysis/dataset.js';
import {DatasetBuilder} from '../../source/ledger/bucket.js';
import {createPriceBook} from '../../source/analysis/pricing.js';
import {findingsFor} from '../../source/analysis/patterns/index.js';
import {App, type AppProps} from '../../source/ui/app.js';
import type {DataSource} from '../../source/ui/use-data.js';

// Times on screen are local: pin them.
process.env.TZ = 'UTC';

/** The fixed clock of every UI test. */
export const NOW = Date.parse('2026-05-10T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const priceBook = createPriceBook({
	anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 3, output: 15, cache_read: 0.3, cache_write: 3.75}}}},
	openai: {models: {'gpt-5.4': {cost: {input: 2.5, output: 15, cache_read: 0.25}}}},
});

/** Session ids (claude-code today, codex three days ago, claude-code twenty days ago). */
export const S_APP = 'a1b2c3d4-0000-4000-8000-000000000001';
export const S_API = '019a2b3c-0000-7000-8000-000000000002';
export const S_OLD = 'c0ffee00-0000-4000-8000-000000000003';

/** A file path and a command carrying an escape sequence and control characters. */
export const EVIL_PATH = '/home/dev/code/app/src/\x1b[31mevil\x07.ts';
export const EVIL_COMMAND = 'echo \x1b[31mred\x1b[0m\x01 done';

export interface CallSpec {
	id: string;
	name: string;
	target: string;
	/** Result size in tokens (a user-turn tool_result block). */
	tokens: number;
	isError?: boolean;
	/** Arguments hash (the same command run again has the same one); default per call. */
	args?: string;
}

export interface TurnSpec {
	id: string;
	at: number;
	model: string;
	usage: Partial<Usage>;
	calls?: CallSpec[];
	/** Subagent thread. */
	agent?: {agentId: string; parentToolUseId: string; subagentType: string};
}

/** The ledger records of one session: a turn per spec, and a user turn with the results of its calls. */
export function sessionRecords(source: SourceKind, sessionId: string, project: string, turns: TurnSpec[]): LedgerRecord[] {
	const out: LedgerRecord[] = [];
	turns.forEach((t, i) => {
		const rec: TurnRecord = {
			v: 1,
			source,
			sessionId,
			messageId: t.id,
			turnIndex: i,
			ts: new Date(t.at).toISOString(),
			model: t.model,
			usage: {...emptyUsage(), ...t.usage},
			toolCalls: (t.calls ?? []).map((c): ToolCall => ({id: c.id, name: c.name, target: c.target, argsHash: c.args ?? `h-${c.id}`, ...(c.isError ? {isError: true} : {})})),
			project,
		};
		if (t.agent) rec.subagent = {isSidechain: true, ...t.agent};
		out.push({kind: 'turn', record: rec});
		if (t.calls?.length) {
			out.push({
				kind: 'user_turn',
				record: {
					v: 1,
					source,
					sessionId,
					userUuid: `u-${t.id}`,
					ts: new Date(t.at + 5_000).toISOString(),
					precedingMessageId: t.id,
					blocks: t.calls.map((c) => ({kind: 'tool_result' as const, toolUseId: c.id, byteLen: c.tokens * 4, approxTokens: c.tokens, ...(c.isError ? {isError: true} : {})})),
				},
			});
		}
	});
	return out;
}

const SONNET = 'claude-sonnet-4-5';
const GPT = 'gpt-5.4';

/** Every ledger record of the fake machine: three sessions over three weeks. */
export function demoRecords(): LedgerRecord[] {
	const app = '/home/dev/code/app';
	const api = '/home/dev/code/api';
	const t0 = NOW - 2 * HOUR;
	const at = (min: number) => t0 + min * 60_000;
	const s1 = sessionRecords('claude-code', S_APP, app, [
		{id: 'msg-a1', at: at(0), model: SONNET, usage: {input: 1200, output: 300, cacheCreate5m: 18_000}, calls: [{id: 'tu-a1', name: 'Read', target: `${app}/src/server/routes.ts`, tokens: 9_000}]},
		{
			id: 'msg-a2',
			at: at(1),
			model: SONNET,
			usage: {input: 400, output: 900, cacheRead: 27_000, cacheCreate5m: 9_500},
			calls: [
				{id: 'tu-a2', name: 'Edit', target: `${app}/src/server/routes.ts`, tokens: 300},
				{id: 'tu-a3', name: 'Bash', target: 'npm test', tokens: 6_000, isError: true},
			],
		},
		{id: 'msg-a3', at: at(2), model: SONNET, usage: {input: 300, output: 200, cacheRead: 37_000, cacheCreate5m: 6_400}, calls: [{id: 'tu-task', name: 'Task', target: 'Explore', tokens: 1_200}]},
		// The subagent's own thread.
		{
			id: 'msg-sub1',
			at: at(3),
			model: SONNET,
			usage: {input: 2_000, output: 150, cacheCreate5m: 4_000},
			calls: [{id: 'tu-s1', name: 'Read', target: `${app}/src/lib/session-store.ts`, tokens: 5_000}],
			agent: {agentId: 'agent-explore-1', parentToolUseId: 'tu-task', subagentType: 'Explore'},
		},
		{id: 'msg-sub2', at: at(4), model: SONNET, usage: {input: 100, output: 400, cacheRead: 9_000, cacheCreate5m: 5_000}, agent: {agentId: 'agent-explore-1', parentToolUseId: 'tu-task', subagentType: 'Explore'}},
		{id: 'msg-a4', at: at(5), model: SONNET, usage: {input: 200, output: 250, cacheRead: 44_000, cacheCreate5m: 1_500}, calls: [{id: 'tu-a4', name: 'mcp__github__get_issue', target: 'relay/burn#42', tokens: 2_500}]},
		{
			id: 'msg-a5',
			at: at(6),
			model: SONNET,
			usage: {input: 150, output: 500, cacheRead: 47_000, cacheCreate5m: 3_000},
			calls: [
				{id: 'tu-a5', name: 'Read', target: EVIL_PATH, tokens: 800},
				{id: 'tu-a6', name: 'Bash', target: EVIL_COMMAND, tokens: 40},
			],
		},
		{id: 'msg-a6', at: at(7), model: SONNET, usage: {input: 100, output: 700, cacheRead: 50_000, cacheCreate5m: 900}, calls: [{id: 'tu-a7', name: 'Bash', target: 'npm test', tokens: 1_100}]},
	]);
	const d3 = NOW - 3 * DAY;
	// A retry loop: the same failing command three times in a row.
	const cargo = {name: 'exec_command', target: 'cargo test --workspace', isError: true, args: 'cargo-test'};
	const s2 = sessionRecords('codex', S_API, api, [
		{id: 'msg-c1', at: d3, model: GPT, usage: {input: 6_000, output: 1_200, cacheRead: 12_000}, calls: [{id: 'tu-c1', tokens: 7_000, ...cargo}]},
		{id: 'msg-c1b', at: d3 + 20_000, model: GPT, usage: {input: 300, output: 100, cacheRead: 19_000}, calls: [{id: 'tu-c1b', tokens: 1_500, ...cargo}]},
		{id: 'msg-c1c', at: d3 + 40_000, model: GPT, usage: {input: 300, output: 100, cacheRead: 21_000}, calls: [{id: 'tu-c1c', tokens: 1_500, ...cargo}]},
		{id: 'msg-c2', at: d3 + 60_000, model: GPT, usage: {input: 2_000, output: 800, cacheRead: 26_000}, calls: [{id: 'tu-c2', name: 'read_file', target: `${api}/src/orders.rs`, tokens: 3_000}]},
		{id: 'msg-c3', at: d3 + 120_000, model: GPT, usage: {input: 1_000, output: 600, cacheRead: 30_000}},
	]);
	const d20 = NOW - 20 * DAY;
	const s3 = sessionRecords('claude-code', S_OLD, app, [
		{id: 'msg-o1', at: d20, model: SONNET, usage: {input: 500, output: 200, cacheCreate5m: 12_000}, calls: [{id: 'tu-o1', name: 'Read', target: `${app}/package-lock.json`, tokens: 20_000}]},
		{id: 'msg-o2', at: d20 + 60_000, model: SONNET, usage: {input: 200, output: 600, cacheRead: 32_000, cacheCreate5m: 2_000}, calls: [{id: 'tu-o2', name: 'Bash', target: 'git status', tokens: 200}]},
	]);
	return [...s1, ...s2, ...s3];
}

/** Result text for the turn view, by tool-use id (escape sequences included on purpose). */
const RESULT_TEXT: Record<string, string> = {
	'tu-a1': 'import {Router} from "express";\n\nexport const router = Router();\nrouter.get("/health", ok);\nrouter.post("/orders", createOrder);\nrouter.get("/orders/:id", getOrder);',
	'tu-a2': 'The file has been updated.',
	'tu-a3': 'FAIL src/server/routes.test.ts\n  \x1b[31m● orders › creates an order\x1b[0m\n    expected 201, received 500',
	'tu-a5': '\x1b]0;pwned\x07export const evil = true;\x1b[2J',
	'tu-a6': 'red done',
	'tu-a7': 'PASS src/server/routes.test.ts\nTests: 12 passed, 12 total',
};

export function demoContent(sessionId: string): ContentRecord[] {
	if (sessionId !== S_APP) return [];
	return Object.entries(RESULT_TEXT).map(([toolUseId, text]) => ({
		v: 1,
		source: 'claude-code',
		sessionId,
		messageId: `r-${toolUseId}`,
		ts: new Date(NOW).toISOString(),
		role: 'tool_result',
		kind: 'tool_result',
		toolResult: {toolUseId, content: text},
	}));
}

/** The records a window sees, as the real pipeline's DatasetBuilder buckets them (the demo machine's unless `records`). */
export function datasetFor(window: Window, keep: (r: LedgerRecord) => boolean = () => true, records: () => LedgerRecord[] = demoRecords) {
	const b = new DatasetBuilder(window);
	for (const r of records()) if (keep(r)) b.add(r);
	return b.finish();
}

/** The findings the App shows for a window (the detectors run on what the hotspots analysed). */
export function findingsOf(window: Window, keep?: (r: LedgerRecord) => boolean, records?: () => LedgerRecord[]) {
	return findingsFor(datasetFor(window, keep, records), priceBook, {sizes: new Map()});
}

export interface FakeSource extends DataSource {
	loads: Array<{window: Window; reingest: boolean}>;
	contentCalls: string[];
	/** Resolves pending loads (when created with `manual`). */
	release(): void;
}

/**
 * A DataSource over the in-memory records. Each load emits a few progress events (like the
 * pipeline) and resolves on the next macrotask, or when `release()` is called with `manual`.
 */
export function fakeSource(opts: {manual?: boolean; fail?: string; keep?: (r: LedgerRecord) => boolean; records?: () => LedgerRecord[]} = {}): FakeSource {
	const waiting: Array<() => void> = [];
	const src: FakeSource = {
		loads: [],
		contentCalls: [],
		release() {
			while (waiting.length) waiting.shift()!();
		},
		async load(window, reingest, onProgress: (e: ProgressEvent) => void) {
			src.loads.push({window, reingest});
			if (reingest) {
				onProgress({step: 'discover', state: 'start'});
				onProgress({step: 'discover', state: 'done', elapsedMs: 12, summary: '2 sources, 3 files'});
				onProgress({step: 'ingest', state: 'start'});
				onProgress({step: 'ingest', state: 'update', done: 1, total: 3, bytes: 120_000, totalBytes: 360_000});
			}
			onProgress({step: 'scan', state: 'start'});
			onProgress({step: 'scan', state: 'update', bytes: 2_000_000, totalBytes: 4_000_000, records: 1234});
			if (opts.manual) await new Promise<void>((r) => waiting.push(r));
			else await new Promise((r) => setTimeout(r, 5));
			if (opts.fail) throw new Error(opts.fail);
			onProgress({step: 'scan', state: 'done', elapsedMs: 30, summary: '1,234 records'});
			return {dataset: datasetFor(window, opts.keep, opts.records), priceBook, sizes: new Map(), warnings: []};
		},
		async content(sessionId) {
			src.contentCalls.push(sessionId);
			return demoContent(sessionId);
		},
	};
	return src;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Key sequences as a terminal sends them. */
export const KEY = {
	up: '\x1b[A',
	down: '\x1b[B',
	right: '\x1b[C',
	left: '\x1b[D',
	pageUp: '\x1b[5~',
	pageDown: '\x1b[6~',
	tab: '\t',
	shiftTab: '\x1b[Z',
	enter: '\r',
	escape: '\x1b',
	backspace: '\x7f',
	ctrlC: '\x03',
} as const;

/**
 * Lets the event loop run a few turns: Ink (legacy root, debug mode) renders a key's state change
 * synchronously, and the effects it schedules run on the next turns. Counted in turns, not
 * milliseconds, so a busy machine does not change what has happened when it resolves. Work that
 * waits on a timer or I/O (a load) is not covered: wait for its frame with `until`.
 */
export async function settle(turns = 4): Promise<void> {
	for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Writes each key and lets the app handle it before the next (no fixed sleep). */
export async function press(stdin: {write(data: string): void}, ...keys: string[]): Promise<void> {
	for (const k of keys) {
		stdin.write(k);
		await settle();
	}
}

/**
 * Waits until the last frame (as `plain` text) satisfies `test`; returns it (or throws with it).
 * The bound is generous (a loaded machine is slow); a passing test never waits for it.
 */
export async function until(lastFrame: () => string | undefined, test: (frame: string) => boolean, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plain(lastFrame());
		if (test(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`timed out; last frame:\n${frame}`);
		await sleep(10);
	}
}

/** Frame text without colour codes and trailing spaces (Ink trims them only when uncoloured). */
export const plain = (frame: string | undefined) =>
	(frame ?? '')
		.replace(/\x1b\[[0-9;]*m/g, '')
		.split('\n')
		.map((l) => l.trimEnd())
		.join('\n');

/** The row the ▶ marks, or ''. */
export const selectedRow = (frame: string | undefined) => plain(frame).split('\n').find((l) => l.startsWith('▶')) ?? '';

/** The active tab's name (`[Files]` → `Files`). */
export const activeTab = (frame: string | undefined) => /\[([A-Za-z]+)(?:\(\d+\))?\]/.exec(plain(frame))?.[1] ?? '';

export type Rendered = ReturnType<typeof render> & {
	source: FakeSource;
	/** True once the App has exited (`useApp().exit()` unmounts the tree). */
	exited: () => boolean;
};

/** Reports when the tree under it unmounts: that is what `exit()` does. */
function ExitProbe({onExit, children}: {onExit: () => void; children: React.ReactNode}) {
	useEffect(() => onExit, [onExit]);
	return <>{children}</>;
}

/** Renders the App on a fake source; resolves once the hotspots table is up (unless `wait: false`). */
export async function renderApp(
	props: Partial<AppProps> & {source?: FakeSource} = {},
	opts: {wait?: boolean; columns?: number; rows?: number} = {},
): Promise<Rendered> {
	const source = props.source ?? fakeSource();
	let exited = false;
	const onExit = () => {
		exited = true;
	};
	const r = render(
		<ExitProbe onExit={onExit}>
			<App source={source} now={NOW} initialWindow="7d" ingestFirst={false} {...props} />
		</ExitProbe>,
	);
	if (opts.columns || opts.rows) resize(r.stdout, opts.columns ?? 100, opts.rows ?? 24);
	if (opts.wait !== false) await until(r.lastFrame, (f) => f.includes('[Files]'));
	return Object.assign(r, {source, exited: () => exited});
}

/** Pretends the terminal changed size (the App listens to `resize`). */
export function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
	Object.defineProperty(stdout, 'columns', {configurable: true, get: () => columns});
	Object.defineProperty(stdout, 'rows', {configurable: true, get: () => rows});
	stdout.emit('resize');
}
