import type {
	CompactionRecord,
	ContentRecord,
	Fidelity,
	LedgerRecord,
	RelationshipRecord,
	SubagentInfo,
	ToolResultEventRecord,
	TurnRecord,
	UserTurnRecord,
} from '../../core/records.js';
import {emptySkips} from '../../core/records.js';
import {READER_VERSION, type ReaderContext} from '../reader.js';
import type {CodexState, OpenTurn} from './state.js';
import {subRaw, toUsage} from './usage.js';
import {fidelityOf, finishTurn} from '../emit-turn.js';

export function fidelity(hasUsage: boolean): Fidelity {
	return fidelityOf('per-turn', hasUsage ? 'full' : 'partial', {
		hasInputTokens: hasUsage,
		hasOutputTokens: hasUsage,
		hasReasoningTokens: hasUsage,
		hasCacheReadTokens: hasUsage,
		hasCacheCreateTokens: false,
	});
}

function copyTurn(t: TurnRecord): TurnRecord {
	return {...t, usage: {...t.usage}, toolCalls: t.toolCalls.map((c) => ({...c}))};
}

/** Builds the records of one pass from the reader state. */
export class Emitter {
	readonly records: LedgerRecord[] = [];
	readonly content: ContentRecord[] = [];
	readonly skips = emptySkips();

	constructor(
		private readonly ctx: ReaderContext,
		private readonly s: CodexState,
		private readonly fallbackId: string,
	) {}

	/** This rollout's own id (the agent id when it is a spawned child). */
	ownKey(): string {
		return this.s.ownId ?? this.fallbackId;
	}

	/** The session the records belong to: the parent's for a spawned child. */
	sessionId(): string {
		return this.s.parentId ?? this.ownKey();
	}

	/** A spawned child's turns are a thread of the parent session. */
	subagent(): SubagentInfo | undefined {
		const s = this.s;
		if (!s.parentId) return undefined;
		const sub: SubagentInfo = {isSidechain: true, agentId: this.ownKey()};
		if (s.parentToolUseId) sub.parentToolUseId = s.parentToolUseId;
		if (s.parentAgentId) sub.parentAgentId = s.parentAgentId;
		if (s.agentType) sub.subagentType = s.agentType;
		return sub;
	}

	private thread(): string | undefined {
		return this.s.parentId ? this.ownKey() : undefined;
	}

	/** A content-sidecar record; its messageId is filled when its turn is known. */
	contentRecord(
		role: ContentRecord['role'],
		kind: ContentRecord['kind'],
		ts: string | undefined,
		body: Pick<ContentRecord, 'text' | 'toolUse' | 'toolResult'>,
	): ContentRecord {
		return {v: 1, source: 'codex', sessionId: this.sessionId(), messageId: '', ts: ts ?? '', role, kind, ...body};
	}

	/**
	 * Writes a turn (again, when it was written before) with its user turn, its tool-result
	 * events and its buffered content. Returns the record (not the copy written).
	 */
	turn(t: OpenTurn): TurnRecord {
		const s = this.s;
		if (t.index === undefined) t.index = s.turns++;
		const sessionId = this.sessionId();
		const errors = new Set(t.slot.errors);
		const record: TurnRecord = {
			v: 1,
			source: 'codex',
			sessionId,
			messageId: t.id,
			turnIndex: t.index,
			ts: t.ts,
			model: t.model,
			usage: toUsage(subRaw(s.acc, t.start)),
			toolCalls: t.calls.map((c) => (errors.has(c.id) ? {...c, isError: true} : {...c})),
			sessionPath: this.ctx.path,
		};
		// No usage (info: null, no token_count, or totals that did not move): aborted, not a turn.
		finishTurn(record, {project: t.project, files: t.files, subagent: this.subagent(), fidelity: fidelity(t.hasUsage)});
		this.records.push({kind: 'turn', record: copyTurn(record)});
		this.userTurn(t, sessionId, errors);
		this.events(t, sessionId, errors);
		this.flushContent(t);
		t.dirty = false;
		return record;
	}

