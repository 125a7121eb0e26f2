import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {TurnRecord} from '../source/core/records.js';
import {createGooseReader, type GooseState} from '../source/sources/goose/reader.js';
import {readGooseDb, sqliteTime} from '../source/sources/goose/db.js';
import {readLines} from './helpers/read-lines.js';
import {runCli, sealed} from './helpers/cli.js';
import {tmp} from './helpers/tmp.js';
import {describeShared, shared} from './helpers/shared.js';

type Db = {exec(sql: string): void; prepare(sql: string): {run(...a: unknown[]): unknown}; close(): void};
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => Db;

// Hand-written legacy session file: metadata line (last-request and accumulated sums), then messages.
const legacy = (acc: [number, number], last: [number, number] = [9000, 100], created = 1751364920) =>
	[
		JSON.stringify({working_dir: '/home/dev/demo', description: 'x', message_count: 2, total_tokens: last[0] + last[1], input_tokens: last[0], output_tokens: last[1], accumulated_total_tokens: acc[0] + acc[1], accumulated_input_tokens: acc[0], accumulated_output_tokens: acc[1]}),
		JSON.stringify({id: 'm1', role: 'user', created: 1751364900, content: [{type: 'text', text: 'fix it'}]}),
		JSON.stringify({id: 'm2', role: 'assistant', created, content: [{type: 'toolRequest', id: 'tr_1', toolCall: {status: 'success', value: {name: 'developer__shell', arguments: {command: 'npm test'}}}}]}),
	].join('\n');
const PATH = '/h/.local/share/goose/sessions/20250701_101500.jsonl';
const read = (text: string, state?: GooseState) => readLines(createGooseReader, `${text}\n`, {path: PATH, state});
const turns = (o: {records: Array<{kind: string; record: unknown}>}): TurnRecord[] => o.records.flatMap((r) => (r.kind === 'turn' ? [r.record as TurnRecord] : []));

describe('Goose legacy session files', () => {
	it('count the accumulated sums (never the last request) as deltas, at the latest message', () => {
		const one = read(legacy([20_000, 500]));
		expect(turns(one).map((t) => [t.usage.input, t.usage.output, t.ts, t.project, t.sessionId])).toEqual([[20_000, 500, '2025-07-01T10:15:20.000Z', '/home/dev/demo', '20250701_101500']]);
		const two = read(legacy([31_000, 700], [11_000, 200], 1751365000), one.state);
		expect(turns(two).map((t) => [t.usage.input, t.usage.output])).toEqual([[11_000, 200]]);
		expect(turns(read(legacy([31_000, 700]), two.state))).toEqual([]);
		expect(turns(two)[0]!.fidelity).toMatchObject({granularity: 'per-session-aggregate'});
	});

	it('without accumulated sums, count nothing (the unprefixed counts are one request, not a total)', () => {
		const meta = JSON.stringify({working_dir: '/x', total_tokens: 100, input_tokens: 90, output_tokens: 10});
		expect(turns(read(meta))).toEqual([]);
	});
});

