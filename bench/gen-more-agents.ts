/**
 * Bench trees for Gemini CLI, Qwen Code, Kimi CLI, Copilot CLI, Amp, Factory Droid and Goose
 * (issue 18), written under one HOME in each agent's default layout, with the totals burn must
 * find (`expected`, in burn's terms: uncached input, cache read, cache write, output with any
 * reasoning, reasoning). Sessions are of realistic size: tens of responses, tool results of a
 * few kilobytes, Gemini's repeated message versions, Copilot's shutdown summary, Kimi's config
 * model. Deterministic for a seed. Shapes as docs/agents.md describes them.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {Rng} from '../source/demo/common.js';

export type MoreAgent = 'gemini' | 'qwen' | 'kimi' | 'copilot' | 'amp' | 'droid' | 'goose';
export const MORE_AGENTS: readonly MoreAgent[] = ['gemini', 'qwen', 'kimi', 'copilot', 'amp', 'droid', 'goose'];

export interface Totals {
	input: number;
	cacheRead: number;
	cacheCreate: number;
	output: number;
	reasoning: number;
	sessions: number;
}

const zero = (): Totals => ({input: 0, cacheRead: 0, cacheCreate: 0, output: 0, reasoning: 0, sessions: 0});
const iso = (ms: number): string => new Date(ms).toISOString();
const J = (lines: readonly unknown[]): string => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
const put = (path: string, text: string): number => {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text);
	return Buffer.byteLength(text);
};
/** A tool result of about `bytes` bytes (source-like lines). */
const blob = (rng: Rng, bytes: number): string => {
	const out: string[] = [];
	let n = 0;
	while (n < bytes) {
		const l = `  const v${rng.int(0, 999)} = compute(${rng.int(0, 99999)}, "${rng.hex(12)}"); // ${rng.b62(20)}`;
		out.push(l);
		n += l.length + 1;
	}
	return out.join('\n');
};

interface Step {
	/** Context before the response (cache-inclusive prompt). */
	prompt: number;
	cached: number;
	write: number;
	output: number;
	thoughts: number;
	call?: {id: string; name: string; args: Record<string, unknown>; result: string};
}

/** A session's responses: the context grows by each result, most of it read from cache. */
function steps(rng: Rng, n: number, tools: Array<[string, (rng: Rng) => Record<string, unknown>]>): Step[] {
	let context = rng.int(8000, 14000);
	const out: Step[] = [];
	for (let i = 0; i < n; i++) {
		const cached = i === 0 ? 0 : Math.floor(context * rng.int(80, 95) / 100);
		const output = rng.int(40, 900);
		const thoughts = rng.chance(0.6) ? rng.int(50, 800) : 0;
		const s: Step = {prompt: context, cached, write: i === 0 ? 0 : rng.int(0, Math.floor((context - cached) / 2)), output, thoughts};
		if (i < n - 1 && rng.chance(0.8)) {
			const [name, args] = tools[rng.int(0, tools.length - 1)]!;
			s.call = {id: `call_${rng.b62(10)}`, name, args: args(rng), result: blob(rng, rng.int(400, 9000))};
			context += Math.ceil(s.call.result.length / 3.6);
		}
		context += output + rng.int(10, 200);
		out.push(s);
	}
	return out;
}

const FILE = (rng: Rng): string => `/home/dev/app/src/${['api', 'ui', 'core', 'db'][rng.int(0, 3)]}/${rng.b62(6).toLowerCase()}.ts`;
const SHELL = (rng: Rng): string => ['npm test', 'git status', 'npx tsc --noEmit', `rg ${rng.b62(5)}`][rng.int(0, 3)]!;

