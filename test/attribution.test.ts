import {describe, expect, it} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';
import {analyzeHotspots, analyzeSession} from '../source/analysis/analyze.js';
import {isAttributionDegraded, rodeIn, type ToolAttribution} from '../source/analysis/attribution.js';
import {makeClassifier, prepareSession, type PreparedSession} from '../source/analysis/prepare.js';
import {groupSessions} from '../source/analysis/threads.js';
import {canonicalTool} from '../source/analysis/tools.js';
import {ExcludedBySource, fmtCoverageKey, formatCoverageNotice, renderSourcesClause, turnPassesCoverage} from '../source/analysis/coverage.js';
import {aggregateBashVerbs} from '../source/analysis/hotspots.js';
import type {Dataset} from '../source/analysis/dataset.js';
import {datasetOf, expectedCost, fakePriceBook, fidelity, GPT, HAIKU, ledgerRecords, results, SONNET, turn} from './helpers/analysis.js';
import {describeShared, shared} from './helpers/shared.js';

const GOLDEN = shared('fixtures/ledger/ledger.jsonl');
const EPS = 9;

function prepared(ds: Dataset, sizes?: Map<string, number>): PreparedSession[] {
	const classify = makeClassifier();
	return groupSessions(ds).map((g) => prepareSession(g, fakePriceBook, sizes ? {sizes} : {}, classify));
}

function attributions(ds: Dataset, sizes?: Map<string, number>): Map<string, ToolAttribution> {
	const out = new Map<string, ToolAttribution>();
	for (const s of prepared(ds, sizes)) for (const a of s.attribution.attributions) out.set(a.toolUseId, a);
	return out;
}

function expectInvariant(r: ReturnType<typeof analyzeHotspots>): void {
	expect(r.attributedTotal + r.unattributedTotal).toBeCloseTo(r.grandTotal, EPS);
	expect(r.sessions.reduce((n, s) => n + (s.cost ?? 0), 0)).toBeCloseTo(r.grandTotal, EPS);
	expect(r.sessions.reduce((n, s) => n + s.attributedCost, 0)).toBeCloseTo(r.attributedTotal, EPS);
	for (const s of r.sessions) expect(s.attributedCost + s.unattributedCost).toBeCloseTo(s.cost ?? 0, EPS);
}

