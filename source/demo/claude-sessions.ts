import {join} from 'node:path';
import {writeJson, writeJsonl, type DemoDirs, type Rng} from './common.js';
import {ClaudeLog, encodeProject, mcp, snapshotLine, todo, Workspace, type ClaudeOpts, type ToolSpec} from './claude-log.js';
import {Work, type WorkOpts} from './claude-work.js';
import {API_PROJECT, APP_PROJECT, context7Docs, context7Resolve, githubComments, githubIssue, githubPr, gitDiffStat, logOutput, prose, tscErrors, vitestOutput, type Project} from './content.js';

/**
 * The Claude Code sessions of the demo: long working sessions, each carrying one or more of
 * the patterns burn reports (retry loop, failure run, edit revert, compaction, oversized
 * output, subagents, MCP calls), and ordinary ones that fill the history.
 */

interface SessionSpec {
	project: Project;
	model: string;
	version: string;
	branch?: string;
	ttl?: '5m' | '1h';
	flat?: boolean;
	/** Extra context from MCP servers' tool schemas (GitHub's is large). */
	mcpTokens?: number;
	work?: WorkOpts;
}

function open(rng: Rng, start: number, spec: SessionSpec): Work {
	const o: ClaudeOpts = {
		sessionId: rng.uuid(),
		cwd: spec.project.root,
		version: spec.version,
		gitBranch: spec.branch ?? 'main',
		model: spec.model,
		start,
		ttl: spec.ttl,
		flatCacheUsage: spec.flat,
		systemTokens: rng.int(21_000, 27_000) + (spec.mcpTokens ?? rng.int(10_000, 18_000)),
	};
	const log = new ClaudeLog(rng, o);
	log.raw(snapshotLine(rng, start));
	return new Work(rng, log, new Workspace(rng, spec.project.root), spec.project, spec.work);
}

interface SubagentSpec {
	agentType: string;
	model: string;
	description: string;
	prompt: string;
	/** What the parent says as it spawns the agent. */
	text: string;
	/** The agent's first call, then `reads` responses of reading, then its `report`. */
	first: ToolSpec;
	reads: number;
	report: string;
}

/**
 * A Task call and the subagent it runs: the agent's own transcript
 * (`<session>/subagents/agent-<id>.jsonl`, every line a sidechain with `agentId`) and its
 * meta file, then the Task result (the report) back in the parent.
 */
function spawn(dirs: DemoDirs, rng: Rng, parent: Work, o: SubagentSpec): void {
	const task: ToolSpec = {name: 'Task', id: parent.log.toolId(), input: {description: o.description, prompt: o.prompt, subagent_type: o.agentType}, content: ''};
	parent.log.assistant({thinking: prose(rng, 3), text: o.text, tools: [task]});
	const p = parent.log.o;
	const agentId = `a${rng.hex(16)}`;
	const sub = new ClaudeLog(rng, {sessionId: p.sessionId, cwd: p.cwd, version: p.version, gitBranch: p.gitBranch, model: o.model, start: parent.log.t, agentId, systemTokens: rng.int(9000, 13_000), ttl: p.ttl});
	const ws = parent.ws;
	const files = parent.project.files.map(([f]) => f).filter((f) => f.startsWith('src/'));
	sub.user(o.prompt, 0);
	sub.turn({tools: [o.first]});
	for (let i = 0; i < o.reads; i++) {
		const picks = [...new Set([rng.pick(files), rng.pick(files)])].slice(0, rng.chance(0.3) ? 2 : 1);
		sub.turn({thinking: rng.chance(0.2) ? prose(rng, 2) : undefined, tools: rng.chance(0.15) ? [ws.grepContent(rng.pick(parent.project.patterns), picks)] : picks.map((f) => ws.read(f))});
	}
	sub.turn({text: o.report});
	const dir = join(dirs.claudeConfigDir, 'projects', encodeProject(p.cwd), p.sessionId, 'subagents');
	writeJsonl(join(dir, `agent-${agentId}.jsonl`), sub.lines, sub.t);
	writeJson(join(dir, `agent-${agentId}.meta.json`), {agentType: o.agentType, description: o.description, toolUseId: task.id});
	parent.log.t = sub.t;
	task.content = [{type: 'text', text: o.report}];
	task.tur = {status: 'completed', agentId, prompt: o.prompt, content: [{type: 'text', text: o.report}], totalDurationMs: sub.t - sub.o.start, totalTokens: sub.totalOutput + sub.contextTokens, totalToolUseCount: sub.toolCount};
	parent.log.results([task]);
}

