/** Tool-call patterns (hotspots-model.md §9.6, tool-call-patterns.test.ts). */
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {bashCategory} from '../source/analysis/patterns/tool-call-patterns.js';
import {datasetOf, fakePriceBook, turn} from './helpers/analysis.js';

const U = {input: 1000, output: 100, cacheRead: 5000};
let n = 0;
const t = (calls: Array<[string, string?]>, source: SourceKind = 'claude-code', session = 's1'): LedgerRecord =>
	turn({session, source, model: source === 'codex' ? 'gpt-5' : 'claude-sonnet-4-6', usage: U, calls: calls.map(([name, target]) => ({id: `c${++n}`, name, ...(target ? {target} : {})}))});
const patterns = (records: LedgerRecord[]) => analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['tool-call-pattern']}).toolCallPatterns;
const search = (source: SourceKind = 'claude-code') =>
	t(source === 'opencode' ? [['glob', '*.ts'], ['grep', 'x'], ['read', '/a.ts']] : [['Glob', '*.ts'], ['Bash', 'ls'], ['Grep', 'x'], ['Read', '/a.ts']], source);
const filler = () => t([]);

describe('search sequences', () => {
	it('4 turns of Glob → Grep → Read: count 4, 2,500 tokens each; 2 turns: none; reversed: none', () => {
		const p = patterns([search(), search(), search(), search()]);
		expect(p).toHaveLength(1);
		expect(p[0]).toMatchObject({category: 'search-sequence', count: 4, tokensSaved: 10000});
		expect(patterns([search(), search()])).toEqual([]);
		expect(patterns([1, 2, 3].map(() => t([['Read', '/a'], ['Grep', 'x'], ['Glob', '*']])))).toEqual([]);
	});

	it('OpenCode lower-case names count', () => {
		const p = patterns([search('opencode'), search('opencode'), search('opencode')]);
		expect(p[0]).toMatchObject({category: 'search-sequence', source: 'opencode'});
	});
});

describe('edit clusters', () => {
	it('4 edits of one file: a cluster of 4 with the file as evidence', () => {
		const p = patterns([1, 2, 3, 4].map(() => t([['Edit', '/f.ts']])));
		expect(p[0]).toMatchObject({category: 'edit-cluster', count: 4, tokensSaved: 1200, evidence: ['/f.ts']});
	});

	it('edits 10 turns apart: none; edits at turns 0, 1, 4, 5: 3 (window of 5 turns)', () => {
		const spaced: LedgerRecord[] = [];
		for (let i = 0; i < 21; i++) spaced.push(i % 10 === 0 ? t([['Edit', '/f.ts']]) : filler());
		expect(patterns(spaced)).toEqual([]);
		const seq: LedgerRecord[] = [];
		for (let i = 0; i < 6; i++) seq.push([0, 1, 4, 5].includes(i) ? t([['Edit', '/f.ts']]) : filler());
		expect(patterns(seq)[0]).toMatchObject({category: 'edit-cluster', count: 3});
	});

	it('two files: two clusters; Codex apply_patch counts', () => {
		const two = [1, 2, 3].map(() => t([['Edit', '/a.ts'], ['Write', '/b.ts']]));
		expect(patterns(two).filter((p) => p.category === 'edit-cluster')).toHaveLength(2);
		const cx = [1, 2, 3].map(() => t([['apply_patch', 'src/x.rs']], 'codex'));
		expect(patterns(cx)[0]).toMatchObject({category: 'edit-cluster', source: 'codex'});
	});
});

describe('plain shell calls', () => {
	it('git status / diff / log: 3 with their verbs', () => {
		const p = patterns([t([['Bash', 'git status']]), t([['Bash', 'git diff --stat']]), t([['Bash', 'git log -5']])]);
		expect(p[0]).toMatchObject({category: 'bash-git-state', count: 3, tokensSaved: 2400, evidence: ['git status', 'git diff', 'git log']});
	});

	it('pnpm test / pytest / jest: 3; gh pr view / gh api: 2; gh project, ls, cat: none', () => {
		expect(patterns([t([['Bash', 'pnpm test']]), t([['Bash', 'pytest -q']]), t([['exec_command', 'jest']], 'claude-code')])[0]).toMatchObject({category: 'bash-test-run', count: 3});
		expect(patterns([t([['Bash', 'gh pr view 12']]), t([['Bash', 'gh api repos/x']])])[0]).toMatchObject({category: 'bash-gh-pr', count: 2});
		expect(patterns([t([['Bash', 'gh project list']]), t([['Bash', 'ls -la']]), t([['Bash', 'cat a.txt']])])).toEqual([]);
	});

	it('categories', () => {
		expect(bashCategory('npm run test:unit')).toBe('bash-test-run');
		expect(bashCategory('npx vitest run')).toBe('bash-test-run');
		expect(bashCategory('cargo test -q')).toBe('bash-test-run');
		expect(bashCategory('cd app && git diff')).toBe('bash-git-state');
		expect(bashCategory('git commit -m x')).toBeNull();
	});
});

describe('money and findings', () => {
	it('the saving is the estimate at the input rate, capped at what the calls cost; the finding says no vendor', () => {
		const p = patterns([search(), search(), search(), search()])[0]!;
		expect(p.cost).toBeGreaterThan(0);
		expect(p.usdSaved).toBeLessThanOrEqual(p.cost);
		expect(p.usdSaved).toBeCloseTo(Math.min((10000 * 3) / 1e6, p.cost), 15);
		const r = analyzePatterns(datasetOf([search(), search(), search(), search()]), fakePriceBook, {kinds: ['tool-call-pattern']});
		const f = r.findings[0]!;
		expect(f).toMatchObject({kind: 'tool-call-pattern', title: 'Glob → Grep → Read sequence: 4×', savingsUsd: p.usdSaved, costUsd: p.cost});
		expect(f.action.type).toBe('command');
		expect(`${f.title} ${f.detail}`).not.toMatch(/claude|anthropic|openai/i);
		// Advice, not waste: not in the session summaries.
		expect(r.sessionSummaries).toEqual([]);
	});
});
