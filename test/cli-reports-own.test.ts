// End-to-end: the report rules of cli-reports.test.ts on data of our own — the demo logs of
// our generator (source/demo: Claude Code with subagents, Codex, OpenCode), so a plain clone
// without ../shared still checks them. Figures are checked against each other (sources and
// providers add up to the whole, filters keep only what they name), not against a real corpus.
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, type Sealed} from './helpers/cli.js';
import {demoAgentDirs, expectOneErrorLine, jsonOf, sealedKept, sumUsage, USAGE_KEYS} from './helpers/e2e.js';

type Report = any;
let env: Sealed & {root: string};
let all: Report;

beforeAll(() => {
	env = sealedKept();
	Object.assign(env.env, demoAgentDirs(join(env.root, 'agents')));
	all = jsonOf(runCli(['--json', '--since', 'all'], env.env));
});

const report = (...args: string[]): Report => jsonOf(runCli(['--json', ...args], env.env));
const ids = (r: Report) => (r.sessions as Array<{sessionId: string}>).map((s) => s.sessionId).sort();
const costSum = (r: Report) => (r.sessions as Array<{cost: number | null}>).reduce((n, s) => n + (s.cost ?? 0), 0);
const ofSource = (r: Report, source: string) => r.sessions.filter((s: any) => s.source === source);

describe('burn --json --since all on our demo logs', () => {
	it('three sources; token counts are integers; dollars add up', () => {
		expect(new Set(all.sessions.map((s: any) => s.source))).toEqual(new Set(['claude-code', 'codex', 'opencode']));
		for (const s of all.sessions) for (const k of USAGE_KEYS) expect(Number.isInteger(s.usage[k]) && s.usage[k] >= 0, `${s.sessionId}.${k}`).toBe(true);
		expect(all.grandTotal).toBeGreaterThan(0);
		expect(all.grandTotal).toBeCloseTo(costSum(all), 6);
		expect(all.attributedTotal + all.unattributedTotal).toBeCloseTo(all.grandTotal, 6);
		expect(all.turnsAnalyzed).toBe(all.sessions.reduce((n: number, s: any) => n + s.turns, 0));
	});

	it('subagent threads roll up into their parent session', () => {
		const parents = all.sessions.filter((s: any) => s.threads.length > 0);
		expect(parents.length).toBeGreaterThan(0);
		for (const p of parents) for (const k of USAGE_KEYS) expect(sumUsage(p.threads)[k]).toBeLessThanOrEqual(p.usage[k]);
	});
});

describe('filters on our demo logs', () => {
	it('--source: each source alone; the three add up to all', () => {
		let dollars = 0;
		let turns = 0;
		for (const source of ['claude-code', 'codex', 'opencode']) {
			const r = report('--since', 'all', '--source', source);
			expect(ids(r)).toEqual(ofSource(all, source).map((s: any) => s.sessionId).sort());
			expect(sumUsage(r.sessions)).toEqual(sumUsage(ofSource(all, source)));
			dollars += r.grandTotal;
			turns += r.turnsAnalyzed;
		}
		expect(dollars).toBeCloseTo(all.grandTotal, 6);
		expect(turns).toBe(all.turnsAnalyzed);
	});

	it('--project keeps only that project', () => {
		const project = all.sessions[0].project as string;
		const r = report('--since', 'all', '--project', project);
		expect(r.sessions.length).toBeGreaterThan(0);
		for (const s of r.sessions) expect(s.project).toBe(project);
		expect(ids(r)).toEqual(all.sessions.filter((s: any) => s.project === project).map((s: any) => s.sessionId).sort());
		expect(report('--since', 'all', '--project', '/no/such/project').sessions).toEqual([]);
	});

	it('--since/--until: a window of one (UTC) day holds only turns of that day', () => {
		const day = (all.sessions[0].lastTs as string).slice(0, 10);
		const r = report('--since', day, '--until', day);
		expect(r.window).toEqual({since: `${day}T00:00:00.000Z`, until: `${day}T23:59:59.999Z`});
		expect(r.sessions.length).toBeGreaterThan(0);
		for (const s of r.sessions) {
			expect(s.firstTs.slice(0, 10)).toBe(day);
			expect(s.lastTs.slice(0, 10)).toBe(day);
		}
		expect(r.grandTotal).toBeLessThan(all.grandTotal);
	});
});

describe('--session on our demo logs', () => {
	it('a unique prefix gives the same report as the full id', () => {
		const id = all.sessions[0].sessionId as string;
		const full = report('--session', id, '--since', 'all');
		expect(full.sessionId).toBe(id);
		expect(full.usage).toEqual(all.sessions[0].usage);
		const prefix = all.sessions.map((s: any) => s.sessionId as string);
		let n = 4;
		while (prefix.filter((p: string) => p.startsWith(id.slice(0, n))).length > 1) n++;
		expect(report('--session', id.slice(0, n), '--since', 'all').sessionId).toBe(id);
	});

	it('an unknown id: exit 1 with one line on stderr, nothing on stdout', () => {
		for (const args of [['--session', 'deadbeef'], ['--session', 'deadbeef', '--json']]) {
			const r = runCli(args, env.env);
			expect(r.status).toBe(1);
			expect(r.stdout).toBe('');
			expectOneErrorLine(r.stderr);
			expect(r.stderr).toContain('deadbeef');
		}
	});

	it('an ambiguous prefix: exit 1 with one line', () => {
		const r = runCli(['--session', 'ses_'], env.env); // every OpenCode session id starts so
		expect(ofSource(all, 'opencode').length).toBeGreaterThan(1);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expectOneErrorLine(r.stderr);
		expect(r.stderr).toMatch(/ambiguous/);
	});
});

describe('text report on our demo logs (no TTY)', () => {
	it('header, totals of the JSON, --limit', () => {
		const r = runCli(['--since', 'all'], env.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout.split('\n')[0]).toBe('burn · all time · claude-code, codex, opencode');
		expect(r.stdout).toContain(`${all.turnsAnalyzed.toLocaleString('en-US')} turns`);
		expect(r.stdout).toContain(`${all.sessions.length} sessions`);
		expect(r.stdout).not.toMatch(/\x1b/);
		const two = runCli(['--since', 'all', '--limit', '2'], env.env).stdout;
		expect(two).toMatch(new RegExp(`… ${all.sessions.length - 2} more`));
	});
});
