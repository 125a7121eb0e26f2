import {
	isEmptyUsage,
	type CompactionRecord,
	type ContentRecord,
	type LedgerRecord,
	type RelationshipRecord,
	type SkipCounts,
	type SubagentInfo,
	type ToolResultEventRecord,
	type TurnRecord,
	type UserTurnBlock,
	type UserTurnRecord,
} from '../../core/records.js';
import {contentHash} from '../hash.js';
import {estimateTokens} from '../estimate.js';
import {READER_VERSION} from '../reader.js';
import type {ProjectResolver} from '../project.js';
import {assistantContent, userContent} from './content.js';
import {isoOf, obj, str, type Obj} from './json.js';
import {readToolPart, resultText, type ToolPart} from './tools.js';
import {rootOf, type OcIndexEntry, type SessionView} from './types.js';
import {fidelityOf, messageUsage, type MessageUsage} from './usage.js';

export interface MapOptions {
	/** Messages that are new or changed since the last pass: only what depends on them is emitted. */
	dirty: ReadonlySet<string>;
	contentMode: 'full' | 'off';
	/** Emit the child→parent relationship record (once per child session). */
	relate: boolean;
	resolver?: ProjectResolver;
}

export interface MapOutput {
	records: LedgerRecord[];
	content: ContentRecord[];
	skips: SkipCounts;
}

