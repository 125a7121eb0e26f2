import {copyFileSync, mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {describeShared, shared} from './helpers/shared.js';

const FIX = resolve(import.meta.dirname, 'fixtures/copilot');

function copilotHome(sessions: Record<string, string>, extra: NodeJS.ProcessEnv = {}, root = '.copilot') {
	const s = sealed(extra);
	for (const [id, from] of Object.entries(sessions)) {
		const dir = join(s.home, root, 'session-state', id);
		mkdirSync(dir, {recursive: true});
		copyFileSync(from, join(dir, 'events.jsonl'));
	}
	return s;
}

type Json = {sessions: Array<{sessionId: string; source: string; turns: number; usage: Record<string, number>; cost: number | null; partial?: string}>};
const json = (args: string[], env: NodeJS.ProcessEnv): Json => {
	const r = runCli(['--json', '--since', 'all', ...args], env);
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as Json;
};

describe('burn on Copilot CLI sessions (sealed HOME)', () => {
	it('says a session is partial when its run ended without a usage summary', () => {
		const s = copilotHome({'beef0000-0000-4000-8000-000000000002': join(FIX, 'crashed-events.jsonl')});
		const r = json(['--source', 'copilot'], s.env);
		expect(r.sessions).toHaveLength(1);
		expect(r.sessions[0]).toMatchObject({source: 'copilot', turns: 2, partial: 'input and cache tokens not logged for 2 of 2 responses'});
		expect(r.sessions[0]!.usage).toMatchObject({input: 0, output: 150, cacheRead: 0});
		expect(r.sessions[0]!.cost).toBeGreaterThan(0);
		const text = runCli(['--since', 'all', '--no-color'], {...s.env, COLUMNS: '200'});
		expect(text.stdout).toMatch(/partial: 1 session \(copilot\) lacks input and cache tokens/);
	});

	it('finds sessions under COPILOT_HOME', () => {
		const s = copilotHome({'beef0000-0000-4000-8000-000000000002': join(FIX, 'crashed-events.jsonl')}, {}, 'elsewhere');
		expect(json([], s.env).sessions).toEqual([]);
		expect(json([], {...s.env, COPILOT_HOME: '~/elsewhere'}).sessions.map((x) => x.turns)).toEqual([2]);
	});
});

describeShared('Copilot CLI: the real journal equals the reference totals (more-agents.md §11)', () => {
	it('vct-events-1.0.34: 6 responses, one clean shutdown', () => {
		const s = copilotHome({'96ef38f0-9d09-45c3-8124-6448c36090ed': shared('reference/agent-samples/copilot/vct-events-1.0.34.jsonl')});
		const r = json(['--source', 'copilot'], s.env);
		expect(r.sessions).toHaveLength(1);
		const x = r.sessions[0]!;
		expect(x.usage).toMatchObject({input: 35_071, cacheRead: 151_738, cacheCreate5m: 0, output: 2848});
		expect(x.partial).toBeUndefined();
		// 6 responses + the run's input side
		expect(x.turns).toBe(7);
		expect(x.cost).not.toBeNull();
	});
});

describe('Copilot CLI session-store.db', () => {
	const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {exec(sql: string): void; close(): void};
	// Hand-written rows in the shape docs/agents.md describes (input_tokens includes the cache).
	const SQL = `CREATE TABLE sessions (id TEXT PRIMARY KEY, cwd TEXT);
CREATE TABLE assistant_usage_events (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT, turn_index INTEGER, model TEXT, input_tokens INTEGER, output_tokens INTEGER, cache_read_tokens INTEGER, cache_write_tokens INTEGER, reasoning_tokens INTEGER, created_at TEXT);
INSERT INTO sessions VALUES ('store-only', '/home/dev/demo'), ('beef0000-0000-4000-8000-000000000002', '/home/dev/demo');
INSERT INTO assistant_usage_events (session_id, turn_index, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, created_at) VALUES
 ('store-only', 0, 'claude-sonnet-4.6', 2000, 100, 0, 1500, 0, '2026-09-03T09:00:12.000Z'),
 ('store-only', 1, 'claude-sonnet-4.6', 2300, 40, 1500, 200, 0, '2026-09-03T09:00:20.000Z'),
 ('beef0000-0000-4000-8000-000000000002', 0, 'gpt-5.1', 999, 999, 0, 0, 0, '2026-09-04T08:00:05.000Z');`;

	it('reads sessions that have no journal from the store, never adding a journal session’s rows', () => {
		const s = copilotHome({'beef0000-0000-4000-8000-000000000002': join(FIX, 'crashed-events.jsonl')});
		const db = new Database(join(s.home, '.copilot', 'session-store.db'));
		db.exec(SQL);
		db.close();
		const r = json(['--source', 'copilot'], s.env);
		const by = Object.fromEntries(r.sessions.map((x) => [x.sessionId, x]));
		expect(by['store-only']).toMatchObject({turns: 2, usage: expect.objectContaining({input: 500 + 600, cacheRead: 1500, cacheCreate5m: 1700, output: 140})});
		expect(by['beef0000-0000-4000-8000-000000000002']!.usage).toMatchObject({input: 0, output: 150});
		// a second run reads nothing again
		expect(json(['--source', 'copilot'], s.env).sessions.find((x) => x.sessionId === 'store-only')!.turns).toBe(2);
	});
});
