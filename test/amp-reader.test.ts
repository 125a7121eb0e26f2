import {mkdirSync, writeFileSync, copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {createAmpReader} from '../source/sources/amp/reader.js';
import {readLines} from './helpers/read-lines.js';
import {runCli, sealed} from './helpers/cli.js';
import {describeShared, shared} from './helpers/shared.js';

// Hand-written Amp thread documents, in the shapes docs/agents.md describes.
const usage = (o: object) => ({model: 'claude-sonnet-4-5-20250929', inputTokens: 10, outputTokens: 50, cacheCreationInputTokens: 1000, cacheReadInputTokens: 0, ...o});
const thread = (extra: object = {}) => ({
	v: 12,
	id: 'T-00000000-0000-7000-8000-000000000001',
	created: Date.parse('2026-09-02T08:00:00Z'),
	env: {initial: {trees: [{displayName: 'demo', uri: 'file:///home/dev/my%20demo'}]}},
	messages: [
		{role: 'user', messageId: 0, content: [{type: 'text', text: 'find loadCfg'}], meta: {sentAt: Date.parse('2026-09-02T08:00:01Z')}},
		{role: 'assistant', messageId: 1, content: [{type: 'tool_use', id: 'toolu_1', name: 'Grep', input: {pattern: 'loadCfg'}}], state: {type: 'complete', stopReason: 'tool_use'}, usage: usage({credits: 0.02, timestamp: '2026-09-02T08:00:04.000Z'})},
		{role: 'user', messageId: 2, content: [{type: 'tool_result', toolUseID: 'toolu_1', run: {status: 'done', result: 'src/config.ts:3'}}]},
		// no usage timestamp: the preceding prompt's sentAt
		{role: 'assistant', messageId: 3, content: [{type: 'text', text: 'found'}], state: {type: 'complete', stopReason: 'end_turn'}, usage: usage({inputTokens: 5, outputTokens: 20, cacheCreationInputTokens: 30, cacheReadInputTokens: 1000})},
	],
	...extra,
});
const PATH = '/h/.local/share/amp/threads/T-00000000-0000-7000-8000-000000000001.json';
const read = (doc: unknown, state?: {v: 1}) => readLines(createAmpReader, `${JSON.stringify(doc, null, 2)}\n`, {path: PATH, state});
const turns = (recs: LedgerRecord[]): TurnRecord[] => recs.flatMap((r) => (r.kind === 'turn' ? [r.record] : []));
const total = (ts: TurnRecord[]) => ts.reduce((a, t) => [a[0]! + t.usage.input, a[1]! + t.usage.output, a[2]! + t.usage.cacheRead, a[3]! + t.usage.cacheCreate5m], [0, 0, 0, 0]);

describe('Amp reader', () => {
	it('reads usage per assistant message (Anthropic semantics), keyed by thread and message id', () => {
		const out = read(thread());
		const ts = turns(out.records);
		expect(ts.map((t) => t.messageId)).toEqual(['T-00000000-0000-7000-8000-000000000001:1', 'T-00000000-0000-7000-8000-000000000001:3']);
		expect(total(ts)).toEqual([15, 70, 1000, 1030]);
		expect(ts[0]).toMatchObject({source: 'amp', sessionId: 'T-00000000-0000-7000-8000-000000000001', model: 'claude-sonnet-4-5-20250929', project: '/home/dev/my demo', ts: '2026-09-02T08:00:04.000Z', agentCost: 0.02});
		expect(ts[1]!.ts).toBe('2026-09-02T08:00:01.000Z');
		expect(ts[0]!.toolCalls).toEqual([expect.objectContaining({id: 'toolu_1', name: 'Grep', target: 'loadCfg'})]);
		expect(out.records.find((r) => r.kind === 'tool_result_event')!.record).toMatchObject({toolUseId: 'toolu_1', messageId: ts[0]!.messageId, status: 'completed'});
		const u = out.records.flatMap((r) => (r.kind === 'user_turn' ? [r.record] : [])).find((x) => x.blocks.some((b) => b.kind === 'tool_result'))!;
		expect([u.precedingMessageId, u.followingMessageId]).toEqual([ts[0]!.messageId, ts[1]!.messageId]);
	});

	it('reads the usage ledger of older threads (trap A1)', () => {
		const doc = {
			id: 'T-legacy',
			created: Date.parse('2025-12-06T05:46:00Z'),
			messages: [{role: 'user', messageId: 0, content: [{type: 'text', text: 'hi'}]}, {role: 'assistant', messageId: 1, content: [{type: 'text', text: 'hello'}]}],
			usageLedger: {events: [{id: 'ev-1', timestamp: '2025-12-06T05:46:41.000Z', model: 'claude-sonnet-4-5-20250929', credits: 0.03, tokens: {input: 900, output: 22}, fromMessageId: 0, toMessageId: 1}]},
		};
		const ts = turns(read(doc).records);
		expect(ts).toHaveLength(1);
		expect(ts[0]).toMatchObject({messageId: 'T-legacy:ev-1', ts: '2025-12-06T05:46:41.000Z', usage: expect.objectContaining({input: 900, output: 22})});
	});

	it('never adds a ledger event to the message usage it describes; a partial ledger adds only what messages lack (trap A2)', () => {
		const doc = thread({
			usageLedger: {
				events: [
					{id: 'ev-1', model: 'x', tokens: {input: 1010, output: 50}, toMessageId: 1},
					{id: 'ev-3', model: 'x', tokens: {input: 1035, output: 20}, toMessageId: 3},
				],
			},
		});
		expect(total(turns(read(doc).records))).toEqual([15, 70, 1000, 1030]);
		const partial = thread({usageLedger: {events: [{id: 'ev-9', model: 'claude-sonnet-4-5', tokens: {input: 7, output: 3}, toMessageId: 9}]}});
		expect(total(turns(read(partial).records))).toEqual([22, 73, 1000, 1030]);
	});

	it('a rewrite is read whole with the same keys (nothing added twice); a document caught mid-rewrite adds nothing (trap A4)', () => {
		const one = read(thread());
		const two = read(thread(), one.state);
		expect(turns(two.records).map((t) => t.messageId)).toEqual(turns(one.records).map((t) => t.messageId));
		expect(two.resumeOffset).toBe(0);
		const torn = readLines(createAmpReader, `${JSON.stringify(thread(), null, 2).slice(0, 300)}\n`, {path: PATH});
		expect(turns(torn.records)).toEqual([]);
		expect(torn.skips.badLines).toBe(1);
	});
});

describe('burn on Amp threads (sealed HOME)', () => {
	it('--source amp, under XDG_DATA_HOME and AMP_DATA_DIR', () => {
		const s = sealed();
		const dir = join(s.home, 'xdg', 'amp', 'threads');
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'T-00000000-0000-7000-8000-000000000001.json'), JSON.stringify(thread()));
		const run = (env: NodeJS.ProcessEnv) => {
			const r = runCli(['--json', '--since', 'all', '--source', 'amp'], env);
			expect(r.status, r.stderr).toBe(0);
			return JSON.parse(r.stdout) as {sessions: Array<{turns: number; usage: Record<string, number>; source: string}>};
		};
		expect(run({...s.env, XDG_DATA_HOME: join(s.home, 'xdg')}).sessions).toEqual([expect.objectContaining({source: 'amp', turns: 2})]);
		expect(run({...s.env, AMP_DATA_DIR: '~/xdg/amp'}).sessions).toHaveLength(1);
	});
});

