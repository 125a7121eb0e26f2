// End-to-end: `burn watch --json` follows a Gemini CLI chat and a Kimi CLI wire: a response
// Gemini writes again (tokens, then tool calls) is one turn; work from before the watch is
// never printed. Every wait is bounded.
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {sealed} from './helpers/cli.js';
import {append, Watch} from './helpers/live.js';
import {tmp} from './helpers/tmp.js';

const running: Watch[] = [];
afterEach(() => {
	for (const w of running.splice(0)) w.child.kill('SIGKILL');
});

const line = (o: unknown) => `${JSON.stringify(o)}\n`;
const tokens = (input: number, output: number) => ({input, output, cached: 0, thoughts: 0, tool: 0, total: input + output});

describe('burn watch --json on the new sources', () => {
	it('Gemini: prints a response written three times once, with its final usage', async () => {
		const home = tmp('burn-watch-gemini-');
		const chat = join(home, '.gemini', 'tmp', 'demo', 'chats', 'session-x.jsonl');
		append(chat, line({sessionId: 'watch-gemini', projectHash: 'h', kind: 'main'}));
		append(chat, line({id: 'old', timestamp: new Date(Date.now() - 60_000).toISOString(), type: 'gemini', model: 'gemini-2.5-pro', tokens: tokens(100, 1)}));
		const w = new Watch(['--json'], sealed({HOME: home}).env);
		running.push(w);
		await w.ready();
		const m = {id: 'new', timestamp: new Date().toISOString(), type: 'gemini', model: 'gemini-2.5-pro', content: ''};
		append(chat, line(m) + line({...m, tokens: tokens(2_000, 30)}) + line({...m, tokens: tokens(2_000, 30), toolCalls: [{id: 'c', name: 'read_file', args: {file_path: 'a.ts'}, status: 'success', result: []}]}));
		await w.until(() => w.lines().length >= 1, 'the new response');
		expect((await w.stop('SIGINT')).code).toBe(0);
		const out = w.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(out.map((o) => [o.source, o.messageId])).toEqual([['gemini', 'new']]);
	}, 90_000);

	it('Kimi: prints each new step', async () => {
		const home = tmp('burn-watch-kimi-');
		const wire = join(home, '.kimi', 'sessions', 'g', 'watch-kimi', 'wire.jsonl');
		const step = (t: number, id: string) => line({timestamp: t, message: {type: 'StatusUpdate', payload: {token_usage: {input_other: 100, output: 10, input_cache_read: 0, input_cache_creation: 0}, message_id: id}}});
		append(wire, line({type: 'metadata', protocol_version: '1.10'}) + step(Date.now() / 1000 - 60, 'old'));
		const w = new Watch(['--json'], sealed({HOME: home}).env);
		running.push(w);
		await w.ready();
		append(wire, step(Date.now() / 1000, 'chatcmpl-new'));
		await w.until(() => w.lines().length >= 1, 'the new step');
		expect((await w.stop('SIGTERM')).code).toBe(0);
		expect(w.lines().map((l) => (JSON.parse(l) as {messageId: string}).messageId)).toEqual(['chatcmpl-new']);
	}, 90_000);
});