// The same rules on our own ledger, worked by hand: attribution-own.test.ts.
describeShared('golden ledger (hotspots-model §3.4)', () => {
	const ds = datasetOf(ledgerRecords(GOLDEN));
	const r = analyzeHotspots(ds, fakePriceBook);

	it('totals', () => {
		expect(r.refused).toBe(false);
		expect(r.turnsAnalyzed).toBe(6);
		expect(r.grandTotal).toBeCloseTo(0.0376, EPS);
		expect(r.attributedTotal).toBeCloseTo(0.004775, EPS);
		expect(r.unattributedTotal).toBeCloseTo(0.032825, EPS);
		expect(r.attributionDegraded).toBe(true);
		expect(r.excluded.turns).toBe(1);
		expect(r.undated).toBe(0);
		expect(r.window).toEqual({since: null, until: null});
		expectInvariant(r);
	});

	it('files', () => {
		expect(r.files.map((f) => f.path)).toEqual(['/tmp/golden-project/src/foo.ts', '/tmp/golden-project/src/bar.ts']);
		const [foo, bar] = r.files;
		expect(foo!.totalCost).toBeCloseTo(0.003975, EPS);
		expect(foo!.toolCallCount).toBe(2);
		expect(foo!.initialTokens).toBeCloseTo(1200, 9);
		expect(foo!.persistenceTokens).toBeCloseTo(1000, 9);
		expect(foo!.ridingTurns).toBe(1);
		expect(foo!.firstEmitTs).toBe('2026-04-20T00:00:00.000Z');
		expect(foo!.firstEmitTurnIndex).toBe(0);
		expect(foo!.share).toBeCloseTo(0.003975 / 0.004775, 9);
		expect(foo!.refs).toEqual([
			{sessionId: '11111111-1111-1111-1111-111111111111', threadId: '', calls: 2, cost: foo!.totalCost, turns: ['msg-c1-1', 'msg-c1-2']},
		]);
		expect(bar!.totalCost).toBeCloseTo(0.0008, EPS);
		expect(bar!.toolCallCount).toBe(2);
		expect(bar!.initialTokens).toBeCloseTo(800, 9);
		expect(bar!.persistenceTokens).toBe(0);
	});

	it('commands and subagents', () => {
		expect(r.bashVerbs).toHaveLength(1);
		expect(r.bashVerbs[0]).toMatchObject({verb: 'npm test', callCount: 1, distinctCommands: 1, totalCost: 0, avgPersistenceTurns: 0, topExamples: ['npm test']});
		expect(r.bash).toHaveLength(1);
		expect(r.bash[0]).toMatchObject({argsHash: 'b1', command: 'npm test', callCount: 1, totalCost: 0, initialTokens: 0, persistenceTokens: 0});
		expect(r.subagents).toHaveLength(1);
		expect(r.subagents[0]).toMatchObject({subagentType: 'review the foo module', callCount: 1, totalCost: 0});
		expect(r.mcpServers).toEqual([]);
	});

	it('sessions', () => {
		const byId = new Map(r.sessions.map((s) => [s.sessionId, s]));
		const a = byId.get('11111111-1111-1111-1111-111111111111')!;
		expect(a.cost).toBeCloseTo(0.0309, EPS);
		expect(a.attributedCost).toBeCloseTo(0.003975, EPS);
		expect(a.unattributedCost).toBeCloseTo(0.026925, EPS);
		expect(a.attributionMethod).toBe('sized');
		expect(a.turns).toBe(3);
		expect(a.usage).toEqual({input: 4500, output: 750, reasoning: 0, cacheRead: 18000, cacheCreate5m: 200, cacheCreate1h: 0});
		expect(a.firstTs).toBe('2026-04-20T00:00:00.000Z');
		expect(a.lastTs).toBe('2026-04-20T00:02:00.000Z');
		expect(a.project).toBe('/tmp/golden-project');
		expect(a.threads).toEqual([]);
		const b = byId.get('22222222-2222-2222-2222-222222222222')!;
		expect(b.cost).toBeCloseTo(0.00325, EPS);
		expect(b.attributedCost).toBeCloseTo(0.0008, EPS);
		expect(b.attributionMethod).toBe('even-split');
		const o = byId.get('ses_40000000000000000000000000000004')!;
		expect(o.cost).toBeCloseTo(0.00345, EPS);
		expect(o.attributedCost).toBe(0);
		expect(o.attributionMethod).toBe('even-split');
		expect(byId.has('sess_30000000000000000000000000000003')).toBe(false);
		expect(r.sessions.map((s) => s.sessionId)).toEqual([
			'11111111-1111-1111-1111-111111111111',
			'ses_40000000000000000000000000000004',
			'22222222-2222-2222-2222-222222222222',
		]);
	});

	it('fidelity and the excluded codex turn', () => {
		expect(r.fidelity.analyzed).toBe(6);
		expect(r.fidelity.excluded).toBe(1);
		expect(r.fidelity.refused).toBe(false);
		expect(r.fidelity.summary.total).toBe(7);
		expect(r.fidelity.summary.byClass).toEqual({full: 6, 'usage-only': 0, 'aggregate-only': 0, 'cost-only': 0, partial: 1});
		expect(r.fidelity.summary.byGranularity['per-turn']).toBe(7);
		expect(r.fidelity.summary.missingCoverage.hasToolResultEvents).toBe(1);
		expect(r.fidelity.summary.missingCoverage.hasCacheReadTokens).toBe(1);
		expect(r.fidelity.excludedBySource).toEqual([{source: 'codex', turns: 1, granularities: ['per-turn'], missing: ['hasToolResultEvents']}]);
		// gpt-5-codex is priced in the fake book: output 400 at $10/M, input 2000 at $1.25/M, reasoning not billed.
		expect(r.excluded.cost).toBeCloseTo(expectedCost({input: 2000, output: 400}, GPT), EPS);
	});

	it('drill-down keeps emitting, paying and riding turns', () => {
		const a = attributions(ds);
		const read = a.get('tu-c1-r1')!;
		expect(read).toMatchObject({sessionId: '11111111-1111-1111-1111-111111111111', threadId: '', emitMessageId: 'msg-c1-1', payMessageId: 'msg-c1-2', ridingTurns: 1});
		expect(rodeIn(read)).toEqual(['msg-c1-3']);
		expect(read.initialCost).toBeCloseTo(0.003075, EPS);
		expect(read.persistenceCost).toBeCloseTo(0.0003, EPS);
		const edit = a.get('tu-c1-e1')!;
		expect(edit.payMessageId).toBe('msg-c1-3');
		expect(edit.initialCost).toBeCloseTo(0.0006, EPS);
		expect(rodeIn(edit)).toEqual([]);
		const bash = a.get('tu-c1-b1')!;
		expect(bash.payMessageId).toBeNull();
		expect(bash.totalCost).toBe(0);
	});

	it('models and daily', () => {
		const sonnet = r.models.find((m) => m.model === 'claude-sonnet-4-6')!;
		expect(sonnet.turns).toBe(4);
		expect(sonnet.cost).toBeCloseTo(0.0309 + 0.00345, EPS);
		expect(r.models.reduce((n, m) => n + (m.cost ?? 0), 0)).toBeCloseTo(r.grandTotal, EPS);
		expect(r.daily.reduce((n, d) => n + d.cost, 0)).toBeCloseTo(r.grandTotal, EPS);
		for (const d of r.daily) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(r.findings).toEqual([]);
	});
});

