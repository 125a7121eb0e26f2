/**
 * The Copilot CLI reader (docs/agents.md, "GitHub Copilot CLI"): one `events.jsonl` journal
 * per session. Each `assistant.message` is a turn with its own output tokens (dedup on
 * `messageId`). Input and cache tokens exist only in the run's `session.shutdown` summary:
 * when it comes, the run's input, cache reads and writes (and any output the messages did not
 * account for) become one more turn per model at the summary's time, and the run's message
 * turns are written again as covered. A run that ended without a summary (crash, kill, `/new`)
 * keeps its message turns marked as lacking input and cache tokens: the session is partial.
 * No I/O.
 */
import type {CompactionRecord, Fidelity, LedgerRecord, SubagentInfo, TurnRecord, UserTurnBlock} from '../../core/records.js';
import {emptySkips, emptyUsage, isEmptyUsage} from '../../core/records.js';
import {fidelityOf, finishTurn, ownersOf, pendingUserTurn, resultEvent, userBlock, type CallOwners} from '../emit-turn.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext} from '../reader.js';
import {isObject, measuredText, obj, parseObject, str, type Json} from '../claude/line.js';
import {readRollup, runCounts, uncachedInput, type Rollup} from './legs.js';
import {filesOf, hasEdits, toolCallsOf} from './tools.js';

interface PendingUser {
	uuid: string;
	ts: string;
	blocks: UserTurnBlock[];
}

export interface CopilotState {
	sessionId?: string;
	cwd?: string;
	gitRoot?: string;
	model?: string;
	turns: number;
	events: number;
	last?: string;
	/** Tool call id → [turn id, call index]. */
	calls: CallOwners;
	pending?: PendingUser;
	/** Message turns of the current run not yet covered by a summary. */
	open: TurnRecord[];
	/** Σ output of the current run's messages. */
	runOutput: number;
	/** The previous summary's counts (running-total builds subtract them). */
	previous?: Rollup;
	/** Subagent runs in progress: tool call id → agent name. */
	subagents: Record<string, string>;
	/** Message ids seen (dedup). */
	seen: string[];
	legs: number;
}

const fidelity = (hasInput: boolean): Fidelity =>
	fidelityOf('per-message', hasInput ? 'full' : 'partial', {
		hasInputTokens: hasInput,
		hasReasoningTokens: false,
		hasCacheReadTokens: hasInput,
		hasCacheCreateTokens: hasInput,
		hasSessionRelationships: false,
		hasRawContent: false,
	});

const COVERED = fidelity(true);
const UNCOVERED = fidelity(false);

function sessionIdOfPath(path: string): string {
	const parts = path.split(/[\\/]/);
	return parts.length >= 2 ? parts[parts.length - 2]! : path;
}

/** Copilot spells Anthropic versions with dots (`claude-sonnet-4.6`): as the price book knows them. */
export function copilotModel(model: string): string {
	return /^claude-/i.test(model) ? model.replace(/(\d)\.(\d)/g, '$1-$2') : model;
}

