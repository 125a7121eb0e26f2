import {basename, dirname} from 'node:path';
import type {ContentRecord, Fidelity, LedgerRecord, SubagentInfo, ToolCall, TurnRecord, Usage, UserTurnBlock} from '../../core/records.js';
import {emptySkips, isEmptyUsage} from '../../core/records.js';
import {estimateTokens} from '../estimate.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext} from '../reader.js';
import {isObj, str, type Json} from '../gemini/tools.js';
import {tokenField} from '../gemini/usage.js';
import {kimiCall, kimiFiles} from './tools.js';
import {fidelityOf} from '../emit-turn.js';

/** Cursor state of one wire file (small: counters and what waits for the next step). */
export interface KimiState {
	next: number;
	/** StatusUpdates and TurnBegins seen, per thread ('' = main): fallback ids when a row has no `message_id`. */
	steps: Record<string, number>;
	turns: Record<string, number>;
	/** Tool calls of each thread's current step, attached to its StatusUpdate. */
	calls: Record<string, ToolCall[]>;
	/** Each thread's latest step (the one its tool results follow). */
	last: Record<string, string>;
	/** Subagent relationships written. */
	rels: string[];
}

const fidelity = (hasUsage: boolean, raw: boolean): Fidelity =>
	fidelityOf('per-message', hasUsage ? 'full' : 'partial', {
		hasInputTokens: hasUsage,
		hasOutputTokens: hasUsage,
		hasReasoningTokens: false,
		hasCacheReadTokens: hasUsage,
		hasCacheCreateTokens: hasUsage,
		hasRawContent: raw,
	});

/** Envelope time (epoch seconds, float; an ISO string is taken too) as ISO; '' when absent or unusable. */
function iso(t: unknown): string {
	if (typeof t === 'string') {
		const ms = Date.parse(t);
		return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
	}
	if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) return '';
	const d = new Date(Math.round(t * 1000));
	return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/**
 * Where a wire file sits: `<session>/wire.jsonl` (the main thread) or
 * `<session>/subagents/<agentId>/wire.jsonl` (a thread of that session).
 */
export function wirePlace(path: string): {sessionId: string; agentId: string} {
	const dir = dirname(path);
	if (basename(dirname(dir)) === 'subagents') return {sessionId: basename(dirname(dirname(dir))), agentId: basename(dir)};
	return {sessionId: basename(dir), agentId: ''};
}

/**
 * `token_usage` of a StatusUpdate: `input_other` excludes cache reads and writes
 * (Kimi's providers), except with Gemini models, whose provider puts the cache-inclusive
 * prompt count there (docs/agents.md#kimi-cli).
 */
export function kimiUsage(tu: Json, model: string, bad: {n: number}): Usage {
	const other = tokenField(tu.input_other, bad);
	const cacheRead = tokenField(tu.input_cache_read, bad);
	const input = model.toLowerCase().startsWith('gemini') ? Math.max(0, other - cacheRead) : other;
	return {input, output: tokenField(tu.output, bad), reasoning: 0, cacheRead, cacheCreate5m: tokenField(tu.input_cache_creation, bad), cacheCreate1h: 0};
}

