import {copyFileSync, mkdirSync, renameSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {TurnRecord} from '../source/core/records.js';
import {createDroidReader, droidModel, type DroidState} from '../source/sources/droid/reader.js';
import {deltaOf} from '../source/sources/totals.js';
import {readLines} from './helpers/read-lines.js';
import {runCli, sealed} from './helpers/cli.js';
import {describeShared, shared} from './helpers/shared.js';

// Hand-written settings files in the shape docs/agents.md describes.
const settings = (u: [number, number, number, number, number], model = 'custom:Claude-Sonnet-4.5-[Anthropic]-0') =>
	JSON.stringify({model, providerLock: 'anthropic', providerLockTimestamp: '2026-09-02T08:00:00.000Z', tokenUsage: {inputTokens: u[0], outputTokens: u[1], cacheCreationTokens: u[2], cacheReadTokens: u[3], thinkingTokens: u[4]}}, null, 2);
const PATH = '/h/.factory/sessions/-home-dev-demo/5e5e0000-0000-4000-8000-000000000001.settings.json';
const read = (text: string, state?: DroidState) => readLines(createDroidReader, `${text}\n`, {path: PATH, state});
const turns = (o: ReturnType<typeof read>): TurnRecord[] => o.records.flatMap((r) => (r.kind === 'turn' ? [r.record] : []));

describe('Factory Droid reader', () => {
	it('turns the running totals into deltas between the snapshots it reads', () => {
		const one = read(settings([100, 50, 1000, 2000, 10]));
		const two = read(settings([160, 90, 1200, 5000, 30]), one.state);
		const same = read(settings([160, 90, 1200, 5000, 30]), two.state);
		expect(turns(one).map((t) => t.usage)).toEqual([{input: 100, output: 50, reasoning: 10, cacheRead: 2000, cacheCreate5m: 1000, cacheCreate1h: 0}]);
		expect(turns(two).map((t) => t.usage)).toEqual([{input: 60, output: 40, reasoning: 20, cacheRead: 3000, cacheCreate5m: 200, cacheCreate1h: 0}]);
		expect(turns(same)).toEqual([]);
		const t = turns(two)[0]!;
		expect(t).toMatchObject({source: 'droid', sessionId: '5e5e0000-0000-4000-8000-000000000001', model: 'claude-sonnet-4-5', stopReason: 'totals'});
		expect(t.fidelity).toMatchObject({granularity: 'per-session-aggregate', class: 'aggregate-only'});
		expect(turns(one)[0]!.messageId).not.toBe(t.messageId);
	});

	it('a drop in any count starts a new epoch, counted whole (trap D2)', () => {
		expect(deltaOf({input: 5, output: 1, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0}, {input: 3, output: 9, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0})).toEqual({
			delta: {input: 5, output: 1, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0},
			reset: true,
		});
	});

	it('a file caught mid-rewrite adds nothing and keeps the last totals (trap D1)', () => {
		const one = read(settings([100, 50, 1000, 2000, 10]));
		const torn = read(settings([160, 90, 1200, 5000, 30]).slice(0, 80), one.state);
		expect(turns(torn)).toEqual([]);
		expect(torn.state).toEqual(one.state);
	});

	it('spells models as the price book knows them', () => {
		expect(droidModel('custom:Claude-Opus-4.5-Thinking-[Anthropic]-0')).toBe('claude-opus-4-5');
		expect(droidModel('custom:Claude-Sonnet-4.5-[Anthropic]-0')).toBe('claude-sonnet-4-5');
		expect(droidModel('gpt-5.1-codex')).toBe('gpt-5.1-codex');
	});
});

type Report = {sessions: Array<{sessionId: string; turns: number; usage: Record<string, number>; totalsOnly?: boolean; lastTs: string}>; daily: Array<{date: string}>};
const json = (env: NodeJS.ProcessEnv): Report => {
	const r = runCli(['--json', '--since', 'all', '--source', 'droid'], env);
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as Report;
};

describe('burn on Droid sessions (sealed HOME)', () => {
	it('counts each growth once, at the file’s time, also when the file is replaced by a rename', () => {
		const s = sealed();
		const dir = join(s.home, '.factory', 'sessions', '-home-dev-demo');
		mkdirSync(dir, {recursive: true});
		const file = join(dir, '5e5e0000-0000-4000-8000-000000000001.settings.json');
		writeFileSync(file, settings([100, 50, 1000, 2000, 10]));
		utimesSync(file, new Date('2026-09-02T09:00:00Z'), new Date('2026-09-02T09:00:00Z'));
		expect(json(s.env).sessions[0]).toMatchObject({turns: 1, totalsOnly: true, lastTs: '2026-09-02T09:00:00.000Z'});
		writeFileSync(`${file}.tmp`, settings([160, 90, 1200, 5000, 30]));
		utimesSync(`${file}.tmp`, new Date('2026-09-03T09:00:00Z'), new Date('2026-09-03T09:00:00Z'));
		renameSync(`${file}.tmp`, file);
		const r = json(s.env);
		expect(r.sessions[0]).toMatchObject({turns: 2, usage: expect.objectContaining({input: 160, output: 90, cacheRead: 5000, cacheCreate5m: 1200})});
		expect(r.daily.map((d) => d.date)).toEqual(['2026-09-02', '2026-09-03']);
		// --rebuild keeps the last totals seen: nothing is counted twice
		expect(runCli(['ingest', '--rebuild'], s.env).status).toBe(0);
		expect(json(s.env).sessions[0]!.usage).toMatchObject({input: 160, output: 90, cacheRead: 5000});
		const text = runCli(['--since', 'all', '--no-color'], {...s.env, COLUMNS: '200'});
		expect(text.stdout).toMatch(/totals only: 1 session \(droid\) logs only running totals/);
	});
});

describeShared('Droid: the hand-made sample equals the reference totals (more-agents.md §11)', () => {
	it('final totals, and the delta from the earlier snapshot', () => {
		const s = sealed();
		const dir = join(s.home, '.factory', 'sessions', '-home-dev-demo');
		mkdirSync(dir, {recursive: true});
		const file = join(dir, '7d0c5b1e-0000-4000-8000-0000000000d1.settings.json');
		copyFileSync(shared('reference/agent-samples/droid/earlier-snapshot-of-7d0c5b1e.settings.json'), file);
		utimesSync(file, new Date('2026-09-02T09:00:00Z'), new Date('2026-09-02T09:00:00Z'));
		json(s.env);
		copyFileSync(shared('reference/agent-samples/droid/sessions/-home-dev-demo/7d0c5b1e-0000-4000-8000-0000000000d1.settings.json'), file);
		utimesSync(file, new Date('2026-09-02T10:00:00Z'), new Date('2026-09-02T10:00:00Z'));
		const r = json(s.env);
		expect(r.sessions[0]!.usage).toEqual({input: 4210, output: 2875, reasoning: 610, cacheRead: 201_455, cacheCreate5m: 18_340, cacheCreate1h: 0});
		const only = sealed();
		mkdirSync(join(only.home, '.factory', 'sessions', '-home-dev-demo'), {recursive: true});
		copyFileSync(shared('reference/agent-samples/droid/sessions/-home-dev-demo/7d0c5b1e-0000-4000-8000-0000000000d1.settings.json'), join(only.home, '.factory', 'sessions', '-home-dev-demo', '7d0c5b1e-0000-4000-8000-0000000000d1.settings.json'));
		expect(json(only.env).sessions[0]!.usage).toMatchObject({input: 4210, output: 2875, cacheRead: 201_455, cacheCreate5m: 18_340});
	});
});
