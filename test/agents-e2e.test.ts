/**
 * `burn --json --since all` on a sealed HOME that holds only one agent's logs (Gemini CLI,
 * Qwen Code, Kimi CLI), hand-written from the format description, and `--source <agent>`.
 * With ../shared, the real samples laid out the way each agent writes them. Needs dist/
 * (`npm run build`).
 */
import {copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {itShared, shared} from './helpers/shared.js';
import {tmp} from './helpers/tmp.js';

interface Out {
	turnsAnalyzed: number;
	grandTotal: number;
	unpriced: {turns: number; models: string[]};
	leftOut: {aborted: number; badLines: number};
	sessions: Array<{sessionId: string; source: string; project?: string; turns: number; usage: Record<string, number>}>;
	models: Array<{model: string; turns: number; usage: Record<string, number>; cost: number | null}>;
}

function write(path: string, text: string): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text);
}

function copyTree(from: string, to: string): void {
	for (const e of readdirSync(from)) {
		const src = join(from, e);
		if (statSync(src).isDirectory()) copyTree(src, join(to, e));
		else {
			mkdirSync(to, {recursive: true});
			copyFileSync(src, join(to, e));
		}
	}
}

function report(env: NodeJS.ProcessEnv, extra: string[] = []): Out {
	const r = runCli(['--json', '--since', 'all', ...extra], env);
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as Out;
}

const sumUsage = (o: Out) =>
	o.sessions.reduce(
		(a, s) => ({input: a.input + s.usage.input!, cacheRead: a.cacheRead + s.usage.cacheRead!, output: a.output + s.usage.output!}),
		{input: 0, cacheRead: 0, output: 0},
	);

const J = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;

