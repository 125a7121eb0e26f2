import type {
	ContentRecord,
	Fidelity,
	LedgerRecord,
	SourceKind,
	SubagentInfo,
	ToolCall,
	ToolResultEventRecord,
	TurnRecord,
	UserTurnBlock,
	UserTurnRecord,
} from '../../core/records.js';
import {isEmptyUsage} from '../../core/records.js';
import {READER_VERSION} from '../reader.js';
import {filesOf, geminiCall, isObj, responseText, statusOf, str, type Json} from './tools.js';
import {geminiUsage} from './usage.js';
import {fidelityOf, finishTurn, userBlock} from '../emit-turn.js';

/** Gemini-family chat files: per-response usage, tools with their results inside the response. */
export function chatFidelity(hasUsage: boolean, rawContent: boolean): Fidelity {
	return fidelityOf('per-message', hasUsage ? 'full' : 'partial', {
		hasInputTokens: hasUsage,
		hasOutputTokens: hasUsage,
		hasReasoningTokens: hasUsage,
		hasCacheReadTokens: hasUsage,
		hasCacheCreateTokens: false,
		hasRawContent: rawContent,
	});
}

/** Plain text of a `content`: a string, or a part list whose `text` parts are joined. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	const out: string[] = [];
	for (const p of content) if (isObj(p) && typeof p.text === 'string') out.push(p.text);
	return out.join('\n');
}

export interface EmitContext {
	source: SourceKind;
	/** The type of a model response record (`gemini`; Qwen's legacy files say `qwen`). */
	responseType: string;
	sessionId: string;
	sessionPath: string;
	project?: string;
	subagent?: SubagentInfo;
	contentMode: 'full' | 'off';
	/** Turn index of the next new response. */
	nextIndex: () => number;
	/** Usage fields that were not non-negative integers. */
	bad: {n: number};
}

/**
 * The records of a chat's messages, each id once in its latest version (Gemini appends a
 * message again on every change: the caller keeps the last). A response is a record of the
 * response type that carries `tokens`; one without `tokens` yet is left for a later version.
 */
export function emitMessages(messages: readonly Json[], c: EmitContext): {records: LedgerRecord[]; content: ContentRecord[]} {
	const records: LedgerRecord[] = [];
	const content: ContentRecord[] = [];
	const responses = new Set(messages.filter((m) => m.type === c.responseType && isObj(m.tokens)));
	const nextResponse = new Map<Json, string | undefined>();
	let following: string | undefined;
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i]!;
		nextResponse.set(m, following);
		if (m.type === c.responseType && isObj(m.tokens)) following = str(m.id);
	}
	const full = c.contentMode === 'full';
	let preceding: string | undefined;
	const base = {v: 1 as const, source: c.source, sessionId: c.sessionId};
	const say = (messageId: string, ts: string, role: ContentRecord['role'], kind: ContentRecord['kind'], body: Partial<ContentRecord>) => {
		if (full) content.push({...base, messageId, ts, role, kind, ...body});
	};
	for (const m of messages) {
		const id = str(m.id);
		if (!id) continue;
		const ts = str(m.timestamp) ?? '';
		if (m.type === 'user') {
			const text = textOf(m.content);
			const rec: UserTurnRecord = {...base, userUuid: id, ts, blocks: [userBlock('text', text)], rv: READER_VERSION};
			if (preceding) rec.precedingMessageId = preceding;
			const next = nextResponse.get(m);
			if (next) rec.followingMessageId = next;
			records.push({kind: 'user_turn', record: rec});
			if (text) say(next ?? id, ts, 'user', 'text', {text});
			continue;
		}
		if (m.type !== c.responseType || !responses.has(m)) continue;
		const calls: ToolCall[] = [];
		const blocks: UserTurnBlock[] = [];
		const events: ToolResultEventRecord[] = [];
		const raw = Array.isArray(m.toolCalls) ? m.toolCalls : [];
		for (const tc of raw) {
			if (!isObj(tc)) continue;
			const callId = str(tc.id);
			const name = str(tc.name);
			if (!callId || !name) continue;
			const args = isObj(tc.args) ? tc.args : {};
			const call = geminiCall(callId, name, args);
			const status = statusOf(tc.status);
			if (status === 'errored') call.isError = true;
			calls.push(call);
			say(id, ts, 'assistant', 'tool_use', {toolUse: {id: callId, name, input: args}});
			if (!Array.isArray(tc.result)) continue;
			const text = tc.result.map(responseText).filter((t): t is string => t !== undefined).join('\n');
			blocks.push(userBlock('tool_result', text, callId, status === 'errored'));
			const ev: ToolResultEventRecord = {...base, messageId: id, toolUseId: callId, callIndex: calls.length - 1, eventIndex: 0, status, eventSource: 'tool_result', contentLength: Buffer.byteLength(text, 'utf8')};
			const evTs = str(tc.timestamp);
			if (evTs) ev.ts = evTs;
			if (status === 'errored') ev.isError = true;
			const agentId = str(tc.agentId);
			if (agentId) {
				ev.agentId = agentId;
				// The subagent's own chat (its session id is the agent id): before 0.37 a file of
				// its own beside the parent's, which this link rolls into the parent as a thread.
				if (agentId !== c.sessionId) records.push({kind: 'relationship', record: {...base, sessionId: agentId, relatedSessionId: c.sessionId, relationshipType: 'subagent', parentToolUseId: callId, agentId, ...(call.target ? {subagentType: call.target} : {}), rv: READER_VERSION}});
			}
			ev.rv = READER_VERSION;
			events.push(ev);
			say(id, evTs ?? ts, 'tool_result', 'tool_result', {toolResult: {toolUseId: callId, content: text, ...(status === 'errored' ? {isError: true} : {})}});
		}
		const usage = geminiUsage(m.tokens as Json, c.bad);
		const turn: TurnRecord = {
			...base,
			messageId: id,
			turnIndex: c.nextIndex(),
			ts,
			model: str(m.model) ?? '',
			usage,
			toolCalls: calls,
			sessionPath: c.sessionPath,
		};
		// All-zero tokens: the API sent no usage for that response (aborted, not a turn).
		finishTurn(turn, {project: c.project, files: filesOf(calls), subagent: c.subagent ? {...c.subagent} : undefined, fidelity: chatFidelity(!isEmptyUsage(usage), full)});
		records.push({kind: 'turn', record: turn});
		for (const ev of events) records.push({kind: 'tool_result_event', record: ev});
		if (blocks.length > 0) {
			const ut: UserTurnRecord = {...base, userUuid: `${id}:tools`, ts: str(raw.find(isObj)?.timestamp) ?? ts, precedingMessageId: id, blocks, rv: READER_VERSION};
			const next = nextResponse.get(m);
			if (next) ut.followingMessageId = next;
			records.push({kind: 'user_turn', record: ut});
		}
		const text = textOf(m.content);
		if (text) say(id, ts, 'assistant', 'text', {text});
		if (Array.isArray(m.thoughts)) {
			const thought = m.thoughts.map((t) => (isObj(t) ? [str(t.subject), str(t.description)].filter(Boolean).join(': ') : '')).filter(Boolean).join('\n');
			if (thought) say(id, ts, 'assistant', 'thinking', {text: thought});
		}
		preceding = id;
	}
	return {records, content};
}
