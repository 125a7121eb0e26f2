import {join} from 'node:path';
import {DAY, HOUR, SEC, cap, tokensOf, writeJson, type DemoDirs, type Rng} from './common.js';
import {Workspace} from './claude-log.js';
import {APP, API, API_PROJECT, APP_PROJECT, NOUNS, gitDiffStat, newCode, prose, vitestOutput, type Project} from './content.js';

/**
 * OpenCode's JSON storage tree (`storage/session|message|part/…`): one file per session,
 * message and part, with time-ordered ids; assistant messages carry their tokens and cost.
 */

class OpenCodeTree {
	private counter = 0;
	constructor(
		private rng: Rng,
		private root: string,
	) {}

	/** Ascending ids like OpenCode's: time-ordered hex then random base62. */
	id(prefix: 'ses' | 'msg' | 'prt', ms: number): string {
		const n = BigInt(Math.floor(ms)) * 4096n + BigInt(this.counter++ % 4096);
		return `${prefix}_${n.toString(16).padStart(12, '0').slice(-12)}${this.rng.b62(14)}`;
	}

	session(projectID: string, s: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'session', projectID, `${String(s.id)}.json`), s);
	}

	message(m: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'message', String(m.sessionID), `${String(m.id)}.json`), m);
	}

	part(p: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'part', String(p.messageID), `${String(p.id)}.json`), p);
	}
}

interface OcTool {
	tool: 'read' | 'edit' | 'bash' | 'grep' | 'glob' | 'task';
	input: Record<string, unknown>;
	output: string;
	title: string;
	exit?: number;
	metadata?: Record<string, unknown>;
}

class OpenCodeSession {
	t: number;
	readonly id: string;
	private cached = 0;
	private pending: number;
	private lastUser = '';
	private meta: Record<string, unknown>;
	updated: number;

	constructor(
		private rng: Rng,
		private tree: OpenCodeTree,
		readonly projectID: string,
		readonly cwd: string,
		readonly model: string,
		start: number,
		title: string,
		parentID?: string,
	) {
		this.t = start;
		this.updated = start;
		this.id = tree.id('ses', start);
		this.pending = rng.int(9000, 14000);
		this.meta = {id: this.id, version: '0.15.8', projectID, directory: cwd, ...(parentID ? {parentID} : {}), title, time: {created: start, updated: start}};
	}

	user(text: string, gapSecs: number): void {
		this.t += gapSecs * SEC;
		const id = this.tree.id('msg', this.t);
		this.lastUser = id;
		this.tree.message({id, sessionID: this.id, role: 'user', time: {created: this.t}, agent: 'build', model: {providerID: 'anthropic', modelID: this.model}});
		this.tree.part({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'text', text});
		this.pending += tokensOf(text);
	}

	assistant(text: string | undefined, tools: readonly OcTool[]): void {
		const rng = this.rng;
		const output = rng.int(40, 400) + (text ? tokensOf(text) : 0) + tools.reduce((n, x) => n + tokensOf(JSON.stringify(x.input)), 0);
		this.t += rng.int(1500, 4500) + Math.round((output / rng.int(60, 90)) * SEC);
		const created = this.t;
		const id = this.tree.id('msg', created);
		const parts: Array<Record<string, unknown>> = [{id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'step-start', snapshot: rng.hex(40)}];
		if (text) {
			this.t += rng.int(300, 2500);
			parts.push({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'text', text, time: {start: this.t - 300, end: this.t}});
		}
		let resultTokens = 0;
		for (const tool of tools) {
			const startT = (this.t += rng.int(200, 1500));
			this.t += rng.int(50, 3000);
			parts.push({
				id: this.tree.id('prt', startT),
				sessionID: this.id,
				messageID: id,
				type: 'tool',
				callID: `toolu_01${rng.b62(22)}`,
				tool: tool.tool,
				state: {status: 'completed', input: tool.input, output: tool.output, title: tool.title, metadata: {...(tool.tool === 'bash' ? {exit: tool.exit ?? 0, description: tool.title} : {}), ...tool.metadata}, time: {start: startT, end: this.t}},
			});
			resultTokens += tokensOf(tool.output);
		}
		const reasoning = rng.chance(0.3) ? rng.int(100, 900) : 0;
		const tokens = {input: rng.int(2, 12), output, reasoning, cache: {read: this.cached, write: this.pending}};
		// $/MTok: input, output, cache read, cache write.
		const [pi, po, pr, pw] = this.model.includes('haiku') ? [1, 5, 0.1, 1.25] : [3, 15, 0.3, 3.75];
		const cost = (tokens.input * pi + (output + reasoning) * po + this.cached * pr + this.pending * pw) / 1e6;
		const finish = tools.length ? 'tool-calls' : 'stop';
		parts.push({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'step-finish', reason: finish, snapshot: rng.hex(40), cost, tokens});
		this.tree.message({
			id,
			sessionID: this.id,
			role: 'assistant',
			time: {created, completed: this.t},
			parentID: this.lastUser,
			modelID: this.model,
			providerID: 'anthropic',
			mode: 'build',
			agent: 'build',
			path: {cwd: this.cwd, root: this.cwd},
			cost,
			tokens,
			finish,
		});
		for (const p of parts) this.tree.part(p);
		this.cached += this.pending;
		this.pending = output + resultTokens;
		this.updated = this.t;
	}

