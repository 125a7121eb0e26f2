/**
 * The shapes the readers share when they emit a response: its fidelity, the fields that follow
 * its usage and tool calls, which call each tool-use id belongs to, a tool-result event, the user
 * turn gathered before it, and a token count read from a log.
 * Every helper writes its fields in the one order the readers always used, so a ledger line is
 * byte for byte what it was. No I/O.
 */
import {COVERAGE_KEYS, isEmptyUsage, type Coverage, type Fidelity, type SkipCounts, type SourceKind, type SubagentInfo, type ToolCall, type ToolResultEventRecord, type TurnRecord, type UserTurnBlock, type UserTurnRecord} from '../core/records.js';
import {estimateTokens} from './estimate.js';
import {READER_VERSION} from './reader.js';

/** A fidelity whose coverage flags are all true except those `flags` sets. */
export function fidelityOf(granularity: Fidelity['granularity'], cls: Fidelity['class'], flags: Partial<Coverage> = {}): Fidelity {
	const coverage = {} as Coverage;
	for (const k of COVERAGE_KEYS) coverage[k] = flags[k] ?? true;
	return {granularity, coverage, class: cls};
}

/** What follows a turn's usage and tool calls; absent or empty fields are not written. */
export interface TurnTail {
	project?: string | undefined;
	files?: readonly string[] | undefined;
	edits?: boolean;
	subagent?: SubagentInfo | undefined;
	requestId?: string | undefined;
	stopReason?: string | undefined;
	agentCost?: number | undefined;
	fidelity: Fidelity;
	/** Mark a turn without any token as aborted (default true). */
	markAborted?: boolean;
}

/** Completes a turn: project, files, edits, subagent, request id, stop reason, own cost, fidelity, aborted, reader version. */
export function finishTurn(t: TurnRecord, tail: TurnTail): TurnRecord {
	if (tail.project) t.project = tail.project;
	if (tail.files && tail.files.length > 0) t.filesTouched = [...tail.files];
	if (tail.edits) t.hasEdits = true;
	if (tail.subagent) t.subagent = tail.subagent;
	if (tail.requestId) t.requestId = tail.requestId;
	if (tail.stopReason) t.stopReason = tail.stopReason;
	if (tail.agentCost !== undefined) t.agentCost = tail.agentCost;
	t.fidelity = tail.fidelity;
	if (tail.markAborted !== false && isEmptyUsage(t.usage)) t.aborted = true;
	t.rv = READER_VERSION;
	return t;
}

/** Tool-use id → the response that made the call and the call's index in it. */
export type CallOwners = Record<string, [string, number]>;

export function ownersOf(messageId: string, calls: readonly ToolCall[]): CallOwners {
	const out: CallOwners = {};
	calls.forEach((c, i) => (out[c.id] = [messageId, i]));
	return out;
}

/** A completed or errored tool result, owned by the call that asked for it when known. */
export function resultEvent(
	source: SourceKind,
	sessionId: string,
	toolUseId: string,
	eventIndex: number,
	r: {failed: boolean; contentLength: number; owner?: [string, number] | undefined; ts?: string | undefined},
): ToolResultEventRecord {
	const ev: ToolResultEventRecord = {
		v: 1,
		source,
		sessionId,
		toolUseId,
		eventIndex,
		status: r.failed ? 'errored' : 'completed',
		eventSource: 'tool_result',
		contentLength: r.contentLength,
		rv: READER_VERSION,
	};
	if (r.owner) {
		ev.messageId = r.owner[0];
		ev.callIndex = r.owner[1];
	}
	if (r.ts) ev.ts = r.ts;
	if (r.failed) ev.isError = true;
	return ev;
}

/** A block of a user turn (a prompt's text or a tool result), sized in bytes and estimated tokens. */
export function userBlock(kind: UserTurnBlock['kind'], text: string, toolUseId?: string, isError?: boolean): UserTurnBlock {
	const b: UserTurnBlock = {kind, byteLen: Buffer.byteLength(text, 'utf8'), approxTokens: estimateTokens(text)};
	if (toolUseId) b.toolUseId = toolUseId;
	if (isError) b.isError = true;
	return b;
}

/** What a reader gathers between two responses: the prompt and the tool results the next one reads. */
export interface PendingUserTurn {
	uuid: string;
	ts: string;
	blocks: UserTurnBlock[];
}

/** The user turn of the gathered blocks (undefined when there are none), between `preceding` and `following`. */
export function pendingUserTurn(source: SourceKind, sessionId: string, p: PendingUserTurn | undefined, preceding?: string, following?: string): UserTurnRecord | undefined {
	if (!p || p.blocks.length === 0) return undefined;
	const rec: UserTurnRecord = {v: 1, source, sessionId, userUuid: p.uuid, ts: p.ts, blocks: p.blocks.map((b) => ({...b})), rv: READER_VERSION};
	if (preceding) rec.precedingMessageId = preceding;
	if (following) rec.followingMessageId = following;
	return rec;
}

/** A token count: absent is 0; anything but a finite non-negative number is 0 and counted as a bad field. */
export function tokenCount(v: unknown, skips: SkipCounts): number {
	if (v === undefined || v === null) return 0;
	if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.round(v);
	skips.badFields++;
	return 0;
}
