import type {ContentRecord, LedgerRecord, SubagentInfo, ToolCall, TurnRecord, Usage, UserTurnRecord} from '../../core/records.js';
import {emptySkips, emptyUsage, isEmptyUsage} from '../../core/records.js';
import {estimateTokens} from '../estimate.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext} from '../reader.js';
import {chatFidelity, textOf} from '../gemini/emit.js';
import {createChatReader, type ChatState} from '../gemini/reader.js';
import {filesOf, geminiCall, isObj, responseText, statusOf, str, type Json} from '../gemini/tools.js';
import {qwenUsage, telemetryUsage, usageSignature} from './usage.js';
import {fidelityOf, finishTurn} from '../emit-turn.js';

/** A `qwen-code.api_response` telemetry event not matched (yet) by an assistant record. */
interface Pending {
	uuid: string;
	ts: string;
	sessionId: string;
	model: string;
	usage: Usage;
	project?: string;
	agentId?: string;
	/** Assistant, user and tool-result records read after it (none of them its assistant record). */
	after: number;
}

export type QwenState =
	| {mode: 'legacy'; chat: ChatState}
	| {
			mode: 'jsonl';
			next: number;
			/** Last assistant uuid per thread ('' = main): the response a tool result follows. */
			last: Record<string, string>;
			pending: Pending[];
			/** Usage signatures of the latest assistant records (a telemetry event written after its record). */
			recent: string[];
			/** Fork relationship written. */
			forked?: boolean;
	  };

const RECENT = 64;
/** Seconds after which an unmatched telemetry event is taken as a call with no assistant record. */
const LONE_AFTER_MS = 30_000;