function gemini(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const sid = rng.uuid();
	const lines: unknown[] = [{sessionId: sid, projectHash: rng.hex(64), startTime: iso(t0), lastUpdated: iso(t0), kind: 'main'}];
	let t = t0;
	for (const s of steps(rng, n, [['read_file', (r) => ({file_path: FILE(r)})], ['run_shell_command', (r) => ({command: SHELL(r)})]])) {
		t += rng.int(5, 60) * 1000;
		lines.push({id: rng.uuid(), timestamp: iso(t), type: 'user', content: [{text: 'continue'}]});
		const id = rng.uuid();
		const tokens = {input: s.prompt, output: s.output, cached: s.cached, thoughts: s.thoughts, tool: 0, total: s.prompt + s.output + s.thoughts};
		const base = {id, timestamp: iso(t + 2000), type: 'gemini', content: 'done', model: 'gemini-2.5-pro'};
		// Gemini writes a response again as it changes: without tokens, with them, with its tool calls.
		lines.push({...base, thoughts: []});
		lines.push({...base, thoughts: [], tokens});
		if (s.call) {
			const c = s.call;
			lines.push({...base, thoughts: [], tokens, toolCalls: [{id: c.id, name: c.name, args: c.args, result: [{functionResponse: {id: c.id, name: c.name, response: {output: c.result}}}], status: 'success', timestamp: iso(t + 2500)}]});
		}
		e.input += s.prompt - s.cached;
		e.cacheRead += s.cached;
		e.output += s.output + s.thoughts;
		e.reasoning += s.thoughts;
	}
	return put(join(home, '.gemini', 'tmp', 'app', 'chats', `session-${iso(t0).slice(0, 16).replace(/:/g, '-')}-${sid.slice(0, 8)}.jsonl`), J(lines));
}

function qwen(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const sid = rng.uuid();
	const base = (uuid: string, parent: string | null, t: number) => ({uuid, parentUuid: parent, sessionId: sid, timestamp: iso(t), cwd: '/home/dev/app', version: '0.22.0'});
	const lines: unknown[] = [];
	let prev: string | null = null;
	let t = t0;
	for (const s of steps(rng, n, [['read_file', (r) => ({absolute_path: FILE(r)})], ['run_shell_command', (r) => ({command: SHELL(r)})]])) {
		t += rng.int(5, 60) * 1000;
		const u = rng.uuid();
		lines.push({...base(u, prev, t), type: 'user', message: {role: 'user', parts: [{text: 'go on'}]}});
		const a = rng.uuid();
		const parts: unknown[] = [{text: 'working'}];
		if (s.call) parts.push({functionCall: {id: s.call.id, name: s.call.name, args: s.call.args}});
		// Qwen's output already includes the reasoning.
		const out = s.output + s.thoughts;
		lines.push({...base(a, u, t + 1500), type: 'assistant', model: 'qwen3-coder-plus', usageMetadata: {promptTokenCount: s.prompt, candidatesTokenCount: out, thoughtsTokenCount: s.thoughts, totalTokenCount: s.prompt + out, cachedContentTokenCount: s.cached}, message: {role: 'model', parts}});
		prev = a;
		if (s.call) {
			const r = rng.uuid();
			lines.push({...base(r, a, t + 2500), type: 'tool_result', toolCallResult: {callId: s.call.id, status: 'success', resultDisplay: '…'}, message: {role: 'user', parts: [{functionResponse: {id: s.call.id, name: s.call.name, response: {output: s.call.result}}}]}});
			prev = r;
		}
		e.input += s.prompt - s.cached;
		e.cacheRead += s.cached;
		e.output += out;
		e.reasoning += s.thoughts;
	}
	return put(join(home, '.qwen', 'projects', '-home-dev-app', 'chats', `${sid}.jsonl`), J(lines));
}

function kimi(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const sid = rng.uuid();
	const env = (t: number, type: string, payload: object) => ({timestamp: t / 1000, message: {type, payload}});
	const lines: unknown[] = [{type: 'metadata', protocol_version: '1.10'}];
	let t = t0;
	for (const s of steps(rng, n, [['ReadFile', (r) => ({path: FILE(r)})], ['Shell', (r) => ({command: SHELL(r)})]])) {
		t += rng.int(5, 60) * 1000;
		lines.push(env(t, 'TurnBegin', {user_input: 'continue'}));
		if (s.call) lines.push(env(t + 500, 'ToolCall', {type: 'function', id: s.call.id, function: {name: s.call.name, arguments: JSON.stringify(s.call.args)}}));
		// Kimi's input_other is already without the cache reads and writes; reasoning is inside output.
		const input = s.prompt - s.cached - s.write;
		const out = s.output + s.thoughts;
		lines.push(env(t + 1000, 'StatusUpdate', {context_tokens: s.prompt, token_usage: {input_other: input, output: out, input_cache_read: s.cached, input_cache_creation: s.write}, message_id: `chatcmpl-${rng.b62(16)}`, plan_mode: false}));
		if (s.call) lines.push(env(t + 1500, 'ToolResult', {tool_call_id: s.call.id, return_value: {is_error: false, output: s.call.result, message: '', display: []}}));
		e.input += input;
		e.cacheRead += s.cached;
		e.cacheCreate += s.write;
		e.output += out;
	}
	const group = createHash('md5').update('/home/dev/app').digest('hex');
	return put(join(home, '.kimi', 'sessions', group, sid, 'wire.jsonl'), J(lines));
}