const byCreated = (a: OcIndexEntry, b: OcIndexEntry) =>
	a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function utf8Len(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

/**
 * Maps what changed in one OpenCode session (data-formats §5.2–§5.4) to ledger records:
 *
 * - a turn per assistant message (usage from its tokens, tool calls from its tool parts);
 * - a user turn for the gap before each assistant message: the previous assistant's tool
 *   results plus the text of the user messages in between;
 * - a tool-result event per tool part with a result;
 * - a compaction per user message with a `compaction` part, anchored to the assistant before it;
 * - for a child session (a subagent run), every record goes to the ROOT session with the
 *   child as a thread (`subagent.agentId` = child session id), plus one relationship record.
 *
 * A change to a message re-emits everything that depends on it: its turn, the gap before it,
 * the gap after it (its tool results), and compactions anchored to it.
 */
export function mapSession(view: SessionView, opts: MapOptions, out: MapOutput): void {
	const sessionId = rootOf(view);
	const thread = view.session.id;
	const isChild = view.ancestors.length > 0;
	const sorted = view.index.filter((e) => Number.isFinite(e.created)).sort(byCreated);
	const pos = new Map<string, number>();
	sorted.forEach((e, i) => pos.set(e.id, i));
	const prevA: (OcIndexEntry | undefined)[] = [];
	const nextA: (OcIndexEntry | undefined)[] = new Array(sorted.length);
	const turnIndex = new Map<string, number>();
	let last: OcIndexEntry | undefined;
	for (let i = 0; i < sorted.length; i++) {
		prevA.push(last);
		if (sorted[i]!.role === 'assistant') {
			turnIndex.set(sorted[i]!.id, turnIndex.size);
			last = sorted[i];
		}
	}
	last = undefined;
	for (let i = sorted.length - 1; i >= 0; i--) {
		nextA[i] = last;
		if (sorted[i]!.role === 'assistant') last = sorted[i];
	}

	// What to emit.
	const turns = new Set<string>();
	const gaps = new Set<string>();
	const compactions = new Set<string>();
	const users = new Set<string>();
	for (const id of opts.dirty) {
		const i = pos.get(id);
		if (i === undefined) continue;
		const e = sorted[i]!;
		const next = nextA[i];
		if (next) gaps.add(next.id);
		if (e.role === 'assistant') {
			turns.add(id);
			gaps.add(id);
			for (let j = i + 1; j < sorted.length && sorted[j]!.role !== 'assistant'; j++) compactions.add(sorted[j]!.id);
		} else if (e.role === 'user') {
			compactions.add(id);
			users.add(id);
		}
	}
	if (turns.size + gaps.size + compactions.size === 0) return;

	const infoCache = new Map<string, Obj | undefined>();
	const info = (id: string) => {
		if (!infoCache.has(id)) infoCache.set(id, view.message(id));
		return infoCache.get(id);
	};
	const partsCache = new Map<string, ReturnType<SessionView['parts']>>();
	const parts = (id: string) => {
		let p = partsCache.get(id);
		if (!p) partsCache.set(id, (p = view.parts(id)));
		return p;
	};
	const usageCache = new Map<string, MessageUsage>();
	const usageOf = (id: string) => {
		let u = usageCache.get(id);
		if (!u) usageCache.set(id, (u = messageUsage(info(id) ?? {}, parts(id))));
		return u;
	};
	const toolsOf = (id: string): ToolPart[] => {
		const seen = new Set<string>();
		const list: ToolPart[] = [];
		for (const p of parts(id)) {
			const t = readToolPart(p.data);
			if (!t || seen.has(t.call.id)) continue;
			seen.add(t.call.id);
			list.push(t);
		}
		return list;
	};
	const tsOf = (e: OcIndexEntry) => isoOf(e.created);

	let subagentType: string | undefined;
	const subagent = (msg: Obj): SubagentInfo | undefined => {
		if (!isChild) return undefined;
		const type = str(msg.agent) ?? str(msg.mode);
		subagentType ??= type;
		return {
			isSidechain: true,
			agentId: thread,
			...(view.ancestors.length > 1 ? {parentAgentId: view.ancestors[0]!} : {}),
			...(view.parentToolUseId ? {parentToolUseId: view.parentToolUseId} : {}),
			...(type ? {subagentType: type} : {}),
		};
	};

	for (let i = 0; i < sorted.length; i++) {
		const e = sorted[i]!;
		if (e.role === 'assistant' && gaps.has(e.id)) emitGap(i);
		if (e.role === 'assistant' && turns.has(e.id)) emitTurn(e);
		if (e.role === 'user' && compactions.has(e.id)) emitCompaction(i);
		if (e.role === 'user' && users.has(e.id) && opts.contentMode === 'full') {
			out.content.push(...userContent({sessionId, messageId: e.id, ts: tsOf(e)}, parts(e.id)));
		}
	}

	if (opts.relate && isChild) {
		let first: OcIndexEntry | undefined;
		for (const e of sorted) if (e.role === 'assistant' && !first) first = e;
		if (!subagentType && first) {
			const m = info(first.id);
			subagentType = m ? str(m.agent) ?? str(m.mode) : undefined;
		}
		const ts = isoOf(view.session.createdMs) || (sorted[0] ? tsOf(sorted[0]) : '');
		const rel: RelationshipRecord = {
			v: 1,
			source: 'opencode',
			sessionId: thread,
			relatedSessionId: view.ancestors[0]!,
			relationshipType: 'subagent',
			...(ts ? {ts} : {}),
			agentId: thread,
			...(subagentType ? {subagentType} : {}),
			...(view.parentToolUseId ? {parentToolUseId: view.parentToolUseId} : {}),
			rv: READER_VERSION,
		};
		out.records.push({kind: 'relationship', record: rel});
	}

	function emitTurn(e: OcIndexEntry): void {
		const msg = info(e.id);
		if (!msg) {
			out.skips.badLines++;
			return;
		}
		const ps = parts(e.id);
		const u = usageOf(e.id);
		out.skips.badFields += u.badFields;
		const tools = toolsOf(e.id);
		const files: string[] = [];
		for (const t of tools) for (const f of t.files) if (!files.includes(f)) files.push(f);
		const provider = str(msg.providerID);
		const modelId = str(msg.modelID);
		let stopReason = str(msg.finish);
		if (!stopReason) {
			for (const p of ps) if (p.data.type === 'step-finish' && str(p.data.reason)) stopReason = str(p.data.reason);
		}
		const project = str(obj(msg.path)?.cwd) ?? view.session.directory;
		const git = opts.resolver?.resolve(project) ?? {};
		const sub = subagent(msg);
		const ts = tsOf(e);
		const turn: TurnRecord = {
			v: 1,
			source: 'opencode',
			sessionId,
			messageId: e.id,
			turnIndex: turnIndex.get(e.id) ?? 0,
			ts,
			model: provider && modelId ? `${provider}/${modelId}` : modelId ?? provider ?? '',
			usage: u.usage,
			toolCalls: tools.map((t) => t.call),
			sessionPath: view.sessionPath,
			...(project ? {project} : {}),
			...(git.projectKey ? {projectKey: git.projectKey} : {}),
			...(git.gitRoot ? {gitRoot: git.gitRoot} : {}),
			...(files.length ? {filesTouched: files} : {}),
			...(sub ? {subagent: sub} : {}),
			...(stopReason ? {stopReason} : {}),
			fidelity: fidelityOf(u.present),
			// Tokens all absent or zero (an aborted message, or one still streaming: it is
			// read again when it changes): not a turn.
			...(isEmptyUsage(u.usage) ? {aborted: true as const} : {}),
			rv: READER_VERSION,
		};
		out.records.push({kind: 'turn', record: turn});
		for (const t of tools) {
			if (!t.result) continue;
			const text = resultText(t.result.content);
			const ev: ToolResultEventRecord = {
				v: 1,
				source: 'opencode',
				sessionId,
				messageId: e.id,
				toolUseId: t.call.id,
				callIndex: 0,
				eventIndex: 0,
				ts: t.result.endMs !== undefined ? isoOf(t.result.endMs) || ts : ts,
				status: t.result.isError ? 'errored' : 'completed',
				eventSource: 'tool_result',
				contentLength: text.length,
				contentHash: contentHash(text),
				...(t.result.isError ? {isError: true} : {}),
				...(isChild ? {agentId: thread} : {}),
				rv: READER_VERSION,
			};
			out.records.push({kind: 'tool_result_event', record: ev});
		}
		if (opts.contentMode === 'full') out.content.push(...assistantContent({sessionId, messageId: e.id, ts}, ps));
	}

	function emitGap(i: number): void {
		const a = sorted[i]!;
		const prev = prevA[i];
		const blocks: UserTurnBlock[] = [];
		if (prev) {
			for (const t of toolsOf(prev.id)) {
				if (!t.result) continue;
				const text = resultText(t.result.content);
				blocks.push({
					kind: 'tool_result',
					toolUseId: t.call.id,
					byteLen: utf8Len(text),
					approxTokens: estimateTokens(text),
					...(t.result.isError ? {isError: true} : {}),
				});
			}
		}
		let lastUser: OcIndexEntry | undefined;
		const from = prev ? pos.get(prev.id)! + 1 : 0;
		for (let j = from; j < i; j++) {
			const u = sorted[j]!;
			if (u.role !== 'user') continue;
			lastUser = u;
			for (const p of parts(u.id)) {
				if (p.data.type !== 'text' || p.data.ignored === true) continue;
				const text = str(p.data.text);
				if (!text) continue;
				blocks.push({kind: 'text', byteLen: utf8Len(text), approxTokens: estimateTokens(text)});
			}
		}
		if (!blocks.length) return;
		const rec: UserTurnRecord = {
			v: 1,
			source: 'opencode',
			sessionId,
			userUuid: lastUser ? lastUser.id : `${thread}:${prev ? prev.id : 'start'}->${a.id}`,
			ts: lastUser ? tsOf(lastUser) : tsOf(a),
			...(prev ? {precedingMessageId: prev.id} : {}),
			followingMessageId: a.id,
			blocks,
			rv: READER_VERSION,
		};
		out.records.push({kind: 'user_turn', record: rec});
	}

	function emitCompaction(i: number): void {
		const u = sorted[i]!;
		if (!parts(u.id).some((p) => p.data.type === 'compaction')) return;
		const anchor = prevA[i];
		const rec: CompactionRecord = {
			v: 1,
			source: 'opencode',
			sessionId,
			ts: tsOf(u),
			...(anchor ? {precedingMessageId: anchor.id, tokensBeforeCompact: usageOf(anchor.id).usage.cacheRead} : {}),
			...(isChild ? {agentId: thread} : {}),
			rv: READER_VERSION,
		};
		out.records.push({kind: 'compaction', record: rec});
	}
}

