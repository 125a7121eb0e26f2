// End-to-end: the built CLI's argument handling, help, version and the "no logs" path.
// Runs dist/cli.js (npm test builds it first) in a sealed environment with no TTY.
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs, expectOneErrorLine} from './helpers/e2e.js';

const PKG = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {version: string};

describe('burn --help / --version', () => {
	it('--help prints usage with examples and exits 0 without touching the data directory', () => {
		const s = sealed();
		const r = runCli(['--help'], s.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^burn — /);
		expect(r.stdout).toContain('Usage');
		expect(r.stdout).toContain('Examples');
		expect(r.stdout).toContain('$ burn --demo');
		expect(r.stdout).toContain('burn ingest');
		// every documented option is listed
		for (const flag of ['--since', '--until', '--source', '--project', '--provider', '--session', '--patterns', '--findings', '--all', '--limit', '--json', '--no-tty', '--no-ingest', '--ledger', '--home', '--demo']) {
			expect(r.stdout, flag).toContain(flag);
		}
		expect(r.stdout).not.toMatch(/\x1b/);
		expect(existsSync(s.burnHome)).toBe(false);
	});

	it('-h is --help', () => {
		const s = sealed();
		expect(runCli(['-h'], s.env).stdout).toBe(runCli(['--help'], s.env).stdout);
	});

	it('--version prints the package.json version and exits 0', () => {
		const s = sealed();
		const r = runCli(['--version'], s.env);
		expect(r).toEqual({status: 0, stdout: `${PKG.version}\n`, stderr: ''});
		expect(existsSync(s.burnHome)).toBe(false);
	});
});

describe('usage errors: exit 2, one line on stderr, nothing on stdout, before any work', () => {
	const cases: Array<[string, string[], RegExp]> = [
		['an unknown flag', ['--frobnicate'], /unknown option --frobnicate/],
		['an unknown short flag', ['-x'], /unknown option -x/],
		['--since without a value', ['--since'], /--since needs a value/],
		['--since followed by another flag (never swallows it)', ['--since', '--json'], /--since needs a value/],
		['--since with an empty inline value', ['--since='], /--since needs a value/],
		['--since with a bad value', ['--since', 'yesterday'], /--since: "yesterday" is not a time/],
		['--until with a bad value', ['--until', '2026-02-30'], /--until/],
		['--since after --until', ['--since', '2026-03-01', '--until', '2026-02-01'], /--since is after --until/],
		['--limit abc', ['--limit', 'abc'], /--limit: "abc"/],
		['--limit 0', ['--limit', '0'], /--limit: "0"/],
		['--limit -3 (a flag-looking value is not taken)', ['--limit', '-3'], /--limit/],
		['--limit and --all together', ['--limit', '5', '--all'], /--all and --limit/],
		['--source nope', ['--source', 'nope'], /--source: unknown source "nope"/],
		['--source with one bad item of a list', ['--source', 'codex,nope'], /unknown source "nope"/],
		['--patterns=nope', ['--patterns=nope'], /--patterns: unknown pattern "nope"/],
		['--json with a value', ['--json=yes'], /--json takes no value/],
		['a flag given twice', ['--since', '7d', '--since', '24h'], /--since given twice/],
		['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
		['a stray argument after the command', ['ingest', 'now'], /unexpected argument "now"/],
		['--rebuild without ingest', ['--rebuild'], /--rebuild goes with "burn ingest"/],
		['--ledger with --demo', ['--ledger', '/nonexistent', '--demo'], /--ledger and --demo/],
		['--ledger without a value', ['--ledger'], /--ledger needs a value/],
		['--home without a value', ['--home'], /--home needs a value/],
	];
	for (const [what, args, message] of cases) {
		it(what, () => {
			const s = sealed();
			const r = runCli(args, s.env);
			expect(r.status, r.stderr).toBe(2);
			expect(r.stdout).toBe('');
			expectOneErrorLine(r.stderr);
			expect(r.stderr).toMatch(message);
			// detected before any work: the data directory is not even created
			expect(existsSync(s.burnHome)).toBe(false);
		});
	}

	it('--home with a usage error does not create that directory either', () => {
		const s = sealed();
		const other = join(s.home, 'elsewhere');
		const r = runCli(['--home', other, '--limit', 'x'], s.env);
		expect(r.status).toBe(2);
		expect(existsSync(other)).toBe(false);
		expect(existsSync(s.burnHome)).toBe(false);
	});

	it('a usage error wins over --help and --json output', () => {
		const s = sealed();
		const r = runCli(['--json', '--bogus'], s.env);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expectOneErrorLine(r.stderr);
	});
});

describe('no agent logs anywhere', () => {
	it('text: exit 0, says where it looked and points to --demo', () => {
		const s = sealed();
		const r = runCli([], s.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/No agent logs found/);
		// the default locations under the (empty) HOME
		expect(r.stdout).toContain(join(s.home, '.claude', 'projects'));
		expect(r.stdout).toContain(join(s.home, '.codex'));
		expect(r.stdout).toContain(join(s.home, '.local', 'share', 'opencode'));
		expect(r.stdout).toContain('--demo');
		expect(r.stdout).not.toMatch(/\x1b/);
	});

	it('text: names the directories given by CLAUDE_CONFIG_DIR / CODEX_HOME / OPENCODE_DATA_DIR', () => {
		const base = sealed();
		const dirs = emptyAgentDirs(join(base.home, 'agents'));
		const s = sealed(dirs);
		const r = runCli(['--since', 'all'], s.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain(join(dirs.CLAUDE_CONFIG_DIR, 'projects'));
		expect(r.stdout).toContain(dirs.CODEX_HOME);
		expect(r.stdout).toContain(dirs.OPENCODE_DATA_DIR);
		expect(r.stdout).toContain('--demo');
		expect(r.stdout).not.toContain(join(s.home, '.claude'));
	});

	it('--json: exit 0 and valid JSON with empty tables', () => {
		const s = sealed();
		const r = runCli(['--json'], s.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		const j = JSON.parse(r.stdout);
		expect(j.grandTotal).toBe(0);
		expect(j.turnsAnalyzed).toBe(0);
		expect(j.sessions).toEqual([]);
		expect(j.files).toEqual([]);
		expect(typeof j.window.since).toBe('string'); // default 7d window
		expect(j.window.until).toBeNull();
	});

	it('--session --json with no sessions: exit 0, refused with a reason', () => {
		const s = sealed();
		const r = runCli(['--session', '--json'], s.env);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.refused).toBe(true);
		expect(typeof j.reason).toBe('string');
	});
});
