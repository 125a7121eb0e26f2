/** Tool-output bloat (hotspots-model.md §9.6, tool-output-bloat.test.ts). */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {p95} from '../source/analysis/patterns/bloat.js';
import {readBashOutputSetting, readInventory, type Inventory} from '../source/sources/inventory.js';
import {datasetOf, fakePriceBook, results, turn} from './helpers/analysis.js';
import {tmp} from './helpers/tmp.js';
import {event} from './helpers/pattern-records.js';


const U = {input: 30000, output: 50, cacheRead: 1000};
const bloat = (records: LedgerRecord[], extra: {inventory?: Inventory; bloatThresholdTokens?: number} = {}) =>
	analyzePatterns(datasetOf(records), fakePriceBook, {kinds: ['tool-output-bloat'], ...extra});
const inv = (...settings: Array<[string, number]>): Inventory => ({items: [], bashOutputSettings: settings.map(([path, chars]) => ({path, chars})), scanned: []});

/** A call, its result of `tokens`, and the turn that reads it. */
function call(id: string, tokens: number, opts: {session?: string; source?: SourceKind; name?: string} = {}): LedgerRecord[] {
	const session = opts.session ?? 's1';
	const source = opts.source ?? 'claude-code';
	const model = source === 'codex' ? 'gpt-5' : 'claude-sonnet-4-6';
	return [
		turn({session, source, model, usage: U, calls: [{id, name: opts.name ?? 'Bash', target: 'cat big.log'}]}),
		results({[id]: tokens}, session, source),
		turn({session, source, model, usage: U}),
	];
}

describe('configured limit (settings)', () => {
	it('80,000 chars is flagged (20,000 tokens), 60,000 and 50,000 are not', () => {
		const r = bloat([], {inventory: inv(['/h/.claude/settings.json', 80000], ['/h2/settings.json', 60000], ['/h3/settings.json', 50000])});
		expect(r.toolOutputBloats).toEqual([
			{source: 'claude-code', kind: 'static-config', toolName: 'Bash', configuredLimit: 80000, evidencedMaxOutput: 20000, evidencedP95Output: null, occurrenceCount: 1, cost: 0, evidence: ['/h/.claude/settings.json'], thresholdTokens: 15000},
		]);
		expect(r.findings).toHaveLength(1);
		expect(r.findings[0]!.action).toMatchObject({type: 'paste', text: '"BASH_MAX_OUTPUT_LENGTH": "30000"'});
	});

	it('a custom threshold: 5,000 chars flags at 1,000 tokens, not at 10,000', () => {
		expect(bloat([], {inventory: inv(['/s.json', 5000]), bloatThresholdTokens: 1000}).toolOutputBloats).toHaveLength(1);
		expect(bloat([], {inventory: inv(['/s.json', 5000]), bloatThresholdTokens: 10000}).toolOutputBloats).toEqual([]);
	});

	it('loader: missing, malformed or without the key → undefined; a number or a numeric string → chars', () => {
		const dir = tmp();
		expect(readBashOutputSetting(join(dir, 'missing.json'))).toBeUndefined();
		writeFileSync(join(dir, 'bad.json'), '{not json');
		expect(readBashOutputSetting(join(dir, 'bad.json'))).toBeUndefined();
		writeFileSync(join(dir, 'none.json'), '{"env": {"OTHER": "1"}}');
		expect(readBashOutputSetting(join(dir, 'none.json'))).toBeUndefined();
		writeFileSync(join(dir, 'num.json'), '{"env": {"BASH_MAX_OUTPUT_LENGTH": 99999}}');
		expect(readBashOutputSetting(join(dir, 'num.json'))).toEqual({path: join(dir, 'num.json'), chars: 99999});
	});

	it('end to end: settings.json under HOME/.claude is read by readInventory and flagged', () => {
		const home = tmp();
		mkdirSync(join(home, '.claude'));
		writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({env: {BASH_MAX_OUTPUT_LENGTH: '80000'}}));
		const inventory = readInventory({HOME: home});
		expect(inventory.bashOutputSettings).toEqual([{path: join(home, '.claude', 'settings.json'), chars: 80000}]);
		expect(bloat([], {inventory}).toolOutputBloats[0]!.kind).toBe('static-config');
	});
});

