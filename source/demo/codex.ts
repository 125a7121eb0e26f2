import {join} from 'node:path';
import {DAY, HOUR, iso, SEC, tokensOf, writeJsonl, type DemoDirs, type Rng} from './common.js';
import {Workspace} from './claude-log.js';
import {API, API_PROJECT, APP, APP_PROJECT, codeLines, gitDiffStat, logOutput, NOUNS, tscErrors, vitestOutput, type Project} from './content.js';

/**
 * Codex rollouts (`sessions/YYYY/MM/DD/rollout-….jsonl`): tasks of many requests, each
 * request followed by a cumulative `token_count`; the context grows with every command
 * output and is served from the prompt cache in 256-token blocks.
 */

interface CodexCall {
	kind: 'exec' | 'shell' | 'patch';
	cmd?: string;
	patchFile?: string;
	output: string;
	exit?: number;
	secs?: number;
}

/** A UUIDv7-shaped id (time-ordered), as Codex uses for sessions and turns. */
function rngUuidV7(rng: Rng, ms: number): string {
	const h = Math.floor(ms).toString(16).padStart(12, '0') + '7' + rng.hex(3) + '89ab'[rng.int(0, 3)] + rng.hex(15);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

class CodexLog {
	readonly lines: string[] = [];
	t: number;
	readonly id: string;
	private ctx: number;
	private total = {input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0};
	private first = true;

	constructor(
		private rng: Rng,
		readonly cwd: string,
		readonly model: string,
		readonly start: number,
		readonly version: string,
	) {
		this.t = start;
		this.id = rngUuidV7(rng, start);
		this.ctx = rng.int(9000, 13000);
		this.line('session_meta', {
			id: this.id,
			timestamp: iso(start),
			cwd,
			originator: 'codex_cli_rs',
			cli_version: version,
			source: 'cli',
			model_provider: 'openai',
			base_instructions: {text: "You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user's goals."},
			git: {commit_hash: rng.hex(40), branch: 'main', repository_url: `git@github.com:acme/${cwd.split('/').pop()}.git`},
		});
	}

	private line(type: string, payload: Record<string, unknown>): void {
		this.lines.push(JSON.stringify({timestamp: iso(this.t), type, payload}));
	}

	private tick(lo: number, hi: number): void {
		this.t += this.rng.int(lo, hi);
	}

	private request(pendingTokens: number, final = false): void {
		const rng = this.rng;
		const input = this.ctx + pendingTokens;
		const cached = Math.floor(this.ctx / 256) * 256;
		const output = final ? rng.int(400, 1800) : rng.int(150, 1500);
		const reasoning = Math.floor(output * (0.3 + rng.next() * 0.5));
		const last = {input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output};
		this.total.input_tokens += input;
		this.total.cached_input_tokens += cached;
		this.total.output_tokens += output;
		this.total.reasoning_output_tokens += reasoning;
		this.total.total_tokens += input + output;
		// Reasoning is not carried into the next request.
		this.ctx = input + output - reasoning;
		this.tick(200, 800);
		this.line('event_msg', {
			type: 'token_count',
			info: {total_token_usage: {...this.total}, last_token_usage: last, model_context_window: 258400},
			rate_limits: {primary: {used_percent: rng.int(5, 60), window_minutes: 300, resets_at: Math.floor(this.t / 1000) + rng.int(600, 18000)}, secondary: {used_percent: rng.int(1, 30), window_minutes: 10080, resets_at: Math.floor(this.t / 1000) + 400000}},
		});
	}

	task(prompt: string, calls: readonly CodexCall[], answer: string, gapSecs: number): void {
		const rng = this.rng;
		this.t += gapSecs * SEC;
		const turnId = rngUuidV7(rng, this.t);
		const taskStart = this.t;
		this.line('turn_context', {turn_id: turnId, cwd: this.cwd, approval_policy: 'on-request', sandbox_policy: {type: 'workspace-write', network_access: false}, model: this.model, effort: 'medium', summary: 'auto'});
		this.tick(5, 30);
		this.line('event_msg', {type: 'task_started', turn_id: turnId, started_at: Math.floor(this.t / 1000), model_context_window: 258400});
		if (this.first) {
			this.line('response_item', {type: 'message', role: 'user', content: [{type: 'input_text', text: `<environment_context>\n  <cwd>${this.cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>`}]});
			this.first = false;
		}
		this.line('response_item', {type: 'message', role: 'user', content: [{type: 'input_text', text: prompt}]});
		this.line('event_msg', {type: 'user_message', message: prompt, images: [], local_images: [], text_elements: []});
		this.line('event_msg', {type: 'token_count', info: null, rate_limits: null});
		let pending = tokensOf(prompt);
		for (const call of calls) {
			this.tick(1500, 9000);
			this.line('response_item', {type: 'reasoning', summary: [{type: 'summary_text', text: `**${rng.pick(['Inspecting the handler', 'Reading the service code', 'Checking the test output', 'Planning the patch', 'Verifying the change'])}**`}], content: null, encrypted_content: rng.b62(rng.int(200, 700))});
			const callId = `call_${rng.b62(24)}`;
			if (call.kind === 'patch') {
				const file = call.patchFile!;
				const input = `*** Begin Patch\n*** Update File: ${file}\n@@\n-${codeLines(rng, file, 2).join('\n-')}\n+${codeLines(rng, file, rng.int(3, 8)).join('\n+')}\n*** End Patch\n`;
				this.line('response_item', {type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch', input});
				this.request(pending);
				this.tick(100, 600);
				const ok = (call.exit ?? 0) === 0;
				this.line('event_msg', {type: 'patch_apply_end', call_id: callId, turn_id: turnId, stdout: ok ? `Success. Updated the following files:\nM ${file}\n` : '', stderr: ok ? '' : call.output, success: ok, changes: {[`${this.cwd}/${file}`]: {type: 'update', unified_diff: input.split('\n').slice(2, -2).join('\n'), move_path: null}}});
				this.line('response_item', {type: 'custom_tool_call_output', call_id: callId, output: JSON.stringify({output: ok ? `Success. Updated the following files:\nM ${file}\n` : call.output, metadata: {exit_code: ok ? 0 : 1, duration_seconds: 0}})});
				pending = rng.int(40, 120);
				continue;
			}
			const exit = call.exit ?? 0;
			if (call.kind === 'exec') {
				this.line('response_item', {type: 'function_call', name: 'exec_command', arguments: JSON.stringify({cmd: call.cmd, workdir: this.cwd, yield_time_ms: 10000}), call_id: callId});
			} else {
				this.line('response_item', {type: 'function_call', name: 'shell', arguments: JSON.stringify({command: ['bash', '-lc', call.cmd], workdir: this.cwd, timeout_ms: 120000}), call_id: callId});
			}
			this.request(pending);
			this.t += (call.secs ?? 1) * SEC + rng.int(10, 900);
			this.line('event_msg', {type: 'exec_command_end', call_id: callId, turn_id: turnId, command: ['bash', '-lc', call.cmd], cwd: this.cwd, exit_code: exit, duration: {secs: call.secs ?? 1, nanos: rng.int(0, 999999999)}, formatted_output: call.output.slice(0, 2000)});
			const output =
				call.kind === 'exec'
					? `Chunk ID: ${rng.hex(6)}\nWall time: ${(call.secs ?? 1).toFixed(4)} seconds\nProcess exited with code ${exit}\nOriginal token count: ${tokensOf(call.output)}\nOutput:\n${call.output}`
					: JSON.stringify({output: call.output, metadata: {exit_code: exit, duration_seconds: call.secs ?? 1}});
			this.line('response_item', {type: 'function_call_output', call_id: callId, output});
			pending = tokensOf(output);
		}
		this.tick(1500, 8000);
		this.line('event_msg', {type: 'agent_message', message: answer, phase: 'final_answer'});
		this.line('response_item', {type: 'message', role: 'assistant', content: [{type: 'output_text', text: answer}], phase: 'final_answer'});
		this.request(pending, true);
		this.tick(10, 80);
		this.line('event_msg', {type: 'task_complete', turn_id: turnId, last_agent_message: answer, duration_ms: this.t - taskStart, time_to_first_token_ms: rng.int(800, 4000)});
	}

	save(dirs: DemoDirs): void {
		const d = new Date(this.start);
		const y = String(d.getUTCFullYear());
		const m = String(d.getUTCMonth() + 1).padStart(2, '0');
		const day = String(d.getUTCDate()).padStart(2, '0');
		const stamp = iso(this.start).slice(0, 19).replace(/:/g, '-');
		writeJsonl(join(dirs.codexHome, 'sessions', y, m, day, `rollout-${stamp}-${this.id}.jsonl`), this.lines, this.t);
	}
}

/** `n` calls of ordinary work: search, read with sed, patch, test (a failing test is followed by a patch). */
function calls(rng: Rng, ws: Workspace, project: Project, kind: 'exec' | 'shell', n: number): CodexCall[] {
	const out: CodexCall[] = [];
	const file = () => rng.weighted(project.files.filter(([f]) => f.startsWith('src/')));
	let fix: string | undefined;
	while (out.length < n) {
		if (fix) {
			out.push({kind: 'patch', patchFile: fix, output: ''});
			fix = undefined;
			continue;
		}
		const f = file();
		switch (rng.weighted([['rg', 16], ['sed', 32], ['patch', 24], ['test', 8], ['tsc', 5], ['git', 5], ['ls', 4]] as const)) {
			case 'rg': {
				const hits = Array.from({length: rng.int(1, 6)}, () => {
					const h = file();
					const n = rng.int(1, ws.lines(h).length);
					return `${h}:${n}:${ws.lines(h)[n - 1]}`;
				});
				out.push({kind, cmd: `rg -n "${rng.pick(NOUNS)}Id" src`, output: hits.join('\n')});
				break;
			}
			case 'sed': {
				const len = ws.lines(f).length;
				const from = len > 200 && rng.chance(0.5) ? 201 : 1;
				out.push({kind, cmd: `sed -n '${from},${from + 199}p' ${f}`, output: ws.lines(f).slice(from - 1, from + 199).join('\n')});
				break;
			}
			case 'patch':
				out.push({kind: 'patch', patchFile: f, output: ''});
				break;
			case 'test': {
				const t = rng.pick(project.tests);
				const fail = rng.chance(0.25);
				if (fail) fix = f;
				out.push({kind, cmd: `npm test -- ${t}`, output: vitestOutput(rng, [t], fail ? 1 : 0, project.root), exit: fail ? 1 : 0, secs: rng.int(4, 12)});
				break;
			}
			case 'tsc': {
				const fail = rng.chance(0.2);
				if (fail) fix = f;
				out.push({kind, cmd: 'npx tsc --noEmit', output: fail ? tscErrors(rng, f, rng.int(1, 3)) : '', exit: fail ? 2 : 0, secs: rng.int(3, 7)});
				break;
			}
			case 'git':
				out.push({kind, cmd: 'git diff --stat', output: gitDiffStat(rng, [f, file()])});
				break;
			default: {
				const dir = f.split('/').slice(0, -1).join('/');
				out.push({kind, cmd: `ls ${dir}`, output: project.files.filter(([p]) => p.startsWith(`${dir}/`)).map(([p]) => p.slice(dir.length + 1)).join('\n')});
			}
		}
	}
	return out;
}

const API_TASKS = [
	'Add a `status` filter to GET /invoices and test it.',
	'The webhook handler sometimes processes the same Stripe event twice. Make it idempotent.',
	'Refactor the billing service so tax calculation lives in its own module.',
	'Add structured logging with the request id to every handler.',
	'Why does test/billing.test.ts fail only on CI? Fix it.',
	'Return 409 when an order is created twice with the same idempotency key.',
	'Add a health check that also pings the database and Redis.',
	'Make the PDF renderer use the shared HTTP client with retries.',
];
const APP_TASKS = [
	'Split the Dashboard component; it is over 400 lines.',
	'Add loading skeletons to the dashboard cards.',
	'The settings panel loses unsaved changes on navigation. Warn before leaving.',
	'Replace the hand-rolled fetch wrapper with the api-client module everywhere.',
	'Add keyboard shortcuts to the sidebar.',
	'The session hook refetches on every render. Memoize it.',
	'Show a toast when the session expires instead of a blank page.',
	'Add an error boundary around the dashboard widgets.',
];

function answer(rng: Rng): string {
	return `${rng.pick(['Done.', 'Fixed.', 'Implemented.'])} ${rng.pick(['The change is covered by tests and the suite passes.', 'Type check and the affected tests pass.', 'I also updated the related tests.'])} ${rng.pick(['Touched files are listed in the diff above.', 'No migration needed.', 'One follow-up: the old helper can be deleted once callers move.'])}`;
}

/** Several ordinary tasks in a row, the user coming back after a short gap each time. */
function moreTasks(rng: Rng, c: CodexLog, ws: Workspace, project: Project, kind: 'exec' | 'shell', prompts: readonly string[], n: number, size: [number, number]): void {
	const start = rng.int(0, prompts.length - 1);
	for (let i = 0; i < n; i++) c.task(prompts[(start + i) % prompts.length]!, calls(rng, ws, project, kind, rng.int(size[0], size[1])), answer(rng), rng.int(60, 900));
}

export function codexSessions(dirs: DemoDirs, rng: Rng, now: number): void {
	// Recent gpt-5.5 session on the API with exec_command and apply_patch (last 24 h).
	{
		const ws = new Workspace(rng, API);
		const c = new CodexLog(rng, API, 'gpt-5.5', now - 7 * HOUR, '0.128.0');
		c.task(
			'The invoice PDF endpoint times out for large invoices. Investigate and fix.',
			[
				{kind: 'exec', cmd: 'rg -n "renderPdf" src', output: 'src/handlers/invoices.ts:42:  const pdf = await renderPdf(invoice);\nsrc/services/pdf.ts:8:export async function renderPdf(invoice: Invoice) {'},
				{kind: 'exec', cmd: "sed -n '1,200p' src/services/pdf.ts", output: ws.lines('src/services/pdf.ts', 180).join('\n')},
				{kind: 'exec', cmd: "sed -n '1,200p' src/handlers/invoices.ts", output: ws.lines('src/handlers/invoices.ts').slice(0, 200).join('\n')},
				{kind: 'exec', cmd: 'npm test -- test/pdf.test.ts', output: vitestOutput(rng, ['test/pdf.test.ts'], 1, API), exit: 1, secs: 7},
				{kind: 'patch', patchFile: 'src/services/pdf.ts', output: ''},
				...calls(rng, ws, API_PROJECT, 'exec', 8),
				{kind: 'exec', cmd: 'npm test -- test/pdf.test.ts', output: vitestOutput(rng, ['test/pdf.test.ts'], 0, API), secs: 6},
			],
			'The PDF renderer loaded every line item synchronously; it now streams pages. The pdf tests pass.',
			0,
		);
		c.task('Also add a timeout guard around renderPdf.', [{kind: 'patch', patchFile: 'src/handlers/invoices.ts', output: ''}, {kind: 'exec', cmd: 'npx tsc --noEmit', output: '', secs: 4}], 'Added a 20 s timeout with a 504 response.', 95);
		moreTasks(rng, c, ws, API_PROJECT, 'exec', API_TASKS, 7, [8, 16]);
		c.save(dirs);
	}
	// gpt-5.5 on the app with the older `shell` tool (last 7 days).
	{
		const ws = new Workspace(rng, APP);
		const c = new CodexLog(rng, APP, 'gpt-5.5', now - 3 * DAY - 5 * HOUR, '0.116.0');
		c.task(
			'Upgrade vite to v7 and fix the build.',
			[
				{kind: 'shell', cmd: 'npm install vite@7 --save-dev', output: 'added 12 packages, changed 31 packages, and audited 812 packages in 9s\n\n143 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities', secs: 9},
				{kind: 'shell', cmd: 'npm run build', output: logOutput(rng, 6000), exit: 1, secs: 12},
				{kind: 'patch', patchFile: 'vite.config.ts', output: ''},
				{kind: 'shell', cmd: 'npm run build', output: logOutput(rng, 3000), secs: 11},
			],
			'Vite 7 is in; the config used the removed `build.polyfillModulePreload` option, now `build.modulePreload`.',
			0,
		);
		moreTasks(rng, c, ws, APP_PROJECT, 'shell', APP_TASKS, 6, [10, 16]);
		c.save(dirs);
	}
	// Two older ones (30 d and 90 d windows).
	{
		const ws = new Workspace(rng, API);
		const c = new CodexLog(rng, API, 'gpt-5.4', now - 18 * DAY - 2 * HOUR, '0.110.0');
		c.task('Add an index on orders.customer_id and a migration.', [{kind: 'shell', cmd: 'ls migrations', output: '0001_init.sql\n0002_invoices.sql\n0003_webhooks.sql'}, {kind: 'patch', patchFile: 'migrations/0004_orders_customer_idx.sql', output: ''}, {kind: 'shell', cmd: 'npm run migrate', output: 'Applying 0004_orders_customer_idx.sql ... done', secs: 3}], 'Migration 0004 adds the index.', 0);
		moreTasks(rng, c, ws, API_PROJECT, 'shell', API_TASKS, 2, [6, 12]);
		c.save(dirs);
	}
	{
		const ws = new Workspace(rng, APP);
		const c = new CodexLog(rng, APP, 'gpt-5.5', now - 50 * DAY - 7 * HOUR, '0.104.0');
		c.task('Why does the dashboard render twice on load?', [{kind: 'exec', cmd: 'rg -n "useEffect" src/components/Dashboard.tsx', output: 'src/components/Dashboard.tsx:31:  useEffect(() => {\nsrc/components/Dashboard.tsx:58:  useEffect(() => {'}, {kind: 'exec', cmd: "sed -n '1,140p' src/components/Dashboard.tsx", output: ws.lines('src/components/Dashboard.tsx', 140).join('\n')}], 'StrictMode double-invokes effects in development; production renders once.', 0);
		moreTasks(rng, c, ws, APP_PROJECT, 'exec', APP_TASKS, 2, [6, 12]);
		c.save(dirs);
	}
}
