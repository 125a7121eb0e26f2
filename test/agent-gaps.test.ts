/**
 * Findings that depend on data an agent does not log are switched off for it, with the reason
 * (source/analysis/patterns/agent-gaps.ts); totals-only sessions are left out of attribution
 * with the reason, their cost still in the totals. Records written here in burn's ledger shape.
 */
import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {AGENT_GAPS, agentGapNotices, DETECTOR_NEEDS, detectorSees} from '../source/analysis/patterns/agent-gaps.js';
import {DETECTORS} from '../source/analysis/patterns/kinds.js';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {leftOutLines, leftOutShort} from '../source/analysis/left-out.js';
import {SOURCES} from '../source/core/records.js';
import {renderPatternsJson} from '../source/report/patterns-json.js';
import {renderFindingsText} from '../source/report/patterns-text.js';
import {datasetOf, fakePriceBook, results, turn} from './helpers/analysis.js';
import {runCli, sealed} from './helpers/cli.js';

const U = {input: 1000, output: 200, cacheRead: 10_000, cacheCreate5m: 500};

/** Three failing identical shell calls in a row (a retry loop wherever tool results are logged). */
const loop = (source: SourceKind, session: string): LedgerRecord[] =>
	Array.from({length: 4}, (_, i) => turn({session, source, model: 'claude-sonnet-4-6', usage: U, calls: i < 3 ? [{id: `${session}-${i}`, name: 'Bash', target: 'npm test', argsHash: 'h', isError: true}] : []}));

/** An edit of a file, then an edit that puts its text back (an edit-revert cycle wherever edit text is read). */
const revert = (source: SourceKind, session: string): LedgerRecord[] => [
	turn({session, source, usage: U, calls: [{id: `${session}-e1`, name: 'Edit', target: '/p/a.ts', argsHash: 'e1', editPreHash: 'A', editPostHash: 'B'}]}),
	turn({session, source, usage: U, calls: [{id: `${session}-e2`, name: 'Edit', target: '/p/a.ts', argsHash: 'e2', editPreHash: 'B', editPostHash: 'A'}]}),
	turn({session, source, usage: U}),
];

describe('findings switched off per agent', () => {
	it('the table covers every agent and every detector', () => {
		expect(Object.keys(AGENT_GAPS).sort()).toEqual([...SOURCES].sort());
		expect(Object.keys(DETECTOR_NEEDS).sort()).toEqual([...DETECTORS].sort());
		expect(detectorSees('retry-loop', 'claude-code')).toBe(true);
		expect(detectorSees('retry-loop', 'goose')).toBe(false);
		expect(detectorSees('edit-revert', 'pi')).toBe(false);
		expect(detectorSees('edit-revert', 'gemini')).toBe(true);
	});

	it('an agent without tool results yields no finding of a detector that needs them; the notice names agent, detector and reason', () => {
		// The same records as Claude Code turns: a retry loop is found (the test can fail).
		const claude = analyzePatterns(datasetOf(loop('claude-code', 'c1')), fakePriceBook, {kinds: 'all'});
		expect(claude.retryLoops).toHaveLength(1);
		expect(claude.findings.some((f) => f.kind === 'retry-loop')).toBe(true);

		const goose = analyzePatterns(datasetOf(loop('goose', 'g1')), fakePriceBook, {kinds: 'all'});
		expect(goose.retryLoops).toEqual([]);
		expect(goose.failureRuns).toEqual([]);
		expect(goose.findings.filter((f) => f.kind === 'retry-loop' || f.kind === 'failure-run')).toEqual([]);
		const retry = goose.fidelity.perDetector.find((p) => p.kind === 'retry-loop')!;
		expect(retry).toMatchObject({analyzed: 0, excluded: 4, refused: true});
		expect(retry.offFor).toEqual([{source: 'goose', count: 4, missing: ['tool-calls', 'tool-inputs', 'tool-results'], reason: 'Goose logs only running session totals, no responses'}]);
		const line = goose.notices.find((n) => n.startsWith('retry-loop:'));
		expect(line).toBe('retry-loop: off for goose (4 turns), needs tool calls, tool inputs, tool results: Goose logs only running session totals, no responses');
		// text and JSON say it
		expect(renderFindingsText(goose)).toContain('retry-loop: off for goose');
		const json = JSON.parse(renderPatternsJson(goose)) as {notices: string[]; fidelity: {perDetector: Array<{kind: string; offFor?: unknown[]}>}};
		expect(json.notices).toContain(line);
		expect(json.fidelity.perDetector.find((p) => p.kind === 'retry-loop')!.offFor).toHaveLength(1);
	});

	it('a detector off for one agent still looks at the others in the same window', () => {
		const r = analyzePatterns(datasetOf([...revert('pi', 'p1'), ...revert('claude-code', 'c1')]), fakePriceBook, {kinds: ['edit-revert']});
		expect(r.editReverts.map((x) => x.sessionId)).toEqual(['c1']);
		expect(r.notices).toEqual([
			"edit-revert: off for pi (3 turns), needs the text of edits: pi's edit calls are read without the text before and after",
		]);
		// Without the gate the pi session would be a revert too.
		const alone = analyzePatterns(datasetOf(revert('claude-code', 'p2')), fakePriceBook, {kinds: ['edit-revert']});
		expect(alone.editReverts).toHaveLength(1);
	});

	it('the UI notice: one line per agent present, detectors grouped by reason', () => {
		expect(agentGapNotices(['claude-code', 'opencode', 'qwen', 'kimi'], DETECTORS)).toEqual([]);
		expect(agentGapNotices(['pi'], DETECTORS)).toEqual(["findings off for pi: edit-revert (needs the text of edits: pi's edit calls are read without the text before and after)"]);
		const goose = agentGapNotices(['goose'], DETECTORS);
		expect(goose).toHaveLength(1);
		expect(goose[0]).toMatch(/^findings off for goose: retry-loop, failure-run, cancellation-run, compaction-loss, edit-revert, edit-heavy, tool-output-bloat, tool-call-pattern \(needs .*tool results.*: Goose logs only running session totals, no responses\)$/);
	});
});