describe('observed oversized results', () => {
	it('a 20,000-token Bash result: one bucket with a cost; 10,000: none', () => {
		const r = bloat(call('a', 20000));
		expect(r.toolOutputBloats).toHaveLength(1);
		expect(r.toolOutputBloats[0]).toMatchObject({kind: 'observed-bloat', toolName: 'Bash', occurrenceCount: 1, evidencedMaxOutput: 20000});
		expect(r.toolOutputBloats[0]!.cost).toBeGreaterThan(0);
		expect(r.findings[0]!.savingsUsd).toBeCloseTo((r.findings[0]!.costUsd! * 5000) / 20000, 12);
		expect(bloat(call('a', 10000)).toolOutputBloats).toEqual([]);
	});

	it('three sessions: one bucket, count 3, max 30,000, 3 evidence sessions, one finding per session', () => {
		const r = bloat([...call('a', 20000, {session: 'x'}), ...call('b', 30000, {session: 'y'}), ...call('c', 16000, {session: 'z'})]);
		expect(r.toolOutputBloats).toHaveLength(1);
		expect(r.toolOutputBloats[0]).toMatchObject({occurrenceCount: 3, evidencedMaxOutput: 30000, evidence: ['x', 'y', 'z']});
		expect(r.findings.map((f) => f.sessionId).sort()).toEqual(['x', 'y', 'z']);
		expect(r.sessionSummaries.every((s) => s.toolOutputBloatCount === 1)).toBe(true);
	});

	it('Claude Bash, Codex shell and OpenCode bash: 3 buckets, all named Bash', () => {
		const r = bloat([...call('a', 20000), ...call('b', 20000, {session: 'cx', source: 'codex', name: 'shell'}), ...call('c', 20000, {session: 'oc', source: 'opencode', name: 'bash'})]);
		expect(r.toolOutputBloats.map((b) => [b.source, b.toolName]).sort()).toEqual([
			['claude-code', 'Bash'],
			['codex', 'Bash'],
			['opencode', 'Bash'],
		]);
	});

	it('no user-turn block and no content length: none; content length alone is enough', () => {
		const noSize = [turn({usage: U, calls: [{id: 'q', name: 'Bash'}]}), event('q', 'completed')];
		expect(bloat(noSize).toolOutputBloats).toEqual([]);
		const withLength = [turn({usage: U, calls: [{id: 'q', name: 'Bash'}]}), event('q', 'completed', {contentLength: 100_000})];
		expect(bloat(withLength).toolOutputBloats[0]).toMatchObject({toolName: 'Bash', evidencedMaxOutput: 25000});
	});

	it('threshold 500 flags a 1,000-token result', () => {
		expect(bloat(call('a', 1000), {bloatThresholdTokens: 500}).toolOutputBloats).toHaveLength(1);
	});

	it('a result whose call is unknown is bucketed as <unknown>', () => {
		const orphan = results({ghost: 20000});
		if (orphan.kind === 'user_turn') orphan.record.precedingMessageId = 'm0';
		const recs: LedgerRecord[] = [turn({id: 'm0', usage: U}), orphan];
		expect(bloat(recs).toolOutputBloats[0]).toMatchObject({toolName: '<unknown>', occurrenceCount: 1, cost: 0});
	});

	it('a tool_result and a subagent_notification for one call count once', () => {
		const recs = [turn({usage: U, calls: [{id: 't', name: 'Task', target: 'explore'}]}), event('t', 'completed', {contentLength: 90000}), event('t', 'completed', {contentLength: 90000, eventSource: 'subagent_notification'})];
		expect(bloat(recs).toolOutputBloats[0]!.occurrenceCount).toBe(1);
	});

	it('with 20 or more sized results, the p95 raises the threshold', () => {
		expect(p95([1, 2, 3])).toBeNull();
		const sizes = Array.from({length: 20}, (_, i) => 20000 + i * 1000);
		expect(p95(sizes)).toBe(38000);
		const r = bloat(sizes.flatMap((n, i) => call(`c${i}`, n)));
		expect(r.toolOutputBloats[0]).toMatchObject({occurrenceCount: 1, evidencedMaxOutput: 39000, evidencedP95Output: 38000, thresholdTokens: 38000});
	});
});
