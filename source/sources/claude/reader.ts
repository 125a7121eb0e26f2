import {basename} from 'node:path';
import type {CompactionRecord, ContentRecord, LedgerRecord, SubagentInfo, UserTurnRecord} from '../../core/records.js';
import {emptySkips} from '../../core/records.js';
import {contentHash} from '../hash.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext, type ReaderOutput} from '../reader.js';
import {assistantContent, userContent} from './content.js';
import {Events} from './events.js';
import {arr, mayMatter, obj, parseLine, plainlyBroken, str, type Json, type LineCtx, type RawContents} from './line.js';
import {Links, type SubagentMeta} from './links.js';
import {versionOf} from './relations.js';
import {loadState, type ClaudeState, type ThreadInfo} from './state.js';
import {notificationOf, preTokensOf} from './system.js';
import {Threads} from './threads.js';
import {SPAWN_TOOLS, spawnInputOf, toolCallOf} from './tools.js';
import {TurnBook, type Working} from './turns.js';
import {readUsage} from './usage.js';
import {readUserContent, resumeMarker} from './user.js';

export type {ClaudeState} from './state.js';
export type {SubagentMeta} from './links.js';

/** Separates message.id and requestId in a response key. */
const KEY_SEP = '\n';

const messageIdOf = (key: string): string => key.split(KEY_SEP)[0] ?? key;

/**
 * Claude Code transcript reader (data-formats §3, with PRODUCT.md improvements 1–3): one
 * turn per API response (message.id + requestId; usage of its latest line), user turns,
 * tool-result events, compactions, relationships and, in full content mode, sidecar text.
 */
class ClaudeReader implements LineReader<ClaudeState> {
	private readonly s: ClaudeState;
	private readonly records: LedgerRecord[] = [];
	private readonly content: ContentRecord[] = [];
	private readonly skips = emptySkips();
	private readonly book: TurnBook;
	private readonly threads: Threads;
	private readonly links: Links;
	private readonly events: Events;
	private readonly fileSessionId: string;
	private readonly full: boolean;
	/** The last user turn, waiting for the next new response id; `pushed` once in this pass's output. */
	private pending: {rec: UserTurnRecord; pushed: boolean} | undefined;
	private lastKey: string | undefined;
	/** The current line's tool-result contents measured from its bytes (parseLine). */
	private readonly raws: RawContents = new Map();

	constructor(ctx: ReaderContext, state: ClaudeState | undefined, meta: SubagentMeta | undefined) {
		this.s = loadState(state);
		this.full = ctx.contentMode === 'full';
		this.book = new TurnBook(this.s.open, this.s.mainKeys, this.s.turns, ctx.path, this.full, this.records);
		this.threads = new Threads(this.s.side);
		this.links = new Links(this.s, meta, this.records);
		this.events = new Events(this.s);
		this.pending = this.s.pendingUser ? {rec: this.s.pendingUser, pushed: false} : undefined;
		this.lastKey = this.s.lastKey;
		this.fileSessionId = basename(ctx.path).replace(/\.jsonl$/i, '');
	}

	line(bytes: Buffer): void {
		if (!mayMatter(bytes)) {
			if (plainlyBroken(bytes)) this.skips.badLines++;
			return;
		}
		this.raws.clear();
		let o = parseLine(bytes, this.raws, this.full);
		if (o && this.raws.size > 0 && o.type !== 'user') {
			// Cut tool-result contents serve user lines only: any other line is read as it was written.
			this.raws.clear();
			o = parseLine(bytes);
		}
		if (!o) {
			this.skips.badLines++;
			return;
		}
		try {
			if (o.type === 'assistant') this.assistant(o);
			else if (o.type === 'user') this.user(o);
			else if (o.type === 'system') this.system(o);
		} catch {
			// A shape no rule foresaw: skip the line, never the file.
			this.skips.badLines++;
		}
	}

	finish(): ReaderOutput<ClaudeState> {
		const {open, mainKeys} = this.book.finish();
		const s = this.s;
		s.turns = this.book.turnCount;
		s.open = open.length > 0 ? open : undefined;
		s.mainKeys = mainKeys.length > 0 ? mainKeys : undefined;
		s.lastKey = this.lastKey;
		s.side = this.threads.toState();
		s.pendingUser = this.pending && !this.pending.rec.followingMessageId ? this.pending.rec : undefined;
		this.links.save();
		this.events.save();
		for (const k of Object.keys(s) as Array<keyof ClaudeState>) if (s[k] === undefined) delete s[k];
		return {records: this.records, content: this.content, state: structuredClone(s), skips: this.skips};
	}

