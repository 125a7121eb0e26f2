import {expect, it} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {createClaudeReader} from '../source/sources/claude/reader.js';
import {createCodexReader} from '../source/sources/codex/reader.js';
import {readBashOutputSetting} from '../source/sources/inventory.js';
import {datasetOf, fakePriceBook} from './helpers/analysis.js';
import {readFileLines} from './helpers/read-lines.js';
import {describeShared, shared} from './helpers/shared.js';

// The same detectors on records of our own: patterns-detectors, patterns-bloat, patterns-ghost and
// patterns-tool-calls tests. These suites check them on the fixtures of ../shared.

const claude = (name: string): LedgerRecord[] => readFileLines(createClaudeReader, shared(`fixtures/claude/${name}.jsonl`)).records;
const codex = (name: string): LedgerRecord[] => readFileLines(createCodexReader, shared(`fixtures/codex/${name}.jsonl`)).records;
const withoutEvents = (rs: LedgerRecord[]) => rs.filter((r) => r.kind !== 'tool_result_event');

describeShared('fixture retry-loop.jsonl', () => {
	const r = analyzePatterns(datasetOf(claude('retry-loop')), fakePriceBook, {kinds: 'all'});

	it('one retry loop of 4 Bash attempts over turns 0–3, from tool-result events', () => {
		expect(r.retryLoops).toHaveLength(1);
		const loop = r.retryLoops[0]!;
		expect(loop).toMatchObject({sessionId: 'retry-session', threadId: '', tool: 'Bash', target: 'npm run build', attempts: 4, startTurnIndex: 0, endTurnIndex: 3, eventSource: 'tool_result'});
		expect(loop.cost).toBeGreaterThan(0);
		expect(loop.savings).toBeGreaterThan(0);
		expect(loop.savings).toBeLessThan(loop.cost);
		expect(loop.turns).toEqual(['msg_retry_1', 'msg_retry_2', 'msg_retry_3', 'msg_retry_4']);
	});

	it('is not also a failure run (one distinct call)', () => {
		expect(r.failureRuns).toEqual([]);
	});

	it('the legacy path (no events) finds the same loop without an event source', () => {
		const legacy = analyzePatterns(datasetOf(withoutEvents(claude('retry-loop'))), fakePriceBook, {kinds: ['retries']});
		expect(legacy.retryLoops).toHaveLength(1);
		const {eventSource, ...rest} = r.retryLoops[0]!;
		expect(eventSource).toBe('tool_result');
		expect(legacy.retryLoops[0]).toEqual(rest);
	});

	it('summary and finding', () => {
		expect(r.sessionSummaries[0]).toMatchObject({sessionId: 'retry-session', retryLoopCount: 1, totalRetries: 4});
		const f = r.findings.find((x) => x.kind === 'retry-loop')!;
		expect(f.title).toBe('Retry loop: Bash npm run build failed 4× in a row');
		expect(f.detail).toContain('Turns 0-3');
		expect(f.action).toEqual({type: 'command', label: 'Inspect this session', text: 'burn --session retry-session'});
	});
});

describeShared('fixture consecutive-failures.jsonl', () => {
	it('one failure run of 3 over Bash, Read, Grep; no retry loop', () => {
		const r = analyzePatterns(datasetOf(claude('consecutive-failures')), fakePriceBook, {kinds: ['failures', 'retries']});
		expect(r.retryLoops).toEqual([]);
		expect(r.failureRuns).toHaveLength(1);
		expect(r.failureRuns[0]).toMatchObject({length: 3, startTurnIndex: 0, endTurnIndex: 2, eventSource: 'tool_result'});
		expect(new Set(r.failureRuns[0]!.toolsInvolved)).toEqual(new Set(['Bash', 'Grep', 'Read']));
		expect(r.sessionSummaries[0]).toMatchObject({failureRunCount: 1, consecutiveFailureMax: 3});
	});
});

describeShared('fixture compact-boundary.jsonl', () => {
	const r = analyzePatterns(datasetOf(claude('compact-boundary')), fakePriceBook, {kinds: ['compaction-loss']});

	it('one compaction of 9,000 tokens after msg_c_1, priced at the cache-read rate', () => {
		expect(r.compactions).toHaveLength(1);
		const c = r.compactions[0]!;
		expect(c).toMatchObject({sessionId: 'compact-session', threadId: '', tokensBeforeCompact: 9000, precedingMessageId: 'msg_c_1'});
		// 9,000 × $0.30/M (sonnet cache read) = $0.0027: within msg_c_1's cache reads.
		expect(c.cacheLostCost).toBeCloseTo(0.0027, 12);
		expect(r.sessionSummaries[0]).toMatchObject({compactionCount: 1});
		const f = r.findings[0]!;
		expect(f).toMatchObject({kind: 'compaction-loss', severity: 'info', title: 'Compaction lost 9,000 cached tokens'});
		expect(f.estimatedSavings.tokensPerSession).toBe(9000);
	});
});

