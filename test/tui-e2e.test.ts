/**
 * End to end: the built `burn --demo` in a real pseudo-terminal (tmux), at 100×30 and 80×24,
 * through progress panel → table → w, s, p, / → Enter twice → Esc → ? → q, with a zero exit
 * status. `npm test` builds dist/ first. The program starts without `CI` in its environment
 * (TmuxSession.start unsets it): with CI set, Ink would not draw interactively.
 *
 * `BURN_SCREENS_OUT=docs/screens.md` also writes the 80×24 screens it saw, as markdown.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {CLI} from './helpers/cli.js';
import {hasTmux, TmuxSession} from './helpers/tmux.js';
import {tmp} from './helpers/tmp.js';

const TMUX = hasTmux();
const sessions: TmuxSession[] = [];

afterEach(() => {
	while (sessions.length) sessions.pop()!.kill();
});

/** The pane without trailing blank lines and trailing spaces. */
const clean = (screen: string) =>
	screen
		.split('\n')
		.map((l) => l.trimEnd())
		.join('\n')
		.replace(/\n+$/, '');
const lines = (screen: string) => clean(screen).split('\n');
const header = (screen: string) => lines(screen)[0] ?? '';
const footer = (screen: string) => lines(screen).at(-1) ?? '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(width: number, height: number, args: string[] = ['--demo']): {tmux: TmuxSession; root: string} {
	const root = tmp('burn-tui-');
	const home = join(root, 'home');
	const tmpdir = join(root, 'tmp');
	mkdirSync(home, {recursive: true});
	mkdirSync(tmpdir, {recursive: true});
	const env = {
		HOME: home,
		BURN_HOME: join(root, 'burn'),
		TMPDIR: tmpdir,
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: 'UTC',
	};
	const tmux = TmuxSession.start(root, [process.execPath, CLI, ...args], env, width, height);
	sessions.push(tmux);
	return {tmux, root};
}

/** Each line fits the pane and the screen has no more lines than the pane. */
function expectFits(screen: string, width: number, height: number): void {
	const ls = clean(screen).split('\n');
	expect(ls.length).toBeLessThanOrEqual(height);
	for (const l of ls) expect([...l].length, l).toBeLessThanOrEqual(width);
}