describeShared('Amp: hand-made samples equal the reference totals (more-agents.md §11)', () => {
	it('current and legacy threads', () => {
		const s = sealed();
		const dir = join(s.home, '.local', 'share', 'amp', 'threads');
		mkdirSync(dir, {recursive: true});
		for (const name of ['T-0199e0a1-0000-7000-8000-0000000000a1', 'T-0199aaaa-0000-7000-8000-0000000000b2']) {
			const from = name.endsWith('a1') ? `handmade-${name}.json` : `handmade-legacy-${name}.json`;
			copyFileSync(shared('reference/agent-samples/amp', from), join(dir, `${name}.json`));
		}
		const r = runCli(['--json', '--since', 'all', '--source', 'amp'], s.env);
		const by = Object.fromEntries((JSON.parse(r.stdout) as {sessions: Array<{sessionId: string; turns: number; usage: Record<string, number>}>}).sessions.map((x) => [x.sessionId, x]));
		expect(by['T-0199e0a1-0000-7000-8000-0000000000a1']).toMatchObject({turns: 2, usage: expect.objectContaining({input: 20, cacheRead: 14_210, cacheCreate5m: 14_430, output: 137})});
		expect(by['T-0199aaaa-0000-7000-8000-0000000000b2']).toMatchObject({turns: 1, usage: expect.objectContaining({input: 9120, cacheRead: 0, cacheCreate5m: 0, output: 22})});
	});
});