	/** Reads the fields every line shares and notes what the file-level state keeps. */
	private lineCtx(o: Json): LineCtx {
		const isSidechain = o.isSidechain === true;
		const c: LineCtx = {o, ts: str(o.timestamp) ?? '', isSidechain};
		c.sessionId = str(o.sessionId);
		c.uuid = str(o.uuid);
		c.parentUuid = str(o.parentUuid);
		const agentId = str(o.agentId);
		if (isSidechain && agentId) c.agentId = agentId;
		const s = this.s;
		if (!s.firstTs && c.ts) s.firstTs = c.ts;
		if (!s.project) s.project = str(o.cwd);
		if (!s.version) s.version = versionOf(o);
		this.links.line(c);
		return c;
	}

	/** Subagent info of a sidechain line (undefined on the main thread), and its inline thread. */
	private subagentOf(
		c: LineCtx,
		kind: 'user' | 'assistant',
		returnsResults: boolean,
		text: string,
	): {info: SubagentInfo; thread?: ThreadInfo} | undefined {
		if (!c.isSidechain) return undefined;
		if (c.agentId) return {info: this.links.subagentFileInfo(c, c.agentId)};
		const thread = this.threads.resolve({
			uuid: c.uuid,
			parentUuid: c.parentUuid,
			kind,
			returnsResults,
			text,
			sessionId: c.sessionId ?? this.fileSessionId,
		});
		const info: SubagentInfo = {isSidechain: true, agentId: thread.agentId};
		if (thread.parentToolUseId) info.parentToolUseId = thread.parentToolUseId;
		if (thread.parentAgentId) info.parentAgentId = thread.parentAgentId;
		if (thread.subagentType) info.subagentType = thread.subagentType;
		if (thread.description) info.description = thread.description;
		return {info, thread};
	}

	// ---- assistant lines ---------------------------------------------------------------

	private assistant(o: Json): void {
		const msg = obj(o.message);
		const id = msg && str(msg.id);
		if (!msg || !id) return;
		const model = str(msg.model) ?? '';
		if (model === '<synthetic>') return;
		const c = this.lineCtx(o);
		const requestId = str(o.requestId);
		const key = id + KEY_SEP + (requestId ?? '');
		let w = this.book.get(key);
		if (c.isSidechain && (w ? w.main : this.book.wasMain(key))) {
			// A sidechain replay of a main-thread response: not counted again, but later
			// sidechain lines may hang off it.
			if (!c.agentId) this.subagentOf(c, 'assistant', false, '');
			return;
		}
		if (!w) {
			this.linkFollowing(id);
			const sub = this.subagentOf(c, 'assistant', false, '');
			const sessionId = c.sessionId ?? this.s.lastSession ?? this.fileSessionId;
			w = this.book.create(key, {
				sessionId,
				messageId: id,
				requestId,
				ts: c.ts,
				model,
				project: str(o.cwd) ?? this.s.project,
				main: !c.isSidechain,
				subagent: sub?.info,
			});
			if (sub?.thread) this.links.inlineThread(sessionId, sub.info, sub.thread, c.ts);
		} else {
			if (!c.isSidechain && !w.main) {
				w.main = true;
				delete w.turn.subagent;
			} else if (c.isSidechain && !c.agentId && w.turn.subagent?.agentId) {
				this.threads.join(c.uuid, w.turn.subagent.agentId);
			}
			if (!w.turn.model && model) w.turn.model = model;
		}
		this.lastKey = key;
		this.merge(w, msg, c);
		this.book.touch(w);
	}

	private merge(w: Working, msg: Json, c: LineCtx): void {
		if (typeof msg.stop_reason === 'string') w.turn.stopReason = msg.stop_reason;
		const usage = obj(msg.usage);
		if (usage) {
			const u = readUsage(usage, this.skips);
			this.book.setUsage(w, u.usage, u.flags);
		}
		const at = {sessionId: w.turn.sessionId, messageId: w.turn.messageId, ts: w.turn.ts};
		for (const el of arr(msg.content) ?? []) {
			const block = obj(el);
			if (!block) continue;
			let fresh = true;
			if (block.type === 'tool_use') {
				const call = toolCallOf(block);
				if (!call) continue;
				fresh = this.book.addCall(w, call);
				if (fresh && SPAWN_TOOLS.has(call.name)) {
					const si = spawnInputOf(block);
					this.threads.addSpawn({
						id: call.id,
						uuid: c.uuid,
						parent: c.isSidechain ? (w.turn.subagent?.agentId ?? w.turn.sessionId) : w.turn.sessionId,
						...(si.subagentType ? {subagentType: si.subagentType} : {}),
						...(si.description ? {description: si.description} : {}),
						...(si.prompt ? {p: contentHash(si.prompt)} : {}),
					});
				}
			}
			if (this.full && fresh) {
				const rec = assistantContent(at, block);
				if (rec) this.content.push(rec);
			}
		}
	}

