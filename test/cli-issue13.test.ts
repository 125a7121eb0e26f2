/**
 * Issue 13, the command's side, end to end with the built CLI in a sealed HOME and BURN_HOME:
 * an empty window says what lies outside it (defect 4), Ctrl-C in text mode removes the
 * `--demo` directory and exits 130 with one line (defect 13), and in a real terminal (tmux):
 * no interactive stdin or CI falls back to the text report (defect 2), and a load failure in
 * the UI exits 1 with its message left on the terminal (defect 6).
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {generateClaudeTree} from '../bench/gen-claude-tree.js';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI, runCli, sealed} from './helpers/cli.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an empty window (defect 4)', () => {
	it('says how many sessions and how much spend lie outside it, and the latest activity', () => {
		const {env} = sealed();
		const r = runCli(['--demo', '--since', '2020-01-01', '--until', '2020-02-01'], env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/No agent activity in this window\. Outside it: \d+ sessions, \$[\d.,]+; the latest activity was on \w{3} \d+/);
	});

	it('--since all with a filter that matches nothing: names the filter, never suggests --since all', () => {
		const {env} = sealed();
		const r = runCli(['--demo', '--since', 'all', '--provider', 'nobody'], env);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('No agent activity matches --provider nobody.');
		expect(r.stdout).toMatch(/Without the filter: \d+ sessions/);
		expect(r.stdout).not.toContain('--since all');
	});
});

describe('signals in text mode (defect 13)', () => {
	it('SIGINT while `burn --demo` runs: the demo directory is removed, one line, exit 130', async () => {
		const tmpdir = tmp('burn-sigtext-');
		const {env} = sealed({TMPDIR: tmpdir});
		const child = spawn(process.execPath, [CLI, '--demo', '--no-tty'], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.stdout.resume();
		const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
		// The demo's directory exists: the run is under way (writing the demo logs, then ingesting).
		const deadline = Date.now() + 20_000;
		while (!readdirSync(tmpdir).some((d) => d.startsWith('burn-demo-'))) {
			if (Date.now() > deadline) throw new Error('the demo directory never appeared');
			await sleep(5);
		}
		child.kill('SIGINT');
		expect(await exited).toBe(130);
		expect(readdirSync(tmpdir).filter((d) => d.startsWith('burn-demo-'))).toEqual([]);
		expect(stderr.trim().split('\n').at(-1)).toBe('burn: interrupted (SIGINT)');
	}, 30_000);
});

describe('signals while ingesting in text mode', () => {
	it('SIGTERM during the ingest: the run unwinds, the ingest lock is released, exit 143', async () => {
		const root = tmp('burn-sigingest-');
		const agents = {CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'opencode')};
		for (const d of Object.values(agents)) mkdirSync(d, {recursive: true});
		generateClaudeTree(agents.CLAUDE_CONFIG_DIR, {targetBytes: 30e6, days: 10, now: Date.now()});
		const {env, burnHome} = sealed(agents);
		const child = spawn(process.execPath, [CLI, '--no-tty'], {env, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
		const lock = join(burnHome, 'ingest.lock');
		const deadline = Date.now() + 30_000;
		while (!existsSync(lock)) {
			if (Date.now() > deadline) throw new Error('the ingest never took its lock');
			await sleep(5);
		}
		child.kill('SIGTERM');
		expect(await exited).toBe(143);
		expect(existsSync(lock)).toBe(false);
		expect(stderr.trim().split('\n').at(-1)).toBe('burn: interrupted (SIGTERM)');
	}, 60_000);
});

const open: TmuxSession[] = [];
afterEach(() => {
	while (open.length) open.pop()!.kill();
});

function terminal(argv: string[], extra: Record<string, string> = {}): TmuxSession {
	const root = tmp('burn-tui13-');
	const home = join(root, 'home');
	mkdirSync(home, {recursive: true});
	mkdirSync(join(root, 'tmp'), {recursive: true});
	const env = {HOME: home, BURN_HOME: join(root, 'burn'), TMPDIR: join(root, 'tmp'), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC', ...extra};
	const t = TmuxSession.start(root, argv, env, 100, 30);
	open.push(t);
	return t;
}

describe.skipIf(!hasTmux())('in a real terminal (tmux)', () => {
	it('defect 2: stdin not a terminal (`burn < /dev/null`): the text report, exit 0, no raw-mode error', async () => {
		const t = terminal(['sh', '-c', `exec '${process.execPath}' '${CLI}' --demo < /dev/null`]);
		const screen = await t.waitFor((s) => /EXIT:\d+/.test(s), 60_000);
		expect(screen).toContain('EXIT:0');
		expect(screen).not.toMatch(/raw mode/i);
		expect(screen).toContain('Waste patterns and findings: burn --findings');
	}, 90_000);

	it('defect 2: CI=true on a terminal: the text report, not a blank screen', async () => {
		const t = terminal([process.execPath, CLI, '--demo'], {CI: 'true'});
		const screen = await t.waitFor((s) => /EXIT:\d+/.test(s), 60_000);
		expect(screen).toContain('EXIT:0');
		expect(screen).toContain('Waste patterns and findings: burn --findings');
	}, 90_000);

	it('defect 6: a load failure in the UI (`--ledger /nonexistent`): exit 1, the message after leaving', async () => {
		const t = terminal([process.execPath, CLI, '--ledger', '/nonexistent']);
		const screen = await t.waitFor((s) => /EXIT:\d+/.test(s), 30_000);
		expect(screen).toContain('burn: no relayburn ledger at /nonexistent');
		expect(screen).toContain('EXIT:1');
	}, 60_000);

	it('defect 5: the notices of the load are printed on stderr after the UI exits', async () => {
		const burnHome = tmp('burn-notice-');
		writeFileSync(join(burnHome, 'config.json'), '{not json');
		const t = terminal([process.execPath, CLI], {BURN_HOME: burnHome});
		await t.waitFor((s) => s.includes('q quit'), 30_000);
		t.keys('q');
		const screen = await t.waitFor((s) => /EXIT:\d+/.test(s), 10_000);
		expect(screen).toContain('burn: config.json is not valid JSON; using defaults');
		expect(screen).toContain('EXIT:0');
	}, 60_000);
});