/** Fixing session expiry from a PR on GitHub, with a retry loop on `npm test` (last 24 h). */
export function claudeRetryLoop(dirs: DemoDirs, rng: Rng, start: number): void {
	const w = open(rng, start, {project: APP_PROJECT, model: 'claude-opus-4-7', version: '2.1.118', branch: 'fix/session-expiry', mcpTokens: 30_000, work: {maxGapSecs: 600}});
	const {log, ws} = w;
	log.user('Sessions are not expiring after the TTL. PR #214 has the bug report — can you look at it and fix the session store? Run the tests when done.', 0);
	w.turn({thinking: prose(rng, 3), text: "I'll start by reading the bug report on the PR.", tools: [mcp('github', 'get_pull_request', {owner: 'acme', repo: 'app', pull_number: 214}, githubPr(rng, 'app', 214))]});
	w.turn({tools: [mcp('github', 'get_pull_request_comments', {owner: 'acme', repo: 'app', pull_number: 214}, githubComments(rng, 'src/lib/session-store.ts', 5))]});
	w.turn({text: 'Let me find the session store and its tests.', tools: [ws.grep('expiresAt', ['src/lib/session-store.ts', 'src/server/routes.ts', 'test/session-store.test.ts']), ws.glob('src/lib/**/*.ts', ['src/lib/session-store.ts', 'src/lib/auth.ts', 'src/lib/cache.ts', 'src/lib/logger.ts'])]});
	w.turn({tools: [ws.read('src/lib/session-store.ts'), ws.read('test/session-store.test.ts')]});
	w.steps(22, false);
	const tests = APP_PROJECT.tests;
	const fix1 = ws.snippet('src/lib/session-store.ts', 0.4, 3);
	w.turn({text: 'The store compares `expiresAt` against the cached clock. Switching it to `Date.now()`.', tools: [ws.edit('src/lib/session-store.ts', fix1, fix1.replace(/\t/, '\t// expire against the wall clock\n\t'))]});
	// The retry loop: the same failing `npm test`, three times in a row.
	for (let i = 0; i < 3; i++) {
		w.bash('npm test', 'Run the test suite', vitestOutput(rng, tests, 3, ws.root), 1, rng.int(6, 14), {thinking: prose(rng, 2), text: ['Running the tests.', 'Still failing; running again to rule out a flaky timer.', 'Once more with the same command.'][i]});
	}
	w.turn({thinking: prose(rng, 5), text: 'The test uses fake timers, so `Date.now()` is mocked too. The store needs the injected clock.', tools: [ws.read('src/lib/session-store.ts', {offset: 40, limit: 60})]});
	const fix2 = ws.snippet('src/lib/session-store.ts', 0.55, 2);
	w.turn({tools: [ws.edit('src/lib/session-store.ts', fix2, `${fix2}\n\tconst now = this.clock.now();`)]});
	w.bash('npm test', 'Run the test suite', vitestOutput(rng, tests, 0, ws.root), 0, rng.int(6, 12));
	w.reply('Fixed: the session store now reads the injected clock, so expiry works under fake timers and in production. All tests pass.');
	w.ask('Great. The reviewers on the PR also asked about the refresh path and the cache TTL — go through their comments and address them.');
	w.steps(50);
	w.bash('git diff --stat', 'Show changed files', gitDiffStat(rng, ['src/lib/session-store.ts', 'src/lib/cache.ts', 'src/server/routes.ts', 'test/session-store.test.ts']));
	w.turn({tools: [mcp('github', 'add_issue_comment', {owner: 'acme', repo: 'app', issue_number: 214, body: 'Fixed: the store now uses the injected clock, and the refresh path renews the cache TTL; tests pass.'}, JSON.stringify({id: rng.int(1e9, 2e9), html_url: 'https://github.com/acme/app/pull/214#issuecomment-1'}))]});
	w.reply(`All review comments are addressed and I left a note on PR #214. ${prose(rng, 2)}`);
	log.save(dirs);
}