	/** A new response closes the pending user turn (its followingMessageId). */
	private linkFollowing(messageId: string): void {
		const p = this.pending;
		if (!p) return;
		this.pending = undefined;
		p.rec.followingMessageId = messageId;
		if (!p.pushed) this.records.push({kind: 'user_turn', record: p.rec});
	}

	// ---- user lines --------------------------------------------------------------------

	private user(o: Json): void {
		const c = this.lineCtx(o);
		const msg = obj(o.message);
		const uc = readUserContent(msg?.content, this.raws);
		const text = uc.texts.join('\n');
		this.subagentOf(c, 'user', uc.results.length > 0, text);
		const sid = c.sessionId;
		if (!sid) return;
		if (c.uuid && uc.blocks.length > 0) {
			const rec: UserTurnRecord = {v: 1, source: 'claude-code', sessionId: sid, userUuid: c.uuid, ts: c.ts, blocks: uc.blocks};
			const prev = this.lastKey && messageIdOf(this.lastKey);
			if (prev) rec.precedingMessageId = prev;
			rec.rv = READER_VERSION;
			this.records.push({kind: 'user_turn', record: rec});
			this.pending = {rec, pushed: true};
			if (this.full) this.content.push(...userContent({sessionId: sid, messageId: c.uuid, ts: c.ts}, uc));
		}
		const spawnedAgent = uc.results.length === 1 ? str(obj(o.toolUseResult)?.agentId) : undefined;
		for (const r of uc.results) {
			this.book.result(r.toolUseId, {isError: r.isError || undefined, ...r.meta});
			const spawn = this.threads.settle(r.toolUseId);
			const ev = this.events.next(sid, r.toolUseId, r.isError ? 'errored' : 'completed', 'tool_result', c, r.absent ? undefined : (r.measured ?? r.text));
			const agentId = spawnedAgent ?? this.threads.agentOfCall(r.toolUseId);
			if (agentId) ev.agentId = agentId;
			if (r.meta?.replacedTools) ev.replacedTools = r.meta.replacedTools;
			if (r.meta?.collapsedCalls) ev.collapsedCalls = r.meta.collapsedCalls;
			this.records.push({kind: 'tool_result_event', record: ev});
			if (spawnedAgent) this.links.spawned(sid, spawnedAgent, r.toolUseId, spawn, c.ts);
		}
		const target = c.isSidechain ? undefined : resumeMarker(text);
		if (target !== undefined) this.links.resume(sid, target);
	}

	// ---- system lines ------------------------------------------------------------------

	private system(o: Json): void {
		const c = this.lineCtx(o);
		if (o.subtype === 'compact_boundary') {
			if (c.sessionId) this.compaction(c, c.sessionId);
			return;
		}
		const n = notificationOf(o);
		if (!n) return;
		const ev = this.events.next(n.sessionId, n.toolUseId, n.status, 'subagent_notification', c, n.text);
		if (n.agentId) ev.agentId = n.agentId;
		if (n.subagentSessionId) ev.subagentSessionId = n.subagentSessionId;
		this.records.push({kind: 'tool_result_event', record: ev});
	}

	private compaction(c: LineCtx, sessionId: string): void {
		const rec: CompactionRecord = {v: 1, source: 'claude-code', sessionId, ts: c.ts};
		const prevKey = this.lastKey;
		if (prevKey) rec.precedingMessageId = messageIdOf(prevKey);
		const before = preTokensOf(c.o) ?? (prevKey ? this.book.peek(prevKey)?.usage.cacheRead : undefined);
		if (before !== undefined) rec.tokensBeforeCompact = before;
		const agentId = c.agentId ?? (c.isSidechain ? this.threads.threadOfUuid(c.parentUuid ?? str(c.o.logicalParentUuid))?.agentId : undefined);
		if (agentId) rec.agentId = agentId;
		rec.rv = READER_VERSION;
		this.records.push({kind: 'compaction', record: rec});
	}
}

/** A Claude Code reader for a subagent transcript with its `agent-<id>.meta.json` (or none). */
export function createClaudeReaderWithMeta(meta: SubagentMeta | undefined): LineReaderFactory<ClaudeState> {
	return (ctx, state) => new ClaudeReader(ctx, state, meta);
}

export const createClaudeReader: LineReaderFactory<ClaudeState> = createClaudeReaderWithMeta(undefined);
