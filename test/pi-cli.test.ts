import {copyFileSync, mkdirSync, writeFileSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {describeShared, shared} from './helpers/shared.js';

const FIX = resolve(import.meta.dirname, 'fixtures/pi');
const SESSIONS = '.pi/agent/sessions/--home-dev-demo--';

function piHome(files: Record<string, string>, extra: NodeJS.ProcessEnv = {}) {
	const s = sealed(extra);
	const dir = join(s.home, SESSIONS);
	mkdirSync(dir, {recursive: true});
	for (const [name, from] of Object.entries(files)) copyFileSync(from, join(dir, name));
	return s;
}

const json = (args: string[], env: NodeJS.ProcessEnv) => {
	const r = runCli(['--json', '--since', 'all', ...args], env);
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as {
		grandTotal: number;
		leftOut: {crossSessionCopies: number};
		sessions: Array<{sessionId: string; source: string; turns: number; usage: Record<string, number>; cost: number; agentCost?: number; agentCostDiffers?: boolean}>;
	};
};

describe('burn on pi sessions (sealed HOME)', () => {
	it('counts a branched session’s copies of its parent’s responses once, and --source pi selects them', () => {
		const s = piHome({
			'2026-03-01T10-00-00-000Z_aaaaaaaa-0000-4000-8000-000000000001.jsonl': join(FIX, 'parent.jsonl'),
			'2026-03-01T11-00-00-000Z_bbbbbbbb-0000-4000-8000-000000000002.jsonl': join(FIX, 'branch.jsonl'),
		});
		const r = json(['--source', 'pi'], s.env);
		const turns = r.sessions.reduce((n, x) => n + x.turns, 0);
		expect(turns).toBe(4); // 2 in the parent + 2 new in the branch (the aborted one without usage is no turn)
		const sum = (k: string) => r.sessions.reduce((n, x) => n + x.usage[k]!, 0);
		expect([sum('input'), sum('output'), sum('cacheRead'), sum('cacheCreate5m')]).toEqual([1235, 84, 9160, 3100]);
		expect(r.leftOut.crossSessionCopies).toBe(2);
		expect(r.grandTotal).toBeCloseTo(0.01545 + 0.001335 + 0.001578 + 0.000975, 6);
		for (const x of r.sessions) {
			expect(x.source).toBe('pi');
			expect(x.agentCostDiffers).toBeUndefined();
			expect(x.agentCost).toBeCloseTo(x.cost, 9);
		}
		const other = json(['--source', 'codex'], s.env);
		expect(other.sessions).toEqual([]);
	});

	it("says when pi's own cost disagrees with ours by more than 1 %", () => {
		const s = sealed();
		const dir = join(s.home, SESSIONS);
		mkdirSync(dir, {recursive: true});
		const text = readFileSync(join(FIX, 'parent.jsonl'), 'utf8').replace('"total":0.01545', '"total":0.03');
		writeFileSync(join(dir, '2026-03-01T10-00-00-000Z_aaaaaaaa-0000-4000-8000-000000000001.jsonl'), text);
		const r = json([], s.env);
		expect(r.sessions[0]).toMatchObject({agentCostDiffers: true});
		expect(r.sessions[0]!.agentCost).toBeCloseTo(0.031335, 9);
		const plain = runCli(['--since', 'all', '--no-color'], {...s.env, COLUMNS: '200'});
		expect(plain.stdout).toMatch(/agent's own cost differs from ours by more than 1% in 1 session \(pi; e\.g\. aaaaaaaa/);
	});

	it('--demo has a pi session and a branch of it, the copies counted once', () => {
		const s = sealed();
		const r = json(['--demo', '--source', 'pi'], {...s.env, TMPDIR: join(s.home, '..')});
		expect(r.sessions).toHaveLength(2);
		expect(r.leftOut.crossSessionCopies).toBeGreaterThan(10);
		for (const x of r.sessions) expect(x.agentCost).toBeCloseTo(x.cost, 9);
	});

	it('finds sessions under PI_CODING_AGENT_DIR', () => {
		const s = sealed();
		const dir = join(s.home, 'elsewhere', 'sessions', '--x--');
		mkdirSync(dir, {recursive: true});
		copyFileSync(join(FIX, 'parent.jsonl'), join(dir, '2026-03-01T10-00-00-000Z_aaaaaaaa-0000-4000-8000-000000000001.jsonl'));
		const r = json([], {...s.env, PI_CODING_AGENT_DIR: '~/elsewhere'});
		expect(r.sessions.map((x) => x.turns)).toEqual([2]);
	});
});

describeShared('pi: real samples equal the reference totals (more-agents.md §11)', () => {
	const SAMPLES = shared('reference/agent-samples/pi');
	it('agenthistory v3 and pimono v1 branched + compaction', () => {
		const s = piHome({
			'2026-06-05T05-24-28-246Z_019e963d-6bd6-7ade-8a49-256ac3391bdd.jsonl': join(SAMPLES, 'agenthistory-v3-2026-06-05.jsonl'),
			'2025-12-09T00-53-29-825Z_ffae836b-9420-4060-ac13-7745215f90ff.jsonl': join(SAMPLES, 'pimono-v1-branched-compaction.jsonl'),
		});
		const r = json(['--source', 'pi'], s.env);
		const by = Object.fromEntries(r.sessions.map((x) => [x.sessionId, x]));
		const v3 = by['019e963d-6bd6-7ade-8a49-256ac3391bdd']!;
		expect(v3.usage).toMatchObject({input: 433, cacheRead: 0, cacheCreate5m: 0, output: 9});
		expect(v3.agentCost).toBeCloseTo(0.002435, 9);
		const v1 = by['ffae836b-9420-4060-ac13-7745215f90ff']!;
		expect(v1.usage).toMatchObject({input: 3689, cacheRead: 54_693_675, cacheCreate5m: 1_685_320, output: 187_895});
		// 484 responses, of which 13 aborted/errored without usage are not turns (6 with usage are)
		expect(v1.turns).toBe(471);
		expect(v1.agentCost).toBeCloseTo(42.6, 2);
		expect(v1.agentCostDiffers).toBeUndefined();
	});
});
