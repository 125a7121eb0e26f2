/** The findings envelope (hotspots-model.md §4.5, §9.6 findings.test.ts). */
import {describe, expect, it} from 'vitest';
import {analyzePatterns, findingsFor} from '../source/analysis/patterns/index.js';
import type {SessionCtx} from '../source/analysis/patterns/context.js';
import type {Detected} from '../source/analysis/patterns/detected.js';
import * as F from '../source/analysis/patterns/findings.js';
import type {CompactionLoss, EditHeavySession, EditRevertCycle, FailureRun, Finding, RetryLoop, SkillPruningProtection, SkillRecallDup, SystemPromptTax, UnpricedUsage} from '../source/analysis/patterns/types.js';
import type {HotspotsReport} from '../source/analysis/report-types.js';
import {datasetOf, fakePriceBook, turn} from './helpers/analysis.js';

const ctx = {sessionId: 'sess-1', source: 'claude-code', cost: 10, byMessage: new Map()} as unknown as SessionCtx;
const d = <T>(row: T): Detected<T> => ({row, ctx, claims: []});
const loc = {sessionId: 'sess-1', threadId: '', turns: [] as string[]};

const retry = (cost: number): RetryLoop => ({...loc, tool: 'Bash', target: 'pnpm test', argsHash: 'h', attempts: 4, startTurnIndex: 0, endTurnIndex: 3, cost, savings: cost / 2, toolUseIds: []});

describe('envelopes', () => {
	it('retry loop: high at $0.60, title, detail, inspect action', () => {
		const f = F.retryLoopFinding(d(retry(0.6)));
		expect(f).toMatchObject({kind: 'retry-loop', severity: 'high', sessionId: 'sess-1', threadId: '', source: 'claude-code', costUsd: 0.6, savingsUsd: 0.3});
		expect(f.title).toContain('Bash pnpm test failed 4× in a row');
		expect(f.detail).toContain('Turns 0-3');
		expect(f.action).toEqual({type: 'command', label: 'Inspect this session', text: 'burn --session sess-1'});
		expect(f.actions).toEqual([f.action]);
		expect(f.estimatedSavings).toEqual({usdPerSession: 0.3});
	});

	it('severity thresholds: $0.0001 info, $0.10 warn, $1.00 high (high ≥ $0.50, warn ≥ $0.05)', () => {
		expect(F.retryLoopFinding(d(retry(0.0001))).severity).toBe('info');
		expect(F.retryLoopFinding(d(retry(0.1))).severity).toBe('warn');
		expect(F.retryLoopFinding(d(retry(1))).severity).toBe('high');
		expect([F.severityOf(0.5), F.severityOf(0.4999), F.severityOf(0.05), F.severityOf(0.0499)]).toEqual(['high', 'warn', 'warn', 'info']);
	});

	it('failure run: $0.08 is warn and lists its tools', () => {
		const row: FailureRun = {...loc, length: 3, startTurnIndex: 0, endTurnIndex: 2, toolsInvolved: ['Bash', 'Read', 'Grep'], cost: 0.08, toolUseIds: []};
		const f = F.failureRunFinding(d(row));
		expect(f.severity).toBe('warn');
		expect(f.detail).toContain('Bash, Read, Grep');
	});

	it('compaction: tokensPerSession 9,000, $0.04 info; without tokens no tokensPerSession', () => {
		const row: CompactionLoss = {...loc, ts: '2026-04-20T00:00:02.000Z', tokensBeforeCompact: 9000, cacheLostCost: 0.04};
		const f = F.compactionFinding(d(row));
		expect(f).toMatchObject({severity: 'info', costUsd: 0.04, estimatedSavings: {tokensPerSession: 9000, usdPerSession: 0.04}});
		expect(F.compactionFinding(d({...row, tokensBeforeCompact: 0, cacheLostCost: 0})).estimatedSavings.tokensPerSession).toBeUndefined();
	});

	it('revert: $0.72 high, "6 turns later"', () => {
		const row: EditRevertCycle = {...loc, filePath: '/src/a.ts', firstEditTurnIndex: 2, revertTurnIndex: 8, spanTurns: 6, cost: 0.72};
		const f = F.revertFinding(d(row));
		expect(f.severity).toBe('high');
		expect(f.detail).toContain('6 turns later');
		expect(f.path).toBe('/src/a.ts');
	});

	it('edit-heavy: $5 is capped at warn; ∞ in the title; no savings estimate', () => {
		const row: EditHeavySession = {source: 'claude-code', sessionId: 'sess-1', readCount: 0, editCount: 9, ratio: null, likelyRetries: 0, cost: 5, turns: []};
		const f = F.editHeavyFinding(d(row));
		expect(f.severity).toBe('warn');
		expect(f.title).toContain('ratio ∞');
		expect(f.savingsUsd).toBeNull();
		expect(f.threadId).toBeNull();
	});

	it('OpenCode: recall title, pruning $0.55 high, system prompt tokens = estimated × riding turns', () => {
		const recall: SkillRecallDup = {...loc, skillName: 'init', callCount: 3, firstTurnIndex: 0, lastTurnIndex: 2, cost: 0.01};
		expect(F.skillRecallFinding(d(recall)).title).toMatch(/init.*3×/);
		const prune: SkillPruningProtection = {...loc, skillName: 'init', toolUseId: 'k', invokedTurnIndex: 0, ridingTurns: 4, lastCachedTurnIndex: 4, cost: 0.55};
		expect(F.skillPruningFinding(d(prune)).severity).toBe('high');
		const tax: SystemPromptTax = {...loc, firstCacheCreate: 4200, firstUserMessageTokens: 200, estimatedSystemPromptTokens: 4000, ridingTurns: 6, totalCost: 0.01};
		expect(F.systemPromptFinding(d(tax)).estimatedSavings.tokensPerSession).toBe(24000);
	});

	it('unpriced usage: no dollars, ranked by tokens, a pricing.json snippet to paste', () => {
		const row: UnpricedUsage = {sessionId: 'sess-1', source: 'opencode', model: 'acme-coder-1', turns: 3, tokens: 250_000};
		const f = F.unpricedFinding(row);
		expect(f).toMatchObject({kind: 'unpriced-usage', severity: 'warn', costUsd: null, savingsUsd: null, tokens: 250_000});
		expect(f.action.type).toBe('paste');
		expect(JSON.parse(f.action.text)).toEqual({custom: {models: {'acme-coder-1': {cost: {input: 0, output: 0, cache_read: 0, cache_write: 0}}}}});
		expect(F.unpricedFinding({...row, tokens: 2_000_000}).severity).toBe('high');
		expect(F.unpricedFinding({...row, tokens: 10}).severity).toBe('info');
	});
});