function copilot(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const sid = rng.uuid();
	let k = 0;
	const ev = (t: number, type: string, data: object) => ({type, data, id: `e${++k}`, timestamp: iso(t), parentId: null});
	let t = t0;
	const lines: unknown[] = [ev(t, 'session.start', {sessionId: sid, version: 1, producer: 'copilot-agent', copilotVersion: '1.0.34', context: {cwd: '/home/dev/app'}}), ev(t, 'session.model_change', {newModel: 'claude-sonnet-4.6'})];
	const run = {input: 0, output: 0, cacheRead: 0, cacheWrite: 0};
	for (const s of steps(rng, n, [['view', (r) => ({path: FILE(r)})], ['bash', (r) => ({command: SHELL(r)})]])) {
		t += rng.int(5, 60) * 1000;
		lines.push(ev(t, 'user.message', {content: 'continue'}));
		const out = s.output + s.thoughts;
		const mid = rng.uuid();
		lines.push(ev(t + 1000, 'assistant.message', {messageId: mid, content: '', toolRequests: s.call ? [{toolCallId: s.call.id, name: s.call.name, arguments: s.call.args, type: 'function'}] : [], outputTokens: out, requestId: `R-${mid}`}));
		if (s.call) lines.push(ev(t + 1500, 'tool.execution_complete', {toolCallId: s.call.id, model: 'claude-sonnet-4.6', success: true, result: {content: s.call.result}}));
		// Copilot's input count includes the cache reads and writes.
		run.input += s.prompt;
		run.cacheRead += s.cached;
		run.cacheWrite += s.write;
		run.output += out;
	}
	lines.push(ev(t + 5000, 'session.shutdown', {shutdownType: 'routine', modelMetrics: {'claude-sonnet-4.6': {requests: {count: n, cost: 1}, usage: {inputTokens: run.input, outputTokens: run.output, cacheReadTokens: run.cacheRead, cacheWriteTokens: run.cacheWrite, reasoningTokens: 0}}}, currentModel: 'claude-sonnet-4.6'}));
	e.input += run.input - run.cacheRead - run.cacheWrite;
	e.cacheRead += run.cacheRead;
	e.cacheCreate += run.cacheWrite;
	e.output += run.output;
	return put(join(home, '.copilot', 'session-state', sid, 'events.jsonl'), J(lines));
}

function amp(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const id = `T-${rng.uuid()}`;
	const messages: unknown[] = [];
	let mid = 0;
	let t = t0;
	for (const s of steps(rng, n, [['Read', (r) => ({path: FILE(r)})], ['Bash', (r) => ({cmd: SHELL(r)})]])) {
		t += rng.int(5, 60) * 1000;
		messages.push({role: 'user', messageId: mid++, content: [{type: 'text', text: 'continue'}], meta: {sentAt: t}});
		const input = s.prompt - s.cached - s.write;
		const out = s.output + s.thoughts;
		const content: unknown[] = [{type: 'text', text: 'ok'}];
		if (s.call) content.push({type: 'tool_use', id: s.call.id, name: s.call.name, input: s.call.args});
		messages.push({role: 'assistant', messageId: mid++, content, state: {type: 'complete', stopReason: s.call ? 'tool_use' : 'end_turn'}, usage: {model: 'claude-sonnet-4-5-20250929', inputTokens: input, outputTokens: out, cacheCreationInputTokens: s.write, cacheReadInputTokens: s.cached, credits: 0.01, timestamp: iso(t + 1000)}});
		if (s.call) messages.push({role: 'user', messageId: mid++, content: [{type: 'tool_result', toolUseID: s.call.id, run: {status: 'done', result: s.call.result}}]});
		e.input += input;
		e.cacheRead += s.cached;
		e.cacheCreate += s.write;
		e.output += out;
	}
	const doc = {v: 12, id, created: t0, env: {initial: {trees: [{displayName: 'app', uri: 'file:///home/dev/app'}]}}, messages};
	return put(join(home, '.local', 'share', 'amp', 'threads', `${id}.json`), `${JSON.stringify(doc, null, 2)}\n`);
}

