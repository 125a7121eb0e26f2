/**
 * The Qwen Code and Kimi CLI samples of ../shared/reference/agent-samples (hand-made from the
 * writers' source) read by the readers alone, against the reference totals of the format
 * note (§11). What the ledger adds (one version per key, copies across sessions once) is
 * done here by hand; agents-e2e.test.ts checks the same totals through the CLI.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {createKimiReader} from '../source/sources/kimi/reader.js';
import {createQwenReader} from '../source/sources/qwen/reader.js';
import {readFileLines} from './helpers/read-lines.js';
import {describeShared, shared} from './helpers/shared.js';

const turnsOf = (records: LedgerRecord[]): TurnRecord[] => records.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);
const sum = (ts: TurnRecord[]) => ts.reduce((a, t) => ({n: a.n + 1, input: a.input + t.usage.input, cacheRead: a.cacheRead + t.usage.cacheRead, output: a.output + t.usage.output, reasoning: a.reasoning + t.usage.reasoning}), {n: 0, input: 0, cacheRead: 0, output: 0, reasoning: 0});

function walk(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, {withFileTypes: true})) {
		if (e.isDirectory()) walk(join(dir, e.name), out);
		else if (e.name === 'wire.jsonl') out.push(join(dir, e.name));
	}
	return out;
}

describeShared('Qwen Code and Kimi CLI samples equal the reference totals', () => {
	it('Qwen: S1 and its /branch copy S2 give 3 responses (the copied one once), telemetry ignored', () => {
		const dir = shared('reference/agent-samples/qwen');
		const all = ['handmade-chats-S1.jsonl', 'handmade-chats-S2-branch.jsonl'].flatMap((f) => turnsOf(readFileLines(createQwenReader, join(dir, f)).records));
		expect(all).toHaveLength(4);
		// The copy index: one copy per response key (message id + request id).
		const once = new Map(all.map((t) => [`${t.messageId}\n${t.requestId}`, t]));
		expect(sum([...once.values()])).toEqual({n: 3, input: 13_084, cacheRead: 23_936, output: 265, reasoning: 40});
	});

	it('Kimi: main wire and subagent wire give 3 steps, the mirrored one once', () => {
		const files = walk(shared('reference/agent-samples/kimi/sessions'));
		expect(files).toHaveLength(2);
		const all = files.flatMap((f) => turnsOf(readFileLines(createKimiReader('kimi-k2-turbo-preview'), f).records));
		expect(all).toHaveLength(4);
		const once = new Map(all.map((t) => [`${t.sessionId}|${t.messageId}`, t]));
		expect(sum([...once.values()])).toEqual({n: 3, input: 2_450, cacheRead: 14_848, output: 270, reasoning: 0});
	});
});
