// Issue 17: an external SIGINT, SIGHUP, SIGQUIT or SIGTERM leaves the interactive view's
// alternate screen (and shows the cursor) before burn exits with 128 + the signal number.
// A real pseudo-terminal through tmux; every wait has a deadline.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const open: TmuxSession[] = [];
afterEach(() => {
	while (open.length) open.pop()!.kill();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		const v = probe();
		if (v !== undefined) return v;
		await sleep(100);
	}
	throw new Error(`timed out waiting for ${what}`);
}

const tmuxValue = (t: TmuxSession, format: string) => execFileSync('tmux', ['display', '-p', '-t', t.name, format], {encoding: 'utf8'}).trim();

/** The burn process under the pane's shell (its only child; its title is `burn`, not its command line). */
function burnPid(t: TmuxSession): number | undefined {
	const shell = tmuxValue(t, '#{pane_pid}');
	const r = spawnSync('pgrep', ['-P', shell], {encoding: 'utf8'});
	const pid = Number.parseInt(r.stdout.trim().split('\n')[0] ?? '', 10);
	return Number.isFinite(pid) ? pid : undefined;
}

describe.skipIf(!hasTmux())('signals in the interactive view', () => {
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGHUP', 129],
		['SIGQUIT', 131],
		['SIGTERM', 143],
	] as const) {
		it(`${signal}: leaves the alternate screen, exit ${code}`, async () => {
			const root = tmp('burn-sig-');
			const home = join(root, 'home');
			mkdirSync(join(root, 'tmp'), {recursive: true});
			mkdirSync(home, {recursive: true});
			const env = {HOME: home, BURN_HOME: join(root, 'burn'), TMPDIR: join(root, 'tmp'), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC'};
			const t = TmuxSession.start(root, [process.execPath, CLI, '--demo'], env, 100, 30);
			open.push(t);
			await t.waitFor((s) => s.includes('[Files]') && s.includes('q quit'), 30_000);
			expect(tmuxValue(t, '#{alternate_on}')).toBe('1');
			const pid = await until('the burn process', () => burnPid(t));
			process.kill(pid, signal);
			// The status may wrap onto the next line after the last frame's footer (`EXIT:` / `130`).
			const screen = await t.waitFor((s) => /EXIT:\s*\d+/.test(s), 15_000);
			expect(/EXIT:\s*(\d+)/.exec(screen)![1]).toBe(String(code));
			expect(tmuxValue(t, '#{alternate_on}')).toBe('0');
			expect(tmuxValue(t, '#{cursor_flag}')).toBe('1');
		}, 60_000);
	}
});
