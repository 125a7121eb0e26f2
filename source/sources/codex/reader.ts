/**
 * Codex rollout reader (`~/.codex/sessions/**\/rollout-*.jsonl`, `archived_sessions/`).
 *
 * Turns are tasks: `task_started` opens one (messageId = turn_id, ts = its timestamp),
 * `task_complete` / `turn_aborted` / the next `task_started` closes it. Usage is what the
 * rollout's running counters (`total_token_usage`, counters.ts) added during the task; usage that arrives while
 * no task is open goes to the task before it (or, before any task, to the first one), so a
 * rollout's turns always add up to its final total. Rollouts without task events (Codex
 * ≤ 0.4x, legacy files) are cut per user prompt: a `user_message` event or a typed user
 * message opens a turn; such turns are written only when they carried usage.
 *
 * Incremental: every complete line is consumed; the open task travels in the state. A task
 * still open at the end of a pass is written as it stands and written again, whole, when a
 * later pass sees more of it (same messageId; the ledger keeps the version with the most
 * output, ties to the latest). turnIndex and eventIndex are counters in the state.
 *
 * Forks and spawned agents: see replay.ts (copied parent history is not counted) and
 * session.ts / meta.ts (a spawned agent's turns are a thread of the parent session).
 * Turn life cycle: turns.ts; records: emit.ts; cheap line filtering: prefix.ts.
 */
import {basename} from 'node:path';
import {contentHash} from '../hash.js';
import {estimateTokens} from '../estimate.js';
import type {LineReader, LineReaderFactory, ReaderContext, ReaderOutput} from '../reader.js';
import {Emitter} from './emit.js';
import {isObject, num, str} from './json.js';
import {modelOf} from './meta.js';
import {agentIdIn, parseOutput} from './outputs.js';
import {isZeroRaw, readTokenCount} from './counters.js';
import {classify} from './prefix.js';
import {endsReplay} from './replay.js';
import {readLegacyHeader, readSessionMeta} from './session.js';
import {emptySlot, restoreState, type CodexState} from './state.js';
import {isBoilerplate, reasoningText, textsOf} from './text.js';
import {parseCall, spawnFields} from './tools.js';
import {Turns} from './turns.js';
import {addRaw, subRaw, toUsage} from './usage.js';

export type {CodexState} from './state.js';

/** Response items of the legacy format, written bare (no `{timestamp,type,payload}` wrapper). */
const LEGACY_ITEMS = new Set([
	'message',
	'reasoning',
	'function_call',
	'function_call_output',
	'custom_tool_call',
	'custom_tool_call_output',
	'local_shell_call',
]);

const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The session id in a rollout's file name (`rollout-<time>-<uuid>.jsonl`), if any. */
export function sessionIdFromPath(path: string): string | undefined {
	return UUID_TAIL.exec(basename(path).replace(/\.jsonl$/i, ''))?.[1];
}

class CodexReader implements LineReader<CodexState> {
	private readonly s: CodexState;
	private readonly out: Emitter;
	private readonly turns: Turns;
	private readonly full: boolean;

	constructor(ctx: ReaderContext, state: CodexState | undefined) {
		this.s = restoreState(state ? structuredClone(state) : undefined);
		const fromName = sessionIdFromPath(ctx.path);
		if (fromName && !this.s.ownId) this.s.ownId = fromName;
		this.full = ctx.contentMode === 'full';
		this.out = new Emitter(ctx, this.s, basename(ctx.path).replace(/\.jsonl$/i, ''));
		this.turns = new Turns(this.s, this.out);
	}

	line(bytes: Buffer): void {
		try {
			this.dispatch(bytes);
		} catch {
			this.out.skips.badLines++;
		}
	}

	finish(): ReaderOutput<CodexState> {
		try {
			if (!this.s.replay) this.turns.finishPass();
		} catch {
			this.out.skips.badLines++;
		}
		return {records: this.out.records, content: this.out.content, state: this.s, skips: this.out.skips};
	}