describe('Gemini CLI end to end', () => {
	const SID = '5e551011-aaaa-4bbb-8ccc-000000000001';
	const tokens = (input: number, output: number, cached: number, thoughts: number) => ({input, output, cached, thoughts, tool: 0, total: input + output + thoughts});
	const gem = (id: string, ts: string, model: string, t: object, extra: object = {}) => ({id, timestamp: ts, type: 'gemini', content: '', model, tokens: t, ...extra});
	const chats = (home: string) => join(home, '.gemini', 'tmp', 'demo', 'chats');

	function setUp(extra: NodeJS.ProcessEnv = {}) {
		const s = sealed(extra);
		const dir = chats(s.home);
		write(join(dir, '..', '.project_root'), '/home/dev/demo\n');
		const m1 = gem('g1', '2026-09-01T10:00:05.000Z', 'gemini-2.5-pro', tokens(10_000, 100, 6_000, 50), {
			toolCalls: [{id: 'c1', name: 'read_file', args: {file_path: 'src/app.ts'}, status: 'success', result: [{functionResponse: {id: 'c1', name: 'read_file', response: {output: 'x'.repeat(4000)}}}]}],
		});
		// g1 written three times (tokens arrive, then the tool call); g2 twice; a subagent thread.
		write(
			join(dir, 'session-2026-09-01T10-00-5e551011.jsonl'),
			J(
				{sessionId: SID, projectHash: 'a'.repeat(64), startTime: '2026-09-01T10:00:00.000Z', lastUpdated: '2026-09-01T10:00:00.000Z', kind: 'main'},
				{id: 'u1', timestamp: '2026-09-01T10:00:00.000Z', type: 'user', content: [{text: 'fix the app'}]},
				{...m1, tokens: undefined, toolCalls: undefined},
				{...m1, toolCalls: undefined},
				m1,
				gem('g2', '2026-09-01T10:00:09.000Z', 'gemini-2.5-pro', tokens(14_000, 200, 10_000, 0)),
				gem('g2', '2026-09-01T10:00:09.000Z', 'gemini-2.5-pro', tokens(14_000, 200, 10_000, 0), {content: 'done'}),
				{$set: {lastUpdated: '2026-09-01T10:00:09.000Z'}},
			),
		);
		write(
			join(dir, SID, 'sub-0001.jsonl'),
			J({sessionId: 'sub-0001', projectHash: 'a'.repeat(64), startTime: '2026-09-01T10:00:06.000Z', lastUpdated: '2026-09-01T10:00:06.000Z', kind: 'subagent'}, gem('s1', '2026-09-01T10:00:07.000Z', 'gemini-2.5-flash', tokens(2_000, 20, 0, 10))),
		);
		// The legacy copy of the same session, left behind by the upgrade: counts once.
		write(join(dir, 'session-2026-09-01T10-00-5e551011.json'), JSON.stringify({sessionId: SID, projectHash: 'a'.repeat(64), startTime: '2026-09-01T10:00:00.000Z', lastUpdated: '2026-09-01T10:00:05.000Z', messages: [m1]}, null, 2));
		return s;
	}

	it('counts every response once, thoughts in output, and --source gemini selects it', () => {
		const s = setUp();
		const out = report(s.env);
		expect(out.turnsAnalyzed).toBe(3);
		expect(out.sessions.map((x) => [x.sessionId, x.source, x.project, x.turns])).toEqual([[SID, 'gemini', '/home/dev/demo', 3]]);
		expect(sumUsage(out)).toEqual({input: 4_000 + 4_000 + 2_000, cacheRead: 16_000, output: 150 + 200 + 30});
		expect(out.unpriced.turns).toBe(0);
		expect(out.grandTotal).toBeGreaterThan(0);
		expect(report(s.env, ['--source', 'gemini']).turnsAnalyzed).toBe(3);
		expect(report(s.env, ['--source', 'codex']).turnsAnalyzed).toBe(0);
	});

	it('reads appended JSONL lines and rewritten JSON documents on later runs without counting twice', () => {
		const s = sealed();
		const dir = chats(s.home);
		const jsonl = join(dir, 'session-2026-09-01T10-00-aaaa0001.jsonl');
		const head = {sessionId: 'aaaa0001-s', projectHash: 'c'.repeat(64), kind: 'main'};
		const g1 = gem('g1', '2026-09-01T10:00:05.000Z', 'gemini-2.5-pro', tokens(1_000, 10, 0, 0));
		write(jsonl, J(head, g1));
		const legacy = join(dir, 'session-2025-09-01T10-00-bbbb0001.json');
		const doc = (n: number) => JSON.stringify({sessionId: 'bbbb0001-s', projectHash: 'd', messages: Array.from({length: n}, (_, i) => gem(`l${i}`, `2025-09-01T10:00:0${i}.000Z`, 'gemini-2.5-flash', tokens(500, 5, 0, 0)))}, null, 2);
		write(legacy, doc(1));
		expect(report(s.env).turnsAnalyzed).toBe(2);
		writeFileSync(jsonl, J(head, g1, {...g1, toolCalls: [{id: 'c1', name: 'read_file', args: {file_path: '/w/a.ts'}, status: 'success', result: [{functionResponse: {id: 'c1', name: 'read_file', response: {output: 'x'.repeat(800)}}}]}]}, gem('g2', '2026-09-01T10:00:09.000Z', 'gemini-2.5-pro', tokens(1_300, 10, 0, 0))));
		write(legacy, doc(3));
		const out = report(s.env);
		expect(out.turnsAnalyzed).toBe(5);
		expect(sumUsage(out)).toEqual({input: 2_300 + 1_500, cacheRead: 0, output: 20 + 15});
		expect((out as unknown as {files: Array<{path: string}>}).files.map((f) => f.path)).toEqual(['/w/a.ts']);
	});

	it('a subagent chat of Gemini CLI before 0.37 (beside the parent, kind subagent) is a thread of the parent', () => {
		const s = sealed();
		const dir = chats(s.home);
		const call = {id: 'c9', name: 'invoke_agent', args: {agent_name: 'codebase_investigator'}, agentId: 'sub-0077', status: 'success', result: [{functionResponse: {id: 'c9', name: 'invoke_agent', response: {output: 'found'}}}]};
		write(join(dir, 'session-2026-09-01T10-00-aaaa0002.jsonl'), J({sessionId: 'aaaa0002-p', projectHash: 'e', kind: 'main'}, gem('p1', '2026-09-01T10:00:05.000Z', 'gemini-2.5-pro', tokens(1_000, 10, 0, 0), {toolCalls: [call]}), gem('p2', '2026-09-01T10:01:05.000Z', 'gemini-2.5-pro', tokens(1_100, 10, 0, 0))));
		write(join(dir, 'session-2026-09-01T10-00-sub-0077.jsonl'), J({sessionId: 'sub-0077', projectHash: 'e', kind: 'subagent'}, gem('s1', '2026-09-01T10:00:20.000Z', 'gemini-2.5-flash', tokens(500, 5, 0, 0))));
		const out = report(s.env) as Out & {sessions: Array<{threads: Array<{threadId: string; agentType: string | null; turns: number}>}>};
		expect(out.sessions.map((x) => [x.sessionId, x.turns])).toEqual([['aaaa0002-p', 3]]);
		expect(out.sessions[0]!.threads.map((t) => [t.threadId, t.agentType, t.turns])).toEqual([['sub-0077', 'codebase_investigator', 1]]);
	});

	it('honours GEMINI_CLI_HOME', () => {
		const s = sealed();
		const other = join(s.home, 'elsewhere');
		const moved = setUp({});
		copyTree(join(moved.home, '.gemini'), join(other, '.gemini'));
		expect(report({...s.env, GEMINI_CLI_HOME: other}).turnsAnalyzed).toBe(3);
		// Without it, the (empty) HOME is read: a fresh ledger finds nothing.
		expect(report({...s.env, BURN_HOME: join(s.home, 'other-burn')}).turnsAnalyzed).toBe(0);
	});

	it('reports a model the price book does not know as unpriced, not $0', () => {
		const s = sealed();
		write(join(chats(s.home), 'session-x.jsonl'), J({sessionId: 'x1', projectHash: 'b', kind: 'main'}, gem('q1', '2026-09-01T10:00:05.000Z', 'gemini-9-imaginary', tokens(1000, 10, 0, 0))));
		const out = report(s.env);
		expect(out.unpriced.turns).toBe(1);
		expect(out.unpriced.models).toContain('gemini-9-imaginary');
	});

	itShared('the real samples give the reference totals (note §11)', () => {
		const s = sealed();
		copyTree(shared('reference/agent-samples/gemini'), chats(s.home));
		const out = report(s.env, ['--source', 'gemini']);
		const by = Object.fromEntries(out.models.map((m) => [m.model, [m.turns, m.usage.input, m.usage.cacheRead, m.usage.output, m.usage.reasoning]]));
		expect(by).toEqual({
			'gemini-3-flash-preview': [5, 113_397, 48_951, 1_886 + 1_689, 1_689],
			'gemini-3.1-pro-preview': [1, 40_238, 0, 266 + 452, 452],
			'gemini-2.5-pro': [9, 54_874, 121_305, 851 + 1_546, 1_546],
		});
		expect(out.leftOut.aborted).toBe(4);
		expect(out.unpriced.turns).toBe(0);
	});
});