/** Refresh tokens on Opus, with an Explore subagent and a reviewer subagent (last 24 h). */
export function claudeWithSubagents(dirs: DemoDirs, rng: Rng, start: number): void {
	const todos = ['Map the auth flow', 'Add refresh token module', 'Wire the /refresh route', 'Rotate tokens on use', 'Tests for refresh', 'Review'];
	const w = open(rng, start, {project: APP_PROJECT, model: 'claude-opus-4-7', version: '2.1.118', ttl: '1h', work: {todos, maxGapSecs: 1200}});
	const {log, ws} = w;
	log.user('How does authentication flow from the login route to the session store? I want to add refresh tokens.', 0);
	spawn(dirs, rng, w, {
		agentType: 'Explore',
		model: 'claude-haiku-4-5',
		description: 'Map the auth flow',
		prompt: 'Trace how a login request flows from src/server/routes.ts through src/lib/auth.ts to the session store. List every file and function involved, and where tokens are created and validated. Report in under 300 words.',
		text: "I'll have an explore agent map the auth flow while I read the routes.",
		first: ws.grep('login|refresh|session', ['src/server/routes.ts', 'src/lib/auth.ts', 'src/lib/session-store.ts', 'src/lib/token.ts', 'src/server/middleware.ts']),
		reads: 6,
		report: `## Auth flow\n\n1. \`POST /login\` in src/server/routes.ts calls \`validateUser\` (src/lib/auth.ts).\n2. \`createSession\` in src/lib/session-store.ts stores the session with a TTL.\n3. \`signToken\` in src/lib/token.ts issues a JWT; there is no refresh token.\n4. \`requireAuth\` middleware validates the JWT on every request.\n\n${prose(rng, 8)}`,
	});
	w.turn({thinking: prose(rng, 4), tools: [ws.read('src/lib/token.ts'), ws.read('src/lib/auth.ts')]});
	w.turn({text: "Here's the plan.", tools: [todo(todos, 1)]});
	w.turn({tools: [ws.write('src/lib/refresh-token.ts', 110)]});
	const old = ws.snippet('src/server/routes.ts', 0.3, 2);
	w.turn({tools: [ws.edit('src/server/routes.ts', old, `${old}\n\trouter.post('/refresh', refreshHandler);`)]});
	w.steps(72);
	spawn(dirs, rng, w, {
		agentType: 'code-reviewer',
		model: 'claude-sonnet-4-5',
		description: 'Review the refresh token change',
		prompt: 'Review the uncommitted changes for the refresh token feature: correctness, token rotation, race conditions between tabs, and missing tests. List concrete issues with file and line.',
		text: 'Asking the reviewer agent to go over the change before I finish.',
		first: ws.bash('git diff --stat', 'Show changed files', gitDiffStat(rng, ['src/lib/refresh-token.ts', 'src/server/routes.ts', 'src/lib/token.ts', 'src/hooks/useSession.ts'])),
		reads: 4,
		report: `## Review\n\n1. **src/lib/refresh-token.ts:${rng.int(20, 80)}**: the old refresh token stays valid after rotation; revoke it in the same transaction.\n2. **src/hooks/useSession.ts:${rng.int(10, 60)}**: two tabs refreshing at once both succeed; serialize refreshes with a lock in localStorage.\n3. **src/server/routes.ts:${rng.int(40, 120)}**: \`/refresh\` does not set \`SameSite=Strict\` on the cookie.\n4. Missing tests: expired refresh token, reuse detection.\n\n${prose(rng, 4)}`,
	});
	w.steps(48);
	w.bash('npx tsc --noEmit', 'Type-check', '', 0, 5);
	w.reply(`Added \`src/lib/refresh-token.ts\` and a \`POST /refresh\` route; tokens rotate on every use and the reviewer's points are fixed. ${prose(rng, 2)}`);
	log.save(dirs);
}

/** A quick dependency bump on Haiku (last 24 h). */
export function claudeQuick(dirs: DemoDirs, rng: Rng, start: number): void {
	const w = open(rng, start, {project: APP_PROJECT, model: 'claude-haiku-4-5', version: '2.1.118', branch: 'chore/deps', work: {maxGapSecs: 300}});
	w.log.user('Bump the minor versions of our dependencies and fix whatever breaks.', 0);
	w.read('package.json');
	w.bash('npm outdated', 'List outdated packages', 'Package      Current  Wanted  Latest  Location\nvitest         3.1.4   3.2.4   3.2.4  node_modules/vitest\nzod           3.24.1  3.25.7   4.1.5  node_modules/zod\npino          9.5.0   9.7.0   9.7.0  node_modules/pino\ndate-fns       4.1.0   4.1.0   4.1.0  node_modules/date-fns', 1, 4);
	w.bash('npm update', 'Update within ranges', 'changed 14 packages, and audited 812 packages in 6s\n\n143 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities', 0, 8);
	w.steps(26);
	w.reply();
	w.log.save(dirs);
}