describe('Goose sessions.db', () => {
	const schema = `CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT, working_dir TEXT, session_type TEXT, created_at TIMESTAMP, updated_at TIMESTAMP, provider_name TEXT, model_config_json TEXT, total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER, accumulated_total_tokens INTEGER, accumulated_input_tokens INTEGER, accumulated_output_tokens INTEGER COSTCOL);`;
	const make = (withCost: boolean) => {
		const path = join(tmp(), 'sessions.db');
		const db = new Database(path);
		db.exec(schema.replace(' COSTCOL', withCost ? ', accumulated_cost REAL' : ''));
		db.close();
		return path;
	};
	const put = (path: string, id: string, acc: [number, number], updated: string, cost?: number) => {
		const db = new Database(path);
		const cols = 'id, working_dir, session_type, created_at, updated_at, provider_name, model_config_json, total_tokens, input_tokens, output_tokens, accumulated_input_tokens, accumulated_output_tokens' + (cost !== undefined ? ', accumulated_cost' : '');
		const vals = [id, '/home/dev/demo', 'user', '2026-09-02 10:00:00', updated, 'anthropic', JSON.stringify({model_name: 'claude-sonnet-4-5'}), 1, 1, 1, acc[0], acc[1], ...(cost !== undefined ? [cost] : [])];
		db.prepare(`INSERT OR REPLACE INTO sessions (${cols}) VALUES (${vals.map(() => '?').join(', ')})`).run(...vals);
		db.close();
	};

	it('turns each row’s growth into a turn at its updated_at, with Goose’s own cost beside it', () => {
		const path = make(true);
		put(path, '20260902_1', [40_000, 1000], '2026-09-02 10:31:12', 0.2);
		const one = readGooseDb(path, undefined);
		expect(turns(one).map((t) => [t.sessionId, t.usage.input, t.usage.output, t.ts, t.model, t.agentCost])).toEqual([['20260902_1', 40_000, 1000, '2026-09-02T10:31:12.000Z', 'claude-sonnet-4-5', 0.2]]);
		put(path, '20260902_1', [50_000, 1500], '2026-09-02 11:00:00', 0.26);
		const two = readGooseDb(path, one.state);
		const t = turns(two)[0]!;
		expect([t.usage.input, t.usage.output, t.ts]).toEqual([10_000, 500, '2026-09-02T11:00:00.000Z']);
		expect(t.agentCost).toBeCloseTo(0.06, 9);
		expect(turns(readGooseDb(path, two.state))).toEqual([]);
	});

	it('reads stores without the cost column (schema before 13)', () => {
		const path = make(false);
		put(path, 's1', [10, 2], '2026-09-02 10:00:00');
		expect(turns(readGooseDb(path, undefined)).map((t) => t.usage.input)).toEqual([10]);
	});

	it('reads SQLite times as UTC', () => {
		expect(sqliteTime('2026-09-02 10:31:12')).toBe('2026-09-02T10:31:12.000Z');
		expect(sqliteTime('2026-09-02T10:31:12+02:00')).toBe('2026-09-02T08:31:12.000Z');
		expect(sqliteTime(1751364920)).toBe('2025-07-01T10:15:20.000Z');
	});
});

describe('burn on Goose sessions (sealed HOME)', () => {
	it('--source goose reads the database and legacy files; a legacy file without a model is unpriced', () => {
		const s = sealed();
		const dir = join(s.home, 'groot', 'data', 'sessions');
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, '20250701_101500.jsonl'), `${legacy([20_000, 500])}\n`);
		const r = runCli(['--json', '--since', 'all', '--source', 'goose'], {...s.env, GOOSE_PATH_ROOT: '~/groot'});
		expect(r.status, r.stderr).toBe(0);
		const j = JSON.parse(r.stdout) as {sessions: Array<{turns: number; totalsOnly?: boolean; cost: number | null}>; unpriced: {turns: number}};
		expect(j.sessions).toEqual([expect.objectContaining({turns: 1, totalsOnly: true, cost: null})]);
		expect(j.unpriced.turns).toBe(1);
	});
});

describeShared('Goose: hand-made samples equal the reference totals (more-agents.md §11)', () => {
	it('legacy file and sessions.db rows', () => {
		const s = sealed();
		const dir = join(s.home, '.local', 'share', 'goose', 'sessions');
		mkdirSync(dir, {recursive: true});
		copyFileSync(shared('reference/agent-samples/goose/handmade-legacy-20250701_101500.jsonl'), join(dir, '20250701_101500.jsonl'));
		const db = new Database(join(dir, 'sessions.db'));
		db.exec(readFileSync(shared('reference/agent-samples/goose/handmade-sessions-subset.sql'), 'utf8'));
		db.close();
		const r = runCli(['--json', '--since', 'all', '--source', 'goose'], s.env);
		const by = Object.fromEntries((JSON.parse(r.stdout) as {sessions: Array<{sessionId: string; usage: Record<string, number>}>}).sessions.map((x) => [x.sessionId, x]));
		expect(by['20250701_101500']!.usage).toMatchObject({input: 40_900, output: 1215});
		expect(by['20260902_1']!.usage).toMatchObject({input: 40_900, output: 1215});
	});
});
