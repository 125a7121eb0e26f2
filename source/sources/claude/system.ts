import type {ToolResultStatus} from '../../core/records.js';
import {firstStr, measuredText, obj, type Json} from './line.js';

/** A subagent notification on a `system` line (data-formats §3.7). */
export interface Notification {
	sessionId: string;
	toolUseId: string;
	agentId?: string;
	subagentSessionId?: string;
	status: ToolResultStatus;
	isError: boolean;
	/** Measured content, when the line carries any. */
	text?: string;
}

const STATUS: ReadonlyArray<[ToolResultStatus, readonly string[]]> = [
	['completed', ['completed', 'complete', 'success', 'succeeded', 'done']],
	['errored', ['error', 'errored', 'failed', 'failure']],
	['running', ['running', 'in_progress', 'queued', 'pending', 'started']],
	['cancelled', ['cancelled', 'canceled', 'aborted']],
];

function statusOf(o: Json): {status: ToolResultStatus; isError: boolean} {
	if (o.is_error === true || o.isError === true) return {status: 'errored', isError: true};
	for (const key of ['status', 'state', 'result', 'terminal_status', 'terminalStatus']) {
		const v = o[key];
		if (typeof v !== 'string') continue;
		const s = v.trim().toLowerCase();
		for (const [status, words] of STATUS) if (words.includes(s)) return {status, isError: status === 'errored'};
	}
	if (o.success === true) return {status: 'completed', isError: false};
	if (o.success === false) return {status: 'errored', isError: true};
	return {status: 'unknown', isError: false};
}

export function notificationOf(o: Json): Notification | undefined {
	if (o.isSidechain === true) return undefined;
	const sessionId = firstStr(o, ['sessionId', 'session_id']);
	const toolUseId = firstStr(o, ['parent_tool_use_id', 'parentToolUseId', 'parentToolUseID', 'tool_use_id', 'toolUseId']);
	const agentId = firstStr(o, ['agent_id', 'agentId']);
	const subagentSessionId = firstStr(o, ['subagent_session_id', 'subagentSessionId']);
	if (!sessionId || !toolUseId || (!agentId && !subagentSessionId)) return undefined;
	const n: Notification = {sessionId, toolUseId, ...statusOf(o)};
	if (agentId) n.agentId = agentId;
	if (subagentSessionId) n.subagentSessionId = subagentSessionId;
	for (const key of ['content', 'output', 'result', 'message']) {
		if (o[key] !== undefined && o[key] !== null) {
			n.text = measuredText(o[key]);
			break;
		}
	}
	return n;
}

/** `compactMetadata.preTokens` (or snake_case), when a valid count. */
export function preTokensOf(o: Json): number | undefined {
	const meta = obj(o.compactMetadata) ?? obj(o.compact_metadata);
	const v = meta?.preTokens ?? meta?.pre_tokens;
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}
