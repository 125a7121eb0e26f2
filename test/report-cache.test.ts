// Issue 16, P4: the all-time JSON report of an unchanged ledger is the last run's, byte for
// byte (source/pipeline/report-cache.ts). Any change to what a report is made of makes it
// afresh, and what it prints equals a report made without the cache.
import {appendFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';

const ALL = ['--json', '--since', 'all'];
const logOf = (h: ReturnType<typeof hostile>) => join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 's-hostile.jsonl');
const cacheOf = (h: ReturnType<typeof hostile>) => join(h.burnHome, 'report-cache');
const fresh = (h: ReturnType<typeof hostile>, args = ALL) => runBounded(args, {...h.env, BURN_REPORT_CACHE: 'off'});

/** Marks the cached stdout, so a run that prints the mark was served from the cache. */
function mark(h: ReturnType<typeof hostile>): void {
	appendFileSync(cacheOf(h), 'CACHED\n');
}

describe('report cache (all-time JSON)', () => {
	it('a second identical run prints the same bytes from the cache; off prints them too', () => {
		const h = hostile(3);
		const first = runBounded(ALL, h.env);
		expect(first.status).toBe(0);
		expect(existsSync(cacheOf(h))).toBe(true);
		const second = runBounded(ALL, h.env);
		expect(second.stdout).toBe(first.stdout);
		expect(second.stderr).toBe(first.stderr);
		const off = fresh(h);
		expect(off.stdout).toBe(first.stdout);
		mark(h);
		expect(runBounded(ALL, h.env).stdout).toBe(`${first.stdout}CACHED\n`);
		// With the cache off it is neither read nor written.
		expect(fresh(h).stdout).toBe(first.stdout);
		expect(readFileSync(cacheOf(h), 'utf8').endsWith('CACHED\n')).toBe(true);
	});

	it('an append to a log: made afresh, equal to a report without the cache', () => {
		const h = hostile(2);
		runBounded(ALL, h.env);
		mark(h);
		appendFileSync(logOf(h), `${claudeLine('s-hostile', 5, new Date(Date.now() - 1_000_000).toISOString(), 333)}\n`);
		const r = runBounded(ALL, h.env);
		expect(r.stdout).not.toContain('CACHED');
		expect((JSON.parse(r.stdout) as {turnsAnalyzed: number}).turnsAnalyzed).toBe(3);
		expect(r.stdout).toBe(fresh(h).stdout);
	});

	it('another price book: made afresh, to the last digit of the fresh report', () => {
		const h = hostile(2);
		const before = runBounded(ALL, h.env);
		mark(h);
		writeFileSync(join(h.burnHome, 'pricing.json'), JSON.stringify({anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 9, output: 99}}}}}));
		const r = runBounded(ALL, h.env);
		expect(r.stdout).not.toContain('CACHED');
		expect(r.stdout).not.toBe(before.stdout);
		expect(r.stdout).toBe(fresh(h).stdout);
	});

	it('a ledger changed by another hand, other arguments, another environment: not served', () => {
		const h = hostile(2);
		runBounded(ALL, h.env);
		mark(h);
		expect(runBounded([...ALL, '--source', 'claude'], h.env).stdout).not.toContain('CACHED');
		runBounded(ALL, h.env);
		mark(h);
		expect(runBounded(ALL, {...h.env, TZ: 'Asia/Tokyo'}).stdout).not.toContain('CACHED');
		runBounded(ALL, h.env);
		mark(h);
		const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
		appendFileSync(join(h.burnHome, 'ledger', `${day}.jsonl`), '{"v":1,"kind":"turn","record":{}}\n');
		const r = runBounded(ALL, h.env);
		expect(r.stdout).not.toContain('CACHED');
		expect(r.stderr).toContain('invalid record');
	});

	it('windows other than all time and other views do not use it', () => {
		const h = hostile(2);
		runBounded(['--json', '--since', '7d'], h.env);
		runBounded(['--json', '--since', 'all', '--findings'], h.env);
		expect(existsSync(cacheOf(h))).toBe(false);
	});
});
