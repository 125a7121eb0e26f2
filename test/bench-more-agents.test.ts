/**
 * The bench generator of issue 18's agents (bench/gen-more-agents.ts): a small tree, read by
 * burn under a sealed HOME, gives per agent the totals the generator says it wrote.
 */
import {describe, expect, it} from 'vitest';
import {generateMoreAgents, MORE_AGENTS, type Totals} from '../bench/gen-more-agents.js';
import {runCli, sealed} from './helpers/cli.js';

type Row = {source: string; usage: {input: number; output: number; reasoning: number; cacheRead: number; cacheCreate5m: number; cacheCreate1h: number}};

describe('bench generator: Gemini, Qwen, Kimi, Copilot, Amp, Droid, Goose', () => {
	it('burn finds the true totals of every agent', () => {
		const s = sealed();
		const tree = generateMoreAgents(s.home, {sessions: 3, responses: 12, now: Date.parse('2026-09-10T00:00:00Z'), seed: 7});
		expect(tree.bytes).toBeGreaterThan(100_000);
		const r = runCli(['--json', '--since', 'all'], s.env);
		expect(r.status, r.stderr).toBe(0);
		const rows = (JSON.parse(r.stdout) as {sessions: Row[]}).sessions;
		const got: Record<string, Totals> = {};
		for (const row of rows) {
			const a = (got[row.source] ??= {input: 0, cacheRead: 0, cacheCreate: 0, output: 0, reasoning: 0, sessions: 0});
			a.input += row.usage.input;
			a.cacheRead += row.usage.cacheRead;
			a.cacheCreate += row.usage.cacheCreate5m + row.usage.cacheCreate1h;
			a.output += row.usage.output;
			a.reasoning += row.usage.reasoning;
			a.sessions++;
		}
		for (const a of MORE_AGENTS) expect({agent: a, ...got[a]}).toEqual({agent: a, ...tree.expected[a]});
	});
});
