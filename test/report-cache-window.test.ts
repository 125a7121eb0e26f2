// The report cache and a window that moves with the clock (`--since 7d`, the default): a kept
// report is served for a later start while it holds the same turns and days, and what it
// prints is then byte for byte what a report made afresh at that moment prints. Run in-process
// with a fixed clock (`Io.now`), over a ledger written here.
import {appendFileSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {run, type Io} from '../source/cli/run.js';
import {reportCacheEntries} from '../source/pipeline/report-cache.js';
import {tmp} from './helpers/tmp.js';

const DAY = 86_400_000;
const MIN = 60_000;

function sink(): NodeJS.WriteStream & {text: string} {
	const s = {
		text: '',
		isTTY: false,
		columns: 100,
		write(chunk: string | Uint8Array) {
			s.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
			return true;
		},
	};
	return s as unknown as NodeJS.WriteStream & {text: string};
}

/** A home whose ledger holds one session's turns at the given times. */
function home(times: number[]): NodeJS.ProcessEnv {
	const root = tmp('burn-cache-window-');
	const burnHome = join(root, 'burn');
	mkdirSync(join(burnHome, 'ledger'), {recursive: true});
	for (const [i, ms] of times.entries()) {
		const ts = new Date(ms).toISOString();
		const usage = {input: 100 + i, output: 50, reasoning: 0, cacheRead: 1000, cacheCreate5m: 0, cacheCreate1h: 0};
		const record = {v: 1, source: 'claude-code', sessionId: `s${i % 2}`, messageId: `m${i}`, turnIndex: i, ts, model: 'claude-sonnet-4-5', project: '/work/p', usage, toolCalls: [{id: `t${i}`, name: 'Read', argsHash: `h${i}`, target: `/work/p/f${i}.ts`}]};
		appendFileSync(join(burnHome, 'ledger', `${ts.slice(0, 10)}.jsonl`), `${JSON.stringify({v: 1, kind: 'turn', record})}\n`);
	}
	return {HOME: join(root, 'home'), BURN_HOME: burnHome, CLAUDE_CONFIG_DIR: join(root, 'c'), CODEX_HOME: join(root, 'x'), OPENCODE_DATA_DIR: join(root, 'o')};
}

async function report(env: NodeJS.ProcessEnv, argv: string[], now: number): Promise<{code: number; stdout: string; stderr: string}> {
	const stdout = sink();
	const stderr = sink();
	const io: Io = {argv, env, cwd: '/', stdout, stderr, now};
	const code = await run(io);
	return {code, stdout: stdout.text, stderr: stderr.text};
}

/** Marks the kept outputs: a report that ends with the mark was served from the cache. */
function mark(env: NodeJS.ProcessEnv): void {
	for (const e of reportCacheEntries(env.BURN_HOME!)) appendFileSync(e, 'CACHED\n');
}

/** The report at `now` from the cache (after a report at `before`), and the report made afresh at `now`. */
async function pair(env: NodeJS.ProcessEnv, argv: string[], before: number, now: number) {
	const first = await report(env, argv, before);
	expect(first.code).toBe(0);
	mark(env);
	const cached = await report(env, argv, now);
	const fresh = await report({...env, BURN_REPORT_CACHE: 'off'}, argv, now);
	return {served: cached.stdout.endsWith('CACHED\n'), cached: {...cached, stdout: cached.stdout.replace(/(CACHED\n)+$/, '')}, fresh};
}

/**
 * A time of yesterday as far as can be from both UTC midnight and local midnight (halfway along
 * the longer stretch between them): the windows below stay inside one UTC and one local day.
 */
function farFromMidnights(): number {
	const local = (((-new Date().getTimezoneOffset() * MIN) % DAY) + DAY) % DAY; // local midnight, as a UTC time of day
	const m = (DAY - local) % DAY;
	const at = m === 0 ? DAY / 2 : m >= DAY - m ? m / 2 : (m + DAY) / 2;
	return Math.floor(Date.now() / DAY) * DAY - DAY + Math.round(at);
}
const NOON = farFromMidnights();
const FACES = [['--no-ingest', '--json'], ['--no-ingest', '--no-tty'], ['--no-ingest', '--json', '--since', '24h']];

describe('report cache: a window that moves with the clock', () => {
	it('a later start over the same turns: served, byte for byte the fresh report (JSON prints the new start)', async () => {
		const env = home([NOON - 3 * DAY, NOON - 2 * 3_600_000, NOON - 3_600_000 + 5_000]);
		for (const argv of FACES) {
			const {served, cached, fresh} = await pair(env, argv, NOON, NOON + 2 * MIN);
			expect(served, argv.join(' ')).toBe(true);
			expect(cached.stdout, argv.join(' ')).toBe(fresh.stdout);
			expect(cached.stderr).toBe(fresh.stderr);
			expect(cached.code).toBe(fresh.code);
		}
		const later = await report(env, FACES[0]!, NOON + 3 * MIN);
		expect(later.stdout.endsWith('CACHED\n')).toBe(true);
		const json = JSON.parse(later.stdout.replace(/(CACHED\n)+$/, '')) as {window: {since: string}};
		expect(json.window.since).toBe(new Date(NOON + 3 * MIN - 7 * DAY).toISOString());
	});

	it('a turn leaves the window as its start moves: made afresh', async () => {
		const env = home([NOON - 7 * DAY + MIN, NOON - 3_600_000]);
		const {served, cached, fresh} = await pair(env, ['--no-ingest', '--json'], NOON, NOON + 2 * MIN);
		expect(served).toBe(false);
		expect(cached.stdout).toBe(fresh.stdout);
		expect((JSON.parse(fresh.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBe(1);
		// Up to that turn, the kept report still holds.
		const before = await pair(env, ['--no-ingest', '--json'], NOON, NOON + MIN / 2);
		expect(before.served).toBe(true);
		expect(before.cached.stdout).toBe(before.fresh.stdout);
	});

	it('the start moves into another UTC day: made afresh', async () => {
		const midnight = Math.floor(Date.now() / DAY) * DAY;
		const env = home([midnight - 2 * DAY]);
		const {served, cached, fresh} = await pair(env, ['--no-ingest', '--json'], midnight - MIN, midnight + MIN);
		expect(served).toBe(false);
		expect(cached.stdout).toBe(fresh.stdout);
	});

	it('an empty window (older activity only): served with what lies outside it, equal to the fresh report', async () => {
		const env = home([NOON - 10 * DAY, NOON - 9 * DAY]);
		for (const argv of FACES.slice(0, 2)) {
			const {served, cached, fresh} = await pair(env, argv, NOON, NOON + 5 * MIN);
			expect(served, argv.join(' ')).toBe(true);
			expect(cached.stdout).toBe(fresh.stdout);
		}
		expect((await report(env, FACES[1]!, NOON)).stdout).toContain('Outside it: 2 sessions');
	});

	it('an earlier start (the clock set back): made afresh', async () => {
		const env = home([NOON - 7 * DAY - MIN, NOON - 3_600_000]);
		const {served, cached, fresh} = await pair(env, ['--no-ingest', '--json'], NOON, NOON - 2 * MIN);
		expect(served).toBe(false);
		expect(cached.stdout).toBe(fresh.stdout);
		expect((JSON.parse(fresh.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBe(2);
	});

	it('a ledger written between two runs: made afresh', async () => {
		const env = home([NOON - 3_600_000]);
		await report(env, ['--no-ingest', '--json'], NOON);
		mark(env);
		const ts = new Date(NOON - 1_800_000).toISOString();
		const record = {v: 1, source: 'claude-code', sessionId: 's9', messageId: 'm9', turnIndex: 0, ts, model: 'claude-sonnet-4-5', usage: {input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0}, toolCalls: []};
		writeFileSync(join(env.BURN_HOME!, 'ledger', `${ts.slice(0, 10)}.jsonl`), `${JSON.stringify({v: 1, kind: 'turn', record})}\n`, {flag: 'a'});
		const r = await report(env, ['--no-ingest', '--json'], NOON + MIN);
		expect(r.stdout.endsWith('CACHED\n')).toBe(false);
		expect((JSON.parse(r.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBe(2);
	});
});
