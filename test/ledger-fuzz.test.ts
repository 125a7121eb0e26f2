// Issue 17: one malformed record in a ledger must never crash a report. Random single-field
// mutations (seeded) of every record kind, each read as `.jsonl` and again from its packed
// copy, through the JSON, text, findings and session reports. Plus the usage rules by hand.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {run, type Io} from '../source/cli/run.js';
import {validateEntry} from '../source/ledger/validate.js';
import {tmp} from './helpers/tmp.js';
import {runBounded} from './helpers/hostile.js';
import {sealed} from './helpers/cli.js';
import {Rng} from '../source/demo/rng.js';

const DAY = '2026-01-10';
const S = 'fuzz-session';
const fidelity = {
	class: 'full',
	granularity: 'per-turn',
	coverage: {hasInputTokens: true, hasOutputTokens: true, hasReasoningTokens: true, hasCacheReadTokens: true, hasCacheCreateTokens: true, hasToolCalls: true, hasToolResultEvents: true, hasSessionRelationships: true, hasRawContent: false},
};
const usage = (input: number, output: number) => ({input, output, reasoning: 0, cacheRead: 4000, cacheCreate5m: 300, cacheCreate1h: 0});

/** One small session holding every record kind (hand-written from docs/ledger.md). */
function baseRecords(): Array<{kind: string; record: Record<string, unknown>}> {
	const common = {v: 1, source: 'claude-code', sessionId: S};
	return [
		{kind: 'relationship', record: {...common, relationshipType: 'root', ts: `${DAY}T10:00:00.000Z`}},
		{kind: 'user_turn', record: {...common, userUuid: 'u1', ts: `${DAY}T10:00:00.000Z`, followingMessageId: 'm1', blocks: [{kind: 'text', byteLen: 20, approxTokens: 5}]}},
		{
			kind: 'turn',
			record: {
				...common, messageId: 'm1', turnIndex: 0, ts: `${DAY}T10:00:01.000Z`, model: 'claude-sonnet-4-5', project: '/tmp/fuzz', projectKey: 'example.com/fuzz',
				usage: usage(100, 50), fidelity, activity: 'coding', hasEdits: false, filesTouched: ['/tmp/fuzz/a.ts'],
				toolCalls: [
					{id: 't1', name: 'Read', argsHash: 'h1', target: '/tmp/fuzz/a.ts'},
					{id: 't2', name: 'Bash', argsHash: 'h2', target: 'npm test', isError: true},
				],
			},
		},
		{kind: 'tool_result_event', record: {...common, messageId: 'm1', toolUseId: 't1', callIndex: 0, eventIndex: 0, ts: `${DAY}T10:00:02.000Z`, status: 'completed', eventSource: 'tool_result', contentLength: 900}},
		{kind: 'tool_result_event', record: {...common, messageId: 'm1', toolUseId: 't2', callIndex: 1, eventIndex: 1, ts: `${DAY}T10:00:02.000Z`, status: 'errored', eventSource: 'tool_result', contentLength: 300, isError: true}},
		{
			kind: 'user_turn',
			record: {
				...common, userUuid: 'u2', ts: `${DAY}T10:00:02.000Z`, precedingMessageId: 'm1', followingMessageId: 'm2',
				blocks: [{kind: 'tool_result', toolUseId: 't1', byteLen: 900, approxTokens: 220}, {kind: 'tool_result', toolUseId: 't2', byteLen: 300, approxTokens: 80, isError: true}],
			},
		},
		{
			kind: 'turn',
			record: {
				...common, messageId: 'm2', turnIndex: 1, ts: `${DAY}T10:00:05.000Z`, model: 'claude-sonnet-4-5', project: '/tmp/fuzz', usage: usage(40, 80), fidelity, hasEdits: true,
				toolCalls: [
					{id: 't3', name: 'Edit', argsHash: 'h3', target: '/tmp/fuzz/a.ts', editPreHash: 'p', editPostHash: 'q'},
					{id: 't4', name: 'Task', argsHash: 'h4', target: 'explore'},
				],
			},
		},
		{
			kind: 'turn',
			record: {
				...common, messageId: 'm3', turnIndex: 2, ts: `${DAY}T10:00:07.000Z`, model: 'claude-haiku-4-5', usage: usage(10, 20), toolCalls: [{id: 't5', name: 'Read', argsHash: 'h5', target: '/tmp/fuzz/b.ts'}],
				subagent: {isSidechain: true, parentToolUseId: 't4', agentId: 'a1', subagentType: 'Explore', description: 'look'},
			},
		},
		{kind: 'relationship', record: {...common, relationshipType: 'subagent', relatedSessionId: S, agentId: 'a1', parentToolUseId: 't4', subagentType: 'Explore', ts: `${DAY}T10:00:06.000Z`}},
		{kind: 'compaction', record: {...common, ts: `${DAY}T10:00:09.000Z`, precedingMessageId: 'm2', tokensBeforeCompact: 150000}},
	];
}

