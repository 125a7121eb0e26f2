import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {
	CompactionRecord,
	ContentRecord,
	LedgerRecord,
	RelationshipRecord,
	ToolResultEventRecord,
	TurnRecord,
	Usage,
	UserTurnRecord,
} from '../source/core/records.js';
import {READER_VERSION} from '../source/sources/reader.js';
import {emptyUsage} from '../source/core/records.js';
import {estimateTokens} from '../source/sources/estimate.js';
import {argsHash} from '../source/sources/hash.js';
import {createCodexReader, sessionIdFromPath, type CodexState} from '../source/sources/codex/reader.js';
import {commandText, joinCommand, patchTarget} from '../source/sources/codex/tools.js';
import {uuid7Ms} from '../source/sources/codex/replay.js';
import {lineStarts, readFileLines, readLines, type ReadLinesResult} from './helpers/read-lines.js';
import {describeShared, shared} from './helpers/shared.js';

const FIXTURES = shared('fixtures/codex');
const CORPUS = shared('corpus/codex');

// ── helpers ──────────────────────────────────────────────────────────────────────────

function fixture(name: string, contentMode: 'full' | 'off' = 'off'): ReadLinesResult<CodexState> {
	return readFileLines(createCodexReader, join(FIXTURES, name), {contentMode});
}

const turnsOf = (records: LedgerRecord[]): TurnRecord[] =>
	records.filter((r): r is {kind: 'turn'; record: TurnRecord} => r.kind === 'turn').map((r) => r.record);
const userTurnsOf = (records: LedgerRecord[]): UserTurnRecord[] =>
	records.filter((r): r is {kind: 'user_turn'; record: UserTurnRecord} => r.kind === 'user_turn').map((r) => r.record);
const eventsOf = (records: LedgerRecord[]): ToolResultEventRecord[] =>
	records
		.filter((r): r is {kind: 'tool_result_event'; record: ToolResultEventRecord} => r.kind === 'tool_result_event')
		.map((r) => r.record);
const relsOf = (records: LedgerRecord[]): RelationshipRecord[] =>
	records.filter((r): r is {kind: 'relationship'; record: RelationshipRecord} => r.kind === 'relationship').map((r) => r.record);
const compactionsOf = (records: LedgerRecord[]): CompactionRecord[] =>
	records.filter((r): r is {kind: 'compaction'; record: CompactionRecord} => r.kind === 'compaction').map((r) => r.record);

/** What a ledger read keeps (docs/ledger.md): per id the most complete version. */
interface Collapsed {
	turns: TurnRecord[];
	userTurns: UserTurnRecord[];
	events: ToolResultEventRecord[];
	rels: RelationshipRecord[];
	compactions: CompactionRecord[];
}

function collapse(records: LedgerRecord[]): Collapsed {
	const turns = new Map<string, TurnRecord>();
	const users = new Map<string, UserTurnRecord>();
	const events = new Map<string, ToolResultEventRecord>();
	const rels = new Map<string, RelationshipRecord>();
	const comps = new Map<string, CompactionRecord>();
	for (const r of records) {
		if (r.kind === 'turn') {
			const key = `${r.record.sessionId}|${r.record.messageId}`;
			const prev = turns.get(key);
			if (prev && r.record.usage.output < prev.usage.output) continue;
			turns.set(key, prev ? {...r.record, turnIndex: prev.turnIndex} : r.record);
		} else if (r.kind === 'user_turn') {
			const prev = users.get(r.record.userUuid);
			if (prev && prev.blocks.length > r.record.blocks.length) continue;
			users.set(r.record.userUuid, r.record);
		} else if (r.kind === 'tool_result_event') {
			events.set(`${r.record.toolUseId}|${r.record.eventIndex}`, r.record);
		} else if (r.kind === 'relationship') {
			const k = `${r.record.relationshipType}|${r.record.sessionId}|${r.record.relatedSessionId}|${r.record.agentId}|${r.record.parentToolUseId}`;
			if (!rels.has(k)) rels.set(k, r.record);
		} else if (r.kind === 'compaction') {
			comps.set(`${r.record.ts}|${r.record.agentId ?? ''}`, r.record);
		}
	}
	return {
		turns: [...turns.values()].sort((a, b) => a.turnIndex - b.turnIndex),
		userTurns: [...users.values()],
		events: [...events.values()].sort((a, b) => a.eventIndex - b.eventIndex),
		rels: [...rels.values()],
		compactions: [...comps.values()],
	};
}

function total(turns: TurnRecord[]): Usage {
	const u: Usage = emptyUsage();
	for (const t of turns) {
		u.input += t.usage.input;
		u.output += t.usage.output;
		u.reasoning += t.usage.reasoning;
		u.cacheRead += t.usage.cacheRead;
		u.cacheCreate5m += t.usage.cacheCreate5m;
		u.cacheCreate1h += t.usage.cacheCreate1h;
	}
	return u;
}

const usage = (input: number, output: number, reasoning: number, cacheRead: number): Usage => ({
	input,
	output,
	reasoning,
	cacheRead,
	cacheCreate5m: 0,
	cacheCreate1h: 0,
});

/** Reads `data` in passes split at the given byte offsets, the state JSON-round-tripped in between. */
function readInPasses(data: Buffer, cuts: number[], path: string, contentMode: 'full' | 'off' = 'off') {
	const records: LedgerRecord[] = [];
	const content: ContentRecord[] = [];
	let state: CodexState | undefined;
	let start = 0;
	const skips = {badLines: 0, badFields: 0};
	for (const end of [...cuts, data.length]) {
		const r = readLines(createCodexReader, data, {path, contentMode, startOffset: start, endOffset: end, state});
		records.push(...r.records);
		content.push(...r.content);
		skips.badLines += r.skips.badLines;
		skips.badFields += r.skips.badFields;
		state = JSON.parse(JSON.stringify(r.state)) as CodexState;
		start = r.end;
	}
	return {records, content, state: state!, skips};
}

/** A rollout line. */
const L = (ts: string, type: string, payload: Record<string, unknown>): string => JSON.stringify({timestamp: ts, type, payload});
const ev = (ts: string, payload: Record<string, unknown>) => L(ts, 'event_msg', payload);
const item = (ts: string, payload: Record<string, unknown>) => L(ts, 'response_item', payload);
const tokens = (ts: string, input: number, cached: number, output: number, reasoning = 0) =>
	ev(ts, {
		type: 'token_count',
		info: {
			total_token_usage: {
				input_tokens: input,
				cached_input_tokens: cached,
				output_tokens: output,
				reasoning_output_tokens: reasoning,
				total_tokens: input + output,
			},
		},
	});