async function drive(width: number, height: number): Promise<Record<string, string>> {
	const {tmux} = start(width, height);
	const shots: Record<string, string> = {};
	/** A progress panel seen on the way; the most telling one (a step done, one running) is kept. */
	const noteLoading = (screen: string) => {
		if (!/found logs|scanning ledger/.test(screen)) return;
		const score = (s: string) => (s.includes('✔') ? 1 : 0) + (/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(s) ? 1 : 0);
		if (!shots.loading || score(screen) > score(shots.loading)) shots.loading = clean(screen);
	};
	/** Polls the pane (fast: the panel may be up only a fraction of a second) until `test` holds. */
	const wait = async (name: string, test: (s: string) => boolean, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		let screen: string;
		for (;;) {
			screen = tmux.capture();
			noteLoading(screen);
			if (test(screen)) break;
			if (Date.now() > deadline) throw new Error(`${width}×${height}: timed out waiting for ${name}; the screen:\n${screen}`);
			await sleep(10);
		}
		shots[name] = clean(screen);
		return screen;
	};

	// Progress panel (when it is up long enough to be seen), then the table.
	let screen = await wait('start', (s) => s.includes('[Files]') || /found logs|scanning ledger/.test(s), 30_000);
	expect(header(screen)).toMatch(/^ burn · last 7 days · all sources/);
	if (shots.loading) expect(shots.loading).toMatch(/^ burn · last 7 days · all sources\n.*found logs/);
	screen = await wait('files', (s) => s.includes('[Files]') && s.includes('▶') && s.includes('q quit'));
	expect(header(screen)).toMatch(/^ burn · last 7 days · all sources\s+\$[\d,.]+ spent · \$[\d,.]+ attributed$/);
	expect(lines(screen)[1]).toMatch(/^ [\d,]+ turns · [\d,]+ sessions · unattributed \$[\d.]+/);
	expect(screen).toMatch(/\[Files\]\s+Commands\s+Subagents\s+MCP\s+Models\s+Sessions\s+Findings\(\d+\)\s+Live/);
	expect(footer(screen)).toMatch(/enter open\s+w window\s+s source\s+p pattern\s+\/ filter\s+f pause\s+\? help\s+q quit$/);
	expectFits(screen, width, height);

	// Another tab and back.
	tmux.keys('Right');
	screen = await wait('commands', (s) => s.includes('[Commands]') && s.includes('▶'));
	expect(screen).toMatch(/#\s+command\s+calls/);
	expectFits(screen, width, height);
	tmux.keys('Left');
	await wait('files-again', (s) => s.includes('[Files]'));

	// w: the window widens to 30 days (the demo reads more: the panel may show again).
	tmux.keys('w');
	await wait('window', (s) => header(s).includes('last 30 days') && s.includes('[Files]'));
	// s: the first source present.
	tmux.keys('s');
	screen = await wait('source', (s) => / · (claude-code|codex|opencode)\b/.test(header(s)) && s.includes('[Files]'));
	expect(header(screen)).toMatch(/last 30 days · (claude-code|codex|opencode)/);
	const src = /last 30 days · (claude-code|codex|opencode)/.exec(header(screen))![1]!;
	// p: the first finding kind present, or nothing when there are none. `/` afterwards shows
	// p was handled (keys are read in order).
	const beforeP = clean(screen);
	tmux.keys('p');
	tmux.keys('/');
	screen = await wait('typing', (s) => footer(s).includes('enter keep · esc clear'));
	if (beforeP.includes('Findings(0)')) expect(header(screen)).toBe(header(beforeP));
	else expect(header(screen)).toMatch(/ · pattern \S+/);
	tmux.type('src');
	await wait('typed', (s) => footer(s).startsWith(' /src'));
	tmux.keys('Enter');
	screen = await wait('filtered', (s) => header(s).includes('/src') && s.includes('q quit'));
	expect(screen).toContain('▶');
	expectFits(screen, width, height);
	// Esc clears the filter.
	tmux.keys('Escape');
	screen = await wait('cleared', (s) => !header(s).includes('/src') && s.includes('[Files]'));
	// (A tight header says the window short.)
	expect(header(screen)).toMatch(new RegExp(`(last 30 days|30d) · ${src}`));

	// Enter twice: the row's sessions, then the session.
	tmux.keys('Enter');
	screen = await wait('row', (s) => / · <?\$[\d.,]+ in \d+ sessions?$/m.test(clean(s)) && /session\s+started\s+source/.test(s));
	// Below the hotspots a breadcrumb says where you are (issue 14).
	expect(lines(screen)[2]).toMatch(/^ Files › \S+$/);
	expect(lines(screen)[3]).toMatch(/^ \S.* · <?\$[\d.,]+ in \d+ sessions?$/);
	expect(footer(screen)).toContain('esc back');
	expectFits(screen, width, height);
	tmux.keys('Enter');
	screen = await wait('session', (s) => /^ session (?:ses_)?[0-9a-zA-Z]{8} · /m.test(s) && s.includes('subagents:'));
	expect(lines(screen)[3]).toMatch(new RegExp(`^ session [0-9a-z]{8} · ${src} · .* · \\$[\\d.,]+$`));
	expect(screen).toMatch(/turn\s+time\s+(model\s+)?in\s+cache w\s+cache r\s+out\s+cost\s+calls/);
	// At 80 columns a one-model session gives the model column's room to the calls.
	const titles = lines(screen).findIndex((l) => /turn\s+time/.test(l));
	if (width < 90 && !/\bmodel\b/.test(lines(screen)[titles]!)) expect(lines(screen).slice(titles + 1).join('\n')).not.toMatch(/sonnet|opus|haiku|gpt-/);
	expectFits(screen, width, height);
	// The session opens on the first turn that involves the file; the next one, then back to the session.
	const first = lines(screen).find((l) => l.startsWith('▶'))!;
	tmux.keys('j');
	await wait('session-2', (s) => (lines(s).find((l) => l.startsWith('▶')) ?? first) !== first);
	tmux.keys('Enter');
	screen = await wait('turn', (s) => /^ turn \d+ · /m.test(s) && /^ in [\d.kM]+ · cache w/m.test(s) && !s.includes('loading…'));
	expectFits(screen, width, height);
	tmux.keys('Escape');
	await wait('session-again', (s) => /^ session (?:ses_)?[0-9a-zA-Z]{8} · /m.test(s));
	// Esc: back to the row's sessions.
	tmux.keys('Escape');
	await wait('row-again', (s) => /session\s+started\s+source/.test(s) && !s.includes('subagents:'));

	// ? shows the help; ? closes it; ? and Esc again.
	tmux.keys('?');
	screen = await wait('help', (s) => s.includes('esc or ? closes this help'));
	expect(screen).toContain('cycle the window: 24h → 7d → 30d → 90d → all');
	expectFits(screen, width, height);
	// Taller than 24 rows (at 80 columns long lines wrap): ↓ scrolls it to the columns' words, the last one at the end.
	for (let i = 0; i < 40; i++) tmux.keys('Down');
	screen = await wait('help-scrolled', (s) => /unattributed\s+output, system prompt/.test(s));
	expectFits(screen, width, height);
	tmux.keys('?');
	await wait('help-closed', (s) => !s.includes('closes this help') && s.includes('esc back'));
	tmux.keys('?');
	await wait('help-again', (s) => s.includes('closes this help'));
	tmux.keys('Escape');
	await wait('help-closed-esc', (s) => !s.includes('closes this help') && s.includes('esc back'));

	// q: the program ends, the terminal is restored (the alternate screen is gone) and the exit status is 0.
	tmux.keys('q');
	screen = await wait('exit', (s) => /EXIT:\d+/.test(s));
	expect(screen).toContain('EXIT:0');
	expect(screen).not.toContain('q quit');
	return shots;
}

/** The selected row (▶), or ''. */
const selected = (screen: string) => lines(screen).find((l) => l.startsWith('▶')) ?? '';

/**
 * Issue 14: every drill ends at evidence. A file → its sessions → the session on a turn that
 * involves the file → `n` → the turn's pager scrolls; a finding → its turns; Models → sessions;
 * Commands → a verb → its exact commands; `o` sorts by cost; `/` narrows a session's turns; the
 * detail pane shows a finding's action.
 */
async function evidence(width: number, height: number): Promise<Record<string, string>> {
	const {tmux} = start(width, height);
	const shots: Record<string, string> = {};
	const wait = async (name: string, test: (s: string) => boolean, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = tmux.capture();
			if (test(screen)) {
				shots[name] = clean(screen);
				expectFits(screen, width, height);
				return screen;
			}
			if (Date.now() > deadline) throw new Error(`${width}×${height}: timed out waiting for ${name}; the screen:\n${screen}`);
			await sleep(20);
		}
	};
	const back = async (until: (s: string) => boolean) => {
		for (let i = 0; i < 5 && !until(tmux.capture()); i++) {
			const before = clean(tmux.capture());
			tmux.keys('Escape');
			await wait('back', (s) => clean(s) !== before);
		}
		await wait('back-done', until);
	};
	await wait('files', (s) => s.includes('[Files]') && s.includes('▶') && s.includes('q quit'));
	/** → until the tab is on (never counting on a tab's position from the end: tabs may be added). */
	const tab = async (on: RegExp) => {
		for (let i = 0; i < 12 && !on.test(tmux.capture()); i++) {
			const before = lines(tmux.capture())[2];
			tmux.keys('Right');
			await wait('tab', (s) => lines(s)[2] !== before);
		}
		await wait('tab-on', (s) => on.test(s));
	};

	// A file → its sessions (involved turns counted) → the session, on a turn that reads or edits it.
	tmux.keys('Enter');
	let screen = await wait('row', (s) => /session\s+started\s+source\s+project\s+turns\s+calls/.test(s));
	const file = /^ Files › (.+)$/m.exec(clean(screen))![1]!.replace(/…$/, '');
	tmux.keys('Enter');
	screen = await wait('evidence-session', (s) => /^▶\s+◆\d+ /m.test(s) && /turns? involves?/.test(s));
	expect(selected(screen)).toContain(file.slice(0, 6));
	const firstMarked = selected(screen);
	tmux.keys('n');
	await wait('evidence-next', (s) => /^▶\s+◆\d+ /m.test(s) && selected(s) !== firstMarked);
	tmux.keys('Enter');
	await wait('evidence-turn', (s) => /^ turn \d+ · /m.test(s) && /lines 1–\d+ of \d+/.test(s));
	tmux.keys('Down', 'Down', 'Down');
	await wait('evidence-turn-scrolled', (s) => /lines 4–\d+ of \d+/.test(s));
	await back((s) => s.includes('[Files]'));

	// `/` on the session screen narrows its turns (with the match count).
	tmux.keys('Enter');
	await wait('row-2', (s) => /session\s+started/.test(s));
	tmux.keys('Enter');
	await wait('session-2', (s) => /turns? involves?/.test(s));
	tmux.keys('/');
	await wait('typing', (s) => footer(s).includes('enter keep'));
	tmux.type('Bash');
	tmux.keys('Enter');
	screen = await wait('session-filtered', (s) => / of \d+ match \/Bash/.test(s) && s.includes('q quit'));
	const turnRows = lines(screen).filter((l) => /^[▶ ]\s+◆?↳?\d+ \d\d:\d\d/.test(l));
	expect(turnRows.length).toBeGreaterThan(0);
	for (const l of turnRows) expect(l).toMatch(/Bash|…$/);
	await back((s) => s.includes('[Files]'));

	// `o` until the cost column: descending.
	for (let i = 0; i < 8 && !header(tmux.capture()).includes('sort: cost'); i++) {
		const before = header(tmux.capture());
		tmux.keys('o');
		await wait('sorting', (s) => header(s) !== before);
	}
	screen = await wait('sorted', (s) => header(s).includes('sort: cost ↓'));
	const costs = lines(screen)
		.filter((l) => /^[▶ ]\s+\d+ /.test(l))
		.map((l) => Number(/\$([\d.]+)\s+\S+$/.exec(l.split('│')[0]!.trimEnd())![1]));
	expect(costs.length).toBeGreaterThan(3);
	expect([...costs].sort((a, b) => b - a)).toEqual(costs);

	// A finding → its turns; the detail pane shows its action.
	await tab(/\[(Findings|Fnd)\(\d+\)\]/);
	await wait('findings', (s) => /\[(Findings|Fnd)\(\d+\)\]/.test(s) && s.includes('▶'));
	if (width < 140) tmux.keys('d');
	screen = await wait('finding-detail', (s) => s.includes('action:'));
	if (/^▶ minor /m.test(screen)) {
		tmux.keys('Enter');
		await wait('minor-list', (s) => /one by one/.test(s));
	}
	tmux.keys('Enter');
	await wait('finding-turns', (s) => /^▶\s+◆↳?\d+ /m.test(s) && /turns? involves?/.test(s));
	await back((s) => /\[(Findings|Fnd)\(\d+\)\]/.test(s));
	if (width < 140) tmux.keys('d');

	// Models → Enter → the sessions that used the model.
	await tab(/\[Models\]/);
	tmux.keys('Enter');
	await wait('model-sessions', (s) => /^ Models › /m.test(s) && /session\s+started\s+source\s+project\s+turns\s+cost\s+share/.test(s));
	await back((s) => /\[Models\]/.test(s));

	// Commands → a verb → its exact commands.
	await tab(/\[Commands\]/);
	screen = await wait('commands', (s) => /\[Commands\]/.test(s) && s.includes('▶'));
	const verb = /^▶\s+\d+ (.+?)\s{2,}/m.exec(clean(screen))![1]!;
	tmux.keys('Enter');
	screen = await wait('exact-commands', (s) => s.includes(`Commands › ${verb}`) && /distinct commands? · /.test(s));
	expect(selected(screen)).toMatch(new RegExp(`^▶\\s+1 ${verb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 4)}`));

	tmux.keys('q');
	screen = await wait('exit', (s) => /EXIT:\d+/.test(s));
	expect(screen).toContain('EXIT:0');
	return shots;
}

