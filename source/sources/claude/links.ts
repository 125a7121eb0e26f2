import type {LedgerRecord, RelationshipRecord, SubagentInfo} from '../../core/records.js';
import {str, type LineCtx} from './line.js';
import {explicitLinks, relationship} from './relations.js';
import type {ClaudeState, Spawn, ThreadInfo} from './state.js';

/** The `agent-<id>.meta.json` beside a subagent transcript. */
export interface SubagentMeta {
	agentType?: string;
	description?: string;
	toolUseId?: string;
}

/**
 * Session relationship rows of one file (data-formats §3.10): a root per session, an
 * in-file session switch, explicit fork/continuation fields, `/resume`, and subagent rows
 * (subagent transcripts, inline threads, a parent's Agent result naming its agent).
 */
export class Links {
	/** Rows emitted in this pass (explicit links repeat on many lines). */
	private readonly emitted = new Set<string>();
	private readonly roots: Set<string>;

	constructor(
		private readonly s: ClaudeState,
		private readonly meta: SubagentMeta | undefined,
		private readonly records: LedgerRecord[],
	) {
		this.roots = new Set(s.roots ?? []);
	}

	/** `again`: emit even when an equal-keyed row was emitted in this pass (it is more complete). */
	private emit(rel: RelationshipRecord, again = false): void {
		const id = [rel.sessionId, rel.relationshipType, rel.relatedSessionId ?? '', rel.agentId ?? '', rel.parentToolUseId ?? ''].join('|');
		if (this.emitted.has(id) && !again) return;
		this.emitted.add(id);
		if (!rel.sourceVersion && this.s.version) rel.sourceVersion = this.s.version;
		this.records.push({kind: 'relationship', record: rel});
	}

	/** Rows every user/assistant/system line may imply. */
	line(c: LineCtx): void {
		const sid = c.sessionId;
		if (!sid) return;
		const ts = c.ts || undefined;
		if (c.agentId) {
			this.subagentFile(c, sid);
		} else {
			if (!this.roots.has(sid)) {
				this.roots.add(sid);
				this.emit(relationship({sessionId: sid, relationshipType: 'root', ts}));
			}
			if (!c.isSidechain) {
				const prev = this.s.lastSession;
				if (prev && prev !== sid && c.parentUuid) {
					this.emit(relationship({sessionId: sid, relationshipType: 'continuation', relatedSessionId: prev, ts}));
				}
				this.s.lastSession = sid;
			}
		}
		for (const link of explicitLinks(c.o, sid)) this.emit(relationship({sessionId: sid, ts, ...link}));
	}

	/** One subagent row per subagent transcript; once more when its type becomes known. */
	private subagentFile(c: LineCtx, sid: string): void {
		const subagentType = this.meta?.agentType ?? str(c.o.attributionAgent);
		if (this.s.sub === 2 || (this.s.sub === 1 && !subagentType)) return;
		this.s.sub = subagentType ? 2 : 1;
		const row = relationship({
			sessionId: sid,
			relationshipType: 'subagent',
			agentId: c.agentId,
			parentToolUseId: this.meta?.toolUseId,
			subagentType,
			description: this.meta?.description,
			ts: c.ts || undefined,
		});
		this.emit(row, true);
	}

	/** Subagent info of a subagent-transcript line. */
	subagentFileInfo(c: LineCtx, agentId: string): SubagentInfo {
		const info: SubagentInfo = {isSidechain: true, agentId};
		const m = this.meta;
		if (m?.toolUseId) info.parentToolUseId = m.toolUseId;
		const type = m?.agentType ?? str(c.o.attributionAgent);
		if (type) info.subagentType = type;
		if (m?.description) info.description = m.description;
		return info;
	}

	/** The subagent row of an inline thread, once, with its first turn. */
	inlineThread(sessionId: string, sub: SubagentInfo, thread: ThreadInfo, ts: string): void {
		if (thread.rel) return;
		thread.rel = 1;
		this.emit(
			relationship({
				sessionId,
				relationshipType: 'subagent',
				agentId: sub.agentId,
				relatedSessionId: sub.parentAgentId,
				parentToolUseId: sub.parentToolUseId,
				subagentType: sub.subagentType,
				description: sub.description,
				ts: ts || undefined,
			}),
		);
	}

	/** A parent's Agent/Task result names the agent it ran (`toolUseResult.agentId`). */
	spawned(sessionId: string, agentId: string, toolUseId: string, spawn: Spawn | undefined, ts: string): void {
		this.emit(
			relationship({
				sessionId,
				relationshipType: 'subagent',
				agentId,
				parentToolUseId: toolUseId,
				subagentType: spawn?.subagentType,
				description: spawn?.description,
				ts: ts || undefined,
			}),
		);
	}

	/** A `/resume [id]` prompt: a continuation dated at the file's first timestamp. */
	resume(sessionId: string, target: string): void {
		this.emit(relationship({sessionId, relationshipType: 'continuation', relatedSessionId: target, ts: this.s.firstTs}));
	}

	save(): void {
		this.s.roots = this.roots.size > 0 ? [...this.roots] : undefined;
	}
}