export const createCopilotReader: LineReaderFactory<CopilotState> = (ctx: ReaderContext, prior: CopilotState | undefined): LineReader<CopilotState> => {
	const s: CopilotState = prior
		? {...prior, calls: {...prior.calls}, open: prior.open.map((t) => ({...t})), subagents: {...prior.subagents}, seen: [...prior.seen]}
		: {turns: 0, events: 0, calls: {}, open: [], runOutput: 0, subagents: {}, seen: [], legs: 0};
	const seen = new Set(s.seen);
	const records: LedgerRecord[] = [];
	const skips = emptySkips();
	const sid = () => (s.sessionId ??= sessionIdOfPath(ctx.path));

	const writePending = (following?: string) => {
		const rec = pendingUserTurn('copilot', sid(), s.pending, s.last, following);
		if (rec) records.push({kind: 'user_turn', record: rec});
	};
	const pend = (id: string, ts: string, b: UserTurnBlock) => {
		s.pending ??= {uuid: `${sid()}:${id}`, ts, blocks: []};
		s.pending.blocks.push(b);
	};

	const subagent = (): SubagentInfo | undefined => {
		const ids = Object.keys(s.subagents);
		if (ids.length === 0) return undefined;
		// The innermost (latest started) run in progress.
		const id = ids[ids.length - 1]!;
		return {isSidechain: true, agentId: id, parentToolUseId: id, subagentType: s.subagents[id]!};
	};

	const base = (messageId: string, ts: string): TurnRecord => {
		const t: TurnRecord = {
			v: 1,
			source: 'copilot',
			sessionId: sid(),
			messageId,
			turnIndex: s.turns++,
			ts,
			model: copilotModel(s.model ?? ''),
			usage: emptyUsage(),
			toolCalls: [],
			sessionPath: ctx.path,
		};
		if (s.cwd) t.project = s.cwd;
		if (s.gitRoot) t.gitRoot = s.gitRoot;
		return t;
	};

	/** The last message's turn is written once its tool executions have started (MCP names). */
	let unwritten: TurnRecord | undefined;
	const flush = () => {
		if (unwritten) records.push({kind: 'turn', record: {...unwritten, toolCalls: unwritten.toolCalls.map((c) => ({...c}))}});
		unwritten = undefined;
	};

	const message = (e: Json, d: Json) => {
		const id = str(d.messageId) ?? str(e.id);
		if (!id || seen.has(id)) return;
		flush();
		seen.add(id);
		s.seen.push(id);
		const ts = str(e.timestamp) ?? '';
		writePending(id);
		s.pending = undefined;
		const t = base(id, ts);
		const out = d.outputTokens;
		if (typeof out === 'number' && Number.isFinite(out) && out >= 0) t.usage.output = Math.round(out);
		else if (out !== undefined) skips.badFields++;
		t.toolCalls = toolCallsOf(d.toolRequests);
		// A message with no output tokens is still a response here (its input is on the run's summary).
		finishTurn(t, {files: filesOf(t.toolCalls), edits: hasEdits(t.toolCalls), subagent: subagent(), requestId: str(d.requestId), fidelity: UNCOVERED, markAborted: false});
		unwritten = t;
		s.open.push(t);
		s.runOutput += t.usage.output;
		s.last = id;
		s.calls = ownersOf(id, t.toolCalls);
	};

	const toolDone = (e: Json, d: Json) => {
		const id = str(d.toolCallId);
		if (!id) return;
		const result = obj(d.result);
		const text = measuredText(result?.content ?? obj(d.error)?.message ?? '');
		const failed = d.success === false;
		const ts = str(e.timestamp) ?? '';
		pend(str(e.id) ?? id, ts, userBlock('tool_result', text, id, failed));
		const ev = resultEvent('copilot', sid(), id, s.events++, {failed, contentLength: text.length, owner: s.calls[id], ts});
		if (s.subagents[id] === undefined && Object.keys(s.subagents).length > 0) ev.agentId = Object.keys(s.subagents).pop()!;
		records.push({kind: 'tool_result_event', record: ev});
		const m = str(d.model);
		if (m && !s.model) s.model = m;
	};

	/** A run's summary: its input and cache (per model) as turns; its message turns covered. */
	const shutdown = (e: Json, d: Json) => {
		// Written below, covered.
		unwritten = undefined;
		const rollup = readRollup(d.modelMetrics, skips);
		const {counts} = runCounts(rollup, s.previous, s.runOutput);
		s.previous = rollup;
		const ts = str(e.timestamp) ?? '';
		const leg = str(e.id) ?? `leg${s.legs}`;
		s.legs++;
		const ownOutput = new Map<string, number>();
		for (const t of s.open) ownOutput.set(t.model, (ownOutput.get(t.model) ?? 0) + t.usage.output);
		let unassigned = s.runOutput - [...Object.keys(counts)].reduce((n, m) => n + (ownOutput.get(copilotModel(m)) ?? 0), 0);
		for (const [model, c] of Object.entries(counts)) {
			const t = base(`${leg}:${model}`, ts);
			t.model = copilotModel(model);
			let extra = c.output - (ownOutput.get(t.model) ?? 0);
			// Messages written before the model was known: their output is in some model's summary.
			if (extra > 0 && unassigned > 0) {
				const take = Math.min(extra, unassigned);
				extra -= take;
				unassigned -= take;
			}
			t.usage = {input: uncachedInput(c), output: Math.max(0, extra), reasoning: c.reasoning, cacheRead: c.cacheRead, cacheCreate5m: c.cacheWrite, cacheCreate1h: 0};
			if (isEmptyUsage(t.usage)) {
				s.turns--;
				continue;
			}
			t.fidelity = COVERED;
			t.stopReason = 'run-summary';
			t.rv = READER_VERSION;
			records.push({kind: 'turn', record: t});
		}
		for (const t of s.open) records.push({kind: 'turn', record: {...t, fidelity: COVERED}});
		s.open = [];
		s.runOutput = 0;
		const cur = str(d.currentModel);
		if (cur) s.model = cur;
	};

	/** A new run of the process: what the last one left without a summary stays partial. */
	const runStart = (d: Json) => {
		flush();
		s.open = [];
		s.runOutput = 0;
		s.sessionId ??= str(d.sessionId);
		const c = obj(d.context);
		if (c) {
			s.cwd = str(c.cwd) ?? s.cwd;
			s.gitRoot = str(c.gitRoot) ?? s.gitRoot;
		}
		const m = str(d.selectedModel);
		if (m) s.model = m;
	};

	const entry = (e: Json) => {
		const d = obj(e.data) ?? {};
		switch (e.type) {
			case 'session.start':
			case 'session.resume':
				runStart(d);
				return;
			case 'session.model_change': {
				const m = str(d.newModel);
				if (m) s.model = m;
				return;
			}
			case 'user.message': {
				const text = typeof d.content === 'string' ? d.content : '';
				if (text) pend(str(e.id) ?? String(s.events), str(e.timestamp) ?? '', userBlock('text', text));
				return;
			}
			case 'assistant.message':
				message(e, d);
				return;
			case 'tool.execution_start': {
				// An MCP tool: named as MCP tools are everywhere (`mcp__<server>__<tool>`).
				const server = str(d.mcpServerName);
				const id = str(d.toolCallId);
				const owner = id ? s.calls[id] : undefined;
				const t = owner ? s.open.find((x) => x.messageId === owner[0]) : undefined;
				const call = t?.toolCalls[owner![1]];
				if (server && call && !call.name.startsWith('mcp__')) call.name = `mcp__${server}__${str(d.mcpToolName) ?? call.name}`;
				return;
			}
			case 'tool.execution_complete':
				toolDone(e, d);
				return;
			case 'subagent.started': {
				const id = str(d.toolCallId);
				if (id) s.subagents[id] = str(d.agentName) ?? str(d.agentDisplayName) ?? 'subagent';
				return;
			}
			case 'subagent.completed':
			case 'subagent.failed': {
				const id = str(d.toolCallId);
				if (id) delete s.subagents[id];
				return;
			}
			case 'session.compaction_complete': {
				const rec: CompactionRecord = {v: 1, source: 'copilot', sessionId: sid(), ts: str(e.timestamp) ?? '', rv: READER_VERSION};
				if (s.last) rec.precedingMessageId = s.last;
				records.push({kind: 'compaction', record: rec});
				return;
			}
			case 'session.shutdown':
				shutdown(e, d);
				return;
			default:
				return;
		}
	};

	return {
		line(bytes: Buffer): void {
			const e = parseObject(bytes);
			if (!e) {
				skips.badLines++;
				return;
			}
			if (isObject(e)) entry(e);
		},
		finish() {
			flush();
			writePending();
			return {records, content: [], state: s, skips};
		},
	};
};
