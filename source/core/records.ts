/**
 * The canonical record model. Kinds and field names follow the relayburn 1.x ledger
 * (shared/reference/data-formats.md §1, §6) so that a relayburn ledger can be read with
 * `--ledger` and the two stay comparable. Optional fields are omitted, never null.
 */

export type SourceKind =
	| 'claude-code'
	| 'codex'
	| 'opencode'
	| 'gemini'
	| 'qwen'
	| 'kimi'
	| 'pi'
	| 'copilot'
	| 'amp'
	| 'droid'
	| 'goose';
export const SOURCES: readonly SourceKind[] = [
	'claude-code',
	'codex',
	'opencode',
	'gemini',
	'qwen',
	'kimi',
	'pi',
	'copilot',
	'amp',
	'droid',
	'goose',
];

export interface Usage {
	/** Uncached input tokens. */
	input: number;
	output: number;
	/** Informational: Claude has none; Codex reasoning is part of output. */
	reasoning: number;
	cacheRead: number;
	cacheCreate5m: number;
	cacheCreate1h: number;
}

export const emptyUsage = (): Usage => ({
	input: 0,
	output: 0,
	reasoning: 0,
	cacheRead: 0,
	cacheCreate5m: 0,
	cacheCreate1h: 0,
});

/** No token at all: a response without usage (see `TurnRecord.aborted`). */
export const isEmptyUsage = (u: Usage): boolean =>
	u.input === 0 && u.output === 0 && u.reasoning === 0 && u.cacheRead === 0 && u.cacheCreate5m === 0 && u.cacheCreate1h === 0;

export interface Coverage {
	hasInputTokens: boolean;
	hasOutputTokens: boolean;
	hasReasoningTokens: boolean;
	hasCacheReadTokens: boolean;
	hasCacheCreateTokens: boolean;
	hasToolCalls: boolean;
	hasToolResultEvents: boolean;
	hasSessionRelationships: boolean;
	hasRawContent: boolean;
}

/** Every coverage flag, in the order reports list them. */
export const COVERAGE_KEYS: readonly (keyof Coverage)[] = [
	'hasInputTokens',
	'hasOutputTokens',
	'hasReasoningTokens',
	'hasCacheReadTokens',
	'hasCacheCreateTokens',
	'hasToolCalls',
	'hasToolResultEvents',
	'hasSessionRelationships',
	'hasRawContent',
];

export type FidelityClass = 'full' | 'usage-only' | 'aggregate-only' | 'cost-only' | 'partial';

export interface Fidelity {
	granularity: 'per-turn' | 'per-message' | 'per-session-aggregate' | 'cost-only';
	coverage: Coverage;
	class: FidelityClass;
}

export interface ToolCall {
	id: string;
	/** Name as the harness wrote it (Read, exec_command, read, mcp__server__tool…). */
	name: string;
	argsHash: string;
	target?: string;
	isError?: boolean;
	editPreHash?: string;
	editPostHash?: string;
	skillName?: string;
	replacedTools?: string[];
	collapsedCalls?: number;
}

export interface SubagentInfo {
	isSidechain: boolean;
	parentToolUseId?: string;
	agentId?: string;
	parentAgentId?: string;
	subagentType?: string;
	description?: string;
}

export interface TurnRecord {
	v: 1;
	source: SourceKind;
	sessionId: string;
	messageId: string;
	/**
	 * Claude Code `requestId` of the response (ours). With `messageId` it is the response key
	 * that identifies a copy of the response in another (resumed or forked) session.
	 */
	requestId?: string;
	turnIndex: number;
	/** ISO time of the first line of the response; '' when unknown (undated). */
	ts: string;
	model: string;
	usage: Usage;
	toolCalls: ToolCall[];
	sessionPath?: string;
	/** Working directory. */
	project?: string;
	/** Canonical git remote key (host/path). */
	projectKey?: string;
	/** Git root of the working directory (ours; relayburn has none). */
	gitRoot?: string;
	filesTouched?: string[];
	subagent?: SubagentInfo;
	stopReason?: string;
	activity?: string;
	retries?: number;
	hasEdits?: boolean;
	fidelity?: Fidelity;
	/**
	 * Ours: the response carried no usage (an aborted Codex task, `info: null` or no
	 * `token_count` at all; an OpenCode assistant message whose tokens are all absent or
	 * zero). Its usage is all zeros. It is not a turn (PRODUCT.md Contracts): reports count it
	 * as `aborted`, never in `turns`, never as a timeline row. A later version of the same
	 * response that did get usage comes without the flag and replaces it.
	 */
	aborted?: true;
	/** The agent's own cost of the response in USD (pi `usage.cost.total`), kept beside ours (ours). */
	agentCost?: number;
	/** Reader version that produced the record (ours). */
	rv?: number;
}

