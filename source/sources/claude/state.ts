import type {TurnRecord, UserTurnRecord} from '../../core/records.js';

/** A response kept open across passes: its merged record so far. */
export interface OpenTurn {
	/** Dedup key: message.id + requestId. */
	key: string;
	/** Some line of it was on the main thread (a sidechain replay never overrides that). */
	main: boolean;
	/** Token presence flags (bits: input 1, output 2, cacheRead 4, cacheCreate 8). */
	f: number;
	/** The record without sessionPath, fidelity, rv (restored when it is emitted again). */
	turn: TurnRecord;
}

/** An inline-sidechain thread (older Claude Code), keyed by its root line's uuid. */
export interface ThreadInfo {
	agentId: string;
	parentToolUseId?: string;
	subagentType?: string;
	description?: string;
	parentAgentId?: string;
	/** Its subagent relationship row was emitted. */
	rel?: 1;
}

/** An Agent/Task call whose subagent has not been matched yet. */
export interface Spawn {
	id: string;
	/** uuid of the assistant line that made the call. */
	uuid?: string;
	/** Thread of the caller: its agentId, or the session id for the main thread. */
	parent: string;
	subagentType?: string;
	description?: string;
	/** contentHash of the prompt. */
	p?: string;
}

export interface SideState {
	/** Recent sidechain line uuid → agentId of its thread. */
	nodes: Array<[string, string]>;
	threads: ThreadInfo[];
	spawns: Spawn[];
}

/**
 * What one pass hands the next (stored in the file's cursor): counters that must stay
 * monotonic, the last few open responses, and the compact pieces of the uuid graph that
 * later lines may still refer to. JSON only.
 */
export interface ClaudeState {
	v: 1;
	/** Next turnIndex. */
	turns: number;
	/** Next eventIndex. */
	events: number;
	/** Key (message id + requestId) of the last assistant line (precedingMessageId of the next user turn). */
	lastKey?: string;
	/** First timestamp in the file (ts of /resume rows). */
	firstTs?: string;
	/** cwd of the first line that had one. */
	project?: string;
	/** First non-empty `version`. */
	version?: string;
	/** Main-thread session of the last line (to notice a session switch). */
	lastSession?: string;
	/** Sessions whose root row was emitted. */
	roots?: string[];
	open?: OpenTurn[];
	/** Short hashes of the keys of recent main-thread responses (sidechain replay guard). */
	mainKeys?: string[];
	/** The last user turn, still waiting for its followingMessageId. */
	pendingUser?: UserTurnRecord;
	/** Recent tool-use id → number of result events so far (callIndex). */
	calls?: Array<[string, number]>;
	/** Subagent-file relationship row: 1 emitted without meta, 2 with meta. */
	sub?: 1 | 2;
	side?: SideState;
}

export const LIMITS = {
	open: 3,
	mainKeys: 32,
	calls: 16,
	nodes: 64,
	threads: 32,
	spawns: 32,
} as const;

export function initialState(): ClaudeState {
	return {v: 1, turns: 0, events: 0};
}

/** Accepts only a state this reader wrote; anything else starts fresh. */
export function loadState(s: unknown): ClaudeState {
	if (typeof s !== 'object' || s === null) return initialState();
	const o = s as Partial<ClaudeState>;
	if (o.v !== 1 || typeof o.turns !== 'number' || typeof o.events !== 'number') return initialState();
	return structuredClone(o as ClaudeState);
}

export function lastN<T>(items: Iterable<T>, n: number): T[] {
	const all = [...items];
	return all.length > n ? all.slice(all.length - n) : all;
}