describe('Qwen Code end to end', () => {
	const S1 = 'c0ffee01-0000-4000-8000-000000000001';
	const S2 = 'c0ffee02-0000-4000-8000-000000000002';
	const rec = (uuid: string, sessionId: string, ts: string, type: string, extra: object) => ({uuid, parentUuid: null, sessionId, timestamp: ts, type, cwd: '/home/dev/demo', version: '0.22.0', ...extra});
	const asst = (uuid: string, sessionId: string, ts: string, prompt: number, out: number, cached: number, thoughts = 0, extra: object = {}) =>
		rec(uuid, sessionId, ts, 'assistant', {model: 'qwen3-coder-plus', usageMetadata: {promptTokenCount: prompt, candidatesTokenCount: out, thoughtsTokenCount: thoughts, totalTokenCount: prompt + out, cachedContentTokenCount: cached}, message: {role: 'model', parts: [{text: 'ok'}]}, ...extra});
	const chats = (root: string) => join(root, 'projects', '-home-dev-demo', 'chats');

	it('counts a /branch copy once, cache out of input, reasoning inside output; --source qwen selects it', () => {
		const s = sealed();
		const dir = chats(join(s.home, '.qwen'));
		write(
			join(dir, `${S1}.jsonl`),
			J(
				rec('u1', S1, '2026-09-01T10:00:00.000Z', 'user', {message: {role: 'user', parts: [{text: 'hi'}]}}),
				asst('a1', S1, '2026-09-01T10:00:03.000Z', 12_000, 150, 0, 40),
				asst('a2', S1, '2026-09-01T10:00:05.000Z', 12_420, 85, 11_904),
			),
		);
		write(
			join(dir, `${S2}.jsonl`),
			J(
				{...rec('u1', S2, '2026-09-01T10:00:00.000Z', 'user', {message: {role: 'user', parts: [{text: 'hi'}]}}), forkedFrom: {sessionId: S1, messageUuid: 'u1'}},
				{...asst('a1', S2, '2026-09-01T10:00:03.000Z', 12_000, 150, 0, 40), forkedFrom: {sessionId: S1, messageUuid: 'a1'}},
				asst('b3', S2, '2026-09-01T10:07:00.000Z', 12_600, 30, 12_032),
			),
		);
		const out = report(s.env);
		expect(out.turnsAnalyzed).toBe(3);
		expect(sumUsage(out)).toEqual({input: 12_000 + 516 + 568, cacheRead: 11_904 + 12_032, output: 265});
		expect(Object.fromEntries(out.sessions.map((x) => [x.sessionId, x.turns]))).toEqual({[S1]: 2, [S2]: 1});
		expect(out.unpriced.turns).toBe(0);
		expect(report(s.env, ['--source', 'qwen']).turnsAnalyzed).toBe(3);
		expect(report(s.env, ['--source', 'gemini']).turnsAnalyzed).toBe(0);
	});

	itShared('the hand-made samples give the reference totals (note §11)', () => {
		const s = sealed({QWEN_RUNTIME_DIR: '/nonexistent'});
		const root = join(s.home, 'qwen-rt');
		for (const f of ['handmade-chats-S1.jsonl', 'handmade-chats-S2-branch.jsonl']) {
			mkdirSync(chats(root), {recursive: true});
			copyFileSync(shared('reference/agent-samples/qwen', f), join(chats(root), f));
		}
		const out = report({...s.env, QWEN_RUNTIME_DIR: root}, ['--source', 'qwen']);
		expect(out.models.map((m) => [m.model, m.turns, m.usage.input, m.usage.cacheRead, m.usage.output, m.usage.reasoning])).toEqual([['qwen3-coder-plus', 3, 13_084, 23_936, 265, 40]]);
	});
});