	private dispatch(bytes: Buffer): void {
		const verdict = classify(bytes, this.full);
		if (verdict.kind === 'skip') return;
		if (verdict.kind === 'compacted') {
			const ts = verdict.ts || undefined;
			if (this.gate('compacted', undefined, ts)) this.compaction(ts, 'line');
			return;
		}
		let obj: unknown;
		try {
			obj = JSON.parse(bytes.toString('utf8'));
		} catch {
			this.out.skips.badLines++;
			return;
		}
		if (!isObject(obj)) {
			this.out.skips.badLines++;
			return;
		}
		const ts = str(obj.timestamp);
		const type = obj.type;
		const payload = obj.payload;
		if (typeof type === 'string' && isObject(payload)) {
			if (!this.gate(type, str(payload.turn_id), ts, payload)) return;
			this.wrapped(type, payload, ts);
		} else if (typeof type === 'string' && payload === undefined && LEGACY_ITEMS.has(type)) {
			this.item(obj, ts);
		} else if (type === undefined && str(obj.id) && !('record_type' in obj)) {
			readLegacyHeader(this.s, obj, ts);
		}
	}

	private wrapped(type: string, p: Record<string, unknown>, ts: string | undefined): void {
		switch (type) {
			case 'session_meta':
				return readSessionMeta(this.s, this.out, p, ts);
			case 'turn_context':
				return this.turnContext(p);
			case 'event_msg':
				return this.event(p, ts);
			case 'response_item':
				return this.item(p, ts);
			case 'compacted':
				return this.compaction(ts, 'line');
		}
	}

	// ── replayed parent history (replay.ts) ────────────────────────────────────────────

	/** False while the line is part of a copied parent history. */
	private gate(type: string, turnId: string | undefined, ts: string | undefined, p?: Record<string, unknown>): boolean {
		const r = this.s.replay;
		if (!r) return true;
		if (endsReplay(r, type, turnId, ts)) {
			this.endReplay();
			return true;
		}
		if (p && type === 'event_msg' && p.type === 'token_count') this.tokenCount(p, ts, true);
		else if (p && type === 'turn_context') this.s.model = modelOf(p) ?? this.s.model;
		return false;
	}

	/** The child's own work starts here, from the totals the copy ended with. */
	private endReplay(): void {
		const s = this.s;
		s.replay = undefined;
		s.mark = {...s.acc};
		s.open = undefined;
		s.pending = emptySlot();
		s.prev = undefined;
		s.prevDirty = false;
		s.compact = undefined;
		s.spawns = {};
	}

	private turnContext(p: Record<string, unknown>): void {
		const s = this.s;
		const turnId = str(p.turn_id);
		const model = modelOf(p);
		const cwd = str(p.cwd);
		s.ctx = {turnId, model, cwd};
		if (model) s.model = model;
		const t = s.open;
		if (!t || (turnId && turnId !== t.id)) return;
		if (model && model !== t.model) {
			t.model = model;
			t.dirty = true;
		}
		if (cwd && cwd !== t.project) {
			t.project = cwd;
			t.dirty = true;
		}
	}

	// ── events ──────────────────────────────────────────────────────────────────────────

	private event(p: Record<string, unknown>, ts: string | undefined): void {
		const type = str(p.type) ?? '';
		switch (type) {
			case 'token_count':
				return this.tokenCount(p, ts, false);
			case 'task_started':
			case 'turn_started':
				return this.turns.startTask(str(p.turn_id), ts);
			case 'task_complete':
			case 'turn_complete':
			case 'turn_aborted':
				return this.turns.endTask(str(p.turn_id));
			case 'exec_command_end': {
				const id = str(p.call_id);
				const code = num(p.exit_code);
				if (id && code !== undefined && code !== 0) this.turns.markError(id);
				return;
			}
			case 'patch_apply_end':
				return this.patchApplied(p);
			case 'mcp_tool_call_end':
				return this.mcpEnded(p);
			case 'user_message':
				if (!this.s.explicit) this.turns.implicitPrompt(ts);
				return;
			case 'context_compacted':
				return this.compaction(ts, 'event');
		}
		if (type.startsWith('subagent_') || type.startsWith('collab_')) this.agentEvent(type, p, ts);
	}