	save(): void {
		(this.meta.time as Record<string, number>).updated = this.updated;
		this.tree.session(this.projectID, this.meta);
	}
}

function ocRead(ws: Workspace, rel: string): OcTool {
	const lines = ws.lines(rel);
	return {tool: 'read', input: {filePath: ws.abs(rel)}, output: `<file>\n${lines.map((l, i) => `${String(i + 1).padStart(5, '0')}| ${l}`).join('\n')}\n</file>`, title: rel, metadata: {preview: lines.slice(0, 20).join('\n')}};
}

function ocEdit(ws: Workspace, rel: string, oldString: string, newString: string): OcTool {
	ws.edit(rel, oldString, newString);
	return {tool: 'edit', input: {filePath: ws.abs(rel), oldString, newString}, output: '', title: rel, metadata: {diff: `Index: ${ws.abs(rel)}\n===================================================================\n--- ${ws.abs(rel)}\n+++ ${ws.abs(rel)}\n@@ -1,1 +1,1 @@\n-${oldString.split('\n')[0]}\n+${newString.split('\n')[0]}\n`}};
}

const ocBash = (command: string, title: string, output: string, exit = 0): OcTool => ({tool: 'bash', input: {command, description: title}, output, title, exit});

/** `n` ordinary steps: read, search, edit, test (a failing test is followed by an edit). */
function ocWork(rng: Rng, s: OpenCodeSession, ws: Workspace, project: Project, n: number): void {
	const src = project.files.filter(([f]) => f.startsWith('src/'));
	const read: string[] = [];
	let fix: string | undefined;
	for (let i = 0; i < n; i++) {
		const f = fix ?? (read.length && rng.chance(0.5) ? rng.pick(read) : rng.weighted(src));
		const kind = fix ? 'edit' : rng.weighted([['read', 30], ['edit', 26], ['test', 14], ['grep', 12], ['glob', 4], ['git', 4]] as const);
		fix = undefined;
		const text = rng.chance(0.25) ? prose(rng, 1) : undefined;
		switch (kind) {
			case 'read':
				if (!read.includes(f)) read.push(f);
				s.assistant(text, [ocRead(ws, f)]);
				break;
			case 'edit': {
				if (!read.includes(f)) {
					read.push(f);
					s.assistant(undefined, [ocRead(ws, f)]);
				}
				const snip = ws.snippet(f, rng.next() * 0.85, 2);
				s.assistant(text, [ocEdit(ws, f, snip, `${snip}\n${newCode(rng, rng.int(1, 5)).join('\n')}`)]);
				break;
			}
			case 'test': {
				const t = rng.pick(project.tests);
				const fail = rng.chance(0.2);
				if (fail) fix = f;
				s.assistant(text, [ocBash(`npm test -- ${t}`, 'Run tests', vitestOutput(rng, [t], fail ? 1 : 0, project.root), fail ? 1 : 0)]);
				break;
			}
			case 'grep': {
				const pattern = `${rng.pick(NOUNS)}Id`;
				const hits = [...new Set(Array.from({length: rng.int(1, 4)}, () => rng.weighted(src)))];
				s.assistant(text, [{tool: 'grep', input: {pattern, path: project.root}, output: `Found ${hits.length} matches\n${hits.map((h) => `${ws.abs(h)}:\n  Line ${rng.int(3, 200)}: ${ws.lines(h)[rng.int(0, 30)]?.trim() ?? ''}`).join('\n')}`, title: pattern}]);
				break;
			}
			case 'glob': {
				const dir = f.split('/').slice(0, -1).join('/');
				s.assistant(text, [{tool: 'glob', input: {pattern: `${dir}/**/*.ts*`, path: project.root}, output: project.files.map(([p]) => p).filter((p) => p.startsWith(dir)).map((p) => ws.abs(p)).join('\n'), title: dir}]);
				break;
			}
			default:
				s.assistant(text, [ocBash('git diff --stat', 'Show changed files', gitDiffStat(rng, read.slice(-3)))]);
		}
	}
}

