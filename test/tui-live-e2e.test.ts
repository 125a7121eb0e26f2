/**
 * End to end (issue 15): the built `burn` in a real pseudo-terminal (tmux) on a sealed home,
 * with one Claude log. A response appended to the log while the UI is open shows up with no key
 * pressed: the header's turn count changes within a 2 s deadline (issue 15), and within 5 s the
 * Live tab shows it in its newest turns and active sessions. `q` exits 0. `npm test` builds dist/ first.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {CLI} from './helpers/cli.js';
import {append, claudeLine} from './helpers/live.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const TMUX = hasTmux();
const S1 = '11111111-2222-4333-8444-555555555555';
const sessions: TmuxSession[] = [];

afterEach(() => {
	while (sessions.length) sessions.pop()!.kill();
});

function start(width: number, height: number, args: string[]) {
	const root = tmp('burn-live-tui-');
	const home = join(root, 'home');
	mkdirSync(home, {recursive: true});
	mkdirSync(join(root, 'tmp'), {recursive: true});
	const claude = join(root, 'claude');
	const log = join(claude, 'projects', '-tmp-live-app', `${S1}.jsonl`);
	append(log, claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: new Date(Date.now() - 120_000).toISOString(), output: 50, tools: ['Read']}));
	const env = {
		HOME: home,
		BURN_HOME: join(root, 'burn'),
		CLAUDE_CONFIG_DIR: claude,
		CODEX_HOME: join(root, 'codex'),
		OPENCODE_DATA_DIR: join(root, 'opencode'),
		TMPDIR: join(root, 'tmp'),
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: 'UTC',
	};
	const tmux = TmuxSession.start(root, [process.execPath, CLI, ...args], env, width, height);
	sessions.push(tmux);
	return {tmux, log};
}

const turns = (screen: string) => Number(/ (\d+) turns? · /.exec(screen)?.[1] ?? -1);

describe.skipIf(!TMUX)('live UI in a terminal', () => {
	it.each([
		[80, 24],
		[160, 50],
	])('%i×%i: an appended response counts in the header within 2 s, and shows in the Live tab; q exits 0', async (width, height) => {
		const {tmux, log} = start(width, height, ['--alert', '0.01']);
		await tmux.waitFor((s) => s.includes('● live') && turns(s) === 1, 60_000);
		// The Live tab: the session is active, with its turn in the tail.
		tmux.keys('Left');
		let screen = await tmux.waitFor((s) => s.includes('[Live]') && s.includes('newest turns'));
		expect(screen).toMatch(/^▶ 11111111 /m);
		expect(screen).not.toContain('crossed');
		// A response with a Bash call, written by the "agent" now; no key is pressed.
		append(log, claudeLine({session: S1, uuid: 'a1', parent: 'a0', msg: 'msg_1', req: 'req_1', ts: new Date().toISOString(), output: 400, input: 5000, tools: ['Bash']}));
		await tmux.waitFor((s) => turns(s) === 2, 2_000);
		// The tail is in columns (tokens and cost right-aligned): gaps of two spaces or more.
		screen = await tmux.waitFor((s) => turns(s) === 2 && / {2}\d\d:\d\d:\d\d {2}11111111 {2}claude-sonnet-4-6 {2,}5\.4k tok {2,}\$[\d.]+ {2}Bash/.test(s), 5_000);
		// Today's spend on the Live tab moved with it, and --alert marks the session.
		expect(screen).toMatch(/today \$[\d.]+ · 2 turns/);
		expect(screen).toMatch(/! 11111111 crossed \$0\.01/);
		for (const l of screen.split('\n')) expect([...l.trimEnd()].length, l).toBeLessThanOrEqual(width);
		tmux.keys('q');
		await tmux.waitFor((s) => s.includes('EXIT:0'));
	}, 120_000);
});
