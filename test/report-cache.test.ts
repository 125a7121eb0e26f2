// Issue 16 (P4, P4b, P1): a report of unchanged inputs is the last run's, byte for byte
// (source/pipeline/report-cache.ts), for every window, both faces, our ledger and --ledger. Any
// change to what a report is made of makes it afresh, and what it prints equals a report made
// without the cache. Windows that move with the clock are checked in-process with a fixed clock
// (report-cache-window.test.ts).
import {appendFileSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {reportCacheEntries} from '../source/pipeline/report-cache.js';
import {foreignLines, render, writeForeign} from './helpers/foreign-ledger.js';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';
import {tmp} from './helpers/tmp.js';

type H = ReturnType<typeof hostile>;
const ALL = ['--json', '--since', 'all'];
const logOf = (h: H) => join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 's-hostile.jsonl');
const fresh = (h: H, args = ALL) => runBounded(args, {...h.env, BURN_REPORT_CACHE: 'off'});
/** The window's start of a relative window: it differs between two runs a moment apart. */
const SINCE = /("since": )"[^"]+"/;
const noStart = (s: string) => s.replace(SINCE, '$1…');

/** Marks the kept outputs, so a run that prints the mark was served from the cache. */
function mark(h: H): void {
	for (const e of reportCacheEntries(h.burnHome)) appendFileSync(e, 'CACHED\n');
}
const served = (out: string) => out.endsWith('CACHED\n');
const unmarked = (out: string) => out.replace(/CACHED\n$/, '');

