/**
 * The cost model (docs/findings.md): a session's pattern total is the union of its findings'
 * claims, never above the session's cost, and overlapping findings are not added twice.
 * Property-tested over random sessions that pile every pattern onto the same turns.
 */
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {datasetOf, fakePriceBook, results, turn} from './helpers/analysis.js';
import {event, compaction} from './helpers/pattern-records.js';
import {Rng} from '../source/demo/rng.js';



/** A seeded PRNG (the demo's mulberry32), so a failing case can be replayed by its seed. */
const rng = (seed: number): (() => number) => {
	const r = new Rng(seed);
	return () => r.next();
};

function randomSession(seed: number): LedgerRecord[] {
	const r = rng(seed);
	const int = (n: number) => Math.floor(r() * n);
	const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
	const source: SourceKind = pick(['claude-code', 'codex', 'opencode'] as const);
	const session = `p${seed}`;
	const model = source === 'codex' ? 'gpt-5' : pick(['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-sonnet-4-6']);
	const recs: LedgerRecord[] = [];
	let clock = Date.parse('2026-04-20T00:00:00.000Z');
	const ts = () => new Date((clock += 1000 + int(60_000))).toISOString();
	const threads = ['', '', '', 'agent-a', 'agent-b'];
	const file = () => pick(['/a.ts', '/b.ts', '/c.ts']);
	const hash = () => pick(['H1', 'H2', 'H3']);
	const turns = 5 + int(30);
	for (let i = 0; i < turns; i++) {
		const thread = pick(threads);
		const calls: NonNullable<Parameters<typeof turn>[0]['calls']> = [];
		const nCalls = int(4);
		for (let c = 0; c < nCalls; c++) {
			const id = `${session}-t${i}c${c}`;
			const kind = int(6);
			if (kind === 0) calls.push({id, name: 'Bash', target: pick(['npm test', 'git status', 'make']), argsHash: pick(['x', 'y']), ...(r() < 0.6 ? {isError: true} : {})});
			else if (kind === 1) calls.push({id, name: source === 'opencode' ? 'edit' : 'Edit', target: file(), editPreHash: hash(), editPostHash: hash()});
			else if (kind === 2) calls.push({id, name: source === 'opencode' ? 'skill' : 'Read', target: file(), skillName: 'react'});
			else if (kind === 3) calls.push({id, name: 'Glob', target: '*'}, {id: `${id}g`, name: 'Grep', target: 'x'}, {id: `${id}r`, name: 'Read', target: file()});
			else calls.push({id, name: pick(['Bash', 'shell', 'bash']), target: 'cat big.log', ...(r() < 0.3 ? {isError: true} : {})});
		}
		const usage = {input: int(20_000), output: int(3000), cacheRead: r() < 0.8 ? int(200_000) : 0, cacheCreate5m: int(30_000), cacheCreate1h: r() < 0.2 ? int(5000) : 0};
		recs.push(turn({session, source, model, id: `${session}-m${i}`, ts: ts(), usage, calls, ...(thread ? {agentId: thread} : {})}));
		const sizes: Record<string, number> = {};
		for (const c of calls) if (r() < 0.85) sizes[c.id] = pick([50, 500, 5000, 20_000, 80_000]);
		if (Object.keys(sizes).length > 0) recs.push(results(sizes, session, source));
		for (const c of calls) {
			const roll = r();
			if (roll < 0.5) recs.push(event(c.id, c.isError ? 'errored' : 'completed', {session, source}));
			else if (roll < 0.6) recs.push(event(c.id, 'cancelled', {session, source}));
		}
		if (r() < 0.15) recs.push(compaction(ts(), {session, source, preceding: `${session}-m${i}`, tokens: pick([0, 1000, 150_000, 2_000_000])}));
	}
	return recs;
}

const EPS = 1e-12;

describe('pattern totals never exceed session cost', () => {
	it('300 random sessions: Σ claims per session ≤ its cost; each finding ≤ its session cost; totals are unions', () => {
		let overlapSeen = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const recs = randomSession(seed);
			const report = analyzePatterns(datasetOf(recs), fakePriceBook, {kinds: 'all', bloatThresholdTokens: 4000});
			for (const s of report.sessionSummaries) {
				const cost = s.cost ?? 0;
				expect(s.totalPatternCost, `seed ${seed}`).toBeLessThanOrEqual(cost + EPS);
				expect(s.totalPatternCost).toBeGreaterThanOrEqual(0);
				const own = report.findings.filter((f) => f.sessionId === s.sessionId);
				for (const f of own) expect(f.costUsd ?? 0, `seed ${seed} ${f.kind}`).toBeLessThanOrEqual(cost + EPS);
				const inTotal = own.filter((f) => !['edit-heavy', 'tool-call-pattern', 'unpriced-usage'].includes(f.kind));
				const sum = inTotal.reduce((n, f) => n + (f.costUsd ?? 0), 0);
				expect(s.totalPatternCost).toBeLessThanOrEqual(sum + EPS);
				if (sum > s.totalPatternCost + 1e-9) overlapSeen++;
			}
		}
		// The generator does produce overlapping findings, and they were not added twice.
		expect(overlapSeen).toBeGreaterThan(0);
	});

	it('a session whose every turn is in some pattern: the total is at most the session cost', () => {
		const U = {input: 1000, output: 400, cacheRead: 50_000, cacheCreate5m: 2000};
		const recs: LedgerRecord[] = [];
		for (let i = 0; i < 6; i++) {
			recs.push(turn({session: 'all', id: `a${i}`, usage: U, calls: [{id: `b${i}`, name: 'Bash', target: 'make', argsHash: 'same', isError: true}]}));
			recs.push(results({[`b${i}`]: 40_000}, 'all'));
			recs.push(compaction(new Date(Date.parse('2026-05-01T00:00:00.000Z') + i).toISOString(), {session: 'all', preceding: `a${i}`, tokens: 50_000}));
		}
		const r = analyzePatterns(datasetOf(recs), fakePriceBook, {kinds: 'all'});
		const s = r.sessionSummaries[0]!;
		expect(r.retryLoops).toHaveLength(1);
		expect(r.compactions).toHaveLength(6);
		const naive = r.findings.filter((f) => f.sessionId === 'all').reduce((n, f) => n + (f.costUsd ?? 0), 0);
		expect(s.totalPatternCost).toBeLessThanOrEqual(s.cost! + EPS);
		expect(naive).toBeGreaterThan(s.totalPatternCost);
	});
});
