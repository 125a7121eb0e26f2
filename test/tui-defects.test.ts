/**
 * End to end in a real terminal (tmux), the built `burn --demo` with options the main tmux
 * test does not use: defects of issue 13 that live between the arguments and the screen.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {CLI} from './helpers/cli.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const TMUX = hasTmux();
const sessions: TmuxSession[] = [];
const DAY = 86_400_000;

afterEach(() => {
	while (sessions.length) sessions.pop()!.kill();
});

const header = (screen: string) => screen.split('\n')[0]?.trimEnd() ?? '';

/** `burn --demo <args>` at 80×24 in a sealed home. */
function demo(...args: string[]): TmuxSession {
	const root = tmp('burn-tui-');
	const home = join(root, 'home');
	const tmpdir = join(root, 'tmp');
	mkdirSync(home, {recursive: true});
	mkdirSync(tmpdir, {recursive: true});
	const env = {HOME: home, BURN_HOME: join(root, 'burn'), TMPDIR: tmpdir, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC'};
	const tmux = TmuxSession.start(root, [process.execPath, CLI, '--demo', ...args], env, 80, 24);
	sessions.push(tmux);
	return tmux;
}

describe.skipIf(!TMUX)(`burn --demo with options, in tmux${TMUX ? '' : ' — skipped: tmux is not installed'}`, () => {
	it('--until: the header names the window that ends at --until (not "last 7 days")', async () => {
		const until = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
		const tmux = demo('--until', until);
		const screen = await tmux.waitFor((s) => s.includes('[Files]') && s.includes('q quit'), 30_000);
		expect(header(screen)).not.toContain('last 7 days');
		// `Nov 28 00:00 – Dec 4 23:59`: the 7 days before the end of --until's day.
		const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
		expect(header(screen)).toContain(`– ${months[Number(until.slice(5, 7)) - 1]} ${Number(until.slice(8, 10))} 23:59`);
		tmux.keys('q');
		await tmux.waitFor((s) => s.includes('EXIT:0'));
	});
});