describe('report cache: a hit prints what a report made afresh prints', () => {
	it('a second identical run prints the same bytes from the cache; off neither reads nor writes it', () => {
		const h = hostile(3);
		const first = runBounded(ALL, h.env);
		expect(first.status).toBe(0);
		expect(reportCacheEntries(h.burnHome)).toHaveLength(1);
		const second = runBounded(ALL, h.env);
		expect(second.stdout).toBe(first.stdout);
		expect(second.stderr).toBe(first.stderr);
		expect(fresh(h).stdout).toBe(first.stdout);
		mark(h);
		expect(runBounded(ALL, h.env).stdout).toBe(`${first.stdout}CACHED\n`);
		expect(fresh(h).stdout).toBe(first.stdout);
		// BURN_TRACE prints where the time went after the report, never in it: served too.
		const traced = runBounded(ALL, {...h.env, BURN_TRACE: '1'});
		expect(traced.stdout).toBe(`${first.stdout}CACHED\n`);
		expect(traced.stderr).toMatch(/^trace: start .* · cache:hit /);
	});

	it('the cache file of an older burn where the directory goes: replaced, then served', () => {
		const h = hostile(2);
		mkdirSync(h.burnHome, {recursive: true});
		writeFileSync(join(h.burnHome, 'report-cache'), '{"v":1,"key":"x","stderr":""}\nold\n');
		const first = runBounded(ALL, h.env);
		expect(first.status).toBe(0);
		expect(first.stdout).toBe(fresh(h).stdout);
		expect(reportCacheEntries(h.burnHome)).toHaveLength(1);
		mark(h);
		expect(served(runBounded(ALL, h.env).stdout)).toBe(true);
	});

	it('every window and both faces: served, and equal to the report without the cache', () => {
		const h = hostile(3);
		const iso = new Date(Date.now() - 2 * 86_400_000).toISOString();
		for (const args of [['--json'], ['--no-tty'], ['--json', '--since', '24h'], ['--no-tty', '--since', 'all'], ['--json', '--since', iso], ['--no-tty', '--since', '4w', '--limit', '3'], ['--json', '--source', 'claude-code']]) {
			const what = args.join(' ');
			const first = runBounded(args, h.env);
			expect(first.status, what).toBe(0);
			mark(h);
			const second = runBounded(args, h.env);
			expect(served(second.stdout), what).toBe(true);
			const off = fresh(h, args);
			expect(noStart(unmarked(second.stdout)), what).toBe(noStart(off.stdout));
			expect(second.stderr, what).toBe(off.stderr);
		}
		// One entry per command line: the first is still served after the others.
		expect(served(runBounded(['--json'], h.env).stdout)).toBe(true);
		// An end that moves with the clock is in the key: never served.
		runBounded(['--json', '--until', '1h'], h.env);
		mark(h);
		expect(served(runBounded(['--json', '--until', '1h'], h.env).stdout)).toBe(false);
	});

	it('an empty window says what lies outside it, from the cache too (no all-time scan on a hit)', () => {
		const h = hostile(0);
		const dir = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project');
		mkdirSync(dir, {recursive: true});
		const old = Date.now() - 10 * 86_400_000;
		writeFileSync(logOf(h), `${[0, 1].map((i) => claudeLine('s-hostile', i, new Date(old + i * 1000).toISOString())).join('\n')}\n`);
		for (const args of [['--json'], ['--no-tty']]) {
			const first = runBounded(args, h.env);
			mark(h);
			const second = runBounded(args, h.env);
			expect(served(second.stdout), args.join(' ')).toBe(true);
			const off = fresh(h, args);
			expect(noStart(unmarked(second.stdout))).toBe(noStart(off.stdout));
			expect(noStart(first.stdout)).toBe(noStart(off.stdout));
		}
		expect(runBounded(['--no-tty'], h.env).stdout).toContain('No agent activity in this window. Outside it: 1 session');
	});

	it('--ledger: served from the second read on, equal to a fresh read; a changed ledger is read again', () => {
		const h = hostile(0);
		const dir = writeForeign(tmp('burn-cache-foreign-'), 'relay', render(foreignLines(), 'compact'));
		const args = ['--json', '--ledger', dir, '--since', '2026-11-01T00:00:00Z', '--until', '2026-11-03T00:00:00Z'];
		const first = runBounded(args, h.env);
		expect(first.status).toBe(0);
		expect((JSON.parse(first.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBeGreaterThan(0);
		expect(reportCacheEntries(h.burnHome)).toHaveLength(1);
		mark(h);
		const second = runBounded(args, h.env);
		expect(second.stdout).toBe(`${first.stdout}CACHED\n`);
		expect(fresh(h, args).stdout).toBe(first.stdout);
		appendFileSync(join(dir, 'ledger.jsonl'), `${JSON.stringify({v: 1, kind: 'turn', record: {v: 1, source: 'claude-code', sessionId: 'sc', messageId: 'm-new', turnIndex: 0, ts: '2026-11-02T12:00:00.000Z', model: 'claude-sonnet-4-6', usage: {input: 5, output: 5, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0}, toolCalls: []}})}\n`);
		const third = runBounded(args, h.env);
		expect(served(third.stdout)).toBe(false);
		expect(third.stdout).toBe(fresh(h, args).stdout);
		expect(third.stdout).not.toBe(first.stdout);
	});
});

describe('report cache: any change of input is a miss', () => {
	it('an append to a log: made afresh, equal to a report without the cache', () => {
		const h = hostile(2);
		runBounded(ALL, h.env);
		mark(h);
		appendFileSync(logOf(h), `${claudeLine('s-hostile', 5, new Date(Date.now() - 1_000_000).toISOString(), 333)}\n`);
		const r = runBounded(ALL, h.env);
		expect(served(r.stdout)).toBe(false);
		expect((JSON.parse(r.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBe(3);
		expect(r.stdout).toBe(fresh(h).stdout);
	});

	it('another price book: made afresh, to the last digit of the fresh report (text and JSON)', () => {
		const h = hostile(2);
		for (const args of [ALL, ['--no-tty']]) {
			const before = runBounded(args, h.env);
			mark(h);
			writeFileSync(join(h.burnHome, 'pricing.json'), JSON.stringify({anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 9, output: args === ALL ? 99 : 99_000}}}}}));
			const r = runBounded(args, h.env);
			expect(served(r.stdout)).toBe(false);
			expect(r.stdout).not.toBe(before.stdout);
			expect(noStart(r.stdout)).toBe(noStart(fresh(h, args).stdout));
		}
	});

	it('config, environment, arguments, a ledger changed by another hand: not served', () => {
		const h = hostile(2);
		const again = (args: string[], env = h.env) => {
			runBounded(ALL, h.env);
			runBounded(['--json'], h.env);
			mark(h);
			return runBounded(args, env).stdout;
		};
		expect(served(again([...ALL, '--source', 'claude-code']))).toBe(false);
		expect(served(again(ALL, {...h.env, TZ: 'Asia/Tokyo'}))).toBe(false);
		expect(served(again(['--json'], {...h.env, NO_COLOR: '1'}))).toBe(false);
		expect(served(again(['--json', '--since', '6d']))).toBe(false);
		runBounded(ALL, h.env);
		mark(h);
		writeFileSync(join(h.burnHome, 'config.json'), JSON.stringify({retentionDays: 120}));
		expect(served(runBounded(ALL, h.env).stdout)).toBe(false);
		runBounded(ALL, h.env);
		mark(h);
		const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
		appendFileSync(join(h.burnHome, 'ledger', `${day}.jsonl`), '{"v":1,"kind":"turn","record":{}}\n');
		const r = runBounded(ALL, h.env);
		expect(served(r.stdout)).toBe(false);
		expect(r.stderr).toContain('invalid record');
	});

	it('other views do not use it: --findings, --session, --patterns, --project', () => {
		const h = hostile(2);
		for (const args of [[...ALL, '--findings'], [...ALL, '--session'], [...ALL, '--patterns'], [...ALL, '--project', '/tmp/hostile-project']]) runBounded(args, h.env);
		expect(reportCacheEntries(h.burnHome)).toEqual([]);
	});
});
