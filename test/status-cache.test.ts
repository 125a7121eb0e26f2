// `burn status` from the kept turns (source/live/today-cache.ts): with nothing new it prints
// what a status made without the cache prints, and what the full report says for today; an
// append or another price book is read again.
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs, jsonOf} from './helpers/e2e.js';
import {append, claudeLine} from './helpers/live.js';
import {tmp} from './helpers/tmp.js';

const S1 = '11111111-2222-4333-8444-555555555555';
const S2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';

function setup() {
	const dirs = emptyAgentDirs(tmp('burn-status-cache-'));
	const iso = (agoMin: number) => new Date(Date.now() - agoMin * 60_000).toISOString();
	const log = (id: string) => join(dirs.CLAUDE_CONFIG_DIR, 'projects', '-tmp-live-app', `${id}.jsonl`);
	append(log(S1), claudeLine({session: S1, uuid: 'a1', msg: 'msg_1', req: 'req_1', ts: iso(2), output: 300}));
	append(log(S2), claudeLine({session: S2, uuid: 'b0', msg: 'msg_0', req: 'req_0', ts: iso(3 * 24 * 60), output: 300}));
	append(log(S2), claudeLine({session: S2, uuid: 'b1', msg: 'msg_2', req: 'req_2', ts: iso(8), output: 100, model: 'claude-opus-4-1'}));
	const s = sealed({...dirs, TZ: 'UTC'});
	return {s, log, iso};
}

type Status = {cost: number; turns: number; sessions: number; activeSessions: number; ratePerHour: number; unpricedTurns: number};
const status = (env: NodeJS.ProcessEnv) => jsonOf<Status>(runCli(['status', '--json'], env));
const uncached = (env: NodeJS.ProcessEnv) => status({...env, BURN_REPORT_CACHE: 'off'});

describe('burn status from the kept turns', () => {
	it('nothing new: the same object as a status made afresh, and as the full report of today', () => {
		const {s} = setup();
		const first = status(s.env);
		expect(existsSync(join(s.burnHome, 'status-cache'))).toBe(true);
		const kept = status(s.env);
		expect(kept).toEqual(first);
		expect(kept).toEqual(uncached(s.env));
		const midnight = new Date();
		midnight.setUTCHours(0, 0, 0, 0);
		const report = jsonOf<{grandTotal: number; turnsAnalyzed: number; sessions: unknown[]}>(runCli(['--json', '--no-ingest', '--since', midnight.toISOString()], s.env));
		expect(kept.cost).toBeCloseTo(report.grandTotal, 12);
		expect(kept.turns).toBe(report.turnsAnalyzed);
		expect(kept.sessions).toBe(report.sessions.length);
		expect(kept.turns).toBeGreaterThan(0);
	});

	it('an append is read again: equal to a status made afresh', () => {
		const {s, log, iso} = setup();
		const before = status(s.env);
		append(log(S1), claudeLine({session: S1, uuid: 'a2', parent: 'a1', msg: 'msg_3', req: 'req_3', ts: iso(1), output: 5000}));
		const after = status(s.env);
		expect(after.cost).toBeGreaterThan(before.cost);
		expect(after).toEqual(uncached(s.env));
	});

	it('another price book is read again', () => {
		const {s} = setup();
		const before = status(s.env);
		writeFileSync(join(s.burnHome, 'pricing.json'), JSON.stringify({anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 900, output: 9000}}, 'claude-opus-4-1': {cost: {input: 900, output: 9000}}}}}));
		const after = status(s.env);
		expect(after.cost).not.toBe(before.cost);
		expect(after).toEqual(uncached(s.env));
	});
});
