/** Selection, coverage, refusal, and the text and JSON layouts (hotspots-model.md §4.1, §6.4–§6.6). */
import {describe, expect, it} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';
import {analyzePatterns, findingsFor} from '../source/analysis/patterns/index.js';
import {selectDetectors, selectGhostKinds} from '../source/analysis/patterns/kinds.js';
import {PATTERN_ALIASES, PATTERN_KINDS} from '../source/cli/args.js';
import {renderPatternsJson} from '../source/report/patterns-json.js';
import {renderFindingsText, renderPatternsText} from '../source/report/patterns-text.js';
import {datasetOf, fakePriceBook, fidelity, turn} from './helpers/analysis.js';

const U = {input: 1000, output: 200, cacheRead: 10_000, cacheCreate5m: 500};
const loop = (session = 's1', n = 3, target = 'npm test'): LedgerRecord[] =>
	Array.from({length: n}, (_, i) => turn({session, usage: U, calls: [{id: `${session}-${i}`, name: 'Bash', target, argsHash: 'h', isError: true}]}));
const aggregate = (session = 'cx'): LedgerRecord =>
	turn({session, source: 'codex', model: 'gpt-5', usage: U, fidelity: fidelity({hasToolCalls: false, hasToolResultEvents: false}, 'per-session-aggregate', 'aggregate-only')});

describe('selection', () => {
	it('every kind and alias the CLI accepts selects a detector', () => {
		for (const k of PATTERN_KINDS) expect(selectDetectors([k])).toHaveLength(1);
		for (const k of Object.keys(PATTERN_ALIASES)) expect(selectDetectors([k])).toEqual([PATTERN_ALIASES[k]]);
		for (const k of ['retries', 'failures', 'cancellations', 'compaction', 'reverts', 'edit-heavy', 'opencode-skill-recall', 'opencode-skill-pruning', 'opencode-system-prompt', 'ghost-surface', 'tool-output-bloat', 'tool-call-pattern']) {
			expect(selectDetectors([k])).toHaveLength(1);
		}
		expect(() => selectDetectors(['nope'])).toThrow(/unknown pattern "nope"/);
	});

	it('table order whatever the order asked; ghost-surface selects every ghost kind, ghost-skill only itself', () => {
		expect(selectDetectors(['compaction', 'retries'])).toEqual(['retry-loop', 'compaction-loss']);
		expect(selectGhostKinds(['ghost-surface'])).toEqual(['ghost-agent', 'ghost-skill', 'ghost-command', 'ghost-prompt']);
		expect(selectGhostKinds(['ghost-skill'])).toEqual(['ghost-skill']);
		expect(selectDetectors(['ghost-skill'])).toEqual(['ghost-surface']);
	});

	it('only the selected detectors produce rows and findings', () => {
		const r = analyzePatterns(datasetOf(loop()), fakePriceBook, {kinds: ['compaction']});
		expect(r.retryLoops).toEqual([]);
		expect(r.findings).toEqual([]);
		expect(r.detectors).toEqual(['compaction-loss']);
	});
});