describe('ranking', () => {
	const mk = (name: string, severity: Finding['severity'], usd: number | null, tokens?: number): Finding => ({
		kind: usd === null ? 'unpriced-usage' : 'retry-loop',
		severity,
		sessionId: name,
		threadId: '',
		source: 'claude-code',
		title: name,
		detail: '',
		costUsd: usd,
		savingsUsd: usd,
		estimatedSavings: {},
		action: {type: 'command', label: '', text: ''},
		actions: [],
		...(tokens !== undefined ? {tokens} : {}),
	});

	it('severity first, then dollars; unpriced after priced of the same severity, by tokens; stable', () => {
		const a = mk('a', 'info', 0.01);
		const b = mk('b', 'high', 0.6);
		const c = mk('c', 'high', 1.2);
		const dd = mk('d', 'warn', 0.1);
		const u1 = mk('u1', 'high', null, 2e6);
		const u2 = mk('u2', 'high', null, 5e6);
		expect(F.sortFindings([a, b, c, dd]).map((f) => f.title)).toEqual(['c', 'b', 'd', 'a']);
		expect(F.sortFindings([u1, a, u2, b]).map((f) => f.title)).toEqual(['b', 'u2', 'u1', 'a']);
	});

	it('findings across kinds from one dataset, ranked', () => {
		const U = {input: 100, output: 50, cacheRead: 1000, cacheCreate5m: 100};
		const recs = [
			...['a', 'b', 'c'].map((id) => turn({usage: U, calls: [{id, name: 'Bash', target: 'make', argsHash: 'm', isError: true}]})),
			...[1, 2, 3, 4, 5, 6].map((i) => turn({usage: U, calls: [{id: `e${i}`, name: 'Edit', target: `/f${i}.ts`}]})),
			turn({session: 's2', model: 'mystery-model', usage: U}),
		];
		const found = findingsFor(datasetOf(recs), fakePriceBook);
		expect(found.map((f) => f.kind)).toEqual(expect.arrayContaining(['retry-loop', 'edit-heavy', 'unpriced-usage']));
		const ranks = found.map((f) => ({high: 0, warn: 1, info: 2})[f.severity]);
		expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
		const r = analyzePatterns(datasetOf(recs), fakePriceBook, {kinds: 'all'});
		expect(r.findings).toEqual(found);
		// Assignable to the hotspots report's findings.
		const asReport: HotspotsReport['findings'] = found;
		expect(asReport).toBe(found);
	});
});
