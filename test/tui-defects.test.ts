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
import {opencodeDir} from './helpers/opencode-fixture.js';

const TMUX = hasTmux();
const sessions: TmuxSession[] = [];
const DAY = 86_400_000;

afterEach(() => {
	while (sessions.length) sessions.pop()!.kill();
});

const header = (screen: string) => screen.split('\n')[0]?.trimEnd() ?? '';

/** `burn --demo <args>` at 80×24 in a sealed home. */
function demo(...args: string[]): TmuxSession {
	return burn(['--demo', ...args]);
}

/** `burn <args>` at 80×24 in a sealed home (`extra` adds to its environment). */
function burn(args: string[], extra: (root: string) => Record<string, string> = () => ({})): TmuxSession {
	const root = tmp('burn-tui-');
	const home = join(root, 'home');
	const tmpdir = join(root, 'tmp');
	mkdirSync(home, {recursive: true});
	mkdirSync(tmpdir, {recursive: true});
	const env = {HOME: home, BURN_HOME: join(root, 'burn'), TMPDIR: tmpdir, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC', ...extra(root)};
	const tmux = TmuxSession.start(root, [process.execPath, CLI, ...args], env, 80, 24);
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

	it('--session with an ambiguous prefix: leaves the UI, prints the text report’s error, exit 1', async () => {
		const ids = ['ses_24c1832de000ue9DzCUBQ8xgx2', 'ses_21f088dde0bduMsn5mVkApVrge'];
		const tmux = burn(['--session', 'ses_2'], (root) => {
			const dirs = {CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex')};
			for (const d of Object.values(dirs)) mkdirSync(d, {recursive: true});
			return {...dirs, OPENCODE_DATA_DIR: opencodeDir(root, ids)};
		});
		const screen = await tmux.waitFor((s) => s.includes('EXIT:'), 30_000);
		expect(screen).toContain('burn: session id "ses_2" is ambiguous (2 sessions start with it)');
		expect(screen).toContain('EXIT:1');
	});
});