/** The screens of states the demo run does not pass through (for docs/screens.md). */
async function stateShots(width: number, height: number): Promise<Record<string, string>> {
	const shots: Record<string, string> = {};
	const empty = start(width, height, ['--demo', '--since', '2020-01-01', '--until', '2020-02-01']).tmux;
	shots.empty = clean(await empty.waitFor((s) => s.includes('No agent activity') && s.includes('q quit'), 60_000));
	const none = start(width, height, []).tmux;
	shots.nologs = clean(await none.waitFor((s) => s.includes('No agent logs') && s.includes('q quit'), 60_000));
	return shots;
}

const SCREENS: Array<[string, string]> = [
	['loading', 'Loading (the progress panel)'],
	['files', 'Hotspots, Files tab'],
	['commands', 'Hotspots, Commands tab'],
	['row', 'A row drilled down: the sessions it came from'],
	['session', 'The session screen'],
	['turn', 'A turn'],
	['help', 'Help'],
	['evidence-session', 'A session opened from a file: on the first turn that involves it (◆), `n`/`N` to the next'],
	['evidence-turn', 'A turn: each call with its initial and riding cost, its whole text in a pager'],
	['finding-detail', 'Findings (sorted by savings, then cost), with the detail pane (`d`)'],
	['model-sessions', 'Models → the sessions that used the model'],
	['exact-commands', 'Commands → a verb → its exact commands'],
	['sorted', '`o`: sorted by cost'],
	['wide-detail', 'At 140×40: the detail pane beside the table'],
	['empty', 'An empty window, with activity outside it (`L` goes there)'],
	['nologs', 'No agent logs'],
];