function parse(bytes: Buffer): unknown {
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Telemetry-only calls (Qwen Code 0.14 subagents): usage, no tools or results of their own.
 * They count in the totals, in a thread of their own (nothing of the main thread rides in
 * them), and their cost stays unattributed: no tool call is known to have caused it.
 */
const TELEMETRY_FIDELITY = fidelityOf('per-message', 'usage-only', {hasCacheCreateTokens: false, hasSessionRelationships: false, hasRawContent: false});

/** Thread of telemetry-only calls that name no agent. */
export const TELEMETRY_THREAD = 'telemetry-only';

function thread(r: Json): SubagentInfo | undefined {
	const agentId = str(r.agentId);
	if (r.isSidechain !== true && !agentId) return undefined;
	const sub: SubagentInfo = {isSidechain: true, agentId: agentId ?? 'sidechain'};
	const name = str(r.agentName);
	if (name) sub.subagentType = name;
	return sub;
}

/** Reader of one Qwen Code session file (`projects/<cwd>/chats/<sessionId>.jsonl`). */
function jsonlReader(ctx: ReaderContext, prev: Extract<QwenState, {mode: 'jsonl'}> | undefined): LineReader<QwenState> {
	const s: Extract<QwenState, {mode: 'jsonl'}> = prev
		? {...prev, last: {...prev.last}, pending: prev.pending.map((p) => ({...p})), recent: [...prev.recent]}
		: {mode: 'jsonl', next: 0, last: {}, pending: [], recent: []};
	const records: LedgerRecord[] = [];
	const content: ContentRecord[] = [];
	const skips = emptySkips();
	const bad = {n: 0};
	const full = ctx.contentMode === 'full';
	let latestMs = Number.NEGATIVE_INFINITY;

	const say = (c: Omit<ContentRecord, 'v' | 'source'>) => {
		if (full) content.push({v: 1, source: 'qwen', ...c});
	};

	const emitPending = (p: Pending) => {
		const t: TurnRecord = {v: 1, source: 'qwen', sessionId: p.sessionId, messageId: `api_response:${p.uuid}`, requestId: `api_response:${p.uuid}`, turnIndex: s.next++, ts: p.ts, model: p.model, usage: p.usage, toolCalls: [], sessionPath: ctx.path};
		if (p.project) t.project = p.project;
		t.subagent = {isSidechain: true, agentId: p.agentId ?? TELEMETRY_THREAD};
		t.fidelity = TELEMETRY_FIDELITY;
		if (isEmptyUsage(p.usage)) t.aborted = true;
		t.rv = READER_VERSION;
		records.push({kind: 'turn', record: t});
	};

	const assistant = (r: Json, uuid: string, sessionId: string, ts: string) => {
		const sub = thread(r);
		const usage = isObj(r.usageMetadata) ? qwenUsage(r.usageMetadata, bad) : undefined;
		const parent = str(r.parentUuid);
		if (usage) {
			const sig = usageSignature(usage);
			// Its own telemetry event carries the same numbers (the one it follows first).
			let i = s.pending.findIndex((p) => p.uuid === parent && usageSignature(p.usage) === sig);
			if (i < 0) i = s.pending.findIndex((p) => usageSignature(p.usage) === sig);
			if (i >= 0) s.pending.splice(i, 1);
			s.recent.push(sig);
			if (s.recent.length > RECENT) s.recent.shift();
		}
		const message = isObj(r.message) ? r.message : {};
		const parts = Array.isArray(message.parts) ? message.parts : [];
		const calls: ToolCall[] = [];
		const text: string[] = [];
		const thoughts: string[] = [];
		for (const part of parts) {
			if (!isObj(part)) continue;
			if (isObj(part.functionCall)) {
				const fc = part.functionCall;
				const id = str(fc.id);
				const name = str(fc.name);
				if (!id || !name) continue;
				const args = isObj(fc.args) ? fc.args : {};
				calls.push(geminiCall(id, name, args));
				say({sessionId, messageId: uuid, ts, role: 'assistant', kind: 'tool_use', toolUse: {id, name, input: args}});
			} else if (typeof part.text === 'string') (part.thought === true ? thoughts : text).push(part.text);
		}
		if (text.length) say({sessionId, messageId: uuid, ts, role: 'assistant', kind: 'text', text: text.join('\n')});
		if (thoughts.length) say({sessionId, messageId: uuid, ts, role: 'assistant', kind: 'thinking', text: thoughts.join('\n')});
		const u = usage ?? emptyUsage();
		// The record's uuid is kept by `/branch` copies: with it as the request id, the copy
		// index counts a branched session's copied responses once (docs/ledger.md).
		const t: TurnRecord = {v: 1, source: 'qwen', sessionId, messageId: uuid, requestId: uuid, turnIndex: s.next++, ts, model: str(r.model) ?? '', usage: u, toolCalls: calls, sessionPath: ctx.path};
		finishTurn(t, {project: str(r.cwd), files: filesOf(calls), subagent: sub, fidelity: chatFidelity(!!usage && !isEmptyUsage(u), full)});
		records.push({kind: 'turn', record: t});
		s.last[sub?.agentId ?? ''] = uuid;
	};

	const toolResult = (r: Json, uuid: string, sessionId: string, ts: string) => {
		const res = isObj(r.toolCallResult) ? r.toolCallResult : {};
		const message = isObj(r.message) ? r.message : {};
		const parts = Array.isArray(message.parts) ? message.parts : [];
		const callId = str(res.callId) ?? parts.map((p) => (isObj(p) && isObj(p.functionResponse) ? str(p.functionResponse.id) : undefined)).find(Boolean);
		if (!callId) return;
		const out = parts.map(responseText).filter((x): x is string => x !== undefined).join('\n');
		const status = statusOf(res.status);
		const isError = status === 'errored' || res.error !== undefined;
		const preceding = s.last[thread(r)?.agentId ?? ''];
		const ut: UserTurnRecord = {v: 1, source: 'qwen', sessionId, userUuid: uuid, ts, blocks: [{kind: 'tool_result', toolUseId: callId, byteLen: Buffer.byteLength(out, 'utf8'), approxTokens: estimateTokens(out), ...(isError ? {isError: true} : {})}], rv: READER_VERSION};
		if (preceding) ut.precedingMessageId = preceding;
		records.push({kind: 'user_turn', record: ut});
		records.push({
			kind: 'tool_result_event',
			record: {v: 1, source: 'qwen', sessionId, ...(preceding ? {messageId: preceding} : {}), toolUseId: callId, eventIndex: 0, ts, status: isError ? 'errored' : status, eventSource: 'tool_result', contentLength: Buffer.byteLength(out, 'utf8'), ...(isError ? {isError: true} : {}), rv: READER_VERSION},
		});
		say({sessionId, messageId: preceding ?? uuid, ts, role: 'tool_result', kind: 'tool_result', toolResult: {toolUseId: callId, content: out, ...(isError ? {isError: true} : {})}});
	};

	const user = (r: Json, uuid: string, sessionId: string, ts: string) => {
		const message = isObj(r.message) ? r.message : {};
		const text = textOf(message.parts);
		const ut: UserTurnRecord = {v: 1, source: 'qwen', sessionId, userUuid: uuid, ts, blocks: [{kind: 'text', byteLen: Buffer.byteLength(text, 'utf8'), approxTokens: estimateTokens(text)}], rv: READER_VERSION};
		const preceding = s.last[''];
		if (preceding) ut.precedingMessageId = preceding;
		records.push({kind: 'user_turn', record: ut});
		if (text) say({sessionId, messageId: uuid, ts, role: 'user', kind: 'text', text});
	};

	const system = (r: Json, uuid: string, sessionId: string, ts: string) => {
		if (r.subtype === 'chat_compression') {
			const sub = thread(r);
			const preceding = s.last[sub?.agentId ?? ''];
			records.push({kind: 'compaction', record: {v: 1, source: 'qwen', sessionId, ts, ...(preceding ? {precedingMessageId: preceding} : {}), ...(sub ? {agentId: sub.agentId} : {}), rv: READER_VERSION}});
			return;
		}
		if (r.subtype !== 'ui_telemetry') return;
		const payload = isObj(r.systemPayload) ? r.systemPayload : {};
		const e = isObj(payload.uiEvent) ? payload.uiEvent : undefined;
		const name = e ? str(e['event.name']) : undefined;
		if (!e || !name || !name.endsWith('api_response')) return;
		const usage = telemetryUsage(e, bad);
		// Written after its assistant record: already counted.
		const sig = usageSignature(usage);
		const j = s.recent.indexOf(sig);
		if (j >= 0) {
			s.recent.splice(j, 1);
			return;
		}
		const p: Pending = {uuid, ts, sessionId, model: str(e.model) ?? str(r.model) ?? '', usage, after: 0};
		const cwd = str(r.cwd);
		if (cwd) p.project = cwd;
		const agentId = str(r.agentId) ?? str(e.agent_id);
		if (agentId) p.agentId = agentId;
		s.pending.push(p);
	};

	return {
		line(bytes: Buffer): void {
			const r = parse(bytes);
			if (!isObj(r)) {
				skips.badLines++;
				return;
			}
			const uuid = str(r.uuid);
			const sessionId = str(r.sessionId);
			if (!uuid || !sessionId) return;
			const ts = str(r.timestamp) ?? '';
			const ms = Date.parse(ts);
			if (!Number.isNaN(ms) && ms > latestMs) latestMs = ms;
			// An API call's telemetry event is followed by its assistant record, never by a
			// user prompt or a tool result first.
			if (r.type === 'assistant' || r.type === 'user' || r.type === 'tool_result') for (const p of s.pending) p.after++;
			const fork = isObj(r.forkedFrom) ? str(r.forkedFrom.sessionId) : undefined;
			if (fork && !s.forked && fork !== sessionId) {
				s.forked = true;
				records.push({kind: 'relationship', record: {v: 1, source: 'qwen', sessionId, relatedSessionId: fork, relationshipType: 'fork', ...(ts ? {ts} : {}), rv: READER_VERSION}});
			}
			if (r.type === 'assistant') assistant(r, uuid, sessionId, ts);
			else if (r.type === 'tool_result') toolResult(r, uuid, sessionId, ts);
			else if (r.type === 'user') user(r, uuid, sessionId, ts);
			else if (r.type === 'system') system(r, uuid, sessionId, ts);
		},
		finish() {
			// A telemetry event that other records followed, or that is long past, had no
			// assistant record (a subagent call of Qwen Code 0.14): a turn of its own.
			const keep: Pending[] = [];
			for (const p of s.pending) {
				const ms = Date.parse(p.ts);
				const stale = !Number.isNaN(ms) && latestMs - ms > LONE_AFTER_MS;
				if (p.after > 0 || stale) emitPending(p);
				else keep.push(p);
			}
			s.pending = keep;
			skips.badFields += bad.n;
			return {records, content, state: s, skips};
		},
	};
}

const LEGACY = createChatReader({source: 'qwen', responseType: 'qwen'});

/**
 * Qwen Code: the JSONL session files, or the Gemini-style chats of versions before them
 * (a first line with `projectHash`, or a JSON document), told apart by the first line.
 */
export const createQwenReader: LineReaderFactory<QwenState> = (ctx, prev) => {
	if (ctx.startOffset > 0 && prev?.mode === 'legacy') return wrapLegacy(LEGACY(ctx, prev.chat));
	if (ctx.startOffset > 0 && prev?.mode === 'jsonl') return jsonlReader(ctx, prev);
	let inner: LineReader<QwenState> | undefined;
	return {
		line(bytes: Buffer, offset: number): void {
			if (!inner) {
				if (bytes.toString('utf8').trim() === '') return;
				const v = parse(bytes);
				// Legacy: a Gemini-style header or the `{` opening a pretty-printed document. Anything
				// else, a torn first line included, is the JSONL of current versions.
				const legacy = isObj(v) ? typeof v.projectHash === 'string' || Array.isArray(v.messages) : bytes.toString('utf8').trim() === '{';
				inner = legacy ? wrapLegacy(LEGACY(ctx, undefined)) : jsonlReader(ctx, undefined);
			}
			inner.line(bytes, offset);
		},
		finish() {
			return (inner ?? jsonlReader(ctx, undefined)).finish();
		},
	};
};

function wrapLegacy(r: LineReader<ChatState>): LineReader<QwenState> {
	return {
		line: (bytes, offset) => r.line(bytes, offset),
		finish() {
			const out = r.finish();
			return {...out, state: {mode: 'legacy', chat: out.state}};
		},
	};
}
