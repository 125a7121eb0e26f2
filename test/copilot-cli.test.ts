import {copyFileSync, mkdirSync} from 'node:fs';
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
