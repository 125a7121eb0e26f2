// End-to-end (built CLI, sealed HOME/BURN_HOME): the text report's dates carry their year when
// the sessions are not in this year, and paths under $HOME are `~/…` (issue 13, defect 11).
import {describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs} from './helpers/e2e.js';
import {opencodeDir} from './helpers/opencode-fixture.js';

const ID = 'ses_24c1832de000ue9DzCUBQ8xgx2';

function env(t0: number) {
	const s = sealed();
	const cwd = join(s.home, 'code', 'app');
	return {...s.env, ...emptyAgentDirs(s.home), OPENCODE_DATA_DIR: opencodeDir(s.home, [ID], {cwd, t0})};
}

describe('text report: years and ~', () => {
	it('a session of an earlier year: its date says the year; its project is ~/code/app', () => {
		const r = runCli(['--since', 'all', '--no-tty'], env(Date.parse('2024-03-05T10:00:00.000Z')));
		expect(r.status).toBe(0);
		const row = r.stdout.split('\n').find((l) => l.includes('ses_24c1832d'))!;
		expect(row).toContain('~/code/app');
		expect(row).toContain('Mar 5 2024 10:00');
		const one = runCli(['--session', 'ses_24c1832d', '--no-tty'], env(Date.parse('2024-03-05T10:00:00.000Z')));
		expect(one.stdout.split('\n')[0]).toMatch(/~\/code\/app · Mar 5 2024 10:00/);
	});

	it('a session of this year: no year', () => {
		const r = runCli(['--no-tty'], env(Date.now() - 3_600_000));
		const row = r.stdout.split('\n').find((l) => l.includes('ses_24c1832d'))!;
		expect(row).toContain('~/code/app');
		expect(row).not.toMatch(/ 20\d\d /);
	});

	it('--since/--until in an earlier year: the header says the year', () => {
		const r = runCli(['--since', '2024-03-01', '--until', '2024-03-10', '--no-tty'], env(Date.parse('2024-03-05T10:00:00.000Z')));
		expect(r.stdout.split('\n')[0]).toContain('Mar 1 2024 00:00 – Mar 10 2024 23:59');
	});
});