/** Droid and Goose log only the session's running totals: the file holds the final ones. */
function sums(rng: Rng, n: number): {input: number; output: number; cacheRead: number; cacheWrite: number; thinking: number} {
	const s = {input: 0, output: 0, cacheRead: 0, cacheWrite: 0, thinking: 0};
	for (const x of steps(rng, n, [['x', () => ({})]])) {
		s.input += x.prompt - x.cached - x.write;
		s.output += x.output;
		s.cacheRead += x.cached;
		s.cacheWrite += x.write;
		s.thinking += x.thoughts;
	}
	return s;
}

function droid(home: string, rng: Rng, t0: number, n: number, e: Totals): number {
	const sid = rng.uuid();
	const s = sums(rng, n);
	const doc = {model: 'custom:Claude-Sonnet-4.5-[Anthropic]-0', providerLock: 'anthropic', providerLockTimestamp: iso(t0), tokenUsage: {inputTokens: s.input, outputTokens: s.output, cacheCreationTokens: s.cacheWrite, cacheReadTokens: s.cacheRead, thinkingTokens: s.thinking}};
	e.input += s.input;
	e.output += s.output;
	e.cacheRead += s.cacheRead;
	e.cacheCreate += s.cacheWrite;
	e.reasoning += s.thinking;
	return put(join(home, '.factory', 'sessions', '-home-dev-app', `${sid}.settings.json`), `${JSON.stringify(doc, null, 2)}\n`);
}

function goose(home: string, rng: Rng, t0: number, n: number, e: Totals, i: number): number {
	const s = sums(rng, n);
	// Goose gives no cache split: its input is the whole prompt.
	const input = s.input + s.cacheRead + s.cacheWrite;
	const lines: unknown[] = [{working_dir: '/home/dev/app', description: 'bench', message_count: n * 2, total_tokens: 0, input_tokens: 9000, output_tokens: 100, accumulated_total_tokens: input + s.output, accumulated_input_tokens: input, accumulated_output_tokens: s.output}];
	for (let k = 0; k < n; k++) lines.push({id: `m${k}`, role: k % 2 ? 'assistant' : 'user', created: Math.floor(t0 / 1000) + k * 30, content: [{type: 'text', text: blob(rng, 300)}]});
	e.input += input;
	e.output += s.output;
	const stamp = iso(t0 + i * 1000).replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
	return put(join(home, '.local', 'share', 'goose', 'sessions', `${stamp}.jsonl`), J(lines));
}

export interface MoreAgentsTree {
	bytes: number;
	expected: Record<MoreAgent, Totals>;
}

/**
 * Writes `sessions` sessions of each agent under `home` (each of `responses` responses, ±50 %),
 * a session every few hours back from `now`, and Kimi's config (its model is not in the log).
 */
export function generateMoreAgents(home: string, opts: {sessions: number; responses: number; now: number; seed: number; agents?: readonly MoreAgent[]}): MoreAgentsTree {
	const rng = new Rng(opts.seed);
	const agents = opts.agents ?? MORE_AGENTS;
	const expected = Object.fromEntries(MORE_AGENTS.map((a) => [a, zero()])) as Record<MoreAgent, Totals>;
	let bytes = agents.includes('kimi') ? put(join(home, '.kimi', 'config.toml'), 'default_model = "k2"\n\n[models.k2]\nprovider = "kimi"\nmodel = "kimi-k2-turbo-preview"\n') : 0;
	for (let i = 0; i < opts.sessions; i++) {
		const t0 = opts.now - (i + 1) * 5 * 3_600_000;
		for (const a of agents) {
			const n = Math.max(2, Math.round(opts.responses * (0.5 + rng.next())));
			const e = expected[a];
			e.sessions++;
			if (a === 'gemini') bytes += gemini(home, rng, t0, n, e);
			else if (a === 'qwen') bytes += qwen(home, rng, t0, n, e);
			else if (a === 'kimi') bytes += kimi(home, rng, t0, n, e);
			else if (a === 'copilot') bytes += copilot(home, rng, t0, n, e);
			else if (a === 'amp') bytes += amp(home, rng, t0, n, e);
			else if (a === 'droid') bytes += droid(home, rng, t0, n, e);
			else bytes += goose(home, rng, t0, n, e, i);
		}
	}
	return {bytes, expected};
}