/** The bulk orders endpoint: a failure run across tools, then an edit that is reverted. */
export function claudeFailureRun(dirs: DemoDirs, rng: Rng, start: number): void {
	const w = open(rng, start, {project: API_PROJECT, model: 'claude-opus-4-7', version: '2.1.97', branch: 'feat/bulk-orders', mcpTokens: 30_000});
	const {log, ws} = w;
	log.user('Add a bulk endpoint for orders: POST /orders/bulk taking up to 100 orders.', 0);
	w.turn({thinking: prose(rng, 3), tools: [ws.glob('src/handlers/*.ts', ['src/handlers/orders.ts', 'src/handlers/invoices.ts', 'src/handlers/webhooks.ts'])]});
	w.turn({tools: [ws.read('src/handlers/orders.ts'), ws.read('src/db/schema.ts')]});
	w.steps(18, false);
	// Failure run: three consecutive failures on different tools.
	w.turn({thinking: prose(rng, 2), text: 'Checking the existing validator.', tools: [ws.readMissing('src/validators/orders.ts')]});
	w.turn({thinking: prose(rng, 2), tools: [ws.editNotFound('src/handlers/orders.ts', 'export async function createOrder(req, res) {', 'export async function createOrders(req, res) {')]});
	w.bash('npx tsc --noEmit', 'Type-check the project', tscErrors(rng, 'src/handlers/orders.ts', 9), 2, 5, {thinking: prose(rng, 2)});
	w.turn({thinking: prose(rng, 2), tools: [mcp('github', 'get_file_contents', {owner: 'acme', repo: 'api', path: 'src/validators/orders.ts', branch: 'main'}, 'MCP error -32603: Not Found: resource does not exist (404)', true)]});
	w.turn({thinking: prose(rng, 4), text: 'There is no validator module; I will add the batch method to the service first.', tools: [ws.read('src/services/orders.ts')]});
	const a = ws.snippet('src/services/orders.ts', 0.35, 3);
	const b = `${a}\n\tconst batch = await db.orders.insertMany(orders, {ordered: false});`;
	w.turn({thinking: prose(rng, 2), tools: [ws.edit('src/services/orders.ts', a, b)]});
	w.bash('npm test -- test/orders.test.ts', 'Run order tests', vitestOutput(rng, ['test/orders.test.ts'], 2, ws.root), 1, 6);
	// Edit revert: undo the previous edit exactly.
	w.turn({thinking: prose(rng, 3), text: 'That broke the single-order path. Reverting the service change and doing it in the handler instead.', tools: [ws.edit('src/services/orders.ts', b, a)]});
	const h = ws.snippet('src/handlers/orders.ts', 0.6, 2);
	w.turn({tools: [ws.edit('src/handlers/orders.ts', h, `${h}\n\tif (orders.length > 100) return res.status(413).json({error: 'too many orders'});`)]});
	w.bash('npm test -- test/orders.test.ts', 'Run order tests', vitestOutput(rng, ['test/orders.test.ts'], 0, ws.root), 0, 5);
	w.reply('POST /orders/bulk is in place with a 100-order limit; order tests pass.');
	w.ask('Nice. Now make it transactional: either all orders are created or none, and return per-order validation errors.');
	w.steps(60);
	w.reply();
	log.save(dirs);
}

