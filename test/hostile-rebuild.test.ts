// Issue 17: `burn ingest --rebuild` leaves no invalid record behind: broken records and
// garbage lines go, bad usage is stored repaired, valid lines stay byte for byte.
import {appendFileSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hostile, runBounded, turnsOf} from './helpers/hostile.js';

describe('--rebuild and invalid ledger records', () => {
	it('drops broken records and garbage, repairs bad usage; the next report is clean', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		const dir = join(h.burnHome, 'ledger');
		const partition = join(dir, readdirSync(dir).find((n) => n.endsWith('.jsonl'))!);
		const before = readFileSync(partition, 'utf8');
		const ts = new Date(Date.now() - 1_800_000).toISOString();
		const base = {v: 1, source: 'claude-code', sessionId: 'planted', turnIndex: 0, ts, model: 'claude-sonnet-4-5', toolCalls: []};
		const usage = {input: 5, output: 7, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0};
		const lines = [
			{v: 1, kind: 'turn', record: {...base, messageId: 'no-tool-calls', usage, toolCalls: undefined}},
			{v: 1, kind: 'turn', record: {...base, messageId: 'bad-usage', usage: {...usage, input: '12', cacheRead: -3}}},
			{v: 1, kind: 'user_turn', record: {v: 1, source: 'claude-code', sessionId: 'planted', userUuid: 'u', ts, blocks: 'oops'}},
		].map((l) => JSON.stringify(l));
		appendFileSync(partition, `${lines.join('\n')}\nnot json at all\n`);

		const dirty = runBounded(['--no-ingest', '--json', '--since', '7d'], h.env);
		expect(dirty.status).toBe(0);
		expect(turnsOf(dirty)).toBe(3);
		expect(dirty.stderr).toBe('burn: ledger holds bad input: 3 invalid record(s) skipped, 2 bad usage field(s) counted as 0 (burn ingest --rebuild rewrites it from the logs)\n');

		const rebuilt = runBounded(['ingest', '--rebuild'], h.env);
		expect(rebuilt.status).toBe(0);
		expect(rebuilt.stderr).toContain('--rebuild removed 3 invalid ledger line(s) and repaired 1 record(s) in 1 partition(s)');

		const after = readFileSync(partition, 'utf8');
		expect(after.startsWith(before)).toBe(true); // valid lines kept as they were
		const clean = runBounded(['--no-ingest', '--json', '--since', '7d'], h.env);
		expect(clean.stderr).toBe('');
		expect(turnsOf(clean)).toBe(3);
		const planted = JSON.parse(clean.stdout).sessions.find((s: {sessionId: string}) => s.sessionId === 'planted');
		expect(planted.usage.input).toBe(0);
		expect(planted.usage.output).toBe(7);

		// A second rebuild finds nothing to remove (it only appends the logs' records again).
		const again = runBounded(['ingest', '--rebuild'], h.env);
		expect(again.stderr).toBe('');
		expect(readFileSync(partition, 'utf8').startsWith(after)).toBe(true);
	});
});
