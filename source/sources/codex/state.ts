import type {ContentRecord, ToolCall, TurnRecord, UserTurnBlock} from '../../core/records.js';
import type {ReplayGate} from './replay.js';

/**
 * Raw cumulative counters as Codex writes them in `total_token_usage`: `i` = input_tokens
 * (cached included), `c` = cached_input_tokens, `o` = output_tokens (reasoning included),
 * `r` = reasoning_output_tokens.
 */
export interface Raw {
	i: number;
	c: number;
	o: number;
	r: number;
}

export const zeroRaw = (): Raw => ({i: 0, c: 0, o: 0, r: 0});

/** A tool output (or subagent notification) waiting to be emitted with its turn. */
export interface PendingEvent {
	toolUseId: string;
	eventIndex: number;
	ts?: string;
	source: 'function_call_output' | 'subagent_notification';
	contentLength?: number;
	contentHash?: string;
	/** Error known from the output itself (exit code in its metadata, success:false). */
	isError: boolean;
	agentId?: string;
	/** Status of the version already written ('' = not written yet). */
	sent: '' | 'completed' | 'errored';
}

/**
 * What the model is fed between two tasks and inside one: user text and tool outputs. It
 * becomes the UserTurnRecord of the task that owns it.
 */
export interface Slot {
	ts?: string;
	blocks: UserTurnBlock[];
	/** Call ids that failed (exit code ≠ 0, patch failure, MCP error). */
	errors: string[];
	events: PendingEvent[];
	/** Content-sidecar records waiting for their turn id (content mode `full` only). */
	content: ContentRecord[];
}

export const emptySlot = (): Slot => ({blocks: [], errors: [], events: [], content: []});

export interface OpenTurn {
	/** `turn_id` of the task, or a generated id for rollouts without task events. */
	id: string;
	/** Assigned when first written, then kept (stable across passes). */
	index?: number;
	ts: string;
	model: string;
	project?: string;
	/** Accumulated counters when the turn started. */
	start: Raw;
	/** A `total_token_usage` arrived while the turn was open. */
	hasUsage: boolean;
	/** Cut without task events (each user prompt opens one). */
	implicit: boolean;
	/** The model has done something since the turn opened (usage, tool call, text). */
	active: boolean;
	/** Changed since the last version written. */
	dirty: boolean;
	preceding?: string;
	calls: ToolCall[];
	files: string[];
	slot: Slot;
}

/** The reader's resume state, stored in the file's cursor (JSON). */
export interface CodexState {
	v: 1;
	/** This rollout's own session id (file name UUID, else session_meta id). */
	ownId?: string;
	/** Spawned child: the session its turns roll up into. */
	parentId?: string;
	agentType?: string;
	parentToolUseId?: string;
	parentAgentId?: string;
	metaSeen: boolean;
	/** Timestamp of the rollout's own session_meta (fork instant fallback). */
	metaTs?: string;
	cwd?: string;
	/** Copied parent history of a forked / spawned rollout is being read (see replay.ts). */
	replay?: ReplayGate;
	/** The current running counter's total (the last total seen; counters.ts). */
	last: Raw;
	/**
	 * The rollout's other running counters (a restarted process, a /review block, a copied
	 * parent's), most recently used first. Absent in cursors written before it existed.
	 */
	others: Raw[];
	/** Accumulated usage: the sum of every counter's increments so far. */
	acc: Raw;
	/** `acc` when the last turn closed: usage after it belongs to no turn yet. */
	mark: Raw;
	/** Last known model (any turn_context). */
	model: string;
	ctx?: {turnId?: string; model?: string; cwd?: string};
	/** A task_started was seen: turns are tasks. */
	explicit: boolean;
	turns: number;
	events: number;
	implicitIds: number;
	open?: OpenTurn;
	pending: Slot;
	/** Last closed turn, as written; gets usage that arrives after it closed. */
	prev?: TurnRecord;
	prevDirty: boolean;
	/** Relationship keys already written. */
	rels: string[];
	/** spawn_agent calls whose agent id is not known yet. */
	spawns: Record<string, {type?: string; description?: string; ts?: string}>;
	/** Which half of a compaction was just seen (`compacted` line or `context_compacted` event). */
	compact?: 'line' | 'event';
}

export function initialState(): CodexState {
	return {
		v: 1,
		metaSeen: false,
		last: zeroRaw(),
		others: [],
		acc: zeroRaw(),
		mark: zeroRaw(),
		model: '',
		explicit: false,
		turns: 0,
		events: 0,
		implicitIds: 0,
		pending: emptySlot(),
		prevDirty: false,
		rels: [],
		spawns: {},
	};
}

/** A state from a cursor, or a fresh one when it is missing or not ours. */
export function restoreState(state: CodexState | undefined): CodexState {
	if (!state || typeof state !== 'object' || state.v !== 1 || !state.last || !state.acc || !state.mark) return initialState();
	const s = {...initialState(), ...state};
	if (!Array.isArray(s.others)) s.others = [];
	return s;
}