describe('totals-only sessions and attribution', () => {
	it('are left out of attribution with the reason; their cost stays in the totals', () => {
		// Tool calls and results on droid turns (as if logged): still never attributed, not even evenly.
		const records = [...loop('droid', 'd1'), results({'d1-0': 5000, 'd1-1': 5000, 'd1-2': 5000}, 'd1', 'droid')];
		const droid = analyzeHotspots(datasetOf(records), fakePriceBook);
		const row = droid.sessions[0]!;
		expect(row.cost).toBeGreaterThan(0);
		expect(droid.grandTotal).toBeCloseTo(row.cost!, 9);
		expect(row.attributedCost).toBe(0);
		expect(droid.attributedTotal).toBe(0);
		expect(droid.files).toEqual([]);
		expect(droid.bash).toEqual([]);
		expect(row.notAttributed).toBe('attribution needs tool calls, tool results: Factory Droid logs only running session totals, no responses');
		expect(droid.leftOut.notAttributed).toBe(4);
		expect(leftOutLines(droid.leftOut)).toContain('4 turns in the totals but not attributed to tools (droid: attribution needs tool calls, tool results: Factory Droid logs only running session totals, no responses)');
		expect(leftOutShort(droid.leftOut)).toBe('4 not attributed (droid: no tool results)');
		// The same records from Claude Code are attributed (the test can fail).
		const claude = analyzeHotspots(datasetOf([...loop('claude-code', 'c1'), results({'c1-0': 5000, 'c1-1': 5000, 'c1-2': 5000}, 'c1')]), fakePriceBook);
		expect(claude.attributedTotal).toBeGreaterThan(0);
		expect(claude.leftOut.notAttributed).toBe(0);
		expect(claude.sessions[0]!.notAttributed).toBeUndefined();
	});

	it('burn --json on a Droid session says it (sealed HOME)', () => {
		const s = sealed();
		const dir = join(s.home, '.factory', 'sessions', '-home-dev-demo');
		mkdirSync(dir, {recursive: true});
		const file = join(dir, '5e5e0000-0000-4000-8000-0000000000aa.settings.json');
		writeFileSync(file, JSON.stringify({model: 'custom:Claude-Sonnet-4.5-[Anthropic]-0', tokenUsage: {inputTokens: 1200, outputTokens: 300, cacheCreationTokens: 0, cacheReadTokens: 9000, thinkingTokens: 0}}));
		utimesSync(file, new Date('2026-09-02T09:00:00Z'), new Date('2026-09-02T09:00:00Z'));
		const r = runCli(['--json', '--since', 'all'], s.env);
		expect(r.status, r.stderr).toBe(0);
		const j = JSON.parse(r.stdout) as {grandTotal: number; attributedTotal: number; leftOut: {notAttributed: number; notAttributedBySource: Array<{source: string}>}; sessions: Array<{cost: number; notAttributed?: string}>};
		expect(j.grandTotal).toBeGreaterThan(0);
		expect(j.grandTotal).toBeCloseTo(j.sessions[0]!.cost, 9);
		expect(j.attributedTotal).toBe(0);
		expect(j.leftOut.notAttributed).toBe(1);
		expect(j.leftOut.notAttributedBySource.map((e) => e.source)).toEqual(['droid']);
		expect(j.sessions[0]!.notAttributed).toMatch(/Factory Droid logs only running session totals/);
		const text = runCli(['--since', 'all', '--no-color'], {...s.env, COLUMNS: '200'});
		expect(text.stdout).toContain('1 turn in the totals but not attributed to tools (droid:');
	});
});