describe('hotspots-model §9.1 cases', () => {
	it('1. an 8k Read paid once then riding 20 turns', () => {
		const recs: LedgerRecord[] = [
			turn({session: 'c1', id: 't0', usage: {input: 100}, calls: [{id: 'r1', name: 'Read', target: '/big.ts'}]}),
			turn({session: 'c1', id: 't1', usage: {input: 8000}}),
		];
		for (let i = 0; i < 20; i++) recs.push(turn({session: 'c1', usage: {input: 10, cacheRead: 10_000}}));
		const ds = datasetOf(recs);
		const sizes = new Map([['r1', Math.ceil('x'.repeat(32000).length / 4)]]);
		const r = analyzeHotspots(ds, fakePriceBook, {sizes});
		const want = (8000 * 3 + 20 * 8000 * 0.3) / 1e6;
		expect(Math.abs(r.files[0]!.totalCost - want) / want).toBeLessThan(0.1);
		expect(r.files[0]!.ridingTurns).toBe(20);
		expect(r.sessions[0]!.attributionMethod).toBe('sized');
	});

	it('2. the bigger Read ranks first', () => {
		const ds = datasetOf([
			turn({session: 'c2', usage: {input: 10}, calls: [{id: 'big', name: 'Read', target: '/big.ts'}, {id: 'small', name: 'Read', target: '/small.ts'}]}),
			results({big: 5000, small: 200}, 'c2'),
			turn({session: 'c2', usage: {input: 6000}}),
			turn({session: 'c2', usage: {cacheRead: 9000}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.files.map((f) => f.path)).toEqual(['/big.ts', '/small.ts']);
		expect(r.files[0]!.totalCost).toBeGreaterThan(r.files[1]!.totalCost);
	});

	it('3. the same Bash command three times is one row', () => {
		const ls = (id: string) => ({id, name: 'Bash', target: 'ls -la', argsHash: 'same'});
		const ds = datasetOf([
			turn({session: 'c3', calls: [ls('b1')]}),
			results({b1: 100}, 'c3'),
			turn({session: 'c3', usage: {input: 500}, calls: [ls('b2')]}),
			results({b2: 100}, 'c3'),
			turn({session: 'c3', usage: {input: 500}, calls: [ls('b3')]}),
			results({b3: 100}, 'c3'),
			turn({session: 'c3', usage: {input: 500}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.bash).toHaveLength(1);
		expect(r.bash[0]).toMatchObject({command: 'ls -la', callCount: 3, argsHash: 'same', verb: 'ls'});
		expect(r.bash[0]!.totalCost).toBeGreaterThan(0);
	});

	it('4. commands by verb from hand-built attributions', () => {
		const make = (id: string, command: string, cost: number, initial: number, persist: number, riding: number): ToolAttribution => ({
			toolUseId: id,
			toolName: 'Bash',
			tool: canonicalTool('Bash'),
			target: command,
			argsHash: `h:${command}`,
			sessionId: 's',
			threadId: '',
			source: 'claude-code',
			emitMessageId: `m-${id}`,
			emitTurnIndex: 0,
			emitTs: '2026-04-20T00:00:00.000Z',
			model: 'claude-sonnet-4-6',
			resultTokens: 0,
			sized: true,
			payMessageId: null,
			initialTokens: initial,
			initialCost: cost,
			persistenceTokens: persist,
			persistenceCost: 0,
			ridingTurns: riding,
			totalCost: cost,
		});
		const attrs = [
			make('1', 'git status', 3, 10, 0, 0),
			make('2', 'git status', 3, 10, 0, 0),
			make('3', 'git status', 3, 10, 0, 0),
			make('4', 'git diff src/a.ts', 5, 100, 10, 1),
			make('5', 'git diff src/a.ts', 5, 100, 10, 1),
			make('6', 'git diff src/b.ts', 7, 100, 20, 2),
			make('7', 'git diff src/b.ts', 7, 100, 20, 2),
			make('8', 'git diff src/b.ts', 7, 100, 20, 2),
			make('9', 'pnpm run test', 1, 5, 0, 0),
		];
		const rows = aggregateBashVerbs(attrs, 49);
		expect(rows.map((r) => r.verb)).toEqual(['git diff', 'git status', 'pnpm test']);
		expect(rows[0]).toMatchObject({callCount: 5, distinctCommands: 2, totalCost: 31, initialTokens: 500, persistenceTokens: 80, topExamples: ['git diff src/b.ts', 'git diff src/a.ts']});
		expect(rows[0]!.avgPersistenceTurns).toBeCloseTo(1.6, 9);
		expect(rows[0]!.share).toBeCloseTo(31 / 49, 9);
		expect(rows[1]).toMatchObject({callCount: 3, distinctCommands: 1});
	});

	it('5. an Agent call is a subagent row', () => {
		const ds = datasetOf([
			turn({session: 'c5', calls: [{id: 'ag', name: 'Agent', target: 'general-purpose'}]}),
			results({ag: 2000}, 'c5'),
			turn({session: 'c5', usage: {input: 3000}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.subagents).toHaveLength(1);
		expect(r.subagents[0]).toMatchObject({subagentType: 'general-purpose', callCount: 1});
		expect(r.subagents[0]!.totalCost).toBeGreaterThan(0);
	});

	it('6. no sizes: even split of the paying turn, no persistence', () => {
		const ds = datasetOf([
			turn({session: 'c6', calls: [{id: 'a', target: '/a.ts'}, {id: 'b', target: '/b.ts'}]}),
			turn({session: 'c6', usage: {input: 4000}}),
			turn({session: 'c6', usage: {cacheRead: 20_000}}),
		]);
		const a = attributions(ds);
		for (const id of ['a', 'b']) {
			expect(a.get(id)!.initialCost).toBeCloseTo((4000 * 3) / 1e6 / 2, EPS);
			expect(a.get(id)!.initialTokens).toBeCloseTo(2000, 9);
			expect(a.get(id)!.persistenceCost).toBe(0);
			expect(a.get(id)!.sized).toBe(false);
		}
		expect(analyzeHotspots(ds, fakePriceBook).sessions[0]!.attributionMethod).toBe('even-split');
	});

	it('7. user-turn sizes without sidecar: sized, initial and persistence by size', () => {
		const ds = datasetOf([
			turn({session: 'c7', calls: [{id: 'big', target: '/big.ts'}, {id: 'small', target: '/small.ts'}]}),
			results({big: 3000, small: 1000}, 'c7'),
			turn({session: 'c7', usage: {input: 4000}}),
			turn({session: 'c7', usage: {cacheRead: 4500}}),
		]);
		const a = attributions(ds);
		expect(a.get('big')!.initialTokens).toBeCloseTo(3000, 9);
		expect(a.get('small')!.initialTokens).toBeCloseTo(1000, 9);
		expect(a.get('big')!.persistenceTokens).toBeCloseTo(3000, 9);
		expect(a.get('small')!.persistenceTokens).toBeCloseTo(1000, 9);
		expect(a.get('big')!.totalCost).toBeGreaterThan(a.get('small')!.totalCost);
		expect(analyzeHotspots(ds, fakePriceBook).sessions[0]!.attributionMethod).toBe('sized');
	});

	it('8. a user-turn size beats the sidecar estimate', () => {
		const ds = datasetOf([turn({session: 'c8', calls: [{id: 'r'}]}), results({r: 9000}, 'c8'), turn({session: 'c8', usage: {input: 10_000}})]);
		expect(attributions(ds, new Map([['r', 1000]])).get('r')!.initialTokens).toBeCloseTo(9000, 9);
		// and the sidecar fills what user turns lack
		const bare = datasetOf([turn({session: 'c8b', calls: [{id: 'q'}]}), turn({session: 'c8b', usage: {input: 10_000}})]);
		expect(attributions(bare, new Map([['q', 1000]])).get('q')!.initialTokens).toBeCloseTo(1000, 9);
	});

	it('9. siblings are capped at the paying turn’s new content', () => {
		const ds = datasetOf([
			turn({session: 'c9', calls: [{id: 'x'}, {id: 'y'}]}),
			results({x: 6000, y: 4000}, 'c9'),
			turn({session: 'c9', usage: {input: 5000}}),
		]);
		const a = attributions(ds);
		expect(a.get('x')!.initialTokens).toBeCloseTo(3000, 9);
		expect(a.get('y')!.initialTokens).toBeCloseTo(2000, 9);
		expect(a.get('x')!.initialCost + a.get('y')!.initialCost).toBeCloseTo((5000 * 3) / 1e6, EPS);
	});

	it('10. persistence is capped at the cache read', () => {
		const ds = datasetOf([
			turn({session: 'c10', calls: [{id: 'x'}, {id: 'y'}]}),
			results({x: 4000, y: 4000}, 'c10'),
			turn({session: 'c10', usage: {input: 8000}}),
			turn({session: 'c10', usage: {cacheRead: 5000}}),
		]);
		const a = attributions(ds);
		expect(a.get('x')!.persistenceTokens).toBeCloseTo(2500, 9);
		expect(a.get('y')!.persistenceTokens).toBeCloseTo(2500, 9);
	});

	it('11. the paying turn’s model sets the price', () => {
		const ds = datasetOf([
			turn({session: 'c11', model: 'claude-sonnet-4-6', calls: [{id: 'x'}]}),
			results({x: 4000}, 'c11'),
			turn({session: 'c11', model: 'claude-haiku-4-5', usage: {input: 4000}}),
			turn({session: 'c11', model: 'claude-haiku-4-5', usage: {cacheRead: 5000}}),
		]);
		const x = attributions(ds).get('x')!;
		expect(x.initialCost).toBeCloseTo((4000 * HAIKU.input) / 1e6, EPS);
		expect(x.persistenceCost).toBeCloseTo((4000 * HAIKU.cacheRead) / 1e6, EPS);
	});

	it('12. Codex reasoning is not billed on top of output', () => {
		const ds = datasetOf([turn({session: 'c12', source: 'codex', model: 'gpt-5-codex', usage: {output: 500, reasoning: 200}})]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.grandTotal).toBeCloseTo((500 * GPT.output) / 1e6, EPS);
	});

	it('13. attributed + unattributed = grand', () => {
		const recs: LedgerRecord[] = [];
		for (let s = 0; s < 4; s++) {
			for (let i = 0; i < 6; i++) {
				recs.push(
					turn({
						session: `inv${s}`,
						model: i % 2 ? 'claude-haiku-4-5' : 'claude-sonnet-4-6',
						usage: {input: 300 + 97 * i, output: 50 * i, cacheRead: 1500 * i, cacheCreate5m: 40 * i, cacheCreate1h: s * 10},
						calls: [{id: `inv${s}-${i}-a`, name: 'Bash', target: `npm test -- ${i}`}, {id: `inv${s}-${i}-b`, target: `/f${i % 3}.ts`}],
					}),
				);
				if (s % 2 === 0) recs.push(results({[`inv${s}-${i}-a`]: 100 + 50 * i, [`inv${s}-${i}-b`]: 700}, `inv${s}`));
			}
		}
		const r = analyzeHotspots(datasetOf(recs), fakePriceBook);
		expect(r.attributedTotal).toBeGreaterThan(0);
		expectInvariant(r);
		expect(r.files.reduce((n, f) => n + f.totalCost, 0) + r.bash.reduce((n, b) => n + b.totalCost, 0)).toBeCloseTo(r.attributedTotal, EPS);
		expect(r.bashVerbs.reduce((n, b) => n + b.totalCost, 0)).toBeCloseTo(r.bash.reduce((n, b) => n + b.totalCost, 0), EPS);
	});
});

describe('cost model details', () => {
	it('eviction is re-evaluated per turn (not sticky)', () => {
		const ds = datasetOf([
			turn({session: 'ev', calls: [{id: 'x'}]}),
			results({x: 1000}, 'ev'),
			turn({session: 'ev', usage: {input: 1000}}),
			turn({session: 'ev', id: 'ev-small', usage: {cacheRead: 500}}),
			turn({session: 'ev', id: 'ev-big', usage: {cacheRead: 2000}}),
		]);
		const x = attributions(ds).get('x')!;
		expect(x.ridingTurns).toBe(1);
		expect(rodeIn(x)).toEqual(['ev-big']);
	});

	it('initial price follows the paying turn’s mix, 5m and 1h writes at their own rates', () => {
		const ds = datasetOf([
			turn({session: 'mix', calls: [{id: 'x'}, {id: 'y'}]}),
			results({x: 1000, y: 3000}, 'mix'),
			turn({session: 'mix', usage: {input: 1000, cacheCreate5m: 1000, cacheCreate1h: 2000}}),
		]);
		const a = attributions(ds);
		const paid = (1000 * SONNET.input + 1000 * SONNET.cacheWrite5m + 2000 * SONNET.cacheWrite1h) / 1e6;
		expect(a.get('x')!.initialCost).toBeCloseTo(paid / 4, EPS);
		expect(a.get('y')!.initialCost).toBeCloseTo((paid * 3) / 4, EPS);
	});

	it('initial cost never exceeds what the paying turn paid for new content', () => {
		const ds = datasetOf([turn({session: 'cap', calls: [{id: 'x'}]}), results({x: 50_000}, 'cap'), turn({session: 'cap', usage: {input: 2000, cacheRead: 90_000}})]);
		const x = attributions(ds).get('x')!;
		expect(x.initialTokens).toBeCloseTo(2000, 9);
		expect(x.initialCost).toBeCloseTo((2000 * SONNET.input) / 1e6, EPS);
	});

	it('calls on the last turn, before a turn with no new content, or before an unpriced turn are not charged initially', () => {
		const ds = datasetOf([
			turn({session: 'w4', calls: [{id: 'a'}]}),
			results({a: 100, b: 100, c: 100}, 'w4'),
			turn({session: 'w4', usage: {cacheRead: 5000}, calls: [{id: 'b'}]}),
			turn({session: 'w4', model: 'mystery-model', usage: {input: 900}, calls: [{id: 'c'}]}),
		]);
		const a = attributions(ds);
		expect(a.get('a')!.initialCost).toBe(0);
		expect(a.get('b')!.initialCost).toBe(0);
		expect(a.get('b')!.payMessageId).not.toBeNull();
		expect(a.get('c')!.totalCost).toBe(0);
		expect(a.get('c')!.payMessageId).toBeNull();
	});

	it('an unpriced paying turn charges nothing but the result still rides later', () => {
		const ds = datasetOf([
			turn({session: 'up', calls: [{id: 'x'}]}),
			results({x: 1000}, 'up'),
			turn({session: 'up', model: 'mystery-model', usage: {input: 5000}}),
			turn({session: 'up', usage: {cacheRead: 5000}}),
		]);
		const x = attributions(ds).get('x')!;
		expect(x.initialCost).toBe(0);
		expect(x.persistenceTokens).toBeCloseTo(1000, 9);
	});
});

describe('per-thread attribution', () => {
	// main: M0 emits m1; A1 emits a1; M1 pays m1; A2 pays a1; B1 emits b1; M2 rides; B2 pays b1; A3 rides; M3 rides.
	const big = {cacheRead: 100_000};
	const recs: LedgerRecord[] = [
		turn({session: 'th', id: 'M0', usage: {input: 100}, calls: [{id: 'm1', target: '/main.ts'}]}),
		turn({session: 'th', id: 'A1', agentId: 'agent-a', parentToolUseId: 'task-a', subagentType: 'Explore', usage: {input: 100}, calls: [{id: 'a1', target: '/a.ts'}]}),
		turn({session: 'th', id: 'M1', usage: {input: 1000, ...big}}),
		turn({session: 'th', id: 'A2', agentId: 'agent-a', parentToolUseId: 'task-a', subagentType: 'Explore', usage: {input: 2000, ...big}}),
		turn({session: 'th', id: 'B1', agentId: 'agent-b', parentToolUseId: 'task-b', subagentType: 'code-reviewer', usage: {input: 100, ...big}, calls: [{id: 'b1', target: '/b.ts'}]}),
		turn({session: 'th', id: 'M2', usage: big}),
		turn({session: 'th', id: 'B2', agentId: 'agent-b', parentToolUseId: 'task-b', subagentType: 'code-reviewer', usage: {input: 3000}}),
		turn({session: 'th', id: 'A3', agentId: 'agent-a', parentToolUseId: 'task-a', subagentType: 'Explore', usage: big}),
		turn({session: 'th', id: 'M3', usage: big}),
		results({m1: 1000, a1: 2000, b1: 3000}, 'th'),
	];
	const ds = datasetOf(recs);

	it('each thread pays and carries only its own results', () => {
		const a = attributions(ds);
		expect(a.get('m1')).toMatchObject({threadId: '', payMessageId: 'M1'});
		expect(rodeIn(a.get('m1')!)).toEqual(['M2', 'M3']);
		expect(a.get('a1')).toMatchObject({threadId: 'agent-a', payMessageId: 'A2'});
		expect(rodeIn(a.get('a1')!)).toEqual(['A3']);
		expect(a.get('b1')).toMatchObject({threadId: 'agent-b', payMessageId: 'B2'});
		expect(rodeIn(a.get('b1')!)).toEqual([]);
		expect(a.get('m1')!.initialCost).toBeCloseTo((1000 * SONNET.input) / 1e6, EPS);
		expect(a.get('a1')!.initialCost).toBeCloseTo((2000 * SONNET.input) / 1e6, EPS);
		expect(a.get('b1')!.initialCost).toBeCloseTo((3000 * SONNET.input) / 1e6, EPS);
		expect(a.get('m1')!.persistenceCost).toBeCloseTo((2 * 1000 * SONNET.cacheRead) / 1e6, EPS);
	});

	it('the session row rolls threads up and lists them', () => {
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.sessions).toHaveLength(1);
		const s = r.sessions[0]!;
		expect(s.turns).toBe(9);
		expect(s.threads.map((t) => [t.threadId, t.agentType, t.turns])).toEqual([
			['agent-a', 'Explore', 3],
			['agent-b', 'code-reviewer', 2],
		]);
		const threadCost = s.threads.reduce((n, t) => n + (t.cost ?? 0), 0);
		expect(threadCost).toBeLessThan(s.cost!);
		expect(r.files.find((f) => f.path === '/a.ts')!.refs).toEqual([{sessionId: 'th', threadId: 'agent-a', calls: 1, cost: expect.any(Number), turns: ['A1']}]);
		expectInvariant(r);
	});

	it('the session view has the thread tree and per-turn thread ids', () => {
		const v = analyzeSession(ds, fakePriceBook, 'th');
		expect(v.timeline.map((t) => t.threadId)).toEqual(['', 'agent-a', '', 'agent-a', 'agent-b', '', 'agent-b', 'agent-a', '']);
		expect(v.threads.agentType).toBe('main');
		expect(v.threads.turns).toBe(4);
		expect(v.threads.children.map((c) => [c.threadId, c.agentType, c.turns])).toEqual([
			['agent-a', 'Explore', 3],
			['agent-b', 'code-reviewer', 2],
		]);
		expect(v.findings).toEqual([]);
	});

	it('a child session (OpenCode parentID) rolls into its parent as a thread', () => {
		const child: LedgerRecord[] = [
			turn({session: 'ses_parent', source: 'opencode', id: 'P1', usage: {input: 100}, calls: [{id: 'task1', name: 'task', target: 'explore'}]}),
			turn({session: 'ses_child', source: 'opencode', id: 'C1', usage: {input: 500}, calls: [{id: 'c1', name: 'read', target: 'src/x.ts'}], project: '/repo'}),
			turn({session: 'ses_child', source: 'opencode', id: 'C2', usage: {input: 800, cacheRead: 5000}}),
			turn({session: 'ses_parent', source: 'opencode', id: 'P2', usage: {input: 300, cacheRead: 5000}}),
			results({c1: 700}, 'ses_child', 'opencode'),
			{kind: 'relationship', record: {v: 1, source: 'native-opencode', sessionId: 'ses_child', relatedSessionId: 'ses_parent', relationshipType: 'subagent'}},
		];
		const r = analyzeHotspots(datasetOf(child), fakePriceBook);
		expect(r.sessions.map((s) => s.sessionId)).toEqual(['ses_parent']);
		expect(r.sessions[0]!.turns).toBe(4);
		expect(r.sessions[0]!.threads.map((t) => t.threadId)).toEqual(['ses_child']);
		const file = r.files.find((f) => f.path === '/repo/src/x.ts')!;
		expect(file.refs[0]).toMatchObject({sessionId: 'ses_parent', threadId: 'ses_child', turns: ['C1']});
		const a = attributions(datasetOf(child));
		expect(a.get('c1')).toMatchObject({payMessageId: 'C2', threadId: 'ses_child'});
		expect(a.get('task1')).toMatchObject({payMessageId: 'P2', threadId: ''});
		const v = analyzeSession(datasetOf(child), fakePriceBook, 'ses_child');
		expect(v.sessionId).toBe('ses_parent');
		expect(v.threads.children.map((c) => c.threadId)).toEqual(['ses_child']);
	});
});

describe('Codex task rule', () => {
	const ds = datasetOf([
		turn({session: 'cx', source: 'codex', model: 'gpt-5-codex', id: 'T1', usage: {input: 2000, output: 100}, calls: [{id: 'c1', name: 'exec_command', target: 'cargo test'}]}),
		results({c1: 500}, 'cx', 'codex'),
		turn({session: 'cx', source: 'codex', model: 'gpt-5-codex', id: 'T2', usage: {input: 1000, cacheRead: 3000}, calls: [{id: 'c2', name: 'apply_patch', target: 'src/lib.rs'}]}),
		results({c2: 300}, 'cx', 'codex'),
		turn({session: 'cx', source: 'codex', model: 'gpt-5-codex', id: 'T3', usage: {input: 10, cacheRead: 200}}),
	]);

	it('a task pays for its own calls, which ride in later tasks', () => {
		const a = attributions(ds);
		const c1 = a.get('c1')!;
		expect(c1.payMessageId).toBe('T1');
		expect(c1.initialTokens).toBeCloseTo(500, 9);
		expect(c1.initialCost).toBeCloseTo((500 * GPT.input) / 1e6, EPS);
		expect(rodeIn(c1)).toEqual(['T2']);
		expect(c1.persistenceCost).toBeCloseTo((500 * GPT.cacheRead) / 1e6, EPS);
		const c2 = a.get('c2')!;
		expect(c2.payMessageId).toBe('T2');
		expect(c2.initialCost).toBeCloseTo((300 * GPT.input) / 1e6, EPS);
		// T3 reads 200 cached tokens: neither result (500, 300) fits, so neither rides.
		expect(rodeIn(c2)).toEqual([]);
	});

	it('Codex calls show up in the file and command tables', () => {
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.bash.map((b) => b.command)).toEqual(['cargo test']);
		expect(r.bashVerbs.map((b) => b.verb)).toEqual(['cargo test']);
		expect(r.files.map((f) => f.path)).toEqual(['src/lib.rs']);
		expect(r.files[0]!.edits).toBe(1);
		expectInvariant(r);
	});
});

describe('coverage gate, refusal and degraded (hotspots-model §9.2)', () => {
	it('isAttributionDegraded', () => {
		expect(isAttributionDegraded(0, 0)).toBe(false);
		expect(isAttributionDegraded(0, 3)).toBe(false);
		expect(isAttributionDegraded(1, 3)).toBe(false);
		expect(isAttributionDegraded(1, 2)).toBe(true);
		expect(isAttributionDegraded(3, 4)).toBe(true);
		expect(isAttributionDegraded(1, 3, 0.25)).toBe(true);
		expect(isAttributionDegraded(1, 3, 0.5)).toBe(false);
	});

	it('refuses when no turn can be attributed', () => {
		const recs: LedgerRecord[] = [];
		const agg = fidelity({hasToolCalls: false, hasToolResultEvents: false}, 'per-session-aggregate', 'aggregate-only');
		for (let i = 0; i < 142; i++) recs.push(turn({session: 'agg', source: 'codex', model: 'gpt-5-codex', usage: {input: 10, output: 1}, fidelity: agg}));
		const r = analyzeHotspots(datasetOf(recs), fakePriceBook);
		expect(r.refused).toBe(true);
		expect(r.refusalReason).toContain('142/142 turns lack tool-call/tool-result coverage');
		expect(r.refusalReason).toContain('codex');
		expect(r.refusalReason).toContain('per-session-aggregate');
		expect(r.refusalReason).toContain('missing tool-call records, tool-result events');
		expect(r.refusalReason).toContain('No hotspots analysis was performed');
		expect(r.turnsAnalyzed).toBe(0);
		expect(r.grandTotal).toBe(0);
		expect(r.sessions).toEqual([]);
		expect(r.fidelity).toMatchObject({refused: true, analyzed: 0, excluded: 142});
		expect(r.fidelity.summary.total).toBe(142);
		expect(r.fidelity.summary.byClass['aggregate-only']).toBe(142);
		expect(r.excluded.turns).toBe(142);
		expect(r.excluded.cost).toBeCloseTo(142 * expectedCost({input: 10, output: 1}, GPT), EPS);
	});

	it('empty input is not a refusal', () => {
		const r = analyzeHotspots(datasetOf([]), fakePriceBook);
		expect(r.refused).toBe(false);
		expect(r.refusalReason).toBeUndefined();
		expect(r.turnsAnalyzed).toBe(0);
		expect(r.sessions).toEqual([]);
		expect(r.attributionDegraded).toBe(false);
	});

	it('partial exclusion is per turn and reported', () => {
		const ds = datasetOf([
			turn({session: 'g1', usage: {input: 100}}),
			turn({session: 'g1', usage: {input: 100}}),
			turn({session: 'g2', source: 'codex', model: 'gpt-5-codex', usage: {input: 100}, noEvents: true}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.turnsAnalyzed).toBe(2);
		expect(r.refused).toBe(false);
		expect(r.fidelity).toMatchObject({refused: false, analyzed: 2, excluded: 1});
		expect(r.fidelity.summary.total).toBe(3);
		expect(r.fidelity.summary.byClass.partial).toBe(1);
		expect(r.fidelity.summary.unknown).toBe(2);
		expect(r.sessions.map((s) => s.sessionId)).toEqual(['g1']);
		expect(r.excluded.cost).toBeCloseTo((100 * GPT.input) / 1e6, EPS);
	});

	it('an excluded turn in the middle shifts which turn pays', () => {
		const ds = datasetOf([
			turn({session: 'mid', calls: [{id: 'x'}]}),
			results({x: 100}, 'mid'),
			turn({session: 'mid', id: 'mid-excluded', usage: {input: 1000}, noEvents: true}),
			turn({session: 'mid', id: 'mid-pays', usage: {input: 1000}}),
		]);
		expect(attributions(ds).get('x')!.payMessageId).toBe('mid-pays');
	});

	it('two git diff commands of equal cost: distinct 2, examples by text', () => {
		const ds = datasetOf([
			turn({session: 'gd', calls: [{id: 'd1', name: 'Bash', target: 'git diff b.ts'}, {id: 'd2', name: 'Bash', target: 'git diff a.ts'}]}),
			results({d1: 100, d2: 100}, 'gd'),
			turn({session: 'gd', usage: {input: 200}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.bashVerbs).toHaveLength(1);
		expect(r.bashVerbs[0]).toMatchObject({verb: 'git diff', callCount: 2, distinctCommands: 2, topExamples: ['git diff a.ts', 'git diff b.ts']});
		expect(r.bash).toHaveLength(2);
	});

	it('degraded counts sessions with tool calls only', () => {
		const ds = datasetOf([
			turn({session: 'd1', calls: [{id: 'p'}]}),
			results({p: 10}, 'd1'),
			turn({session: 'd1', usage: {input: 10}}),
			turn({session: 'd2', calls: [{id: 'q'}]}),
			turn({session: 'd2', usage: {input: 10}}),
			turn({session: 'd3', usage: {input: 10}}),
			turn({session: 'd4', usage: {input: 10}}),
		]);
		// 1 of 2 sessions with tool calls is even-split ⇒ degraded (50 % counts).
		expect(analyzeHotspots(ds, fakePriceBook).attributionDegraded).toBe(true);
	});
});

describe('unpriced, undated, window', () => {
	it('unpriced turns are counted as unpriced, never as $0 cost', () => {
		const ds = datasetOf([
			turn({session: 'u1', model: 'mystery-model', usage: {input: 1000, output: 200, cacheRead: 300}}),
			turn({session: 'u1', model: 'mystery-model', usage: {input: 10}}),
			turn({session: 'u2', usage: {input: 1000}}),
		]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.unpriced).toEqual({turns: 2, tokens: 1510, models: ['mystery-model']});
		expect(r.grandTotal).toBeCloseTo(0.003, EPS);
		const u1 = r.sessions.find((s) => s.sessionId === 'u1')!;
		expect(u1.cost).toBeNull();
		expect(u1.unpricedTokens).toBe(1510);
		expect(r.sessions[0]!.sessionId).toBe('u2');
		const model = r.models.find((m) => m.model === 'mystery-model')!;
		expect(model.cost).toBeNull();
		expect(model.unpricedTokens).toBe(1510);
		expect(r.models[r.models.length - 1]!.model).toBe('mystery-model');
	});

	it('undated turns are reported', () => {
		const ds = datasetOf([turn({session: 'nd', ts: ''}), turn({session: 'nd'})]);
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.undated).toBe(1);
		expect(r.turnsAnalyzed).toBe(2);
		expect(r.sessions[0]!.firstTs).not.toBe('');
	});

	it('daily spans the window, empty days included', () => {
		const ds = datasetOf([turn({session: 'dy', ts: '2026-03-03T12:00:00.000Z', usage: {input: 1000}})], {
			since: '2026-03-01T12:00:00.000Z',
			until: '2026-03-05T12:00:00.000Z',
		});
		const r = analyzeHotspots(ds, fakePriceBook);
		expect(r.daily).toHaveLength(5);
		expect(r.daily.filter((d) => d.cost > 0)).toHaveLength(1);
		expect(r.window).toEqual({since: '2026-03-01T12:00:00.000Z', until: '2026-03-05T12:00:00.000Z'});
	});
});

describe('session view', () => {
	it('timeline with usage, costs and calls; excluded turns marked', () => {
		const ds = datasetOf([
			turn({session: 'sv', id: 'v1', usage: {input: 100, output: 10}, calls: [{id: 'r', name: 'Read', target: '/repo/src/lib/session-store.ts'}]}),
			results({r: 400}, 'sv'),
			turn({session: 'sv', id: 'v2', usage: {input: 1000, cacheCreate5m: 200, cacheCreate1h: 100, cacheRead: 5000, output: 50}, calls: [{id: 'e', name: 'Edit', target: '/repo/src/a.ts'}, {id: 'b', name: 'Bash', target: 'npm   test\n --watch=false'}]}),
			turn({session: 'sv', id: 'v3', usage: {input: 10}, noEvents: true}),
		]);
		const v = analyzeSession(ds, fakePriceBook, 'sv');
		expect(v.turns).toBe(2);
		expect(v.timeline).toHaveLength(3);
		const [t1, t2, t3] = v.timeline;
		expect(t1).toMatchObject({index: 1, messageId: 'v1', threadId: '', input: 100, output: 10, cacheWrite: 0, excluded: false});
		expect(t1!.calls).toEqual([{id: 'r', name: 'Read', kind: 'file-read', display: 'Read', target: '/repo/src/lib/session-store.ts', short: 'session-store.ts', isError: false, cost: expect.any(Number), initialCost: expect.any(Number), ridingCost: expect.any(Number), ridingTurns: expect.any(Number), resultTokens: expect.any(Number)}]);
		expect(t1!.calls[0]!.cost).toBeGreaterThan(0);
		expect(t2).toMatchObject({cacheWrite: 300, cacheRead: 5000});
		expect(t2!.calls.map((c) => `${c.display} ${c.short}`)).toEqual(['Edit a.ts', 'Bash npm test --watch=false']);
		expect(t2!.attributedCost).toBeCloseTo(t1!.calls[0]!.cost, EPS);
		expect(t3!.excluded).toBe(true);
		expect(v.excluded.turns).toBe(1);
		expect(v.cost).toBeCloseTo(expectedCost({input: 100, output: 10}, SONNET) + expectedCost({input: 1000, cacheCreate5m: 200, cacheCreate1h: 100, cacheRead: 5000, output: 50}, SONNET), EPS);
		expect(v.files.map((f) => f.path)).toEqual(['/repo/src/lib/session-store.ts', '/repo/src/a.ts']);
		expect(v.attributedCost + v.unattributedCost).toBeCloseTo(v.cost!, EPS);
	});

	it('unknown session id throws', () => {
		expect(() => analyzeSession(datasetOf([turn({session: 'known'})]), fakePriceBook, 'nope')).toThrow(/unknown session/);
	});
});

describe('threads of a child session without its parent', () => {
	it('an OpenCode child whose parent is outside the dataset is its own main thread', () => {
		const recs: LedgerRecord[] = [
			turn({session: 'ses_orphan', source: 'opencode', id: 'O1', parentToolUseId: undefined, agentId: undefined, usage: {input: 100}}),
			{kind: 'relationship', record: {v: 1, source: 'native-opencode', sessionId: 'ses_orphan', relatedSessionId: 'ses_gone', relationshipType: 'subagent'}},
		];
		// OpenCode marks every turn of a child session as a sidechain without an agent id.
		(recs[0]!.record as {subagent?: unknown}).subagent = {isSidechain: true};
		const r = analyzeHotspots(datasetOf(recs), fakePriceBook);
		expect(r.sessions.map((s) => [s.sessionId, s.threads.length])).toEqual([['ses_orphan', 0]]);
		expect(analyzeSession(datasetOf(recs), fakePriceBook, 'ses_orphan').timeline[0]!.threadId).toBe('');
	});
});

describe('coverage helpers (hotspots-model §9.2)', () => {
	it('turnPassesCoverage', () => {
		expect(turnPassesCoverage({})).toBe(true);
		expect(turnPassesCoverage({fidelity: fidelity({})})).toBe(true);
		expect(turnPassesCoverage({fidelity: fidelity({hasToolResultEvents: false})})).toBe(false);
		expect(turnPassesCoverage({fidelity: fidelity({hasToolCalls: false})})).toBe(false);
		expect(turnPassesCoverage({fidelity: fidelity({hasRawContent: false, hasCacheReadTokens: false})})).toBe(true);
	});

	it('excluded turns by source, clauses and the notice', () => {
		const ex = new ExcludedBySource();
		ex.add({source: 'codex', fidelity: fidelity({hasToolResultEvents: false})});
		ex.add({source: 'codex', fidelity: fidelity({hasToolResultEvents: false})});
		ex.add({source: 'opencode', fidelity: fidelity({hasToolCalls: false, hasToolResultEvents: false}, 'per-session-aggregate', 'aggregate-only')});
		const list = ex.list();
		expect(list).toEqual([
			{source: 'codex', turns: 2, granularities: ['per-turn'], missing: ['hasToolResultEvents']},
			{source: 'opencode', turns: 1, granularities: ['per-session-aggregate'], missing: ['hasToolCalls', 'hasToolResultEvents']},
		]);
		const clause = renderSourcesClause(list);
		expect(clause).toContain('codex (per-turn, missing tool-result events)');
		expect(clause).toContain('opencode (per-session-aggregate, missing tool-call records, tool-result events)');
		const notice = formatCoverageNotice(8, 10, list);
		expect(notice.startsWith('analyzed 8 of 10 turns; 2 excluded for ')).toBe(true);
		expect(notice).toContain('missing tool-result events');
		expect(notice).toContain('(codex)');
		for (const k of ['hasInputTokens', 'hasOutputTokens', 'hasReasoningTokens', 'hasCacheReadTokens', 'hasCacheCreateTokens', 'hasToolCalls', 'hasToolResultEvents', 'hasSessionRelationships', 'hasRawContent', 'hasSomethingNew']) {
			expect(fmtCoverageKey(k)).not.toMatch(/^has/);
		}
	});
});
