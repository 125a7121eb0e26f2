/** Detector cases of hotspots-model.md §9.5, on synthetic ledgers. */
import {describe, expect, it} from 'vitest';
import type {ContentRecord, LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import type {PatternsReport} from '../source/analysis/patterns/types.js';
import {datasetOf, fakePriceBook, results, turn} from './helpers/analysis.js';
import {event, compaction} from './helpers/pattern-records.js';



/** Content sidecar records of one session: tool results, tool inputs, user text. */
function contentOf(session: string, items: Array<{result?: [string, string]; use?: [string, string, unknown]; userText?: string}>, source: SourceKind = 'claude-code'): Map<string, ContentRecord[]> {
	const recs = items.map((it, i): ContentRecord => {
		const base = {v: 1 as const, source, sessionId: session, messageId: `c${i}`, ts: '2026-04-20T00:00:00.000Z'};
		if (it.result) return {...base, role: 'tool_result', kind: 'tool_result', toolResult: {toolUseId: it.result[0], content: it.result[1]}};
		if (it.use) return {...base, role: 'assistant', kind: 'tool_use', toolUse: {id: it.use[0], name: it.use[1], input: it.use[2]}};
		return {...base, role: 'user', kind: 'text', text: it.userText ?? ''};
	});
	return new Map([[session, recs]]);
}

const U = {input: 100, output: 50, cacheRead: 1000, cacheCreate5m: 200};
/** Runs with the content as a map, and checks that reading it one session at a time gives the same report. */
function run(records: LedgerRecord[], kinds: string[] | 'all' = 'all', content?: ReadonlyMap<string, readonly ContentRecord[]>): PatternsReport {
	const report = analyzePatterns(datasetOf(records), fakePriceBook, {kinds, ...(content ? {content} : {})});
	if (content) {
		const asked: string[] = [];
		const lazy = analyzePatterns(datasetOf(records), fakePriceBook, {kinds, content: (id) => (asked.push(id), content.get(id) ?? [])});
		expect(lazy).toEqual(report);
		expect(new Set(asked).size).toBe(asked.length); // each session's sidecar read once
	}
	return report;
}

/** A Bash call that fails (isError) or succeeds, one per turn. */
const bash = (id: string, cmd: string, isError: boolean, session = 's1', extra: Parameters<typeof turn>[0] = {}): LedgerRecord =>
	turn({session, usage: U, calls: [{id, name: 'Bash', target: cmd, argsHash: `h:${cmd}`, ...(isError ? {isError: true} : {})}], ...extra});

describe('retry loops', () => {
	it('2 failures are not a loop', () => {
		expect(run([bash('a', 'npm test', true), bash('b', 'npm test', true)]).retryLoops).toEqual([]);
	});

	it('a success in between breaks the streak', () => {
		const r = run([bash('a', 'npm test', true), bash('b', 'npm test', true), bash('c', 'npm test', false), bash('d', 'npm test', true)]);
		expect(r.retryLoops).toEqual([]);
	});

	it('a graph session and a legacy session: 2 loops, only the graph one has an event source', () => {
		const graph = ['g1', 'g2', 'g3'].flatMap((id) => [bash(id, 'make', true, 'graph'), event(id, 'errored', {session: 'graph'})]);
		const legacy = ['l1', 'l2', 'l3'].map((id) => bash(id, 'make', true, 'legacy'));
		const r = run([...graph, ...legacy], ['retries']);
		expect(r.retryLoops).toHaveLength(2);
		expect(r.retryLoops.find((l) => l.sessionId === 'graph')!.eventSource).toBe('tool_result');
		expect(r.retryLoops.find((l) => l.sessionId === 'legacy')!.eventSource).toBeUndefined();
	});

	it('events decide over isError: errored events without isError on the calls make a loop', () => {
		const recs = ['e1', 'e2', 'e3'].flatMap((id) => [bash(id, 'make', false), event(id, 'errored')]);
		expect(run(recs, ['retries']).retryLoops).toHaveLength(1);
	});

	it('a streak is per thread: failures split between the main thread and a subagent are not one loop', () => {
		const r = run([bash('a', 'make', true), bash('b', 'make', true), bash('c', 'make', true, 's1', {agentId: 'sub1'}), bash('d', 'make', true, 's1', {agentId: 'sub1'})]);
		expect(r.retryLoops).toEqual([]);
	});

	it('a loop inside a subagent thread carries its thread id', () => {
		const r = run(['a', 'b', 'c'].map((id) => bash(id, 'make', true, 's1', {agentId: 'agent-7'})));
		expect(r.retryLoops[0]).toMatchObject({threadId: 'agent-7', attempts: 3});
		expect(r.findings.find((f) => f.kind === 'retry-loop')!.threadId).toBe('agent-7');
	});

	it('3 identical + 1 different failures: a retry loop and a failure run, counted once in the session total', () => {
		const recs = [bash('a', 'make', true), results({a: 500}), bash('b', 'make', true), results({b: 500}), bash('c', 'make', true), results({c: 500}), bash('d', 'ls /x', true), results({d: 500}), turn({usage: U})];
		const r = run(recs, ['retries', 'failures']);
		expect(r.retryLoops).toHaveLength(1);
		expect(r.failureRuns).toHaveLength(1);
		const loop = r.retryLoops[0]!;
		const fr = r.failureRuns[0]!;
		expect(fr.length).toBe(4);
		// The failure run's claims include the loop's: the union is the failure run alone.
		expect(r.sessionSummaries[0]!.totalPatternCost).toBeCloseTo(fr.cost, 12);
		expect(r.sessionSummaries[0]!.totalPatternCost).toBeLessThan(loop.cost + fr.cost);
	});
});

describe('failure runs', () => {
	it('error, success, error, error: none', () => {
		const r = run([bash('a', 'x', true), bash('b', 'y', false), bash('c', 'z', true), bash('d', 'w', true)], ['failures']);
		expect(r.failureRuns).toEqual([]);
	});

	it('three errored subagent notifications on distinct Agent calls (no isError) make a run of 3', () => {
		const recs = ['t1', 't2', 't3'].flatMap((id, i) => [
			turn({usage: U, calls: [{id, name: 'Agent', target: `task ${i}`, argsHash: `agent-${i}`}]}),
			event(id, 'errored', {eventSource: 'subagent_notification'}),
		]);
		const r = run(recs, ['failures', 'retries']);
		expect(r.retryLoops).toEqual([]);
		expect(r.failureRuns).toHaveLength(1);
		expect(r.failureRuns[0]).toMatchObject({length: 3, eventSource: 'subagent_notification', toolsInvolved: ['Agent']});
	});
});

describe('cancellations', () => {
	it('3 cancelled events: no retry loop or failure run, one cancellation run of 3', () => {
		const recs = ['a', 'b', 'c'].flatMap((id) => [bash(id, 'sleep 100', false), event(id, 'cancelled')]);
		const r = run(recs, ['retries', 'failures', 'cancellations']);
		expect(r.retryLoops).toEqual([]);
		expect(r.failureRuns).toEqual([]);
		expect(r.cancelledRuns).toHaveLength(1);
		expect(r.cancelledRuns[0]).toMatchObject({length: 3, eventSource: 'tool_result', toolsInvolved: ['Bash']});
	});

	it('a cancelled call breaks a retry streak', () => {
		const recs = [bash('a', 'make', true), event('a', 'errored'), bash('b', 'make', true), event('b', 'errored'), bash('c', 'make', false), event('c', 'cancelled'), bash('d', 'make', true), event('d', 'errored')];
		expect(run(recs, ['retries']).retryLoops).toEqual([]);
	});

	it('a running event is not terminal: the earlier status of the call counts', () => {
		const recs = ['a', 'b', 'c'].flatMap((id) => [bash(id, 'make', true), event(id, 'errored'), event(id, 'running')]);
		expect(run(recs, ['retries']).retryLoops).toHaveLength(1);
	});
});

describe('compaction loss', () => {
	it('every compaction is a row, $0 when the preceding turn is unknown', () => {
		const r = run([turn({id: 'x1', usage: U, ts: '2026-04-20T10:00:00.000Z'}), compaction('2026-04-20T10:01:00.000Z', {tokens: 5000, preceding: 'nope'})], ['compaction']);
		expect(r.compactions).toHaveLength(1);
		expect(r.compactions[0]!.cacheLostCost).toBe(0);
	});

	it('a compaction-only session is in the summaries', () => {
		const r = run([turn({session: 'c', id: 'c1', usage: U, ts: '2026-04-20T10:00:00.000Z'}), compaction('2026-04-20T10:01:00.000Z', {session: 'c', tokens: 1000, preceding: 'c1'})]);
		expect(r.sessionSummaries.find((s) => s.sessionId === 'c')).toMatchObject({compactionCount: 1, retryLoopCount: 0});
	});

	it('the lost cache is capped at what the preceding turn paid for its prefix', () => {
		const r = run([turn({id: 'p1', usage: {input: 10, output: 5, cacheRead: 100, cacheCreate5m: 0}, ts: '2026-04-20T10:00:00.000Z'}), compaction('2026-04-20T10:01:00.000Z', {tokens: 1_000_000, preceding: 'p1'})], ['compaction']);
		const prefix = (100 * 0.3 + 10 * 3) / 1e6;
		expect(r.compactions[0]!.cacheLostCost).toBeCloseTo(prefix, 15);
		expect(r.compactions[0]!.tokensBeforeCompact).toBe(1_000_000);
	});

	it('lost work: what the thread did since its previous compaction, files sorted', () => {
		const t = (id: string, min: number, calls: Parameters<typeof turn>[0]['calls']) => turn({id, usage: U, ts: `2026-04-20T10:${String(min).padStart(2, '0')}:00.000Z`, calls});
		const recs = [
			t('w0', 0, [{id: 'e0', name: 'Edit', target: '/src/zzz.ts'}]),
			compaction('2026-04-20T10:01:00.000Z', {tokens: 100, preceding: 'w0'}),
			t('w1', 2, [{id: 'e1', name: 'Edit', target: '/src/foo.ts'}, {id: 'b1', name: 'Bash', target: 'ls'}]),
			t('w2', 3, [{id: 'e2', name: 'Write', target: '/src/bar.ts'}, {id: 'b2', name: 'Bash', target: 'pwd'}, {id: 'r1', name: 'Read', target: '/src/foo.ts'}]),
			compaction('2026-04-20T10:04:00.000Z', {tokens: 100, preceding: 'w2'}),
		];
		const r = run(recs, ['compaction']);
		expect(r.compactions).toHaveLength(2);
		expect(r.compactions[0]!.lostWork).toEqual({files: ['/src/zzz.ts'], bashCount: 0, editCount: 1, readCount: 0});
		expect(r.compactions[1]!.lostWork).toEqual({files: ['/src/bar.ts', '/src/foo.ts'], bashCount: 2, editCount: 2, readCount: 1});
		expect(r.findings.find((f) => f.turns?.includes('w2'))!.detail).toContain('Compacted window: 2 edits, 2 bash, 1 read on /src/bar.ts, /src/foo.ts.');
	});

	it('compactions outside the window are not listed', () => {
		const recs = [turn({id: 'q1', usage: U, ts: '2026-04-20T10:00:00.000Z'}), compaction('2026-03-01T10:00:00.000Z', {tokens: 100})];
		const r = analyzePatterns(datasetOf(recs, {since: '2026-04-01T00:00:00.000Z', until: null}), fakePriceBook, {kinds: ['compaction']});
		expect(r.compactions).toEqual([]);
	});
});

describe('edit reverts', () => {
	const edit = (id: string, file: string, pre: string, post: string): LedgerRecord =>
		turn({usage: U, calls: [{id, name: 'Edit', target: file, editPreHash: pre, editPostHash: post}]});

	it('edits of different files are not a revert', () => {
		expect(run([edit('a', '/a.ts', 'A', 'B'), edit('b', '/b.ts', 'B', 'A')], ['reverts']).editReverts).toEqual([]);
	});

	it('A→B, B→C, C→A: one cycle anchored at the first edit', () => {
		const recs = [edit('a', '/f.ts', 'A', 'B'), edit('b', '/f.ts', 'B', 'C'), edit('c', '/f.ts', 'C', 'A')];
		const r = run(recs, ['reverts']);
		expect(r.editReverts).toHaveLength(1);
		const e = r.editReverts[0]!;
		expect(e.revertTurnIndex - e.firstEditTurnIndex).toBe(2);
		expect(e.spanTurns).toBe(2);
		expect(e.turns).toHaveLength(2);
	});

	it('OpenCode edits count too; failed edits do not', () => {
		const oc = (id: string, pre: string, post: string, isError = false) =>
			turn({session: 'oc', source: 'opencode', usage: U, calls: [{id, name: 'edit', target: '/g.ts', editPreHash: pre, editPostHash: post, ...(isError ? {isError} : {})}]});
		expect(run([oc('a', 'A', 'B'), oc('b', 'B', 'A')], ['reverts']).editReverts).toHaveLength(1);
		expect(run([oc('c', 'A', 'B'), oc('d', 'B', 'A', true)], ['reverts']).editReverts).toEqual([]);
	});

	it('previews from content: old and new text of the reverted edit, cut at 200 characters; none without content', () => {
		const long = 'x'.repeat(300);
		const recs = [edit('p1', '/f.ts', 'A', 'B'), edit('p2', '/f.ts', 'B', 'A')];
		const content = contentOf('s1', [{use: ['p1', 'Edit', {file_path: '/f.ts', old_string: 'const a = 1;', new_string: long}]}, {use: ['p2', 'Edit', {file_path: '/f.ts', old_string: long, new_string: 'const a = 1;'}]}]);
		const r = run(recs, ['reverts'], content);
		expect(r.editReverts[0]!.samplePreview!.before).toBe('const a = 1;');
		expect(r.editReverts[0]!.samplePreview!.after).toHaveLength(200);
		expect(r.editReverts[0]!.samplePreview!.after.endsWith('…')).toBe(true);
		expect(run(recs, ['reverts']).editReverts[0]!.samplePreview).toBeUndefined();
		const onlyOne = contentOf('s1', [{use: ['p1', 'Edit', {old_string: 'a', new_string: 'b'}]}]);
		expect(run(recs, ['reverts'], onlyOne).editReverts[0]!.samplePreview).toBeUndefined();
	});
});

describe('summaries and defaults', () => {
	it('an empty dataset: every array empty, not refused', () => {
		const r = run([]);
		expect(r.refused).toBe(false);
		for (const key of ['retryLoops', 'failureRuns', 'cancelledRuns', 'compactions', 'editReverts', 'skillRecallDups', 'skillPruningProtection', 'systemPromptTaxes', 'editHeavySessions', 'toolOutputBloats', 'toolCallPatterns', 'ghostSurface', 'unpricedUsage', 'sessionSummaries', 'findings'] as const) {
			expect(r[key]).toEqual([]);
		}
	});
});

describe('OpenCode skill recall', () => {
	const skill = (id: string, name: string, session = 'oc', source: 'opencode' | 'claude-code' = 'opencode', usage = U) =>
		turn({session, source, usage, calls: [{id, name: source === 'opencode' ? 'skill' : 'Skill', skillName: name}]});

	it('3 calls of one skill: callCount 3 over its turns', () => {
		const r = run([skill('a', 'init'), skill('b', 'init'), skill('c', 'init')], ['skill-recall-dup']);
		expect(r.skillRecallDups).toHaveLength(1);
		const d = r.skillRecallDups[0]!;
		expect(d.callCount).toBe(3);
		expect(d.lastTurnIndex - d.firstTurnIndex).toBe(2);
	});

	it('1 call: none; Claude: none; two names: two dups of 2', () => {
		expect(run([skill('a', 'init')], ['skill-recall']).skillRecallDups).toEqual([]);
		expect(run([skill('a', 'init', 'cc', 'claude-code'), skill('b', 'init', 'cc', 'claude-code')], ['skill-recall']).skillRecallDups).toEqual([]);
		const r = run([skill('a', 'x'), skill('b', 'y'), skill('c', 'x'), skill('d', 'y')], ['opencode-skill-recall']);
		expect(r.skillRecallDups.map((d) => [d.skillName, d.callCount])).toEqual([
			['x', 2],
			['y', 2],
		]);
	});
});

describe('OpenCode skill pruning protection', () => {
	const oc = (usage: Record<string, number>, calls: Parameters<typeof turn>[0]['calls'] = [], source: 'opencode' | 'claude-code' = 'opencode') => turn({session: 'oc', source, usage, calls});

	it('invoke + 2 cache-read turns: ridingTurns 2, lastCached = the last of them; riding cost from attribution', () => {
		const recs = [oc({input: 100}, [{id: 'k', name: 'skill', skillName: 'react'}]), results({k: 400}, 'oc', 'opencode'), oc({input: 400, cacheRead: 100}), oc({input: 10, cacheRead: 600})];
		const last = (recs[3]!.record as {turnIndex: number}).turnIndex;
		const r = run(recs, ['skill-pruning']);
		expect(r.skillPruningProtection).toHaveLength(1);
		const p = r.skillPruningProtection[0]!;
		expect(p.ridingTurns).toBe(2);
		expect(p.lastCachedTurnIndex).toBe(last);
		expect(p.invokedTurnIndex).toBe((recs[0]!.record as {turnIndex: number}).turnIndex);
		// 400 tokens rode in the last turn's cache reads (the second had too few): 400 × $0.30/M.
		expect(p.cost).toBeCloseTo((400 * 0.3) / 1e6, 12);
	});

	it('no later cache reads: none; Claude: none', () => {
		expect(run([oc({input: 100}, [{id: 'k', name: 'skill', skillName: 'r'}]), oc({input: 10})], ['skill-pruning']).skillPruningProtection).toEqual([]);
		expect(run([oc({input: 100}, [{id: 'k', name: 'Skill', skillName: 'r'}], 'claude-code'), oc({cacheRead: 100}, [], 'claude-code')], ['skill-pruning']).skillPruningProtection).toEqual([]);
	});

	it('two calls and one riding turn: one recall dup, two pruning rows', () => {
		const recs = [oc({input: 10}, [{id: 'k1', name: 'skill', skillName: 'r'}]), oc({input: 10}, [{id: 'k2', name: 'skill', skillName: 'r'}]), oc({cacheRead: 100})];
		const r = run(recs, ['skill-recall-dup', 'skill-pruning-protection']);
		expect(r.sessionSummaries[0]).toMatchObject({skillRecallDupCount: 1, skillPruningProtectionCount: 2});
	});
});

describe('OpenCode system-prompt tax', () => {
	const user = (tokens: number, session = 'oc') => ({
		kind: 'user_turn' as const,
		record: {v: 1 as const, source: 'opencode' as const, sessionId: session, userUuid: `u-${session}`, ts: '2026-04-20T00:00:00.000Z', blocks: [{kind: 'text' as const, byteLen: tokens * 4, approxTokens: tokens}]},
	});
	const oc = (usage: Record<string, number>, source: 'opencode' | 'claude-code' = 'opencode') => turn({session: 'oc', source, usage});

	it('cache write 5,200, first user message 200: ~5,000 tokens riding in 1 turn, at the cache-read rate', () => {
		const r = run([user(200), oc({cacheCreate5m: 5200}), oc({cacheRead: 5200, input: 10})], ['system-prompt']);
		expect(r.systemPromptTaxes).toHaveLength(1);
		expect(r.systemPromptTaxes[0]).toMatchObject({firstCacheCreate: 5200, firstUserMessageTokens: 200, estimatedSystemPromptTokens: 5000, ridingTurns: 1});
		expect(r.systemPromptTaxes[0]!.totalCost).toBeCloseTo((5000 * 0.3) / 1e6, 15);
		expect(r.findings[0]!.estimatedSavings.tokensPerSession).toBe(5000);
	});

	it('no user turns: none; Claude: none; no cache write: none', () => {
		expect(run([oc({cacheCreate5m: 5200}), oc({cacheRead: 5200})], ['system-prompt']).systemPromptTaxes).toEqual([]);
		expect(run([user(200), oc({cacheCreate5m: 5200}, 'claude-code'), oc({cacheRead: 5200}, 'claude-code')], ['system-prompt']).systemPromptTaxes).toEqual([]);
		expect(run([user(200), oc({input: 5200}), oc({cacheRead: 5200})], ['system-prompt']).systemPromptTaxes).toEqual([]);
	});

	it('a first turn that itself reads the cache is still not a riding turn', () => {
		const r = run([user(200), oc({cacheCreate5m: 5200, cacheRead: 4000}), oc({cacheRead: 9000})], ['system-prompt']);
		expect(r.systemPromptTaxes[0]!.ridingTurns).toBe(1);
	});
});

describe('edit-heavy sessions', () => {
	const edits = (n: number, name = 'Edit', source: 'claude-code' | 'opencode' | 'codex' = 'claude-code', session = 's1') =>
		Array.from({length: n}, (_, i) => turn({session, source, usage: U, calls: [{id: `${session}-${name}-${i}`, name, target: `/f${i}.ts`}]}));
	const calls = (list: Array<[string, string]>, source: 'claude-code' | 'codex' = 'claude-code', session = 's1') =>
		list.map(([name, target], i) => turn({session, source, usage: U, calls: [{id: `${session}-c-${name}-${i}`, name, target}]}));

	it('6 Claude edits, no reads: flagged, ratio ∞ (null)', () => {
		const r = run(edits(6), ['edit-heavy']);
		expect(r.editHeavySessions).toHaveLength(1);
		expect(r.editHeavySessions[0]).toMatchObject({editCount: 6, readCount: 0, ratio: null});
		expect(r.findings[0]!.title).toBe('Edit-heavy session: 6 edits / 0 reads (ratio ∞)');
		expect(r.sessionSummaries[0]).toMatchObject({editHeavyCount: 1, totalPatternCost: 0});
	});

	it('OpenCode edit and Codex apply_patch count as edits', () => {
		expect(run(edits(6, 'edit', 'opencode', 'oc'), ['edit-heavy']).editHeavySessions).toHaveLength(1);
		expect(run(edits(6, 'apply_patch', 'codex', 'cx'), ['edit-heavy']).editHeavySessions).toHaveLength(1);
	});

	it('6 edits + 3 reads: none; 4 edits: none', () => {
		expect(run([...edits(6), ...calls([['Read', '/a'], ['Read', '/b'], ['Read', '/c']])], ['edit-heavy']).editHeavySessions).toEqual([]);
		expect(run(edits(4), ['edit-heavy']).editHeavySessions).toEqual([]);
	});

	it('Grep, Glob, LS and Bash are not reads', () => {
		const r = run([...edits(6), ...calls([['Grep', 'x'], ['Glob', '*.ts'], ['LS', '.'], ['Bash', 'ls']])], ['edit-heavy']);
		expect(r.editHeavySessions[0]!.readCount).toBe(0);
	});

	it('Codex shell reads: cat + head of files = 2 reads (ratio 3, none); one tail = ratio 6 (flagged); git status / git log | head are not reads', () => {
		const cx = (n: number) => edits(n, 'apply_patch', 'codex', 'cx');
		expect(run([...cx(6), ...calls([['exec_command', 'cat package.json'], ['shell', 'head -n 20 src/main.ts']], 'codex', 'cx')], ['edit-heavy']).editHeavySessions).toEqual([]);
		const one = run([...cx(6), ...calls([['exec_command', 'tail -n 50 log.txt']], 'codex', 'cx')], ['edit-heavy']);
		expect(one.editHeavySessions[0]).toMatchObject({readCount: 1, ratio: 6});
		const git = run([...cx(6), ...calls([['exec_command', 'git status'], ['exec_command', 'git log --oneline | head -n 5']], 'codex', 'cx')], ['edit-heavy']);
		expect(git.editHeavySessions[0]!.readCount).toBe(0);
	});

	it('two read_file calls against 6 edits: ratio 3, none', () => {
		expect(run([...edits(6, 'apply_patch', 'codex', 'cx'), ...calls([['read_file', 'a'], ['read_file', 'b']], 'codex', 'cx')], ['edit-heavy']).editHeavySessions).toEqual([]);
	});

	it('5 turns of [Edit, Bash, Edit]: 10 edits, 5 likely retries', () => {
		const recs = Array.from({length: 5}, (_, i) =>
			turn({usage: U, calls: [{id: `x${i}a`, name: 'Edit', target: '/f.ts'}, {id: `x${i}b`, name: 'Bash', target: 'npm test'}, {id: `x${i}c`, name: 'Edit', target: '/f.ts'}]}),
		);
		expect(run(recs, ['edit-heavy']).editHeavySessions[0]).toMatchObject({editCount: 10, likelyRetries: 5});
	});
});

describe('enrichment from content sidecars', () => {
	const loop = ['a', 'b', 'c'].map((id) => bash(id, 'npm test', true));

	it('a shared first line is the error signature; divergent ones are marked; none without content', () => {
		const same = contentOf('s1', ['a', 'b', 'c'].map((id) => ({result: [id, '\n  npm ERR! code ENOENT\nmore'] as [string, string]})));
		expect(run(loop, ['retries'], same).retryLoops[0]!.errorSignature).toBe('npm ERR! code ENOENT');
		const diverged = contentOf('s1', [{result: ['a', 'npm ERR! code ENOENT']}, {result: ['b', 'other']}]);
		expect(run(loop, ['retries'], diverged).retryLoops[0]!.errorSignature).toBe('npm ERR! code ENOENT (signatures diverged)');
		expect(run(loop, ['retries']).retryLoops[0]!.errorSignature).toBeUndefined();
		const unrelated = contentOf('s1', [{result: ['zzz', 'nothing']}]);
		expect(run(loop, ['retries'], unrelated).retryLoops[0]!.errorSignature).toBeUndefined();
	});

	it('failure signatures: one per tool, first seen first; the retry title quotes the signature', () => {
		const recs = [bash('a', 'x', true), turn({usage: U, calls: [{id: 'r', name: 'Read', target: '/nope', isError: true}]}), bash('c', 'y', true)];
		const content = contentOf('s1', [{result: ['a', 'sh: x: not found']}, {result: ['r', 'File does not exist.']}, {result: ['c', 'sh: y: not found']}]);
		const r = run(recs, ['failures'], content);
		expect(r.failureRuns[0]!.errorSignatures).toEqual([
			{tool: 'Bash', firstLine: 'sh: x: not found'},
			{tool: 'Read', firstLine: 'File does not exist.'},
		]);
		const same = contentOf('s1', ['a', 'b', 'c'].map((id) => ({result: [id, 'npm ERR! code ENOENT'] as [string, string]})));
		expect(run(loop, ['retries'], same).findings[0]!.title).toBe("Retry loop: Bash npm test failed 3× in a row: 'npm ERR! code ENOENT'");
	});
});