describe('Kimi CLI end to end', () => {
	const A = '3c9d1e2a-2222-4000-8000-00000000000a';
	const B = '3c9d1e2a-3333-4000-8000-00000000000b';
	const GROUP = 'caa990f2469364441262014be4057c2a'; // md5('/home/dev/demo')
	const env = (t: number, type: string, payload: object) => ({timestamp: t, message: {type, payload}});
	const meta = {type: 'metadata', protocol_version: '1.10'};
	const status = (t: number, i: number, o: number, r: number, id: string) => env(t, 'StatusUpdate', {token_usage: {input_other: i, output: o, input_cache_read: r, input_cache_creation: 0}, message_id: id});
	const wire = (root: string, ...parts: string[]) => join(root, 'sessions', GROUP, ...parts, 'wire.jsonl');

	it('counts a mirrored subagent step and a /fork copy once; the model comes from config.toml; --source kimi selects it', () => {
		const s = sealed();
		const root = join(s.home, '.kimi');
		write(join(root, 'kimi.json'), JSON.stringify({work_dirs: [{path: '/home/dev/demo', kaos: 'local', last_session_id: A}]}));
		write(join(root, 'config.toml'), 'default_model = "k2"\n\n[models.k2]\nprovider = "moonshot"\nmodel = "kimi-k2-turbo-preview"\n');
		const mainLines = [meta, env(1788255600.1, 'TurnBegin', {user_input: 'go'}), status(1788255602.42, 1200, 90, 6784, 'chatcmpl-m1'), env(1788255605.9, 'SubagentEvent', {parent_tool_call_id: 't', agent_id: 'a-1', subagent_type: 'coder', event: {type: 'StatusUpdate', payload: {token_usage: {input_other: 900, output: 60, input_cache_read: 0, input_cache_creation: 0}, message_id: 'chatcmpl-s1'}}}), status(1788255607.88, 350, 120, 8064, 'chatcmpl-m2')];
		write(wire(root, A), J(...mainLines));
		write(wire(root, A, 'subagents', 'a-1'), J(meta, status(1788255605.89, 900, 60, 0, 'chatcmpl-s1')));
		// /fork: the wire copied into a new session, then one step of its own.
		write(wire(root, B), J(...mainLines, status(1788259000, 100, 10, 8000, 'chatcmpl-f1')));
		const out = report(s.env);
		expect(out.turnsAnalyzed).toBe(4);
		expect(sumUsage(out)).toEqual({input: 1200 + 900 + 350 + 100, cacheRead: 6784 + 8064 + 8000, output: 280});
		expect(Object.fromEntries(out.sessions.map((x) => [x.sessionId, [x.turns, x.project]]))).toEqual({[A]: [3, '/home/dev/demo'], [B]: [1, '/home/dev/demo']});
		expect(out.models.map((m) => m.model)).toEqual(['kimi-k2-turbo-preview']);
		expect(out.unpriced.turns).toBe(0);
		expect(report(s.env, ['--source', 'kimi']).turnsAnalyzed).toBe(4);
		expect(report(s.env, ['--source', 'qwen']).turnsAnalyzed).toBe(0);
	});

	it('a fork of a wire whose steps have no message_id counts the copied steps once', () => {
		const s = sealed({KIMI_MODEL_NAME: 'kimi-k2-turbo-preview'});
		const root = join(s.home, '.kimi');
		const bare = (t: number, i: number) => env(t, 'StatusUpdate', {token_usage: {input_other: i, output: 10, input_cache_read: 0, input_cache_creation: 0}});
		const lines = [meta, bare(1788255602.42, 1000), bare(1788255607.88, 2000)];
		write(wire(root, A), J(...lines));
		write(wire(root, B), J(...lines, bare(1788259000, 300)));
		const out = report(s.env);
		expect(sumUsage(out)).toEqual({input: 3_300, cacheRead: 0, output: 30});
		expect(Object.fromEntries(out.sessions.map((x) => [x.sessionId, x.turns]))).toEqual({[A]: 2, [B]: 1});
	});

	it('without a config the model is unknown and the turns are reported unpriced', () => {
		const s = sealed();
		write(wire(join(s.home, '.kimi'), A), J(meta, status(1788255602.42, 1200, 90, 6784, 'chatcmpl-m1')));
		const out = report(s.env);
		expect(out.turnsAnalyzed).toBe(1);
		expect(out.unpriced.turns).toBe(1);
	});

	itShared('the hand-made samples give the reference totals (note §11)', () => {
		const s = sealed();
		copyTree(shared('reference/agent-samples/kimi'), join(s.home, '.kimi'));
		const out = report({...s.env, KIMI_MODEL_NAME: 'kimi-k2-turbo-preview'}, ['--source', 'kimi']);
		expect(out.models.map((m) => [m.model, m.turns, m.usage.input, m.usage.cacheRead, m.usage.output])).toEqual([['kimi-k2-turbo-preview', 3, 2_450, 14_848, 270]]);
		expect(out.sessions.map((x) => x.project)).toEqual(['/home/dev/demo']);
	});
});