	/**
	 * A running total: assigned to the counter it continues (counters.ts), its increment
	 * credited to the open task. Repeats and `info: null` add nothing. A rollout that only
	 * writes `last_token_usage` (third-party writers) is summed from those instead.
	 */
	private tokenCount(p: Record<string, unknown>, ts: string | undefined, replaying: boolean): void {
		const info = p.info;
		if (!isObject(info)) return;
		const s = this.s;
		const inc = readTokenCount(s, info, this.out.skips);
		if (!inc) return;
		const changing = !isZeroRaw(inc);
		if (replaying) {
			addRaw(s.acc, inc);
			return;
		}
		let t = s.open;
		if (!t && !s.explicit && changing) t = this.turns.openImplicit(ts);
		addRaw(s.acc, inc);
		if (changing) s.compact = undefined;
		if (!t) return;
		if (!t.hasUsage || changing) t.dirty = true;
		t.hasUsage = true;
		if (changing) t.active = true;
	}

	private patchApplied(p: Record<string, unknown>): void {
		const id = str(p.call_id);
		if (p.success === false) {
			if (id) this.turns.markError(id);
			return;
		}
		const t = this.s.open;
		const turnId = str(p.turn_id);
		if (!t || !isObject(p.changes) || (turnId && !t.implicit && turnId !== t.id)) return;
		for (const file of Object.keys(p.changes)) {
			if (t.files.includes(file)) continue;
			t.files.push(file);
			t.dirty = true;
		}
	}

	private mcpEnded(p: Record<string, unknown>): void {
		const id = str(p.call_id);
		const r = p.result;
		if (!id || !isObject(r)) return;
		const ok = isObject(r.Ok) ? r.Ok : undefined;
		if ('Err' in r || ok?.isError === true || ok?.is_error === true) this.turns.markError(id);
	}

	/**
	 * `subagent_*_complete|done|finished|terminated` → a subagent-notification event; any
	 * `subagent_*` / `collab_*` event naming a spawn call and an agent id resolves the
	 * spawned agent of that call.
	 */
	private agentEvent(type: string, p: Record<string, unknown>, ts: string | undefined): void {
		const s = this.s;
		const callId = str(p.call_id);
		if (!callId) return;
		const agentId = agentIdIn(p);
		if (agentId && s.spawns[callId]) this.spawnResolved(callId, agentId, ts);
		if (!type.startsWith('subagent_') || !/_(complete|done|finished|terminated)$/.test(type)) return;
		this.turns.slot().events.push({
			toolUseId: callId,
			eventIndex: s.events++,
			ts,
			source: 'subagent_notification',
			isError: p.success === false,
			agentId,
			sent: '',
		});
		this.turns.touch();
	}

	// ── response items ─────────────────────────────────────────────────────────────────

	private item(p: Record<string, unknown>, ts: string | undefined): void {
		switch (p.type) {
			case 'message':
				return this.message(p, ts);
			case 'reasoning':
				if (this.full) this.reasoning(p, ts);
				return;
			case 'function_call':
			case 'custom_tool_call':
			case 'local_shell_call':
			case 'web_search_call':
				return this.toolCall(p, ts);
			case 'function_call_output':
			case 'custom_tool_call_output':
				return this.toolOutput(p, ts);
		}
	}

	private message(p: Record<string, unknown>, ts: string | undefined): void {
		const s = this.s;
		const texts = textsOf(p.content);
		if (p.role === 'user') {
			const kept = texts.filter((t) => !isBoilerplate(t));
			if (kept.length === 0) return;
			const text = kept.join('\n');
			if (!s.explicit) this.turns.implicitPrompt(ts);
			this.turns.addBlock(ts, {kind: 'text', byteLen: Buffer.byteLength(text, 'utf8'), approxTokens: estimateTokens(text)});
			if (this.full) this.turns.pushContent(this.out.contentRecord('user', 'text', ts, {text}));
			return;
		}
		if (p.role !== 'assistant') return;
		const t = this.turns.modelTurn(ts);
		if (!t) return;
		t.active = true;
		const text = texts.join('\n');
		if (this.full && text.trim() !== '') this.turns.pushContent(this.out.contentRecord('assistant', 'text', ts, {text}));
	}