function writeScreens(path: string, shots: Record<string, string>): void {
	const parts = [
		'# burn at 80×24',
		'',
		'Screens of `burn --demo` captured by `test/tui-e2e.test.ts` in tmux (80×24, TERM=xterm-256color,',
		'TZ=UTC), as plain text. Regenerate with `BURN_SCREENS_OUT=docs/screens.md npx vitest run test/tui-e2e.test.ts`',
		'after `npm run build`. The demo data is generated relative to the current time, so dates and some',
		'figures change from one run to the next.',
		'',
	];
	for (const [key, title] of SCREENS) {
		if (!shots[key]) continue;
		parts.push(`## ${title}`, '', '```', shots[key]!, '```', '');
	}
	writeFileSync(path, parts.join('\n'));
}

describe.skipIf(!TMUX)(`burn --demo in a real terminal (tmux)${TMUX ? '' : ' — skipped: tmux is not installed'}`, () => {
	it('dist/cli.js is built', () => {
		expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
	});

	it('100×30: progress → table → w s p / → Enter Enter → Esc → ? → q, exit 0', async () => {
		const shots = await drive(100, 30);
		expect(shots.files).toBeDefined();
	});

	it.each([
		[80, 24],
		[140, 40],
	])('%i×%i: every drill ends at evidence (issue 14)', async (width, height) => {
		const shots = await evidence(width, height);
		expect(shots['exact-commands']).toBeDefined();
	});

	it('80×24: the same, and every screen fits', async () => {
		const shots = await drive(80, 24);
		const out = process.env.BURN_SCREENS_OUT;
		if (out) {
			const wide = await evidence(140, 40);
			writeScreens(out, {...shots, ...(await stateShots(80, 24)), ...(await evidence(80, 24)), 'wide-detail': wide['finding-detail']!});
		}
		// The 80-column table keeps the cost and share columns.
		// (below the tabs, a "left out" notice line when the window's figures leave something out)
		const shot = lines(shots.files!);
		expect(shot[shot[3]!.startsWith(' left out: ') ? 4 : 3]).toMatch(/cost share$/);
	});
});