function parse(bytes: Buffer): unknown {
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Reader of a Kimi CLI `wire.jsonl`: one turn per StatusUpdate with `token_usage`. A
 * subagent's steps are in its own `subagents/<id>/wire.jsonl` and mirrored into the parent's
 * wire inside `SubagentEvent`s (older versions write only the mirror): both give the same
 * session, thread and message id, so the ledger counts each step once.
 */
export function createKimiReader(model = '', project?: string): LineReaderFactory<KimiState> {
	return (ctx: ReaderContext, prev: KimiState | undefined): LineReader<KimiState> => {
		const s: KimiState =
			prev && ctx.startOffset > 0
				? {next: prev.next, steps: {...prev.steps}, turns: {...prev.turns}, calls: Object.fromEntries(Object.entries(prev.calls).map(([k, v]) => [k, [...v]])), last: {...prev.last}, rels: [...prev.rels]}
				: {next: 0, steps: {}, turns: {}, calls: {}, last: {}, rels: []};
		const place = wirePlace(ctx.path);
		const sessionId = place.sessionId;
		const records: LedgerRecord[] = [];
		const content: ContentRecord[] = [];
		const skips = emptySkips();
		const bad = {n: 0};
		const full = ctx.contentMode === 'full';
		const base = {v: 1 as const, source: 'kimi' as const, sessionId};
		const sub = (thread: string): SubagentInfo | undefined => (thread ? {isSidechain: true, agentId: thread} : undefined);
		const say = (messageId: string, ts: string, role: ContentRecord['role'], kind: ContentRecord['kind'], body: Partial<ContentRecord>) => {
			if (full) content.push({...base, messageId, ts, role, kind, ...body});
		};

		/** The subagent relationship, from the parent's mirror (it names the spawning call and the type). */
		const relate = (thread: string, p: Json, ts: string) => {
			if (!thread || s.rels.includes(thread)) return;
			s.rels.push(thread);
			const rel = {...base, sessionId: thread, relatedSessionId: sessionId, relationshipType: 'subagent' as const, agentId: thread, rv: READER_VERSION};
			const type = str(p.subagent_type);
			const parent = str(p.parent_tool_call_id);
			records.push({kind: 'relationship', record: {...rel, ...(ts ? {ts} : {}), ...(type ? {subagentType: type} : {}), ...(parent ? {parentToolUseId: parent} : {})}});
		};

		const event = (type: string, p: Json, thread: string, ts: string, depth: number) => {
			switch (type) {
				case 'StatusUpdate': {
					if (!isObj(p.token_usage)) return; // `None` fields mean "unchanged": no step ended here
					const n = (s.steps[thread] = (s.steps[thread] ?? 0) + 1);
					const mid = str(p.message_id);
					const messageId = mid ?? `${thread || 'main'}:step:${n}`;
					const usage = kimiUsage(p.token_usage, model, bad);
					const calls = s.calls[thread] ?? [];
					delete s.calls[thread];
					const t: TurnRecord = {...base, messageId, turnIndex: s.next++, ts, model, usage, toolCalls: calls, sessionPath: ctx.path};
					// A `/fork` copies the wire with its message ids and times: the copy index counts
					// them once. Without a message id, the step number and its time name the copy.
					if (mid) t.requestId = mid;
					else if (ts) t.requestId = `${messageId}@${ts}`;
					if (project) t.project = project;
					const files = kimiFiles(calls);
					if (files.length) t.filesTouched = files;
					const info = sub(thread);
					if (info) t.subagent = info;
					t.fidelity = fidelity(!isEmptyUsage(usage), full);
					if (isEmptyUsage(usage)) t.aborted = true;
					t.rv = READER_VERSION;
					records.push({kind: 'turn', record: t});
					s.last[thread] = messageId;
					return;
				}
				case 'ToolCall': {
					const c = kimiCall(p);
					if (!c) return;
					(s.calls[thread] ??= []).push(c.call);
					say(s.last[thread] ?? '', ts, 'assistant', 'tool_use', {toolUse: {id: c.call.id, name: c.call.name, input: c.args}});
					return;
				}
				case 'ToolResult': {
					const id = str(p.tool_call_id);
					if (!id) return;
					const rv = isObj(p.return_value) ? p.return_value : {};
					const out = typeof rv.output === 'string' ? rv.output : rv.output === undefined ? '' : JSON.stringify(rv.output);
					const isError = rv.is_error === true;
					// The call waits for its step's StatusUpdate or already has it.
					const pending = (s.calls[thread] ?? []).find((c) => c.id === id);
					if (pending && isError) pending.isError = true;
					const preceding = pending ? undefined : s.last[thread];
					const block: UserTurnBlock = {kind: 'tool_result', toolUseId: id, byteLen: Buffer.byteLength(out, 'utf8'), approxTokens: estimateTokens(out), ...(isError ? {isError: true} : {})};
					records.push({kind: 'user_turn', record: {...base, userUuid: `${thread || 'main'}:result:${id}`, ts, blocks: [block], ...(preceding ? {precedingMessageId: preceding} : {}), rv: READER_VERSION}});
					records.push({
						kind: 'tool_result_event',
						record: {...base, ...(preceding ? {messageId: preceding} : {}), toolUseId: id, eventIndex: 0, ...(ts ? {ts} : {}), status: isError ? 'errored' : 'completed', eventSource: 'tool_result', contentLength: block.byteLen, ...(isError ? {isError: true} : {}), ...(thread ? {agentId: thread} : {}), rv: READER_VERSION},
					});
					say(preceding ?? '', ts, 'tool_result', 'tool_result', {toolResult: {toolUseId: id, content: out, ...(isError ? {isError: true} : {})}});
					return;
				}
				case 'TurnBegin': {
					const n = (s.turns[thread] = (s.turns[thread] ?? 0) + 1);
					const input = p.user_input;
					const text = typeof input === 'string' ? input : Array.isArray(input) ? input.map((x) => (isObj(x) && typeof x.text === 'string' ? x.text : '')).join('\n') : '';
					const preceding = s.last[thread];
					records.push({kind: 'user_turn', record: {...base, userUuid: `${thread || 'main'}:turn:${n}`, ts, blocks: [{kind: 'text', byteLen: Buffer.byteLength(text, 'utf8'), approxTokens: estimateTokens(text)}], ...(preceding ? {precedingMessageId: preceding} : {}), rv: READER_VERSION}});
					if (text) say(`${thread || 'main'}:turn:${n}`, ts, 'user', 'text', {text});
					return;
				}
				case 'ContentPart': {
					if (p.type === 'text' && typeof p.text === 'string') say(s.last[thread] ?? '', ts, 'assistant', 'text', {text: p.text});
					return;
				}
				case 'CompactionBegin': {
					const preceding = s.last[thread];
					records.push({kind: 'compaction', record: {...base, ts, ...(preceding ? {precedingMessageId: preceding} : {}), ...(thread ? {agentId: thread} : {}), rv: READER_VERSION}});
					return;
				}
				case 'SubagentEvent': {
					if (depth > 4) return;
					const inner = isObj(p.event) ? p.event : undefined;
					const agent = str(p.agent_id) ?? str(p.task_tool_call_id) ?? str(p.parent_tool_call_id);
					if (!inner || !agent) return;
					relate(agent, p, ts);
					event(str(inner.type) ?? '', isObj(inner.payload) ? inner.payload : {}, agent, ts, depth + 1);
					return;
				}
				default:
			}
		};

		return {
			line(bytes: Buffer): void {
				const v = parse(bytes);
				if (!isObj(v)) {
					skips.badLines++;
					return;
				}
				if (v.type === 'metadata') return;
				const msg = isObj(v.message) ? v.message : undefined;
				const type = msg ? str(msg.type) : undefined;
				if (!msg || !type) return;
				event(type, isObj(msg.payload) ? msg.payload : {}, place.agentId, iso(v.timestamp), 0);
			},
			finish() {
				skips.badFields += bad.n;
				return {records, content, state: s, skips};
			},
		};
	};
}
