// End-to-end (built CLI, sealed HOME/BURN_HOME): `--until` without `--since` (issue 13, defect 1).
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs} from './helpers/e2e.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('--until alone', () => {
	it('is the 7 days before --until, not "--since is after --until"', () => {
		const s = sealed();
		const r = runCli(['--until', '2020-01-01', '--json'], {...s.env, ...emptyAgentDirs(s.home)});
		expect(r.stderr).not.toContain('--since is after --until');
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout) as {window: {since: string; until: string}};
		expect(j.window).toEqual({since: '2019-12-26T00:00:00.000Z', until: '2020-01-01T23:59:59.999Z'});
	});

	it('an explicit --since still wins (and a --since after --until is still refused)', () => {
		const s = sealed();
		const env = {...s.env, ...emptyAgentDirs(s.home)};
		const j = JSON.parse(runCli(['--since', 'all', '--until', '2020-01-01', '--json'], env).stdout) as {window: unknown};
		expect(j.window).toEqual({since: null, until: '2020-01-01T23:59:59.999Z'});
		const bad = runCli(['--since', '7d', '--until', '2020-01-01', '--json'], env);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--since is after --until');
	});

	it('on the demo data: only sessions that end by --until are counted', () => {
		const s = sealed();
		const until = isoDay(Date.now() - 3 * DAY);
		const r = runCli(['--demo', '--until', until, '--json'], s.env);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout) as {window: {since: string; until: string}; sessions: Array<{lastTs: string}>};
		expect(j.window.until).toBe(`${until}T23:59:59.999Z`);
		expect(j.sessions.length).toBeGreaterThan(0);
		for (const sess of j.sessions) expect(sess.lastTs <= j.window.until).toBe(true);
	});
});
