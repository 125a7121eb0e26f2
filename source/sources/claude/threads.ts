import {contentHash} from '../hash.js';
import {LIMITS, lastN, type SideState, type Spawn, type ThreadInfo} from './state.js';

/** What thread resolution needs to know about one inline-sidechain line. */
export interface SideLine {
	uuid?: string;
	parentUuid?: string;
	kind: 'user' | 'assistant';
	/** The line returns tool results (so it continues its caller's thread). */
	returnsResults: boolean;
	/** Plain text of a user line (matched against Agent/Task prompts). */
	text: string;
	sessionId: string;
}

/**
 * Inline sidechains of older Claude Code (isSidechain:true lines in the parent file, no
 * agentId). A thread starts at a sidechain user prompt whose parent is not a sidechain line
 * (null, a main-thread line) or is a line that spawned an Agent/Task; every other sidechain
 * line joins its parent's thread. The thread's id is the root line's uuid; its invocation is
 * the pending Agent/Task call whose prompt equals the root's text, else the call made by the
 * root's parent line (data-formats §3.9).
 */
export class Threads {
	private readonly nodes = new Map<string, string>();
	private readonly threads = new Map<string, ThreadInfo>();
	private spawns: Spawn[];

	constructor(state: SideState | undefined) {
		for (const [u, a] of state?.nodes ?? []) this.nodes.set(u, a);
		for (const t of state?.threads ?? []) this.threads.set(t.agentId, t);
		this.spawns = state?.spawns ? [...state.spawns] : [];
	}

	addSpawn(spawn: Spawn): void {
		if (this.spawns.some((s) => s.id === spawn.id)) return;
		this.spawns.push(spawn);
	}

	/** The call's result arrived: it can no longer spawn. Returns the pending spawn, if any. */
	settle(toolUseId: string): Spawn | undefined {
		const i = this.spawns.findIndex((s) => s.id === toolUseId);
		if (i === -1) return undefined;
		const [s] = this.spawns.splice(i, 1);
		return s;
	}

	/** Pending spawn details (without settling it). */
	spawn(toolUseId: string): Spawn | undefined {
		return this.spawns.find((s) => s.id === toolUseId);
	}

	/** agentId of the inline thread spawned by this tool call, if known. */
	agentOfCall(toolUseId: string): string | undefined {
		for (const t of this.threads.values()) if (t.parentToolUseId === toolUseId) return t.agentId;
		return undefined;
	}

	/** Thread of a known sidechain line uuid. */
	threadOfUuid(uuid: string | undefined): ThreadInfo | undefined {
		if (!uuid) return undefined;
		const id = this.nodes.get(uuid);
		return id === undefined ? undefined : (this.threads.get(id) ?? {agentId: id});
	}

	/** Assigns a sidechain line to its thread (starting one when it is a root). */
	resolve(line: SideLine): ThreadInfo {
		const parentThread = line.parentUuid ? this.nodes.get(line.parentUuid) : undefined;
		const fromParent = line.parentUuid ? this.spawns.filter((s) => s.uuid === line.parentUuid) : [];
		const root = parentThread === undefined || (line.kind === 'user' && !line.returnsResults && fromParent.length > 0);
		if (!root) {
			if (line.uuid) this.nodes.set(line.uuid, parentThread);
			return this.threads.get(parentThread) ?? {agentId: parentThread};
		}
		const agentId = line.uuid ?? `sidechain:${line.parentUuid ?? ''}`;
		const known = this.threads.get(agentId);
		if (known) return known;
		let spawn: Spawn | undefined;
		if (line.kind === 'user' && line.text) {
			const p = contentHash(line.text);
			spawn = this.spawns.find((s) => s.p === p);
		}
		spawn ??= fromParent[0];
		const thread: ThreadInfo = {agentId};
		if (spawn) {
			this.spawns = this.spawns.filter((s) => s !== spawn);
			thread.parentToolUseId = spawn.id;
			if (spawn.subagentType) thread.subagentType = spawn.subagentType;
			if (spawn.description) thread.description = spawn.description;
			thread.parentAgentId = spawn.parent;
		}
		this.threads.set(agentId, thread);
		if (line.uuid) this.nodes.set(line.uuid, agentId);
		return thread;
	}

	/** Registers another line of an already-resolved response in the same thread. */
	join(uuid: string | undefined, agentId: string): void {
		if (uuid) this.nodes.set(uuid, agentId);
	}

	toState(): SideState | undefined {
		if (this.nodes.size === 0 && this.threads.size === 0 && this.spawns.length === 0) return undefined;
		return {
			nodes: lastN(this.nodes.entries(), LIMITS.nodes),
			threads: lastN(this.threads.values(), LIMITS.threads),
			spawns: lastN(this.spawns, LIMITS.spawns),
		};
	}
}
