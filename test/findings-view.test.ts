import {describe, expect, it} from 'vitest';
import {findingsView, minorThreshold} from '../source/analysis/findings-view.js';
import type {Finding} from '../source/analysis/patterns/types.js';

let n = 0;
function finding(over: Partial<Finding>): Finding {
	n++;
	const action = {type: 'command' as const, label: 'inspect', text: `burn --session s${n}`};
	return {kind: 'retry-loop', severity: 'warn', sessionId: `s${n}`, threadId: '', source: 'claude-code', title: `f${n}`, detail: '', costUsd: 1, savingsUsd: null, estimatedSavings: {}, action, actions: [action], ...over} as Finding;
}

describe('findings view', () => {
	it('sorts by savings, then cost; findings without dollars last', () => {
		const a = finding({title: 'a', savingsUsd: 0.5, costUsd: 3});
		const b = finding({title: 'b', savingsUsd: null, costUsd: 2});
		const c = finding({title: 'c', savingsUsd: 2.5, costUsd: 0.1});
		const f = finding({title: 'f', savingsUsd: 2, costUsd: 2.5});
		const d = finding({title: 'd', savingsUsd: null, costUsd: null, tokens: 50});
		const e = finding({title: 'e', savingsUsd: 0.5, costUsd: 4});
		const v = findingsView([a, b, c, d, e, f], {sessionsWithTools: 10, grandTotal: 10});
		expect(v.rows.map((r) => (r.type === 'finding' ? r.finding.title : r.kind))).toEqual(['c', 'f', 'b', 'e', 'a', 'd']);
	});

	it('folds findings under the threshold into one minor row per kind, summing their dollars', () => {
		const big = finding({kind: 'retry-loop', costUsd: 5});
		const m1 = finding({kind: 'retry-loop', costUsd: 0.004});
		const m2 = finding({kind: 'retry-loop', costUsd: 0.002});
		const m3 = finding({kind: 'failure-run', costUsd: 0.001});
		const v = findingsView([m1, big, m2, m3], {sessionsWithTools: 10, grandTotal: 1});
		expect(v.threshold).toBe(0.01);
		expect(v.rows).toHaveLength(3);
		expect(v.rows[0]).toEqual({type: 'finding', finding: big});
		const minor = v.rows[1]!;
		expect(minor.type).toBe('minor');
		if (minor.type !== 'minor') return;
		expect([minor.kind, minor.count]).toEqual(['retry-loop', 2]);
		expect(minor.costUsd).toBeCloseTo(0.006, 12);
		expect(minor.findings).toEqual([m1, m2]);
		expect(v.rows[2]).toMatchObject({type: 'minor', kind: 'failure-run', count: 1});
	});

	it('the threshold grows with the spend (0.1 %)', () => {
		expect(minorThreshold(0)).toBe(0.01);
		expect(minorThreshold(1000)).toBe(1);
		const v = findingsView([finding({costUsd: 0.5})], {sessionsWithTools: 1, grandTotal: 1000});
		expect(v.rows[0]!.type).toBe('minor');
	});

	it('a tool-call pattern in most sessions is a habit, not a finding; a rare one stays', () => {
		const git = Array.from({length: 6}, (_, i) => finding({kind: 'tool-call-pattern', category: 'bash-git-state', sessionId: `g${i}`, savingsUsd: 0.2, costUsd: 0.3}));
		const search = [finding({kind: 'tool-call-pattern', category: 'search-sequence', sessionId: 'g0', savingsUsd: 0.4, costUsd: 1})];
		const v = findingsView([...git, ...search], {sessionsWithTools: 10, grandTotal: 5});
		expect(v.habits).toEqual([{category: 'bash-git-state', sessions: 6, of: 10, savingsUsd: expect.closeTo(1.2, 12)}]);
		expect(v.rows.map((r) => (r.type === 'finding' ? r.finding.category : r.kind))).toEqual(['search-sequence']);
	});

	it('half the sessions, or fewer than 4, is not a habit', () => {
		const half = Array.from({length: 5}, (_, i) => finding({kind: 'tool-call-pattern', category: 'bash-test-run', sessionId: `t${i}`, savingsUsd: 0.2}));
		expect(findingsView(half, {sessionsWithTools: 10, grandTotal: 1}).habits).toEqual([]);
		const few = Array.from({length: 3}, (_, i) => finding({kind: 'tool-call-pattern', category: 'bash-test-run', sessionId: `t${i}`, savingsUsd: 0.2}));
		expect(findingsView(few, {sessionsWithTools: 3, grandTotal: 1}).habits).toEqual([]);
	});
});