/** Intermittent 500s: an oversized Bash output (~80 kB) and Context7 docs lookups. */
export function claudeOversized(dirs: DemoDirs, rng: Rng, start: number): void {
	const w = open(rng, start, {project: API_PROJECT, model: 'claude-sonnet-4-5', version: '2.1.97', mcpTokens: 12_000});
	const {log, ws} = w;
	log.user('The dev server logs show intermittent 500s on /api/invoices. Find out why.', 0);
	w.bash('cat logs/dev-server.log', 'Show the dev server log', logOutput(rng, 80_000), 0, 1, {text: 'Looking at the server log first.'});
	w.bash("grep -c ' 500 ' logs/dev-server.log", 'Count 500 responses', String(rng.int(40, 90)), 0, 1, {thinking: prose(rng, 5)});
	w.turn({tools: [ws.read('src/handlers/invoices.ts'), ws.read('src/services/billing.ts')]});
	w.steps(10, false);
	w.turn({tools: [mcp('context7', 'resolve-library-id', {libraryName: 'vitest'}, context7Resolve('Vitest', '/vitest-dev/vitest', 'Next generation testing framework powered by Vite.'))]});
	w.turn({tools: [mcp('context7', 'get-library-docs', {context7CompatibleLibraryID: '/vitest-dev/vitest', topic: 'mocking timers', tokens: 5000}, context7Docs(rng, 'Mocking timers', 16_000))]});
	const old = ws.snippet('src/services/billing.ts', 0.5, 2);
	w.turn({tools: [ws.edit('src/services/billing.ts', old, `${old}\n\tif (!invoice.customerId) return null;`)]});
	w.turn({tools: [ws.write('test/billing.test.ts', 80)]});
	w.bash('npm test -- test/billing.test.ts', 'Run billing tests', vitestOutput(rng, ['test/billing.test.ts'], 0, ws.root), 0, 5);
	w.reply(`The 500s come from invoices without a customer. ${prose(rng, 2)}`);
	w.ask('OK. While you are at it, the invoice list is slow for big accounts — profile the query and fix it.');
	w.steps(26);
	w.reply();
	log.save(dirs);
}

/** A long refactor on Opus: a manual `/compact` midway, and the context fills again and auto-compacts. */
export function claudeLongRefactor(dirs: DemoDirs, rng: Rng, start: number): void {
	const todos = ['Extract SessionStore class', 'Inject clock and cache', 'Update route handlers', 'Update hooks and components', 'Fix tests', 'Remove the old module'];
	const w = open(rng, start, {project: APP_PROJECT, model: 'claude-opus-4-7', version: '2.1.84', branch: 'refactor/store', mcpTokens: 30_000, work: {todos, maxGapSecs: 1500}});
	const {log, ws} = w;
	log.user('Refactor the session store into a class with an injectable clock and cache, and update every caller.', 0);
	w.turn({thinking: prose(rng, 4), tools: [todo(todos, 0)]});
	w.turn({tools: [ws.grep('sessionStore', ['src/lib/session-store.ts', 'src/server/routes.ts', 'src/lib/auth.ts', 'src/hooks/useSession.ts', 'src/components/Dashboard.tsx', 'test/session-store.test.ts'])]});
	w.steps(80);
	log.user('<command-name>/compact</command-name>\n<command-message>compact</command-message>\n<command-args></command-args>', rng.int(60, 200));
	log.compact('manual', ['src/lib/session-store.ts', 'src/server/routes.ts', 'src/lib/auth.ts'].map((f) => ws.abs(f)));
	log.user('Continue with the hooks and components, then fix the tests.', rng.int(20, 60));
	w.steps(115);
	w.bash('npm test', 'Run the test suite', vitestOutput(rng, APP_PROJECT.tests, 0, ws.root), 0, 19);
	w.reply('The store is now a class with injected clock and cache; all callers are updated and tests pass.');
	log.save(dirs);
}

/** Ordinary working sessions; with `issue`, the task starts from a GitHub issue read over MCP. */
export function claudeWork(dirs: DemoDirs, rng: Rng, start: number, spec: SessionSpec & {prompt: string; steps: number; issue?: {number: number; title: string}}): void {
	const w = open(rng, start, spec);
	w.log.user(spec.prompt, 0);
	const repo = spec.project.root.split('/').pop()!;
	if (spec.issue) w.turn({thinking: prose(rng, 2), text: `Reading issue #${spec.issue.number} first.`, tools: [mcp('github', 'get_issue', {owner: 'acme', repo, issue_number: spec.issue.number}, githubIssue(rng, repo, spec.issue.number, spec.issue.title))]});
	w.turn({thinking: prose(rng, 2), tools: [w.ws.grep(rng.pick(spec.project.patterns), spec.project.files.slice(0, rng.int(2, 5)).map(([f]) => f))]});
	w.steps(spec.steps);
	w.reply();
	w.log.save(dirs);
}