export interface UserTurnBlock {
	kind: 'tool_result' | 'text';
	toolUseId?: string;
	byteLen: number;
	approxTokens: number;
	isError?: boolean;
}

export interface UserTurnRecord {
	v: 1;
	source: SourceKind;
	sessionId: string;
	userUuid: string;
	ts: string;
	precedingMessageId?: string;
	followingMessageId?: string;
	blocks: UserTurnBlock[];
	rv?: number;
}

export type ToolResultStatus = 'running' | 'completed' | 'errored' | 'cancelled' | 'unknown';

export interface ToolResultEventRecord {
	v: 1;
	source: SourceKind;
	sessionId: string;
	messageId?: string;
	toolUseId: string;
	callIndex?: number;
	eventIndex: number;
	ts?: string;
	status: ToolResultStatus;
	eventSource:
		| 'tool_result'
		| 'subagent_notification'
		| 'queue_event'
		| 'progress_event'
		| 'function_call_output';
	contentLength?: number;
	contentHash?: string;
	isError?: boolean;
	subagentSessionId?: string;
	agentId?: string;
	replacedTools?: string[];
	collapsedCalls?: number;
	rv?: number;
}

export interface RelationshipRecord {
	v: 1;
	source: string;
	/** The child. */
	sessionId: string;
	relatedSessionId?: string;
	relationshipType: 'root' | 'continuation' | 'fork' | 'subagent';
	ts?: string;
	sourceSessionId?: string;
	sourceVersion?: string;
	parentToolUseId?: string;
	agentId?: string;
	subagentType?: string;
	description?: string;
	rv?: number;
}

export interface CompactionRecord {
	v: 1;
	source: SourceKind;
	sessionId: string;
	ts: string;
	precedingMessageId?: string;
	tokensBeforeCompact?: number;
	/** Thread (agent id) the compaction happened in, when not the main thread (ours). */
	agentId?: string;
	rv?: number;
}

export interface ContentRecord {
	v: 1;
	source: SourceKind;
	sessionId: string;
	messageId: string;
	ts: string;
	role: 'user' | 'assistant' | 'tool_result';
	kind: 'text' | 'thinking' | 'tool_use' | 'tool_result';
	text?: string;
	toolUse?: {id: string; name: string; input: unknown};
	toolResult?: {toolUseId: string; content: unknown; isError?: boolean};
}

export type LedgerRecord =
	| {kind: 'turn'; record: TurnRecord}
	| {kind: 'user_turn'; record: UserTurnRecord}
	| {kind: 'tool_result_event'; record: ToolResultEventRecord}
	| {kind: 'relationship'; record: RelationshipRecord}
	| {kind: 'compaction'; record: CompactionRecord};

export type RecordKind = LedgerRecord['kind'];

/** Counts of input a reader skipped: told to the user once, never fatal. */
export interface SkipCounts {
	/** Lines that were not valid JSON (or not an object). */
	badLines: number;
	/** Usage fields that were not a non-negative integer (counted as 0). */
	badFields: number;
	/** Lines longer than the reader's limit. */
	hugeLines: number;
	/** Files that could not be read. */
	unreadableFiles: number;
}

export const emptySkips = (): SkipCounts => ({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});

export function addSkips(into: SkipCounts, from: SkipCounts): void {
	into.badLines += from.badLines;
	into.badFields += from.badFields;
	into.hugeLines += from.hugeLines;
	into.unreadableFiles += from.unreadableFiles;
}

/** The thread a turn belongs to: '' for the main thread, else the subagent's id. */
export function threadIdOf(turn: TurnRecord): string {
	const sub = turn.subagent;
	if (!sub || !sub.isSidechain) return '';
	return sub.agentId ?? sub.parentToolUseId ?? 'sidechain';
}
