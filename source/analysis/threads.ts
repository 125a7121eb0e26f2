/**
 * Sessions and their threads (PRODUCT.md Contracts: session, thread, turn).
 *
 * A thread is the main conversation ('') or one subagent run with its own context window.
 * Claude subagents share their parent's session id and are told apart by `threadIdOf(turn)`.
 * OpenCode child sessions and Codex spawned agents are sessions of their own in the ledger,
 * linked to the parent by a `subagent` relationship (`relatedSessionId` = parent): when the
 * parent is in the dataset too, the child is rolled into the parent's group as a thread whose
 * id is the child's session id. (A Claude `subagent` relationship names the session itself
 * or a parent agent, never another session, so it never merges anything.)
 */
import {threadIdOf, type RelationshipRecord, type SourceKind, type ToolCall, type TurnRecord, type UserTurnRecord} from '../core/records.js';
import type {Dataset, SessionData} from './dataset.js';
import {parseTs} from '../core/time.js';

export const MAIN_THREAD = '';

export interface ThreadInfo {
	threadId: string;
	/** Subagent type or description; null for the main thread or when unknown. */
	agentType: string | null;
	/** Thread that spawned it; null for the main thread. */
	parentThreadId: string | null;
	/** The tool call (Task/Agent/spawn_agent) that spawned it, when known. */
	spawnToolUseId?: string;
}

export interface SessionGroup {
	sessionId: string;
	source: SourceKind;
	/** The dataset sessions in the group: the root first, then rolled-in child sessions. */
	parts: SessionData[];
	/** Every turn of the group in timeline order. */
	turns: TurnRecord[];
	/** Thread id of `turns[i]`. */
	threadIds: string[];
	/** Threads in first-seen order (the main thread first when it has turns). */
	threads: Map<string, ThreadInfo>;
}

function parentSessionOf(s: SessionData, present: Map<string, SessionData>): string | null {
	for (const r of s.relationships) {
		if (r.relationshipType !== 'subagent' || !r.relatedSessionId) continue;
		if (r.relatedSessionId !== s.sessionId && present.has(r.relatedSessionId)) return r.relatedSessionId;
	}
	return null;
}

function rootOf(id: string, parentOf: Map<string, string>): string {
	const seen = new Set<string>([id]);
	let cur = id;
	for (;;) {
		const p = parentOf.get(cur);
		if (p === undefined || seen.has(p)) return cur;
		seen.add(p);
		cur = p;
	}
}