/** A seeded PRNG (the demo's mulberry32), so a failing case can be replayed by its seed. */
const prng = (seed: number): (() => number) => {
	const r = new Rng(seed);
	return () => r.next();
};

const HUGE = '__HUGE__';
const VALUES: unknown[] = [undefined, null, '12', -1, -0.5, 1.5, 'x', '', true, [], {}, [1], HUGE, 2 ** 60, '9999-99-99', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', 0];

/** Every path (array of keys) inside a value, nested objects and arrays included. */
function paths(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
	if (v && typeof v === 'object') {
		for (const [k, child] of Object.entries(v)) {
			const p = [...at, Array.isArray(v) ? Number(k) : k];
			out.push(p);
			paths(child, p, out);
		}
	}
	return out;
}

function mutate(record: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
	let o: any = record;
	for (const k of path.slice(0, -1)) o = o[k];
	const last = path.at(-1)!;
	if (value === undefined) {
		if (Array.isArray(o)) o.splice(last as number, 1);
		else delete o[last];
	} else o[last] = value;
}

function line(e: {kind: string; record: unknown}): string {
	return JSON.stringify({v: 1, kind: e.kind, record: e.record}).replaceAll(`"${HUGE}"`, '1e400');
}

function sink(): NodeJS.WriteStream & {text: string} {
	const s = {text: '', isTTY: false, columns: 100, write(chunk: string) {
		s.text += chunk;
		return true;
	}};
	return s as unknown as NodeJS.WriteStream & {text: string};
}

async function report(env: NodeJS.ProcessEnv, argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	const stdout = sink();
	const stderr = sink();
	const io: Io = {argv, env, cwd: '/', stdout, stderr, now: Date.parse(`${DAY}T12:00:00.000Z`)};
	const code = await run(io);
	return {code, stdout: stdout.text, stderr: stderr.text};
}

const VIEWS = [
	['--no-ingest', '--json', '--since', 'all'],
	['--no-ingest', '--no-tty', '--since', 'all'],
	['--no-ingest', '--json', '--since', 'all', '--findings'],
	['--no-ingest', '--json', '--since', 'all', '--session', S],
];

function fuzzHome(): {env: NodeJS.ProcessEnv; burnHome: string} {
	const root = tmp('burn-fuzz-');
	const burnHome = join(root, 'burn');
	const env = {HOME: join(root, 'home'), BURN_HOME: burnHome, CLAUDE_CONFIG_DIR: join(root, 'c'), CODEX_HOME: join(root, 'x'), OPENCODE_DATA_DIR: join(root, 'o'), TZ: 'UTC'};
	mkdirSync(join(burnHome, 'ledger'), {recursive: true});
	return {env, burnHome};
}

describe('ledger records, fuzzed', () => {
	it('the unmutated ledger gives a full report (the fuzz starts from something that works)', async () => {
		const {env, burnHome} = fuzzHome();
		writeFileSync(join(burnHome, 'ledger', `${DAY}.jsonl`), `${baseRecords().map(line).join('\n')}\n`);
		const r = await report(env, VIEWS[0]!);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		expect(JSON.parse(r.stdout).turnsAnalyzed).toBe(3);
	});

	it('300 random single-field mutations of every record kind: no report throws, totals stay numbers', async () => {
		const rand = prng(17);
		const {env, burnHome} = fuzzHome();
		const partition = join(burnHome, 'ledger', `${DAY}.jsonl`);
		const failures: string[] = [];
		for (let i = 0; i < 300; i++) {
			const records = baseRecords();
			const index = i % records.length; // every record (and so every kind) in turn
			const target = records[index]!;
			const all = paths(target.record);
			const path = all[Math.floor(rand() * all.length)]!;
			const value = VALUES[Math.floor(rand() * VALUES.length)];
			mutate(target.record, path, value);
			const what = `${target.kind}.${path.join('.')} = ${value === undefined ? '(deleted)' : JSON.stringify(value)}`;
			writeFileSync(partition, `${records.map(line).join('\n')}\n`);
			rmSync(join(burnHome, 'packed'), {recursive: true, force: true});
			// Views in turn (all four over the run), then the same JSON report from the packed copy.
			for (const argv of [VIEWS[i % VIEWS.length]!, VIEWS[0]!]) {
				try {
					const r = await report(env, argv);
					if (r.code !== 0) failures.push(`${what}: exit ${r.code}: ${r.stderr}`);
					else if (argv.includes('--json') && !argv.includes('--findings') && !argv.includes('--session')) {
						const j = JSON.parse(r.stdout);
						if (typeof j.grandTotal !== 'number' || !Number.isFinite(j.grandTotal) || j.grandTotal < 0) failures.push(`${what}: grandTotal ${j.grandTotal}`);
						for (const s of j.sessions) for (const [k, n] of Object.entries(s.usage)) if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) failures.push(`${what}: usage.${k} = ${JSON.stringify(n)}`);
					}
				} catch (error) {
					failures.push(`${what}: threw ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
				}
			}
		}
		expect(failures).toEqual([]);
	}, 240_000);
});

describe('usage read back from a ledger follows the log readers’ rules', () => {
	const turn = (u: Record<string, unknown>) => ({
		kind: 'turn',
		record: {v: 1, source: 'claude-code', sessionId: 's', messageId: 'm', turnIndex: 0, ts: `${DAY}T10:00:00.000Z`, model: 'claude-sonnet-4-5', usage: u, toolCalls: []},
	});

	it('"12", 1e400 (Infinity), -5 and 1.5 count as 0 and are counted; the rest of the record counts', () => {
		const e = turn({input: '12', output: Number.POSITIVE_INFINITY, reasoning: 0, cacheRead: -5, cacheCreate5m: 1.5, cacheCreate1h: 7});
		expect(validateEntry(e)).toEqual({ok: true, badFields: 4});
		expect(e.record.usage).toEqual({input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 7});
	});

	it('a turn without toolCalls, or with usage that is not an object, is skipped', () => {
		const e = turn({input: 1, output: 1});
		delete (e.record as any).toolCalls;
		expect(validateEntry(e).ok).toBe(false);
		expect(validateEntry(turn(null as any)).ok).toBe(false);
		expect(validateEntry({kind: 'user_turn', record: {v: 1, source: 'codex', sessionId: 's', userUuid: 'u', ts: '', blocks: 'x'}}).ok).toBe(false);
	});

	it('a timestamp that is not a time, or past year 9999, becomes undated', () => {
		for (const ts of ['yesterday', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', 17]) {
			const e = turn({input: 1, output: 1});
			(e.record as any).ts = ts;
			expect(validateEntry(e).ok).toBe(true);
			expect(e.record.ts).toBe('');
		}
	});

	it('end to end: a ledger with bad usage and a broken turn reports numbers and one line on stderr', () => {
		const s = sealed();
		const dir = join(s.burnHome, 'ledger');
		mkdirSync(dir, {recursive: true});
		const good = turn({input: 10, output: 20, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0});
		const bad = turn({input: '12', output: HUGE, reasoning: 0, cacheRead: -5, cacheCreate5m: 0, cacheCreate1h: 0});
		(bad.record as any).messageId = 'm2';
		const broken = turn({input: 1, output: 1});
		(broken.record as any).messageId = 'm3';
		delete (broken.record as any).toolCalls;
		writeFileSync(join(dir, `${DAY}.jsonl`), [good, bad, broken].map(line).join('\n') + '\n');
		for (let pass = 0; pass < 2; pass++) {
			// the second pass reads the packed copy the first one wrote: same figures, same line
			const r = runBounded(['--no-ingest', '--json', '--since', 'all'], s.env, 30);
			expect(r.status).toBe(0);
			const j = JSON.parse(r.stdout);
			expect(j.turnsAnalyzed).toBe(2);
			expect(typeof j.grandTotal).toBe('number');
			expect(j.sessions[0].usage.input).toBe(10);
			expect(j.sessions[0].usage.output).toBe(20);
			expect(r.stderr).toBe('burn: ledger holds bad input: 1 invalid record(s) skipped, 3 bad usage field(s) counted as 0 (burn ingest --rebuild rewrites it from the logs)\n');
		}
	});
});
