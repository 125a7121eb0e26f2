// End-to-end: `burn status` — one line (or one JSON object) of today's spend, active sessions and
// burn rate; `--budget` exits 3 when today is over it. Sealed HOME, BURN_HOME and CLAUDE_CONFIG_DIR.
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs, jsonOf} from './helpers/e2e.js';
import {append, claudeLine} from './helpers/live.js';
import {tmp} from './helpers/tmp.js';

const S1 = '11111111-2222-4333-8444-555555555555';
const S2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';

/** Sonnet at $3/M input, $15/M output: 1000 in + 300 out = $0.0075; 1000 in + 100 out = $0.0045. */
function setup() {
	const dirs = emptyAgentDirs(tmp('burn-status-'));
	const now = Date.now();
	const iso = (agoMin: number) => new Date(now - agoMin * 60_000).toISOString();
	const log = (id: string) => join(dirs.CLAUDE_CONFIG_DIR, 'projects', '-tmp-live-app', `${id}.jsonl`);
	// S1: active (2 minutes ago), S2: 30 minutes ago (today when the day is older than that),
	// and an old response of S2, 3 days ago (not today).
	append(log(S1), claudeLine({session: S1, uuid: 'a1', msg: 'msg_1', req: 'req_1', ts: iso(2), output: 300}));
	append(log(S2), claudeLine({session: S2, uuid: 'b0', msg: 'msg_0', req: 'req_0', ts: iso(3 * 24 * 60), output: 300}));
	append(log(S2), claudeLine({session: S2, uuid: 'b1', msg: 'msg_2', req: 'req_2', ts: iso(30), output: 100}));
	return sealed({...dirs, TZ: 'UTC'});
}

/** What the two recent responses should give today (the second only when today began before it). */
function expected(): {cost: number; sessions: number} {
	const midnight = new Date();
	midnight.setUTCHours(0, 0, 0, 0);
	const s2Today = Date.now() - 30 * 60_000 >= midnight.getTime();
	return {cost: 0.0075 + (s2Today ? 0.0045 : 0), sessions: s2Today ? 2 : 1};
}

describe('burn status', () => {
	it('prints one line: today, active sessions, burn rate', () => {
		const s = setup();
		const r = runCli(['status'], s.env);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout.split('\n')).toHaveLength(2);
		expect(r.stdout).toBe(`$${expected().cost.toFixed(2)} today · 1 active · $0.01/h\n`);
	});

	it('--json gives one object; --no-ingest reads the ledger as it is', () => {
		const s = setup();
		const before = jsonOf(runCli(['status', '--json', '--no-ingest'], s.env));
		expect(before).toMatchObject({cost: 0, turns: 0, activeSessions: 0, budget: null, overBudget: false});
		const r = jsonOf(runCli(['status', '--json'], s.env));
		const want = expected();
		expect(r.cost).toBeCloseTo(want.cost, 10);
		expect(r.sessions).toBe(want.sessions);
		expect(r.turns).toBe(want.sessions);
		expect(r.activeSessions).toBe(1);
		expect(r.ratePerHour).toBeCloseTo(0.0075 + 0.0045, 10);
		expect(r.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(r.unpricedTurns).toBe(0);
	});

	it('--budget: exit 0 under, 3 over (and says so)', () => {
		const s = setup();
		const under = runCli(['status', '--budget', '5'], s.env);
		expect(under.status).toBe(0);
		expect(under.stdout).toMatch(/ · budget \$5\.00\n$/);
		const over = runCli(['status', '--budget', '0.005'], s.env);
		expect(over.status).toBe(3);
		expect(over.stdout).toMatch(/ · OVER budget \$0\.01\n$/);
		const json = runCli(['status', '--json', '--budget=0.005'], s.env);
		expect(json.status).toBe(3);
		expect(jsonOf({...json, status: 0})).toMatchObject({budget: 0.005, overBudget: true});
	});

	it('usage errors exit 2 before any work', () => {
		const s = setup();
		for (const args of [['status', '--budget'], ['status', '--budget', 'lots'], ['status', '--budget', '0'], ['--budget', '5'], ['status', '--alert', '5'], ['status', '--since', '7d'], ['watch', '--budget', '3']]) {
			const r = runCli(args, s.env);
			expect(r.status, args.join(' ')).toBe(2);
			expect(r.stdout).toBe('');
		}
		// Nothing was ingested by the refused runs.
		expect(jsonOf(runCli(['status', '--json', '--no-ingest'], s.env)).turns).toBe(0);
	});
});
