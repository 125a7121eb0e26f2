import {describe, expect, it} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';
import {analyzeHotspots, analyzeSession} from '../source/analysis/analyze.js';
import {renderJson} from '../source/report/json.js';
import {datasetOf, fakePriceBook, fidelity, ledgerRecords, results, turn} from './helpers/analysis.js';
import {OWN, OWN_LEDGER} from './helpers/own-ledger.js';

// Our own ledger, its figures worked by hand in attribution-own.test.ts.
const golden = analyzeHotspots(datasetOf(ledgerRecords(OWN_LEDGER)), fakePriceBook);
const parse = (s: string) => JSON.parse(s) as Record<string, any>;

describe('renderJson (hotspots)', () => {
	const text = renderJson(golden);
	const json = parse(text);

	it('is pretty JSON ending in a newline', () => {
		expect(text.endsWith('}\n')).toBe(true);
		expect(text.split('\n')[1]).toBe('  "window": {');
	});

	it('has the contract keys, in order', () => {
		expect(Object.keys(json)).toEqual([
			'window',
			'turnsAnalyzed',
			'grandTotal',
			'attributedTotal',
			'unattributedTotal',
			'attributionDegraded',
			'excluded',
			'unpriced',
			'undated',
			'leftOut',
			'sessions',
			'files',
			'bashVerbs',
			'bash',
			'subagents',
			'mcpServers',
			'fidelity',
			'models',
			'daily',
			'findings',
			'refused',
		]);
		expect(json.window).toEqual({since: null, until: null});
		expect(Object.keys(json.excluded)).toEqual(['turns', 'cost']);
		expect(json.unpriced).toEqual({turns: 0, tokens: 0, models: []});
		expect(Object.keys(json.fidelity)).toEqual(['analyzed', 'excluded', 'aborted', 'refused', 'summary', 'excludedBySource']);
	});

	it('numbers are numbers and never rounded', () => {
		expect(json.turnsAnalyzed).toBe(8);
		expect(json.grandTotal).toBe(golden.grandTotal);
		expect(json.attributedTotal).toBe(golden.attributedTotal);
		expect(json.attributedTotal).toBeCloseTo(OWN.attributedTotal, 9);
		expect(json.unattributedTotal).toBeCloseTo(OWN.unattributedTotal, 9);
		expect(json.attributionDegraded).toBe(true);
		expect(json.excluded.turns).toBe(1);
		expect(json.files[0].totalCost).toBe(golden.files[0]!.totalCost);
		expect(typeof json.sessions[0].cost).toBe('number');
	});

	it('session rows', () => {
		const s = json.sessions[0];
		expect(Object.keys(s)).toEqual([
			'sessionId',
			'source',
			'project',
			'firstTs',
			'lastTs',
			'turns',
			'usage',
			'cost',
			'unpricedTokens',
			'attributedCost',
			'unattributedCost',
			'attributionMethod',
			'toolCalls',
			'threads',
		]);
		expect(s.sessionId).toBe(OWN.sessionA);
		expect(s.usage).toEqual({input: 3000, output: 540, reasoning: 0, cacheRead: 11400, cacheCreate5m: 2500, cacheCreate1h: 400});
		for (const row of json.sessions) for (const v of Object.values(row.usage)) expect(Number.isInteger(v)).toBe(true);
		expect(s.cost).toBeCloseTo(0.032295, 9);
		expect(s.attributionMethod).toBe('sized');
		expect(s.threads).toEqual([]);
	});

	it('hotspot rows keep relayburn keys and add share and refs', () => {
		const f = json.files[0];
		for (const k of ['path', 'toolCallCount', 'initialTokens', 'persistenceTokens', 'ridingTurns', 'totalCost', 'firstEmitTs', 'firstEmitTurnIndex', 'share', 'refs']) {
			expect(f).toHaveProperty(k);
		}
		expect(f).toMatchObject({path: '/tmp/ours/app/src/app.ts', toolCallCount: 1, initialTokens: 2250, persistenceTokens: 5250, ridingTurns: 2, firstEmitTs: '2026-05-04T09:00:00.000Z', firstEmitTurnIndex: 0});
		expect(f.share).toBeCloseTo(0.00973125 / OWN.attributedTotal, 9);
		expect(f.refs).toEqual([{sessionId: OWN.sessionA, threadId: '', calls: 1, cost: f.totalCost, turns: ['a-msg-1']}]);
		expect(json.files[1].initialTokens).toBeCloseTo(925, 9); // 750 + 175: fractional shares add up
		for (const k of ['verb', 'callCount', 'distinctCommands', 'totalCost', 'initialTokens', 'persistenceTokens', 'avgPersistenceTurns', 'topExamples', 'share', 'refs']) {
			expect(json.bashVerbs[0]).toHaveProperty(k);
		}
		expect(json.bashVerbs[0].topExamples).toEqual(['npm test']);
		for (const k of ['argsHash', 'command', 'callCount', 'totalCost', 'initialTokens', 'persistenceTokens', 'share', 'refs']) expect(json.bash[0]).toHaveProperty(k);
		expect(json.bash[0]).toMatchObject({argsHash: 'ah-bash-test', command: 'npm test'});
		for (const k of ['subagentType', 'callCount', 'totalCost', 'initialTokens', 'persistenceTokens', 'share', 'refs']) expect(json.subagents[0]).toHaveProperty(k);
		expect(json.subagents[0].subagentType).toBe('explore the parser');
		expect(json.subagents[0].refs[0]).toMatchObject({sessionId: OWN.sessionD, threadId: '', calls: 1, cost: 0, turns: ['d-msg-1']});
	});

	it('fidelity', () => {
		expect(json.fidelity).toMatchObject({analyzed: 8, excluded: 1, refused: false});
		expect(json.fidelity.summary.total).toBe(9);
		// the 7 Claude Code turns of our ledger carry no fidelity: counted as unknown (best-effort full)
		expect(json.fidelity.summary.byClass).toEqual({full: 1, 'usage-only': 0, 'aggregate-only': 0, 'cost-only': 0, partial: 1});
		expect(json.fidelity.summary.unknown).toBe(7);
		expect(json.fidelity.excludedBySource).toEqual([{source: 'codex', turns: 1, granularities: ['per-turn'], missing: ['hasToolResultEvents']}]);
	});

	it('fractional token shares stay fractional', () => {
		const ds = datasetOf([turn({session: 'fr', calls: [{id: 'a', target: '/a'}, {id: 'b', target: '/b'}, {id: 'c', target: '/c'}]}), turn({session: 'fr', usage: {input: 1000}})]);
		const r = parse(renderJson(analyzeHotspots(ds, fakePriceBook)));
		expect(r.files[0].initialTokens).toBeCloseTo(1000 / 3, 9);
		expect(Number.isInteger(r.files[0].initialTokens)).toBe(false);
	});

	it('a refusal carries refused and the reason', () => {
		const recs: LedgerRecord[] = [turn({session: 'rf', source: 'codex', model: 'gpt-5-codex', fidelity: fidelity({hasToolCalls: false, hasToolResultEvents: false}, 'per-session-aggregate', 'aggregate-only')})];
		const r = parse(renderJson(analyzeHotspots(datasetOf(recs), fakePriceBook)));
		expect(r.refused).toBe(true);
		expect(r.refusalReason).toMatch(/^1\/1 turns lack tool-call\/tool-result coverage/);
		expect(r.fidelity).toMatchObject({refused: true, analyzed: 0, excluded: 1});
		expect(r.turnsAnalyzed).toBe(0);
		expect(r.sessions).toEqual([]);
	});

	it('unpriced cost is null, never 0', () => {
		const r = parse(renderJson(analyzeHotspots(datasetOf([turn({session: 'np', model: 'mystery', usage: {input: 5}})]), fakePriceBook)));
		expect(r.sessions[0].cost).toBeNull();
		expect(r.models[0].cost).toBeNull();
		expect(r.unpriced).toEqual({turns: 1, tokens: 5, models: ['mystery']});
	});
});