export function opencodeSessions(dirs: DemoDirs, rng: Rng, now: number): void {
	const tree = new OpenCodeTree(rng, dirs.opencodeDataDir);
	const appProject = rng.hex(40);
	const apiProject = rng.hex(40);

	// Recent session with a child (subagent) session.
	{
		const ws = new Workspace(rng, APP);
		const s = new OpenCodeSession(rng, tree, appProject, APP, 'claude-sonnet-4-5', now - 10 * HOUR, 'Dark mode for the dashboard');
		s.user('Add a dark mode toggle to the dashboard and persist the choice.', 0);
		s.assistant('Let me look at the dashboard component first.', [ocRead(ws, 'src/components/Dashboard.tsx'), {tool: 'grep', input: {pattern: 'theme', path: APP}, output: 'Found 2 matches\n/home/dev/code/app/src/components/Dashboard.tsx:\n  Line 12: import {theme} from "../theme.js";\n/home/dev/code/app/src/theme.ts:\n  Line 1: export const theme = {', title: 'theme'}]);
		const childStart = s.t + 2 * SEC;
		const child = new OpenCodeSession(rng, tree, appProject, APP, 'claude-sonnet-4-5', childStart, 'Find theme usages (@general subagent)', s.id);
		child.user('Find every component that reads colors directly instead of through the theme, and list them with line numbers.', 0);
		child.assistant(undefined, [{tool: 'grep', input: {pattern: '#[0-9a-fA-F]{6}', path: `${APP}/src`}, output: Array.from({length: 14}, () => `${APP}/src/components/${cap(rng.pick(NOUNS))}.tsx:\n  Line ${rng.int(5, 200)}: color: '#${rng.hex(6)}',`).join('\n'), title: '#[0-9a-fA-F]{6}'}]);
		child.assistant(undefined, [ocRead(ws, 'src/components/Sidebar.tsx'), ocRead(ws, 'src/components/Header.tsx')]);
		child.assistant(undefined, [ocRead(ws, 'src/components/SettingsPanel.tsx')]);
		child.assistant(`Found 14 hard-coded colors in 6 components. ${prose(rng, 3)}`, []);
		child.save();
		s.t = child.t + SEC;
		s.assistant(undefined, [{tool: 'task', input: {description: 'Find theme usages', prompt: 'Find every component that reads colors directly instead of through the theme.', subagent_type: 'general'}, output: `Found 14 hard-coded colors in 6 components.`, title: 'Find theme usages', metadata: {sessionId: child.id}}]);
		const snip = ws.snippet('src/components/Dashboard.tsx', 0.3, 2);
		s.assistant(undefined, [ocEdit(ws, 'src/components/Dashboard.tsx', snip, `${snip}\n\tconst [dark, setDark] = useLocalStorage('dark-mode', false);`)]);
		ocWork(rng, s, ws, APP_PROJECT, 16);
		s.assistant(undefined, [ocBash('npm test', 'Run tests', vitestOutput(rng, ['test/dashboard.test.tsx', 'test/theme.test.ts'], 1, APP), 1)]);
		const theme = ws.snippet('src/hooks/useTheme.ts', 0.5, 2);
		s.assistant(undefined, [ocEdit(ws, 'src/hooks/useTheme.ts', theme, `${theme}\n\tdocument.documentElement.dataset.theme = dark ? 'dark' : 'light';`)]);
		s.assistant(undefined, [ocBash('npm test', 'Run tests', vitestOutput(rng, ['test/dashboard.test.tsx', 'test/theme.test.ts'], 0, APP))]);
		s.assistant('Dark mode is in: a toggle in the header, persisted in localStorage.', []);
		s.user('Make the sidebar and settings panel follow it too.', 240);
		ocWork(rng, s, ws, APP_PROJECT, 8);
		s.assistant('The sidebar and the settings panel now read their colors from the theme.', []);
		s.save();
	}
	// Last 30 days on the API.
	{
		const ws = new Workspace(rng, API);
		const s = new OpenCodeSession(rng, tree, apiProject, API, 'claude-sonnet-4-5', now - 9 * DAY - 4 * HOUR, 'Rate limiting middleware');
		s.user('Add per-account rate limiting to the API.', 0);
		s.assistant(undefined, [ocRead(ws, 'src/middleware/auth.ts'), ocRead(ws, 'src/server.ts')]);
		s.assistant(undefined, [ocBash('npm ls express-rate-limit', 'Check dependency', 'api@2.3.0 /home/dev/code/api\n└── (empty)', 1)]);
		const snip = ws.snippet('src/server.ts', 0.4, 2);
		s.assistant(undefined, [ocEdit(ws, 'src/server.ts', snip, `${snip}\n\tapp.use(rateLimit({windowMs: 60_000, limit: 120, keyGenerator: (req) => req.accountId}));`)]);
		ocWork(rng, s, ws, API_PROJECT, 14);
		s.assistant('Rate limiting is on: 120 requests per minute per account.', []);
		s.save();
	}
	// Older, last 90 days.
	{
		const ws = new Workspace(rng, APP);
		const s = new OpenCodeSession(rng, tree, appProject, APP, 'claude-haiku-4-5', now - 35 * DAY - 6 * HOUR, 'Explain the build setup');
		s.user('Explain how the build is configured.', 0);
		s.assistant(undefined, [ocRead(ws, 'vite.config.ts'), ocRead(ws, 'package.json')]);
		ocWork(rng, s, ws, APP_PROJECT, 6);
		s.assistant(prose(rng, 5), []);
		s.save();
	}
}