	private reasoning(p: Record<string, unknown>, ts: string | undefined): void {
		const t = this.turns.modelTurn(ts);
		if (!t) return;
		t.active = true;
		const text = reasoningText(p);
		if (text) this.turns.pushContent(this.out.contentRecord('assistant', 'thinking', ts, {text}));
	}

	private toolCall(p: Record<string, unknown>, ts: string | undefined): void {
		const parsed = parseCall(p);
		if (!parsed) return;
		const t = this.turns.modelTurn(ts);
		if (!t) return; // a call outside any task: no turn to bill it to
		const {call, input} = parsed;
		if (t.calls.some((c) => c.id === call.id)) return;
		t.calls.push(call);
		t.active = true;
		t.dirty = true;
		if (call.name === 'spawn_agent' && isObject(input)) {
			const f = spawnFields(input);
			this.s.spawns[call.id] = {type: f.type, description: f.description, ts};
			if (f.agentId) this.spawnResolved(call.id, f.agentId, ts);
		}
		if (this.full) this.turns.pushContent(this.out.contentRecord('assistant', 'tool_use', ts, {toolUse: {id: call.id, name: call.name, input}}));
	}

	/**
	 * A tool output becomes a `tool_result` block of the open task's user turn (the task that
	 * pays for it, see Emitter.userTurn) and a `function_call_output` event. Outputs read
	 * while no task is open wait for the next task.
	 */
	private toolOutput(p: Record<string, unknown>, ts: string | undefined): void {
		const out = parseOutput(p);
		if (!out) return;
		const s = this.s;
		if (out.isError) this.turns.markError(out.callId);
		this.turns.addBlock(ts, {
			kind: 'tool_result',
			toolUseId: out.callId,
			byteLen: Buffer.byteLength(out.text, 'utf8'),
			approxTokens: estimateTokens(out.text),
		});
		this.turns.slot().events.push({
			toolUseId: out.callId,
			eventIndex: s.events++,
			ts,
			source: 'function_call_output',
			contentLength: out.text.length,
			contentHash: contentHash(out.text),
			isError: out.isError,
			sent: '',
		});
		if (s.spawns[out.callId]) {
			const agentId = agentIdIn(out.json);
			if (agentId) this.spawnResolved(out.callId, agentId, ts);
		}
		if (this.full) {
			const toolResult = {toolUseId: out.callId, content: out.text, ...(out.isError ? {isError: true} : {})};
			this.turns.pushContent(this.out.contentRecord('tool_result', 'tool_result', ts, {toolResult}));
		}
	}

	private spawnResolved(callId: string, agentId: string, ts: string | undefined): void {
		const sp = this.s.spawns[callId];
		if (!sp) return;
		delete this.s.spawns[callId];
		this.out.relationship({
			relationshipType: 'subagent',
			sessionId: agentId,
			relatedSessionId: this.out.sessionId(),
			parentToolUseId: callId,
			agentId,
			subagentType: sp.type,
			description: sp.description,
			ts: sp.ts ?? ts,
		});
	}

	/**
	 * One compaction is often written twice: a `compacted` line and a `context_compacted`
	 * event right after it. The second half is dropped. Anchored to the task it happened in
	 * (or the last one); tokensBeforeCompact = that task's cache reads.
	 */
	private compaction(ts: string | undefined, kind: 'line' | 'event'): void {
		const s = this.s;
		if (s.compact && s.compact !== kind) {
			s.compact = undefined;
			return;
		}
		s.compact = kind;
		if (!ts) return;
		const t = s.open;
		if (t) this.out.compaction(ts, t.id, toUsage(subRaw(s.acc, t.start)).cacheRead);
		else this.out.compaction(ts, s.prev?.messageId, s.prev?.usage.cacheRead);
	}
}

export const createCodexReader: LineReaderFactory<CodexState> = (ctx, state) => new CodexReader(ctx, state);