const timeOf = (ts: string): number => {
	const ms = parseTs(ts);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

function spawnLabel(call: ToolCall | undefined): string | null {
	return call?.target ?? null;
}

function relationshipFor(parts: SessionData[], agentId: string): RelationshipRecord | undefined {
	for (const p of parts) {
		for (const r of p.relationships) if (r.relationshipType === 'subagent' && r.agentId === agentId) return r;
	}
	return undefined;
}

/** The group's turns in timeline order, each with its thread and the part it comes from. */
function timeline(parts: SessionData[]): {turns: TurnRecord[]; threadIds: string[]; partOf: (i: number) => number} {
	const root = parts[0]!;
	// A child session whose parent is not in the dataset (e.g. outside the window) stands alone:
	// its unnamed sidechain turns are its own main thread.
	const orphanChild = root.source !== 'claude-code' && root.relationships.some((r) => r.relationshipType === 'subagent' && r.relatedSessionId && r.relatedSessionId !== root.sessionId);
	const rootThread = (turn: TurnRecord): string => {
		const own = threadIdOf(turn);
		return orphanChild && own === 'sidechain' ? MAIN_THREAD : own;
	};
	if (parts.length === 1) {
		const turns = root.turns.slice();
		const threadIds: string[] = [];
		for (let i = 0; i < turns.length; i++) threadIds.push(rootThread(turns[i]!));
		return {turns, threadIds, partOf: () => 0};
	}
	const entries: Array<{turn: TurnRecord; threadId: string; part: number}> = [];
	parts.forEach((part, i) => {
		for (const turn of part.turns) {
			const own = threadIdOf(turn);
			const unnamed = own === MAIN_THREAD || own === 'sidechain';
			const threadId = i === 0 ? rootThread(turn) : unnamed ? part.sessionId : own;
			entries.push({turn, threadId, part: i});
		}
	});
	entries.sort((a, b) => timeOf(a.turn.ts) - timeOf(b.turn.ts) || a.part - b.part);
	return {turns: entries.map((e) => e.turn), threadIds: entries.map((e) => e.threadId), partOf: (i) => entries[i]!.part};
}

/** Index of the first turn of each thread, in first-seen order. */
function firstTurns(threadIds: readonly string[]): number[] {
	const seen = new Set<string>();
	const out: number[] = [];
	let last: string | null = null;
	for (let i = 0; i < threadIds.length; i++) {
		const id = threadIds[i]!;
		if (id === last) continue;
		last = id;
		if (seen.has(id)) continue;
		seen.add(id);
		out.push(i);
	}
	return out;
}

function buildGroup(root: SessionData, children: SessionData[]): SessionGroup {
	const parts = [root, ...children];
	const childIds = new Set(children.map((c) => c.sessionId));
	const {turns, threadIds, partOf} = timeline(parts);

	// Tool calls by id (the last one wins), built only when a spawn label is needed.
	let calls: Map<string, ToolCall> | undefined;
	const callOf = (id: string | undefined): ToolCall | undefined => {
		if (id === undefined) return undefined;
		if (!calls) {
			calls = new Map();
			for (const turn of turns) for (const c of turn.toolCalls) calls.set(c.id, c);
		}
		return calls.get(id);
	};
	const threads = new Map<string, ThreadInfo>();
	for (const i of firstTurns(threadIds)) {
		const threadId = threadIds[i]!;
		if (threadId === MAIN_THREAD) {
			threads.set(MAIN_THREAD, {threadId: MAIN_THREAD, agentType: null, parentThreadId: null});
			continue;
		}
		const sub = turns[i]!.subagent;
		let info: ThreadInfo;
		if (childIds.has(threadId)) {
			const part = parts[partOf(i)]!;
			const rel = part.relationships.find((r) => r.relationshipType === 'subagent' && r.relatedSessionId);
			const parentSession = rel?.relatedSessionId ?? root.sessionId;
			const spawn = rel?.parentToolUseId;
			info = {
				threadId,
				agentType: rel?.subagentType ?? rel?.description ?? spawnLabel(callOf(spawn || undefined)),
				parentThreadId: parentSession === root.sessionId ? MAIN_THREAD : parentSession,
				...(spawn ? {spawnToolUseId: spawn} : {}),
			};
		} else {
			const rel = relationshipFor(parts, threadId);
			const spawn = sub?.parentToolUseId ?? rel?.parentToolUseId;
			const parentAgent = sub?.parentAgentId ?? rel?.relatedSessionId;
			info = {
				threadId,
				agentType: sub?.subagentType ?? rel?.subagentType ?? sub?.description ?? rel?.description ?? spawnLabel(callOf(spawn || undefined)),
				parentThreadId: parentAgent && parentAgent !== threadId ? parentAgent : MAIN_THREAD,
				...(spawn ? {spawnToolUseId: spawn} : {}),
			};
		}
		threads.set(threadId, info);
	}
	// A parent that is not a thread of this group (e.g. the session id itself) is the main thread.
	for (const t of threads.values()) {
		if (t.parentThreadId !== null && t.parentThreadId !== MAIN_THREAD && !threads.has(t.parentThreadId)) t.parentThreadId = MAIN_THREAD;
	}
	return {sessionId: root.sessionId, source: root.source, parts, turns, threadIds, threads};
}

/**
 * The parts of each group: the root session first, then its rolled-in child sessions, roots
 * in first-seen order (no turn is read: a caller that kept a group of the same parts reuses it).
 */
export function groupParts(dataset: Dataset): SessionData[][] {
	const present = new Map(dataset.sessions.map((s) => [s.sessionId, s] as const));
	const parentOf = new Map<string, string>();
	for (const s of dataset.sessions) {
		const p = parentSessionOf(s, present);
		// A link that would close a cycle is ignored: every chain ends at a root.
		if (p !== null && rootOf(p, parentOf) !== s.sessionId) parentOf.set(s.sessionId, p);
	}
	const children = new Map<string, SessionData[]>();
	const roots: SessionData[] = [];
	for (const s of dataset.sessions) {
		const root = parentOf.size === 0 ? s.sessionId : rootOf(s.sessionId, parentOf);
		if (root === s.sessionId) {
			roots.push(s);
			continue;
		}
		const list = children.get(root) ?? [];
		list.push(s);
		children.set(root, list);
	}
	return roots.map((r) => [r, ...(children.get(r.sessionId) ?? [])]);
}

/** One group from its parts (groupParts). */
export function groupOf(parts: readonly SessionData[]): SessionGroup {
	return buildGroup(parts[0]!, parts.slice(1));
}

/** The dataset's sessions with child sessions rolled into their parents, in first-seen order. */
export function groupSessions(dataset: Dataset): SessionGroup[] {
	return groupParts(dataset).map(groupOf);
}

/** Every user-turn record of a group, in ledger order (the session's own list when it has no child sessions). */
export function userTurnsOf(group: SessionGroup): readonly UserTurnRecord[] {
	return group.parts.length === 1 ? group.parts[0]!.userTurns : group.parts.flatMap((p) => p.userTurns);
}