describeShared('fixture edit-revert.jsonl', () => {
	it('one revert cycle on /src/foo.ts from turn 0 to turn 2', () => {
		const r = analyzePatterns(datasetOf(claude('edit-revert')), fakePriceBook, {kinds: ['reverts']});
		expect(r.editReverts).toHaveLength(1);
		const e = r.editReverts[0]!;
		expect(e).toMatchObject({filePath: '/src/foo.ts', firstEditTurnIndex: 0, revertTurnIndex: 2});
		expect(e.spanTurns).toBe(e.revertTurnIndex - e.firstEditTurnIndex);
		expect(e.cost).toBeGreaterThan(0);
		expect(r.sessionSummaries[0]).toMatchObject({editRevertCount: 1});
	});
});

describeShared('fixture oversized-bash-output.jsonl (claude)', () => {
	const records = claude('oversized-bash-output');

	it('an 80,000-character Bash result is oversized (80,000 chars / 4 = 20,000 > 15,000)', () => {
		const r = analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['tool-output-bloat']});
		expect(r.toolOutputBloats).toHaveLength(1);
		expect(r.toolOutputBloats[0]).toMatchObject({source: 'claude-code', kind: 'observed-bloat', toolName: 'Bash', occurrenceCount: 1, evidencedMaxOutput: 20000, evidence: ['bloat-session']});
		const f = r.findings.find((x) => x.kind === 'tool-output-bloat')!;
		expect(f.title).toBe('Oversized claude-code Bash output: 1× (max 20,000 tok)');
		expect(f.action.text).toBe('"BASH_MAX_OUTPUT_LENGTH": "30000"');
		expect(f.sessionId).toBe('bloat-session');
	});

	it('with a 5k threshold, and with only the event content length (no user-turn sizes)', () => {
		const r = analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['bloat'], bloatThresholdTokens: 5000});
		expect(r.toolOutputBloats[0]).toMatchObject({occurrenceCount: 1, thresholdTokens: 5000});
		const noBlocks = records.filter((x) => x.kind !== 'user_turn');
		const e = analyzePatterns(datasetOf(noBlocks), fakePriceBook, {kinds: ['bloat']});
		expect(e.toolOutputBloats[0]).toMatchObject({toolName: 'Bash', evidencedMaxOutput: 20000});
	});

	it('the settings fixture (BASH_MAX_OUTPUT_LENGTH 80000) is flagged, with a setting to paste', () => {
		const setting = readBashOutputSetting(shared('fixtures/claude/settings/oversized-bash-output-length.json'))!;
		expect(setting.chars).toBe(80000);
		const inventory = {items: [], bashOutputSettings: [setting], scanned: []};
		const r = analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['tool-output-bloat'], inventory});
		const cfg = r.toolOutputBloats.find((b) => b.kind === 'static-config')!;
		expect(cfg).toMatchObject({source: 'claude-code', toolName: 'Bash', configuredLimit: 80000, evidencedMaxOutput: 20000, cost: 0, evidence: [setting.path]});
		const f = r.findings.find((x) => x.path === setting.path)!;
		expect(f).toMatchObject({kind: 'tool-output-bloat', severity: 'warn', sessionId: null, costUsd: 0});
		expect(f.title).toBe('BASH_MAX_OUTPUT_LENGTH configured at 80,000 chars (≈ 20,000 tokens, above 15,000)');
		expect(f.action.type).toBe('paste');
		expect(f.action.text).toContain('BASH_MAX_OUTPUT_LENGTH');
	});
});

describeShared('fixture oversized-shell-output.jsonl (codex)', () => {
	it('an oversized Codex shell result is named Bash and costs what the task paid for it', () => {
		const r = analyzePatterns(datasetOf(codex('oversized-shell-output')), fakePriceBook, {kinds: ['tool-output-bloat']});
		expect(r.toolOutputBloats).toHaveLength(1);
		const b = r.toolOutputBloats[0]!;
		expect(b).toMatchObject({source: 'codex', kind: 'observed-bloat', toolName: 'Bash', occurrenceCount: 1, evidence: ['sess_bloat_codex']});
		expect(b.cost).toBeGreaterThan(0);
		// Never more than the task's new input cost (600 input tokens at gpt-5's $1.25/M).
		expect(b.cost).toBeLessThanOrEqual((600 * 1.25) / 1e6 + 1e-12);
	});
});
