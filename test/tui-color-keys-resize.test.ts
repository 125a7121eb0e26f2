/**
 * The built `burn --demo` in a real terminal (tmux), for the parts of issue 13 that only a
 * terminal shows: NO_COLOR (no colour escapes in `capture-pane -e`), keys sent in one burst,
 * and a resize from a long frame to a short one (no stale fragments).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {CLI} from './helpers/cli.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const TMUX = hasTmux();
const sessions: TmuxSession[] = [];

afterEach(() => {
	while (sessions.length) sessions.pop()!.kill();
});

/** `burn --demo` in a sealed home (`extra` adds to its environment). */
function demo(width: number, height: number, extra: Record<string, string> = {}): TmuxSession {
	const root = tmp('burn-tui-');
	const home = join(root, 'home');
	const tmpdir = join(root, 'tmp');
	mkdirSync(home, {recursive: true});
	mkdirSync(tmpdir, {recursive: true});
	const env = {HOME: home, BURN_HOME: join(root, 'burn'), TMPDIR: tmpdir, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC', ...extra};
	const tmux = TmuxSession.start(root, [process.execPath, CLI, '--demo'], env, width, height);
	sessions.push(tmux);
	return tmux;
}

/** The screen with its escape sequences (SGR colours and attributes). */
const withEscapes = (tmux: TmuxSession) => execFileSync('tmux', ['capture-pane', '-e', '-p', '-t', tmux.name], {encoding: 'utf8'});
const header = (screen: string) => screen.split('\n')[0] ?? '';
const ready = (s: string) => s.includes('[Files]') && s.includes('q quit');

describe.skipIf(!TMUX)(`burn --demo in tmux: colour, keys, resize${TMUX ? '' : ' — skipped: tmux is not installed'}`, () => {
	it('NO_COLOR=1: no escape sequence on any screen; without it there is colour', async () => {
		const plain = demo(80, 24, {NO_COLOR: '1'});
		const coloured = demo(80, 24);
		await plain.waitFor(ready, 60_000);
		expect(withEscapes(plain)).not.toContain('\x1b[');
		plain.keys('Enter');
		await plain.waitFor((s) => /session\s+started\s+source/.test(s));
		plain.keys('?');
		await plain.waitFor((s) => s.includes('closes this help'));
		expect(withEscapes(plain)).not.toContain('\x1b[');
		await coloured.waitFor(ready, 60_000);
		expect(withEscapes(coloured)).toMatch(/\x1b\[[0-9;]*m/);
	});

	it('keys sent in one burst are all handled: / then the text', async () => {
		const tmux = demo(80, 24);
		await tmux.waitFor(ready, 60_000);
		tmux.type('/test');
		const screen = await tmux.waitFor((s) => header(s).includes('/test'));
		expect(header(screen)).not.toContain('/est');
		tmux.keys('Enter');
		await tmux.waitFor((s) => s.includes('q quit') && header(s).includes('/test'));
		tmux.keys('q');
		await tmux.waitFor((s) => s.includes('EXIT:0'));
	});

	it('a resize from a long frame to a short one leaves no fragments of the old frame', async () => {
		const tmux = demo(160, 50);
		await tmux.waitFor(ready, 60_000);
		// The Models tab: a short table.
		tmux.keys('Left', 'Left', 'Left');
		await tmux.waitFor((s) => s.includes('[Models]'));
		tmux.resize(80, 24);
		await tmux.waitFor((s) => s.split('\n')[0]!.trimEnd().endsWith('attributed') && s.split('\n')[0]!.length <= 80 && s.includes('[Models]'));
		// Let the redraw settle: the screen then holds the frame once, from the top.
		let screen = await tmux.waitFor((s) => s.split('\n').filter((l) => l.includes('burn · last 7 days')).length === 1 && s.split('\n').filter((l) => l.includes('q quit')).length === 1);
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^ burn · last 7 days · all sources\s+\$[\d.,]+ spent/);
		const footer = lines.findIndex((l) => l.includes('q quit'));
		// Nothing below the footer.
		expect(lines.slice(footer + 1).every((l) => l.trim() === '')).toBe(true);
		tmux.resize(120, 16);
		screen = await tmux.waitFor((s) => s.split('\n')[0]!.trimEnd().length > 80 && s.includes('[Models]'));
		expect(screen.split('\n').filter((l) => l.includes('q quit'))).toHaveLength(1);
	});
});