const file = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** A UUIDv7 minted at `ms` (the random part fixed by `tail`). */
function uuid7(ms: number, tail = 1): string {
	const h = ms.toString(16).padStart(12, '0');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-7000-8000-${tail.toString(16).padStart(12, '0')}`;
}

// ── fixtures (data-formats §4.3, §11) ──────────────────────────────────────────────────

// Rules on rollouts of our own: the inline cases below (turns, incremental passes, forks, tools, bad input).
describeShared('codex fixtures', () => {
	it('simple-turn: cumulative → per-turn, info:null ignored, ts of task_started, model from turn_context', () => {
		const r = fixture('simple-turn.jsonl');
		const turns = turnsOf(r.records);
		expect(turns).toHaveLength(1);
		const t = turns[0]!;
		expect(t).toMatchObject({
			v: 1,
			source: 'codex',
			sessionId: 'sess_simple_1',
			messageId: 'turn_simple_1',
			turnIndex: 0,
			ts: '2026-04-20T00:00:00.200Z',
			model: 'gpt-5.4',
			project: '/tmp/project',
			toolCalls: [],
			rv: READER_VERSION,
			sessionPath: join(FIXTURES, 'simple-turn.jsonl'),
		});
		expect(t.usage).toEqual(usage(600, 120, 30, 400));
		expect(t.fidelity?.class).toBe('full');
		expect(t.fidelity?.coverage.hasCacheCreateTokens).toBe(false);
		expect(r.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
	});

	it('multi-turn: deltas of totals, duplicate token_count harmless, model per turn', () => {
		const turns = turnsOf(fixture('multi-turn.jsonl').records);
		expect(turns.map((t) => [t.messageId, t.turnIndex, t.model])).toEqual([
			['turn_multi_1', 0, 'gpt-5.4'],
			['turn_multi_2', 1, 'gpt-5.3-codex'],
		]);
		expect(turns[0]!.usage).toEqual(usage(2000, 200, 50, 1000));
		expect(turns[1]!.usage).toEqual(usage(2500, 500, 50, 2500));
		expect(turns[1]!.toolCalls).toEqual([expect.objectContaining({id: 'call_m2_1', name: 'exec_command', target: 'ls'})]);
		expect(total(turns)).toEqual(usage(8000 - 3500, 700, 100, 3500));
	});

	it('with-tool-call: exec_command cmd target, apply_patch targets from headers, filesTouched', () => {
		const [t] = turnsOf(fixture('with-tool-call.jsonl').records);
		expect(t!.usage).toEqual(usage(3000, 800, 200, 2000));
		expect(t!.toolCalls.map((c) => [c.id, c.name, c.target])).toEqual([
			['call_exec_1', 'exec_command', 'git status'],
			['call_patch_1', 'apply_patch', '/tmp/project/README.md'],
			['call_patch_2', 'apply_patch', '/tmp/project/NEW.md'],
		]);
		for (const c of t!.toolCalls) expect(c.argsHash).toMatch(/^[0-9a-f]{16}$/);
		expect(t!.toolCalls[0]!.isError).toBeUndefined();
		expect(t!.filesTouched).toEqual(['/tmp/project/README.md', '/tmp/project/NEW.md']);
	});

	it('compaction: one record for compacted + context_compacted, anchored to the previous turn', () => {
		const r = fixture('compaction.jsonl');
		expect(compactionsOf(r.records)).toEqual([
			{
				v: 1,
				source: 'codex',
				sessionId: 'sess_codex_compact',
				ts: '2026-04-20T03:00:03.000Z',
				precedingMessageId: 'turn_compact_1',
				tokensBeforeCompact: 1000,
				rv: READER_VERSION,
			},
		]);
		const turns = turnsOf(r.records);
		expect(turns.map((t) => t.messageId)).toEqual(['turn_compact_1', 'turn_compact_2']);
		expect(turns[1]!.usage).toEqual(usage(3000, 250, 40, 500));
	});

	it('session-meta-relationships: root, fork and continuation once; version and source session', () => {
		const r = fixture('session-meta-relationships.jsonl');
		const rels = relsOf(r.records);
		expect(rels.map((x) => [x.relationshipType, x.sessionId, x.relatedSessionId])).toEqual([
			['root', 'sess_meta_child', undefined],
			['fork', 'sess_meta_child', 'sess_fork_base'],
			['continuation', 'sess_meta_child', 'sess_previous'],
		]);
		for (const x of rels) expect(x).toMatchObject({source: 'codex', sourceVersion: '0.130.0', sourceSessionId: 'sess_original'});
		// relayburn's own fork fields do not mean "copied history": the turn counts.
		expect(turnsOf(r.records).map((t) => t.usage)).toEqual([usage(80, 10, 2, 20)]);
	});

	it('with-spawn-agent: subagent relationship from the output JSON, subagent notification event', () => {
		const r = fixture('with-spawn-agent.jsonl');
		const sub = relsOf(r.records).filter((x) => x.relationshipType === 'subagent');
		expect(sub).toEqual([
			{
				v: 1,
				source: 'codex',
				sessionId: 'agent_inv_42',
				relatedSessionId: 'sess_spawn_1',
				relationshipType: 'subagent',
				ts: '2026-04-23T00:00:00.500Z',
				parentToolUseId: 'call_spawn_1',
				agentId: 'agent_inv_42',
				subagentType: 'investigator',
				description: 'find why test_x fails',
				rv: READER_VERSION,
			},
		]);
		const events = eventsOf(r.records);
		expect(events.map((e) => [e.toolUseId, e.eventSource, e.status, e.agentId])).toEqual([
			['call_spawn_1', 'function_call_output', 'completed', undefined],
			['call_spawn_1', 'subagent_notification', 'completed', 'agent_inv_42'],
			['call_exec_a', 'function_call_output', 'completed', undefined],
		]);
		const [t] = turnsOf(r.records);
		expect(t!.usage).toEqual(usage(1500, 300, 50, 500));
		expect(t!.toolCalls.map((c) => [c.name, c.target])).toEqual([
			['spawn_agent', 'investigator'],
			['exec_command', 'echo done'],
		]);
	});

	it('user-turn-blocks: a task’s prompt and outputs are one user turn followed by THAT task', () => {
		const r = fixture('user-turn-blocks.jsonl');
		const users = userTurnsOf(r.records);
		// relayburn linked outputs to the NEXT task and dropped the last task's outputs; here the
		// task that produced them pays for them (PRODUCT.md Contracts), so all 3 tasks have one.
		expect(users.map((u) => [u.userUuid, u.precedingMessageId, u.followingMessageId])).toEqual([
			['sess_codex_utb:start->turn_utb_1', undefined, 'turn_utb_1'],
			['sess_codex_utb:turn_utb_1->turn_utb_2', 'turn_utb_1', 'turn_utb_2'],
			['sess_codex_utb:turn_utb_2->turn_utb_3', 'turn_utb_2', 'turn_utb_3'],
		]);
		expect(users[0]!.blocks).toEqual([
			{kind: 'text', byteLen: 13, approxTokens: estimateTokens('fix the build')},
			{kind: 'tool_result', toolUseId: 'call_b1', byteLen: 2, approxTokens: estimateTokens('a\n')},
		]);
		expect(users[0]!.ts).toBe('2026-04-21T00:00:00.100Z');
		expect(users[1]!.blocks.map((b) => [b.kind, b.toolUseId, b.isError])).toEqual([
			['text', undefined, undefined],
			['tool_result', 'call_b2', true],
			['tool_result', 'call_p1', undefined],
		]);
		expect(users[2]!.blocks.map((b) => b.toolUseId)).toEqual(['call_b3']);
		const events = eventsOf(r.records);
		expect(events.map((e) => [e.toolUseId, e.messageId, e.eventIndex, e.status])).toEqual([
			['call_b1', 'turn_utb_1', 0, 'completed'],
			['call_b2', 'turn_utb_2', 1, 'errored'],
			['call_p1', 'turn_utb_2', 2, 'completed'],
			['call_b3', 'turn_utb_3', 3, 'completed'],
		]);
		expect(events[1]).toMatchObject({isError: true, contentLength: 18, eventSource: 'function_call_output'});
		const turns = turnsOf(r.records);
		expect(turns[1]!.toolCalls.find((c) => c.id === 'call_b2')?.isError).toBe(true);
		expect(turns[1]!.filesTouched).toEqual(['/tmp/project/x.ts']);
		expect(total(turns)).toEqual(usage(198, 110, 0, 0));
	});

	it('oversized-shell-output: array command gets a target, huge output sized', () => {
		const r = fixture('oversized-shell-output.jsonl');
		const [t] = turnsOf(r.records);
		expect(t!.toolCalls).toEqual([expect.objectContaining({id: 'call_shell_1', name: 'shell', target: 'cat huge.log'})]);
		const [u] = userTurnsOf(r.records);
		expect(u!.blocks[0]).toMatchObject({kind: 'tool_result', toolUseId: 'call_shell_1', byteLen: 80000});
		expect(eventsOf(r.records)[0]).toMatchObject({contentLength: 80000, status: 'completed'});
		expect(t!.usage).toEqual(usage(600, 120, 30, 400));
	});

	it('content mode full: user text, assistant tool_use with input, tool_result with output', () => {
		const r = fixture('user-turn-blocks.jsonl', 'full');
		const c = r.content;
		expect(c.filter((x) => x.role === 'user').map((x) => [x.messageId, x.text])).toEqual([
			['turn_utb_1', 'fix the build'],
			['turn_utb_2', 'now run tests'],
		]);
		expect(c.find((x) => x.kind === 'tool_use' && x.toolUse?.id === 'call_b2')).toMatchObject({
			sessionId: 'sess_codex_utb',
			messageId: 'turn_utb_2',
			role: 'assistant',
			toolUse: {id: 'call_b2', name: 'exec_command', input: {cmd: 'npm test'}},
		});
		expect(c.find((x) => x.kind === 'tool_result' && x.toolResult?.toolUseId === 'call_p1')).toMatchObject({
			role: 'tool_result',
			messageId: 'turn_utb_2',
			toolResult: {toolUseId: 'call_p1', content: 'patched'},
		});
		expect(fixture('user-turn-blocks.jsonl').content).toEqual([]);
	});

	it('every fixture reads the same in two passes split at any line', () => {
		for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))) {
			const path = join(FIXTURES, name);
			const data = readFileSync(path);
			const whole = collapse(readInPasses(data, [], path).records);
			for (const cut of lineStarts(data).slice(1)) {
				const split = collapse(readInPasses(data, [cut], path).records);
				expect(split, `${name} split at ${cut}`).toEqual(whole);
			}
		}
	});
});

// ── real rollouts (corpus/INDEX.md) ──────────────────────────────────────────────────────

function corpusFiles(dir = CORPUS): string[] {
	const out: string[] = [];
	for (const e of readdirSync(dir)) {
		const p = join(dir, e);
		if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
		else if (e.endsWith('.jsonl')) out.push(p);
	}
	return out.sort();
}

/** INDEX.md "final total_token_usage" per Codex file (null: none). */
const FINAL: Record<string, {input: number; cached: number; output: number; reasoning: number} | null> = {
	'VibeCodingTracker/examples/test_conversation_oai.jsonl': {input: 270530, cached: 136832, output: 12551, reasoning: 9536},
	'agent-history/tests/fixtures/real_sessions/codex/session-01.jsonl': {input: 22539, cached: 20864, output: 10, reasoning: 0},
	'claude-code-transcripts/tests/sample_codex_session.jsonl': null,
	'codex-session-view/public/demos/example-session-metadata.jsonl': null,
	'codex-session-viewer/docs/example.jsonl': null,
};

describeShared('codex corpus', () => {
	it('covers every Codex file of the corpus', () => {
		expect(corpusFiles().map((f) => f.slice(CORPUS.length + 1))).toEqual(Object.keys(FINAL).sort());
	});

	for (const [rel, fin] of Object.entries(FINAL)) {
		it(`${rel}: totals equal the final total_token_usage`, () => {
			const path = join(CORPUS, rel);
			// The header-only file has no trailing newline (the driver would leave it for later):
			// read it both ways.
			const raw = readFileSync(path);
			const data = raw[raw.length - 1] === 0x0a ? raw : Buffer.concat([raw, Buffer.from('\n')]);
			for (const contentMode of ['off', 'full'] as const) {
				const r = readLines(createCodexReader, data, {path, contentMode});
				expect(r.skips.badLines).toBe(0);
				expect(r.skips.badFields).toBe(0);
				const turns = turnsOf(r.records);
				if (fin === null) {
					expect(turns).toEqual([]);
					continue;
				}
				expect(total(turns)).toEqual(usage(fin.input - fin.cached, fin.output, fin.reasoning, fin.cached));
				for (const t of turns) expect(t.sessionId).toMatch(/^[0-9a-f-]{36}$/);
			}
		});
	}

	it('0.39 rollout without task events: one turn per user prompt, shell argv unwrapped', () => {
		const path = join(CORPUS, 'VibeCodingTracker/examples/test_conversation_oai.jsonl');
		const r = readFileLines(createCodexReader, path);
		const turns = turnsOf(r.records);
		expect(turns).toHaveLength(1);
		const t = turns[0]!;
		expect(t).toMatchObject({
			sessionId: '01996135-afde-7911-97f0-d863511eca56',
			model: 'aide-gpt-5',
			project: '/proj/ds906659/gai/claude-code',
			ts: '2025-09-19T09:02:12.677Z',
		});
		expect(t.toolCalls).toHaveLength(18);
		expect(t.toolCalls.filter((c) => c.name === 'shell').map((c) => c.target)).toContain('ls -la');
		expect(t.toolCalls.every((c) => c.name !== 'shell' || (!!c.target && !c.target.startsWith('bash ')))).toBe(true);
		const [u] = userTurnsOf(r.records);
		expect(u!.followingMessageId).toBe(t.messageId);
		expect(u!.blocks.filter((b) => b.kind === 'tool_result')).toHaveLength(18);
		expect(u!.blocks.filter((b) => b.kind === 'text')).toHaveLength(1); // environment_context dropped
		expect(eventsOf(r.records)).toHaveLength(18);
	});

	it('legacy rollout (no session_meta, bare items, state lines): no usage, no turns, no errors', () => {
		const path = join(CORPUS, 'codex-session-viewer/docs/example.jsonl');
		const r = readFileLines(createCodexReader, path, {contentMode: 'full'});
		expect(r.records).toEqual([]);
		expect(r.content).toEqual([]);
		expect(r.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
		expect(r.state.ownId).toBe('cf4def41-21e0-4b91-adb4-5397c1492084');
		// The state stays small: discarded prompts do not pile up.
		expect(JSON.stringify(r.state).length).toBeLessThan(64 * 1024);
	});

	it('header-only and truncated rollouts: a root row, no turns', () => {
		const path = join(CORPUS, 'codex-session-view/public/demos/example-session-metadata.jsonl');
		const r = readLines(createCodexReader, `${readFileSync(path, 'utf8')}\n`, {path});
		expect(r.records.map((x) => x.kind)).toEqual(['relationship']);
		expect(relsOf(r.records)[0]).toMatchObject({relationshipType: 'root', sourceVersion: '0.63.0'});
		const sample = readFileLines(createCodexReader, join(CORPUS, 'claude-code-transcripts/tests/sample_codex_session.jsonl'));
		expect(turnsOf(sample.records)).toEqual([]);
	});

	it('rollouts with usage read the same in two passes split at any line, and in many passes', () => {
		for (const rel of Object.keys(FINAL).filter((k) => FINAL[k])) {
			const path = join(CORPUS, rel);
			const data = readFileSync(path);
			const whole = readInPasses(data, [], path, 'full');
			const expected = collapse(whole.records);
			const starts = lineStarts(data);
			for (const cut of starts.slice(1)) {
				expect(collapse(readInPasses(data, [cut], path).records), `${rel} split at ${cut}`).toEqual(expected);
			}
			const many = readInPasses(data, starts.filter((_, i) => i % 3 === 1), path, 'full');
			expect(collapse(many.records)).toEqual(expected);
			const key = (c: ContentRecord) => JSON.stringify(c);
			expect(many.content.map(key).sort()).toEqual(whole.content.map(key).sort());
		}
	});
});

// ── incremental passes ───────────────────────────────────────────────────────────────────

describe('codex incremental passes', () => {
	const path = '/tmp/sessions/rollout-2026-05-01T00-00-00-00000000-0000-4000-8000-000000000001.jsonl';
	const sid = '00000000-0000-4000-8000-000000000001';
	const meta = L('2026-05-01T00:00:00.000Z', 'session_meta', {id: sid, cwd: '/w'});

	it('an open task is written as it stands, then again whole with the same messageId', () => {
		const head = file(
			meta,
			L('2026-05-01T00:00:01.000Z', 'turn_context', {turn_id: 't1', cwd: '/w', model: 'gpt-5'}),
			ev('2026-05-01T00:00:01.100Z', {type: 'task_started', turn_id: 't1'}),
			item('2026-05-01T00:00:02.000Z', {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"make"}', call_id: 'c1'}),
			tokens('2026-05-01T00:00:03.000Z', 1000, 200, 50),
		);
		const tail = file(
			item('2026-05-01T00:00:04.000Z', {type: 'function_call_output', call_id: 'c1', output: 'Exit code: 2\nWall time: 1s\nOutput:\nboom'}),
			tokens('2026-05-01T00:00:05.000Z', 2500, 1200, 90),
			ev('2026-05-01T00:00:05.100Z', {type: 'task_complete', turn_id: 't1'}),
		);
		const p1 = readLines(createCodexReader, head, {path});
		const first = turnsOf(p1.records);
		expect(first.map((t) => [t.messageId, t.usage.output, t.toolCalls.length])).toEqual([['t1', 50, 1]]);
		const p2 = readLines(createCodexReader, tail, {path, state: JSON.parse(JSON.stringify(p1.state)) as CodexState});
		const second = turnsOf(p2.records);
		expect(second.map((t) => [t.messageId, t.turnIndex, t.usage])).toEqual([['t1', 0, usage(1300, 90, 0, 1200)]]);
		expect(second[0]!.toolCalls[0]).toMatchObject({id: 'c1', target: 'make', isError: true});
		expect(eventsOf(p2.records)).toEqual([expect.objectContaining({toolUseId: 'c1', status: 'errored', messageId: 't1'})]);
		const c = collapse([...p1.records, ...p2.records]);
		expect(c.turns).toHaveLength(1);
		expect(c.turns[0]!.usage).toEqual(usage(1300, 90, 0, 1200));
	});

	it('a pass that adds nothing to an open task writes nothing again', () => {
		const data = file(
			meta,
			ev('2026-05-01T00:00:01.100Z', {type: 'task_started', turn_id: 't1'}),
			tokens('2026-05-01T00:00:03.000Z', 1000, 200, 50),
		);
		const p1 = readLines(createCodexReader, data, {path});
		const p2 = readLines(createCodexReader, file(ev('2026-05-01T00:00:03.500Z', {type: 'agent_message', message: 'hm'})), {
			path,
			state: p1.state,
		});
		expect(p2.records).toEqual([]);
	});

	it('a duplicated token_count across a pass boundary changes nothing', () => {
		const a = file(meta, ev('2026-05-01T00:00:01.000Z', {type: 'task_started', turn_id: 't1'}), tokens('2026-05-01T00:00:02.000Z', 500, 100, 20));
		const b = file(
			tokens('2026-05-01T00:00:02.000Z', 500, 100, 20),
			ev('2026-05-01T00:00:02.100Z', {type: 'token_count', info: null}),
			ev('2026-05-01T00:00:03.000Z', {type: 'task_complete', turn_id: 't1'}),
		);
		const p1 = readLines(createCodexReader, a, {path});
		const p2 = readLines(createCodexReader, b, {path, state: p1.state});
		expect(collapse([...p1.records, ...p2.records]).turns.map((t) => t.usage)).toEqual([usage(400, 20, 0, 100)]);
	});

	it('the state passed in is not modified', () => {
		const p1 = readLines(createCodexReader, file(meta, ev('2026-05-01T00:00:01.000Z', {type: 'task_started', turn_id: 't1'})), {path});
		const before = JSON.stringify(p1.state);
		readLines(createCodexReader, file(tokens('2026-05-01T00:00:02.000Z', 10, 0, 1)), {path, state: p1.state});
		expect(JSON.stringify(p1.state)).toBe(before);
	});
});

// ── turn cutting and usage edge cases ─────────────────────────────────────────────────────

describe('codex turns', () => {
	const path = '/tmp/rollout-x.jsonl';
	const meta = L('2026-05-02T00:00:00.000Z', 'session_meta', {id: 'sess-x', cwd: '/w'});

	it('a task interrupted by the next task_started is closed and counted; a trailing task too', () => {
		const r = readLines(
			createCodexReader,
			file(
				meta,
				ev('2026-05-02T00:00:01.000Z', {type: 'task_started', turn_id: 'a'}),
				tokens('2026-05-02T00:00:02.000Z', 100, 0, 10),
				ev('2026-05-02T00:00:03.000Z', {type: 'task_started', turn_id: 'b'}),
				tokens('2026-05-02T00:00:04.000Z', 300, 50, 30),
				ev('2026-05-02T00:00:04.500Z', {type: 'turn_aborted', turn_id: 'b', reason: 'interrupted'}),
				ev('2026-05-02T00:00:05.000Z', {type: 'task_started', turn_id: 'c'}),
				tokens('2026-05-02T00:00:06.000Z', 600, 250, 45),
			),
			{path},
		);
		expect(turnsOf(r.records).map((t) => [t.messageId, t.turnIndex, t.usage])).toEqual([
			['a', 0, usage(100, 10, 0, 0)],
			['b', 1, usage(150, 20, 0, 50)],
			['c', 2, usage(100, 15, 0, 200)],
		]);
	});

	it('task_started without turn_id still opens a turn', () => {
		const r = readLines(
			createCodexReader,
			file(meta, ev('2026-05-02T00:00:01.000Z', {type: 'task_started'}), tokens('2026-05-02T00:00:02.000Z', 100, 0, 10), ev('2026-05-02T00:00:03.000Z', {type: 'task_complete'})),
			{path},
		);
		expect(turnsOf(r.records).map((t) => [t.messageId, t.usage.output])).toEqual([['sess-x:task-0', 10]]);
	});

	it('usage after task_complete goes to that task, so the file adds up to its final total', () => {
		const data = file(
			meta,
			tokens('2026-05-02T00:00:00.500Z', 0, 0, 0),
			ev('2026-05-02T00:00:01.000Z', {type: 'task_started', turn_id: 'a'}),
			tokens('2026-05-02T00:00:02.000Z', 100, 0, 10),
			ev('2026-05-02T00:00:03.000Z', {type: 'task_complete', turn_id: 'a'}),
			tokens('2026-05-02T00:00:04.000Z', 180, 40, 14),
		);
		const r = readLines(createCodexReader, data, {path});
		const c = collapse(r.records);
		expect(c.turns.map((t) => [t.messageId, t.usage])).toEqual([['a', usage(140, 14, 0, 40)]]);
		const next = readLines(
			createCodexReader,
			file(ev('2026-05-02T00:00:05.000Z', {type: 'task_started', turn_id: 'b'}), tokens('2026-05-02T00:00:06.000Z', 200, 40, 20), ev('2026-05-02T00:00:07.000Z', {type: 'task_complete', turn_id: 'b'})),
			{path, state: r.state},
		);
		const all = collapse([...r.records, ...next.records]);
		expect(all.turns.map((t) => [t.messageId, t.usage])).toEqual([
			['a', usage(140, 14, 0, 40)],
			['b', usage(20, 6, 0, 0)],
		]);
		expect(total(all.turns)).toEqual(usage(160, 20, 0, 40));
	});

	it('a counter that goes down (resume) is rebased, never negative', () => {
		const r = readLines(
			createCodexReader,
			file(
				meta,
				ev('2026-05-02T00:00:01.000Z', {type: 'task_started', turn_id: 'a'}),
				tokens('2026-05-02T00:00:02.000Z', 5000, 1000, 300),
				ev('2026-05-02T00:00:03.000Z', {type: 'task_complete', turn_id: 'a'}),
				ev('2026-05-02T01:00:01.000Z', {type: 'task_started', turn_id: 'b'}),
				tokens('2026-05-02T01:00:02.000Z', 700, 100, 40),
				tokens('2026-05-02T01:00:03.000Z', 1500, 600, 70),
				ev('2026-05-02T01:00:04.000Z', {type: 'task_complete', turn_id: 'b'}),
			),
			{path},
		);
		expect(turnsOf(r.records).map((t) => t.usage)).toEqual([usage(4000, 300, 0, 1000), usage(900, 70, 0, 600)]);
	});

	it('bad usage fields count as 0 for that event and are counted; the rest still counts', () => {
		const r = readLines(
			createCodexReader,
			file(
				meta,
				ev('2026-05-02T00:00:01.000Z', {type: 'task_started', turn_id: 'a'}),
				ev('2026-05-02T00:00:02.000Z', {
					type: 'token_count',
					info: {total_token_usage: {input_tokens: 100, cached_input_tokens: -5, output_tokens: 1.5, reasoning_output_tokens: '3'}},
				}),
				tokens('2026-05-02T00:00:03.000Z', 200, 50, 20, 5),
				ev('2026-05-02T00:00:04.000Z', {type: 'task_complete', turn_id: 'a'}),
			),
			{path},
		);
		expect(r.skips.badFields).toBe(3);
		expect(turnsOf(r.records).map((t) => t.usage)).toEqual([usage(150, 20, 5, 50)]);
	});

	it('a rollout that only writes last_token_usage is summed', () => {
		const last = (ts: string, i: number, o: number) =>
			ev(ts, {type: 'token_count', info: {last_token_usage: {input_tokens: i, cached_input_tokens: 0, output_tokens: o}}});
		const r = readLines(
			createCodexReader,
			file(meta, item('2026-05-02T00:00:00.500Z', {type: 'message', role: 'user', content: [{type: 'input_text', text: 'hi'}]}), last('2026-05-02T00:00:01.000Z', 100, 5), last('2026-05-02T00:00:02.000Z', 150, 7)),
			{path},
		);
		expect(turnsOf(r.records).map((t) => t.usage)).toEqual([usage(250, 12, 0, 0)]);
	});

	it('without task events each user prompt opens a turn (event and message count once)', () => {
		const prompt = (ts: string, text: string) => [
			item(ts, {type: 'message', role: 'user', content: [{type: 'input_text', text}]}),
			ev(ts, {type: 'user_message', message: text}),
		];
		const r = readLines(
			createCodexReader,
			file(
				meta,
				item('2026-05-02T00:00:00.100Z', {type: 'message', role: 'user', content: [{type: 'input_text', text: '<environment_context>x</environment_context>'}]}),
				...prompt('2026-05-02T00:00:01.000Z', 'first'),
				L('2026-05-02T00:00:01.100Z', 'turn_context', {cwd: '/w', model: 'gpt-5'}),
				tokens('2026-05-02T00:00:02.000Z', 100, 0, 10),
				item('2026-05-02T00:00:02.100Z', {type: 'function_call', name: 'shell', arguments: '{"command":["bash","-lc","npm test"]}', call_id: 'c1'}),
				item('2026-05-02T00:00:02.200Z', {type: 'function_call_output', call_id: 'c1', output: '{"output":"fail","metadata":{"exit_code":1,"duration_seconds":0.1}}'}),
				tokens('2026-05-02T00:00:03.000Z', 250, 80, 20),
				...prompt('2026-05-02T00:00:04.000Z', 'second'),
				tokens('2026-05-02T00:00:05.000Z', 400, 200, 30),
				...prompt('2026-05-02T00:00:06.000Z', 'third, never answered'),
			),
			{path},
		);
		const turns = turnsOf(r.records);
		expect(turns.map((t) => [t.messageId, t.turnIndex, t.ts, t.model, t.usage])).toEqual([
			['sess-x:turn-0', 0, '2026-05-02T00:00:01.000Z', 'gpt-5', usage(170, 20, 0, 80)],
			['sess-x:turn-1', 1, '2026-05-02T00:00:04.000Z', 'gpt-5', usage(30, 10, 0, 120)],
		]);
		expect(turns[0]!.toolCalls).toEqual([expect.objectContaining({id: 'c1', target: 'npm test', isError: true})]);
		const users = userTurnsOf(r.records);
		expect(users.map((u) => [u.followingMessageId, u.blocks.map((b) => b.kind)])).toEqual([
			['sess-x:turn-0', ['text', 'tool_result']],
			['sess-x:turn-1', ['text']],
		]);
		expect(users[0]!.blocks[1]!.isError).toBe(true);
	});
});

// ── forks, resumes, spawned agents ──────────────────────────────────────────────────────

describe('codex forked and spawned rollouts', () => {
	const parentMs = Date.parse('2026-06-01T10:00:00.000Z');
	const forkMs = Date.parse('2026-06-01T11:00:00.000Z');
	const parentId = uuid7(parentMs, 1);
	const childId = uuid7(forkMs, 2);
	const pt1 = uuid7(parentMs + 1000, 11);
	const pt2 = uuid7(parentMs + 60_000, 12);
	const ct1 = uuid7(forkMs + 3000, 21);
	const iso = (ms: number) => new Date(ms).toISOString();
	const at = (ms: number) => iso(ms);
	const stamp = (n: number) => iso(forkMs + n); // the copy is re-stamped at the fork instant

	/** The parent's history; `t` stamps each line. */
	const parentHistory = (t: (i: number) => string) => [
		L(t(0), 'session_meta', {id: parentId, cwd: '/w', timestamp: iso(parentMs)}),
		L(t(1), 'turn_context', {turn_id: pt1, cwd: '/w', model: 'gpt-5'}),
		ev(t(2), {type: 'task_started', turn_id: pt1}),
		item(t(3), {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"ls"}', call_id: 'p-c1'}),
		item(t(4), {type: 'function_call_output', call_id: 'p-c1', output: 'a\n'}),
		tokens(t(5), 1000, 400, 100),
		ev(t(6), {type: 'task_complete', turn_id: pt1}),
		L(t(7), 'turn_context', {turn_id: pt2, cwd: '/w', model: 'gpt-5'}),
		ev(t(8), {type: 'task_started', turn_id: pt2}),
		tokens(t(9), 3000, 1400, 300),
		ev(t(10), {type: 'task_complete', turn_id: pt2}),
		L(t(11), 'compacted', {message: '', replacement_history: []}),
	];
	const parentFile = `/c/sessions/rollout-2026-06-01T10-00-00-${parentId}.jsonl`;
	const childFile = `/c/sessions/rollout-2026-06-01T11-00-00-${childId}.jsonl`;

	/** The child's own task; its token_count total is `total` (continuing from 3000/1400/300). */
	const childOwn = (total: [number, number, number] = [3500, 1700, 340]) => [
		L(at(forkMs + 3000), 'turn_context', {turn_id: ct1, cwd: '/w', model: 'gpt-5.1'}),
		ev(at(forkMs + 3001), {type: 'task_started', turn_id: ct1}),
		item(at(forkMs + 4000), {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"git diff"}', call_id: 'c-c1'}),
		item(at(forkMs + 4500), {type: 'function_call_output', call_id: 'c-c1', output: 'diff'}),
		tokens(at(forkMs + 5000), ...total),
		ev(at(forkMs + 6000), {type: 'task_complete', turn_id: ct1}),
	];

	it('a fork that replays its parent counts only its own work', () => {
		const parent = readLines(createCodexReader, file(...parentHistory((i) => iso(parentMs + i * 1000))), {path: parentFile});
		const child = readLines(
			createCodexReader,
			file(
				L(stamp(0), 'session_meta', {id: childId, cwd: '/w', timestamp: iso(forkMs), forked_from_id: parentId, cli_version: '0.140.0'}),
				...parentHistory((i) => stamp(i + 1)),
				tokens(stamp(20), 3000, 1400, 300), // the seeded counter, repeated
				...childOwn(),
			),
			{path: childFile, contentMode: 'full'},
		);
		const pTurns = turnsOf(parent.records);
		const cTurns = turnsOf(child.records);
		expect(pTurns.map((t) => t.messageId)).toEqual([pt1, pt2]);
		expect(cTurns.map((t) => [t.sessionId, t.messageId, t.turnIndex, t.model, t.usage])).toEqual([
			[childId, ct1, 0, 'gpt-5.1', usage(200, 40, 0, 300)],
		]);
		expect(cTurns[0]!.subagent).toBeUndefined();
		// Parent + fork = the fork's final total: nothing counted twice.
		expect(total([...pTurns, ...cTurns])).toEqual(usage(3500 - 1700, 340, 0, 1700));
		expect(relsOf(child.records).map((r) => [r.relationshipType, r.sessionId, r.relatedSessionId])).toEqual([
			['root', childId, undefined],
			['fork', childId, parentId],
		]);
		expect(userTurnsOf(child.records).map((u) => u.blocks.map((b) => b.toolUseId))).toEqual([['c-c1']]);
		expect(eventsOf(child.records).map((e) => e.toolUseId)).toEqual(['c-c1']);
		expect(compactionsOf(child.records)).toEqual([]);
		expect(child.content.every((c) => c.messageId === ct1)).toBe(true);
	});

	it('the copy is skipped whatever pass boundaries fall inside it', () => {
		const data = Buffer.from(
			file(
				L(stamp(0), 'session_meta', {id: childId, cwd: '/w', timestamp: iso(forkMs), forked_from_id: parentId}),
				...parentHistory((i) => stamp(i + 1)),
				...childOwn(),
			),
		);
		const whole = collapse(readInPasses(data, [], childFile).records);
		for (const cut of lineStarts(data).slice(1)) expect(collapse(readInPasses(data, [cut], childFile).records)).toEqual(whole);
		expect(whole.turns.map((t) => t.usage)).toEqual([usage(200, 40, 0, 300)]);
	});

	it('a fork whose counter restarts from zero is rebased', () => {
		const r = readLines(
			createCodexReader,
			file(
				L(stamp(0), 'session_meta', {id: childId, timestamp: iso(forkMs), forked_from_id: parentId}),
				...parentHistory((i) => stamp(i + 1)),
				...childOwn([500, 300, 40]),
			),
			{path: childFile},
		);
		expect(turnsOf(r.records).map((t) => t.usage)).toEqual([usage(200, 40, 0, 300)]);
	});

	it('a long copy with UUIDv7 turn ids is skipped even when it is written past the burst', () => {
		const late = uuid7(forkMs + 20_000, 31);
		const r = readLines(
			createCodexReader,
			file(
				L(stamp(0), 'session_meta', {id: childId, timestamp: iso(forkMs), forked_from_id: parentId}),
				...parentHistory((i) => iso(forkMs + 1 + i * 900)),
				ev(at(forkMs + 20_000), {type: 'task_started', turn_id: late}),
				tokens(at(forkMs + 21_000), 3100, 1400, 310),
				ev(at(forkMs + 22_000), {type: 'task_complete', turn_id: late}),
			),
			{path: childFile},
		);
		expect(turnsOf(r.records).map((t) => [t.messageId, t.usage])).toEqual([[late, usage(100, 10, 0, 0)]]);
	});

	it('without UUIDv7 turn ids the copy ends at the first line stamped after the burst', () => {
		const r = readLines(
			createCodexReader,
			file(
				L(stamp(0), 'session_meta', {id: 'child-x', timestamp: iso(forkMs), forked_from_id: 'parent-x'}),
				L(stamp(1), 'session_meta', {id: 'parent-x', timestamp: iso(parentMs)}),
				ev(stamp(2), {type: 'task_started', turn_id: 'old-1'}),
				tokens(stamp(3), 1000, 0, 100),
				ev(stamp(4), {type: 'task_complete', turn_id: 'old-1'}),
				ev(at(forkMs + 10_000), {type: 'task_started', turn_id: 'new-1'}),
				tokens(at(forkMs + 12_000), 1600, 0, 130),
				ev(at(forkMs + 13_000), {type: 'task_complete', turn_id: 'new-1'}),
			),
			{path: '/c/child-x.jsonl'},
		);
		expect(turnsOf(r.records).map((t) => [t.sessionId, t.messageId, t.usage])).toEqual([['child-x', 'new-1', usage(600, 30, 0, 0)]]);
	});

	it('an undeclared copy (an ancestor session_meta right after the own one) is skipped too', () => {
		const r = readLines(
			createCodexReader,
			file(L(stamp(0), 'session_meta', {id: childId, timestamp: iso(forkMs)}), ...parentHistory((i) => stamp(i + 1)), ...childOwn()),
			{path: childFile},
		);
		expect(turnsOf(r.records).map((t) => [t.messageId, t.usage])).toEqual([[ct1, usage(200, 40, 0, 300)]]);
	});

	it('a spawned agent is a thread of its parent session', () => {
		const spawnMeta = L(stamp(0), 'session_meta', {
			id: childId,
			cwd: '/w',
			timestamp: iso(forkMs),
			source: {subagent: {thread_spawn: {parent_thread_id: parentId, depth: 1, agent_role: 'explorer'}}},
			thread_source: 'subagent',
		});
		const r = readLines(
			createCodexReader,
			file(
				spawnMeta,
				...parentHistory((i) => stamp(i + 1)),
				...childOwn(),
				L(at(forkMs + 7000), 'compacted', {message: ''}),
			),
			{path: childFile},
		);
		const turns = turnsOf(r.records);
		expect(turns.map((t) => [t.sessionId, t.messageId, t.usage])).toEqual([[parentId, ct1, usage(200, 40, 0, 300)]]);
		expect(turns[0]!.subagent).toEqual({isSidechain: true, agentId: childId, subagentType: 'explorer'});
		expect(userTurnsOf(r.records)[0]!.sessionId).toBe(parentId);
		expect(eventsOf(r.records)[0]!.sessionId).toBe(parentId);
		expect(compactionsOf(r.records)).toEqual([expect.objectContaining({sessionId: parentId, agentId: childId, precedingMessageId: ct1})]);
		expect(relsOf(r.records).find((x) => x.relationshipType === 'subagent')).toMatchObject({
			sessionId: childId,
			relatedSessionId: parentId,
			agentId: childId,
			subagentType: 'explorer',
		});
	});

	it('a spawned agent without a copied history starts counting at once', () => {
		const r = readLines(
			createCodexReader,
			file(
				L(at(forkMs), 'session_meta', {id: childId, timestamp: iso(forkMs), source: {subagent: {thread_spawn: {parent_thread_id: parentId}}}}),
				L(at(forkMs + 5), 'turn_context', {turn_id: uuid7(forkMs + 5, 3), model: 'gpt-5'}),
				ev(at(forkMs + 6), {type: 'task_started', turn_id: uuid7(forkMs + 5, 3)}),
				tokens(at(forkMs + 900), 100, 0, 10),
				ev(at(forkMs + 950), {type: 'task_complete', turn_id: uuid7(forkMs + 5, 3)}),
			),
			{path: childFile},
		);
		expect(turnsOf(r.records).map((t) => [t.sessionId, t.usage])).toEqual([[parentId, usage(100, 10, 0, 0)]]);
	});
});

// ── tool calls, outputs, bad input ────────────────────────────────────────────────────────

describe('codex tool calls', () => {
	it('joins argv commands into one shell string', () => {
		expect(joinCommand(['bash', '-lc', 'npm test'])).toBe('npm test');
		expect(joinCommand(['/bin/zsh', '-c', 'git status'])).toBe('git status');
		expect(joinCommand(['powershell.exe', '-Command', 'dir'])).toBe('dir');
		expect(joinCommand(['rg', '-n', 'foo bar', 'src'])).toBe(`rg -n 'foo bar' src`);
		expect(joinCommand(['cat', 'huge.log'])).toBe('cat huge.log');
		expect(commandText('  ls -la ')).toBe('ls -la');
		expect(commandText([1, 2])).toBeUndefined();
		expect(patchTarget('*** Begin Patch\n*** Delete File: a/b.ts\n*** Update File: c.ts\n')).toBe('a/b.ts');
		expect(patchTarget('no header')).toBeUndefined();
	});

	it('reads local_shell_call, custom tools, exec errors, MCP errors and failed patches', () => {
		const t0 = '2026-05-03T00:00:00.000Z';
		const r = readLines(
			createCodexReader,
			file(
				L(t0, 'session_meta', {id: 's-tools', cwd: '/w'}),
				ev(t0, {type: 'task_started', turn_id: 'a'}),
				item(t0, {type: 'local_shell_call', call_id: 'l1', status: 'completed', action: {type: 'exec', command: ['bash', '-lc', 'make build']}}),
				item(t0, {type: 'function_call', name: 'exec_command', arguments: 'not json', call_id: 'x1'}),
				ev(t0, {type: 'exec_command_end', call_id: 'x1', exit_code: 127}),
				item(t0, {type: 'function_call_output', call_id: 'x1', output: 'sh: not found'}),
				item(t0, {type: 'function_call', name: 'read_file', arguments: '{"path":"src/a.ts"}', call_id: 'r1'}),
				item(t0, {type: 'function_call', name: 'docs__search', arguments: '{"q":"x"}', call_id: 'm1'}),
				ev(t0, {type: 'mcp_tool_call_end', call_id: 'm1', result: {Err: 'boom'}}),
				item(t0, {type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Update File: src/a.ts\n*** End Patch', call_id: 'p1'}),
				ev(t0, {type: 'patch_apply_end', call_id: 'p1', turn_id: 'a', success: false, changes: {'src/a.ts': {}}}),
				item(t0, {type: 'custom_tool_call_output', call_id: 'p1', output: 'patch failed'}),
				item(t0, {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"ls"}', call_id: 'x1'}),
				tokens(t0, 10, 0, 1),
				ev(t0, {type: 'task_complete', turn_id: 'a'}),
				item(t0, {type: 'function_call', name: 'exec_command', arguments: '{"cmd":"late"}', call_id: 'late'}),
			),
			{path: '/tmp/s-tools.jsonl'},
		);
		const [t] = turnsOf(r.records);
		expect(t!.toolCalls.map((c) => [c.id, c.name, c.target ?? null, c.isError ?? false])).toEqual([
			['l1', 'local_shell', 'make build', false],
			['x1', 'exec_command', null, true],
			['r1', 'read_file', 'src/a.ts', false],
			['m1', 'docs__search', null, true],
			['p1', 'apply_patch', 'src/a.ts', true],
		]);
		expect(t!.filesTouched).toBeUndefined();
		expect(t!.toolCalls[1]!.argsHash).toBe(argsHash({}));
		expect(eventsOf(r.records).map((e) => [e.toolUseId, e.status])).toEqual([
			['x1', 'errored'],
			['p1', 'errored'],
		]);
	});
});

describe('codex bad input', () => {
	const path = '/tmp/rollout-bad.jsonl';
	it('skips and counts invalid lines, never throws', () => {
		const t0 = '2026-05-04T00:00:00.000Z';
		const lines = [
			L(t0, 'session_meta', {id: 's-bad'}),
			'{"timestamp":"2026-05-04T00:00:00.000Z","type":"event_msg","payload":{"type":"task_started","turn_id":"a"',
			'not json at all',
			'[1,2,3]',
			'"a string"',
			'\u0000\u0001\u00ff binary',
			ev(t0, {type: 'task_started', turn_id: 'a'}),
			L(t0, 'event_msg', {type: 'token_count', info: 'weird'}),
			L(t0, 'response_item', {type: 'function_call', name: 42, arguments: {}, call_id: null}),
			L(t0, 'world_state', {anything: true}),
			JSON.stringify({timestamp: t0, type: 'event_msg', payload: null}),
			tokens(t0, 10, 0, 1),
			ev(t0, {type: 'task_complete', turn_id: 'a'}),
		];
		let r: ReadLinesResult<CodexState> | undefined;
		expect(() => {
			r = readLines(createCodexReader, file(...lines), {path});
		}).not.toThrow();
		expect(r!.skips.badLines).toBe(5);
		expect(turnsOf(r!.records).map((t) => t.usage)).toEqual([usage(10, 1, 0, 0)]);
	});

	it('ignored line types are skipped from their first bytes, without parsing them', () => {
		const t0 = '2026-05-04T00:00:00.000Z';
		const big = 'x'.repeat(2_000_000);
		const r = readLines(
			createCodexReader,
			file(
				L(t0, 'session_meta', {id: 's-skip'}),
				ev(t0, {type: 'task_started', turn_id: 'a'}),
				// Broken JSON after a prefix of a type the reader ignores: never parsed, never counted.
				`{"timestamp":"${t0}","type":"event_msg","payload":{"type":"agent_reasoning_delta","delta":"${big}`,
				`{"timestamp":"${t0}","type":"response_item","payload":{"type":"reasoning","encrypted_content":"${big}`,
				`{"timestamp":"${t0}","type":"response_item","payload":{"type":"message","role":"developer","content":"${big}`,
				`{"timestamp":"${t0}","type":"compacted","payload":{"message":"","replacement_history":"${big}`,
				tokens(t0, 10, 0, 1),
				ev(t0, {type: 'task_complete', turn_id: 'a'}),
			),
			{path},
		);
		expect(r.skips.badLines).toBe(0);
		expect(turnsOf(r.records)).toHaveLength(1);
		expect(compactionsOf(r.records)).toEqual([expect.objectContaining({ts: t0, precedingMessageId: 'a'})]);
	});

	it('takes the session id from the file name first, then session_meta', () => {
		expect(sessionIdFromPath('/x/rollout-2025-09-19T09-02-12-01996135-afde-7911-97f0-d863511eca56.jsonl')).toBe(
			'01996135-afde-7911-97f0-d863511eca56',
		);
		expect(sessionIdFromPath('/x/example.jsonl')).toBeUndefined();
		const r = readLines(
			createCodexReader,
			file(L('2026-05-04T00:00:00.000Z', 'session_meta', {id: 'from-meta'}), ev('2026-05-04T00:00:01.000Z', {type: 'task_started', turn_id: 'a'}), tokens('2026-05-04T00:00:02.000Z', 1, 0, 1)),
			{path: '/x/rollout-2026-05-04T00-00-00-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.jsonl'},
		);
		expect(turnsOf(r.records)[0]!.sessionId).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
		expect(uuid7Ms(uuid7(123456789))).toBe(123456789);
		expect(uuid7Ms('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')).toBeUndefined();
	});
});