describe('--demo and the new sources', () => {
	it('holds Gemini CLI sessions, and never reads the Gemini, Qwen or Kimi logs of the real HOME', () => {
		const s = sealed({TMPDIR: tmp('burn-demo-tmp-')});
		// Logs in the real HOME that the demo must not show.
		write(join(s.home, '.gemini', 'tmp', 'mine', 'chats', 'session-x.jsonl'), J({sessionId: 'mine-gemini', projectHash: 'x', kind: 'main'}, {id: 'g', timestamp: '2026-09-01T10:00:00Z', type: 'gemini', model: 'gemini-2.5-pro', tokens: {input: 1, output: 1, cached: 0, thoughts: 0, tool: 0, total: 2}}));
		write(join(s.home, '.qwen', 'projects', '-x', 'chats', 'mine-qwen.jsonl'), J({uuid: 'q', sessionId: 'mine-qwen', timestamp: '2026-09-01T10:00:00Z', type: 'assistant', model: 'qwen3-coder-plus', usageMetadata: {promptTokenCount: 1, candidatesTokenCount: 1}}));
		write(join(s.home, '.kimi', 'sessions', 'g', 'mine-kimi', 'wire.jsonl'), J({timestamp: 1788255602, message: {type: 'StatusUpdate', payload: {token_usage: {input_other: 1, output: 1}, message_id: 'k'}}}));
		const out = report(s.env, ['--demo']);
		const ids = out.sessions.map((x) => x.sessionId);
		expect(ids.some((id) => id.startsWith('mine-'))).toBe(false);
		expect(out.sessions.filter((x) => x.source === 'gemini').length).toBe(2);
		const gemini = report(s.env, ['--demo', '--source', 'gemini']);
		expect(gemini.sessions.map((x) => x.project).sort()).toEqual(['/home/dev/code/api', '/home/dev/code/app']);
		expect(gemini.unpriced.turns).toBe(0);
	});
});