describe('coverage and refusal', () => {
	it('when no selected detector can run: refused, one line, nothing analysed', () => {
		const r = analyzePatterns(datasetOf([aggregate()]), fakePriceBook, {kinds: ['retries', 'edit-heavy']});
		expect(r.refused).toBe(true);
		expect(r.fidelity.refused).toBe(true);
		expect(r.turnsAnalyzed).toBe(0);
		expect(r.refusalReason).toMatch(/^No selected pattern detector can run here: retry-loop needs tool-call records, which 1\/1 turns lack \(codex/);
		expect(r.refusalReason).not.toContain('\n');
		const text = renderPatternsText(r);
		expect(text.split('\n').filter(Boolean)).toHaveLength(1);
		expect(JSON.parse(renderPatternsJson(r))).toMatchObject({refused: true, turnsAnalyzed: 0, retryLoops: [], findings: []});
		expect(findingsFor(datasetOf([aggregate()]), fakePriceBook, {kinds: ['retries']})).toEqual([]);
	});

	it('a selection with an ungated detector never refuses; gated detectors report their exclusions', () => {
		const r = analyzePatterns(datasetOf([...loop(), aggregate()]), fakePriceBook, {kinds: ['retries', 'compaction']});
		expect(r.refused).toBe(false);
		expect(r.turnsAnalyzed).toBe(4);
		const retry = r.fidelity.perDetector.find((p) => p.kind === 'retry-loop')!;
		expect(retry).toMatchObject({detector: 'retries', analyzed: 3, excluded: 1, refused: false, required: ['hasToolCalls']});
		expect(retry.excludedBySource).toEqual([{source: 'codex', count: 1, granularities: ['per-session-aggregate'], missingCoverage: ['hasToolCalls']}]);
		expect(r.notices).toEqual(['retry-loop: analyzed 3 of 4 turns; 1 excluded for missing tool-call records, per-session-aggregate granularity (codex) (needs tool-call records)']);
	});

	it('an empty dataset is not a refusal', () => {
		const r = analyzePatterns(datasetOf([]), fakePriceBook, {kinds: ['retries']});
		expect(r.refused).toBe(false);
		expect(renderPatternsText(r)).toContain('No agent activity in this window.');
	});
});

describe('text', () => {
	const records = [...loop('aaaaaaaa-1111', 4), ...loop('bbbbbbbb-2222', 3, 'make \x1b[31mred\x1b[0m')];
	const r = analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['retries', 'failures']});

	it('header, one table per selected detector, (none) for empty ones, log text sanitised', () => {
		const text = renderPatternsText(r, {width: 100});
		const lines = text.split('\n');
		expect(lines[0]).toBe('turns analyzed: 7');
		expect(lines[1]).toMatch(/^sessions with patterns: 2 {2}\/ {2}total pattern cost: \$/);
		expect(text).toContain('Retry loops (≥3 identical failing tool calls in a row)');
		expect(text).toMatch(/session\s+tool\s+target\s+attempts\s+turns\s+cost/);
		expect(text).toMatch(/aaaaaaaa\s+Bash\s+npm test\s+4/);
		expect(text).toContain('Consecutive tool-failure runs');
		expect(text).toContain('  (none)');
		expect(text).not.toContain('\x1b');
		expect(text).toContain('make red');
	});

	it('--limit cuts tables with a "more" line', () => {
		expect(renderPatternsText(r, {limit: 1})).toContain('… 1 more (--all shows every row)');
	});

	it('--findings: a ranked table and the top finding with its action', () => {
		const text = renderFindingsText(r, {width: 120});
		expect(text).toContain('findings: 2');
		expect(text).toMatch(/severity\s+kind\s+session\s+cost\s+saves\s+title/);
		expect(text).toMatch(/retry-loop\s+aaaaaaaa/);
		expect(text).toContain('  → Inspect this session:\n    burn --session aaaaaaaa-1111\n');
		expect(renderFindingsText(r, {width: 80})).toMatch(/severity\s+session\s+cost\s+title/);
		expect(renderFindingsText(analyzePatterns(datasetOf([]), fakePriceBook, {kinds: 'all'}))).toContain('findings: 0');
	});
});

describe('JSON', () => {
	it("relayburn's keys in relayburn's order, then ours; ∞ ratios are null", () => {
		const edits = Array.from({length: 6}, (_, i) => turn({usage: U, calls: [{id: `e${i}`, name: 'Edit', target: `/f${i}`}]}));
		const json = JSON.parse(renderPatternsJson(analyzePatterns(datasetOf([...loop(), ...edits]), fakePriceBook, {kinds: 'all'})));
		expect(Object.keys(json)).toEqual([
			'turnsAnalyzed', 'retryLoops', 'failureRuns', 'cancelledRuns', 'compactions', 'editReverts', 'skillRecallDups', 'skillPruningProtection',
			'systemPromptTaxes', 'editHeavySessions', 'toolOutputBloats', 'toolCallPatterns', 'ghostSurface', 'unpricedUsage', 'sessionSummaries',
			'findings', 'fidelity', 'window', 'detectors', 'notices', 'refused',
		]);
		expect(json.editHeavySessions[0].ratio).toBeNull();
		expect(Object.keys(json.fidelity)).toEqual(['analyzed', 'excluded', 'summary', 'refused', 'perDetector']);
		expect(json.sessionSummaries[0]).toHaveProperty('totalPatternCost');
		const f = json.findings.find((x: {kind: string}) => x.kind === 'retry-loop');
		for (const key of ['kind', 'severity', 'sessionId', 'threadId', 'title', 'detail', 'costUsd', 'savingsUsd', 'estimatedSavings', 'action', 'actions']) expect(f).toHaveProperty(key);
	});
});
