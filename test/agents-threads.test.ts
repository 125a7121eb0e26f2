/**
 * The reader threads of a cold ingest (BURN_WORKER_MIN_BYTES=0) read every source's logs the
 * way a single-thread ingest does: Gemini CLI (JSONL and a legacy JSON document), Qwen Code and
 * Kimi CLI logs, hand-written from the format description. Needs dist/ (`npm run build`).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';

function write(path: string, text: string): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text);
}

const J = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;

function agentsTree(home: string): void {
	// Gemini CLI: a JSONL chat and a legacy JSON document.
	const tokens = (input: number, output: number, cached: number) => ({input, output, cached, thoughts: 0, tool: 0, total: input + output});
	const gem = (id: string, ts: string, t: object, extra: object = {}) => ({id, timestamp: ts, type: 'gemini', content: '', model: 'gemini-2.5-pro', tokens: t, ...extra});
	const chats = join(home, '.gemini', 'tmp', 'demo', 'chats');
	write(join(chats, '..', '.project_root'), '/home/dev/demo\n');
	const call = {id: 'c1', name: 'read_file', args: {file_path: 'src/app.ts'}, status: 'success', result: [{functionResponse: {id: 'c1', name: 'read_file', response: {output: 'x'.repeat(900)}}}]};
	write(join(chats, 'session-2026-09-01T10-00-aaaa0001.jsonl'), J({sessionId: 'aaaa0001-s', projectHash: 'c'.repeat(64), kind: 'main'}, gem('g1', '2026-09-01T10:00:05.000Z', tokens(1_000, 10, 200), {toolCalls: [call]}), gem('g2', '2026-09-01T10:00:09.000Z', tokens(1_300, 20, 0))));
	write(join(chats, 'session-2025-09-01T10-00-bbbb0001.json'), JSON.stringify({sessionId: 'bbbb0001-s', projectHash: 'd', messages: [gem('l1', '2025-09-01T10:00:01.000Z', tokens(500, 5, 0))]}, null, 2));
	// Qwen Code.
	const S1 = 'c0ffee01-0000-4000-8000-000000000001';
	const rec = (uuid: string, ts: string, type: string, extra: object) => ({uuid, parentUuid: null, sessionId: S1, timestamp: ts, type, cwd: '/home/dev/demo', version: '0.22.0', ...extra});
	write(
		join(home, '.qwen', 'projects', '-home-dev-demo', 'chats', `${S1}.jsonl`),
		J(
			rec('u1', '2026-09-02T10:00:00.000Z', 'user', {message: {role: 'user', parts: [{text: 'hi'}]}}),
			rec('a1', '2026-09-02T10:00:03.000Z', 'assistant', {model: 'qwen3-coder-plus', usageMetadata: {promptTokenCount: 12_000, candidatesTokenCount: 150, thoughtsTokenCount: 40, totalTokenCount: 12_150, cachedContentTokenCount: 0}, message: {role: 'model', parts: [{text: 'ok'}]}}),
		),
	);
	// Kimi CLI.
	const A = '3c9d1e2a-2222-4000-8000-00000000000a';
	const env = (t: number, type: string, payload: object) => ({timestamp: t, message: {type, payload}});
	const kimi = join(home, '.kimi');
	write(join(kimi, 'kimi.json'), JSON.stringify({work_dirs: [{path: '/home/dev/demo', kaos: 'local', last_session_id: A}]}));
	write(join(kimi, 'config.toml'), 'default_model = "k2"\n\n[models.k2]\nprovider = "moonshot"\nmodel = "kimi-k2-turbo-preview"\n');
	write(
		join(kimi, 'sessions', 'caa990f2469364441262014be4057c2a', A, 'wire.jsonl'),
		J({type: 'metadata', protocol_version: '1.10'}, env(1788255600.1, 'TurnBegin', {user_input: 'go'}), env(1788255602.42, 'StatusUpdate', {token_usage: {input_other: 1200, output: 90, input_cache_read: 6784, input_cache_creation: 0}, message_id: 'chatcmpl-m1'})),
	);
}

describe('reader threads and every source', () => {
	it('threads and a single thread give the same report on Gemini, Qwen and Kimi logs', () => {
		const s = sealed();
		agentsTree(s.home);
		const run = (extra: NodeJS.ProcessEnv) => {
			const r = runCli(['--json', '--since', 'all'], {...s.env, ...extra});
			expect(r.status, r.stderr).toBe(0);
			return JSON.parse(r.stdout) as {turnsAnalyzed: number; sessions: Array<{source: string}>};
		};
		const threads = run({BURN_WORKER_MIN_BYTES: '0', BURN_HOME: join(s.burnHome, 'threads')});
		const single = run({BURN_HOME: join(s.burnHome, 'single')});
		expect(new Set(threads.sessions.map((x) => x.source))).toEqual(new Set(['gemini', 'qwen', 'kimi']));
		expect(threads.turnsAnalyzed).toBe(5);
		// Files finish in another order with threads, so sums of costs may differ in the last digit.
		const rounded = (o: unknown) => JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v))) as unknown;
		expect(rounded(threads)).toEqual(rounded(single));
	});
});