describe('renderJson (session)', () => {
	it('has the timeline, tables, thread tree and findings slot', () => {
		const ds = datasetOf([
			turn({session: 'sj', id: 'j1', usage: {input: 10}, calls: [{id: 'r', name: 'Read', target: '/x/a.ts'}]}),
			results({r: 100}, 'sj'),
			turn({session: 'sj', id: 'j2', usage: {input: 500, cacheRead: 1000}}),
		]);
		const v = parse(renderJson(analyzeSession(ds, fakePriceBook, 'sj')));
		for (const k of ['window', 'sessionId', 'source', 'project', 'firstTs', 'lastTs', 'turns', 'usage', 'cost', 'unpricedTokens', 'attributedCost', 'unattributedCost', 'attributionMethod', 'excluded', 'unpriced', 'timeline', 'files', 'bashVerbs', 'bash', 'subagents', 'mcpServers', 'models', 'threads', 'findings']) {
			expect(v).toHaveProperty(k);
		}
		expect(v.timeline.map((t: any) => t.messageId)).toEqual(['j1', 'j2']);
		expect(Object.keys(v.timeline[0])).toEqual(['index', 'messageId', 'threadId', 'ts', 'model', 'input', 'cacheWrite', 'cacheRead', 'output', 'reasoning', 'cost', 'attributedCost', 'excluded', 'calls']);
		expect(v.timeline[0].calls[0]).toMatchObject({id: 'r', display: 'Read', short: 'a.ts', kind: 'file-read'});
		expect(v.timeline[1].attributedCost).toBeCloseTo((100 * 3) / 1e6, 12);
		expect(v.threads).toEqual({threadId: '', agentType: 'main', turns: 2, cost: v.cost, children: []});
		expect(v.findings).toEqual([]);
	});
});