	/** Content buffered for a turn, now that its id is final. */
	flushContent(t: OpenTurn): void {
		const sessionId = this.sessionId();
		for (const c of t.slot.content) this.content.push({...c, sessionId, messageId: t.id});
		t.slot.content = [];
	}

	/** A turn already written, again (it got usage that arrived after it closed). */
	rewrite(record: TurnRecord): void {
		this.records.push({kind: 'turn', record: copyTurn(record)});
	}

	/**
	 * The tool outputs and user text of a task are the input that task pays for (Contracts:
	 * Codex reports usage per task, and a tool result produced inside a task is paid by that
	 * task's own input), so the user turn holding them is linked to THAT task with
	 * `followingMessageId`, and to the task before it with `precedingMessageId`.
	 */
	private userTurn(t: OpenTurn, sessionId: string, errors: Set<string>): void {
		const slot = t.slot;
		if (slot.blocks.length === 0) return;
		const record: UserTurnRecord = {
			v: 1,
			source: 'codex',
			sessionId,
			userUuid: `${this.ownKey()}:${t.preceding ?? 'start'}->${t.id}`,
			ts: slot.ts ?? t.ts,
			followingMessageId: t.id,
			blocks: slot.blocks.map((b) => (b.toolUseId && errors.has(b.toolUseId) ? {...b, isError: true} : {...b})),
			rv: READER_VERSION,
		};
		if (t.preceding) record.precedingMessageId = t.preceding;
		this.records.push({kind: 'user_turn', record});
	}

	/** Tool-result events not written yet, or whose status changed since. */
	private events(t: OpenTurn, sessionId: string, errors: Set<string>): void {
		for (const ev of t.slot.events) {
			const errored = ev.isError || (ev.source === 'function_call_output' && errors.has(ev.toolUseId));
			const status = errored ? 'errored' : 'completed';
			if (ev.sent === status) continue;
			ev.sent = status;
			const record: ToolResultEventRecord = {
				v: 1,
				source: 'codex',
				sessionId,
				messageId: t.id,
				toolUseId: ev.toolUseId,
				eventIndex: ev.eventIndex,
				status,
				eventSource: ev.source,
			};
			const callIndex = t.calls.findIndex((c) => c.id === ev.toolUseId);
			if (callIndex >= 0) record.callIndex = callIndex;
			if (ev.ts) record.ts = ev.ts;
			if (ev.contentLength !== undefined) record.contentLength = ev.contentLength;
			if (ev.contentHash) record.contentHash = ev.contentHash;
			if (errored) record.isError = true;
			if (ev.agentId) {
				record.agentId = ev.agentId;
				record.subagentSessionId = ev.agentId;
			}
			record.rv = READER_VERSION;
			this.records.push({kind: 'tool_result_event', record});
		}
	}

	/** A relationship row, written once per key (data-formats §6.2). */
	relationship(r: Omit<RelationshipRecord, 'v' | 'source' | 'rv'>): void {
		const key = `${r.relationshipType}|${r.sessionId}|${r.relatedSessionId ?? ''}|${r.agentId ?? ''}|${r.parentToolUseId ?? ''}`;
		if (this.s.rels.includes(key)) return;
		this.s.rels.push(key);
		const record: RelationshipRecord = {v: 1, source: 'codex', sessionId: r.sessionId, relationshipType: r.relationshipType};
		for (const k of ['relatedSessionId', 'ts', 'sourceSessionId', 'sourceVersion', 'parentToolUseId', 'agentId', 'subagentType', 'description'] as const) {
			const v = r[k];
			if (v !== undefined && v !== '') record[k] = v;
		}
		record.rv = READER_VERSION;
		this.records.push({kind: 'relationship', record});
	}

	compaction(ts: string, preceding: string | undefined, tokens: number | undefined): void {
		const record: CompactionRecord = {v: 1, source: 'codex', sessionId: this.sessionId(), ts};
		if (preceding) record.precedingMessageId = preceding;
		if (tokens !== undefined) record.tokensBeforeCompact = tokens;
		const thread = this.thread();
		if (thread) record.agentId = thread;
		record.rv = READER_VERSION;
		this.records.push({kind: 'compaction', record});
	}
}
