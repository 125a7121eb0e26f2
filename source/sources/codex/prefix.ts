/**
 * Cheap classification of a rollout line from its first bytes, before any JSON.parse, so
 * that big lines of types the reader ignores (streamed deltas, turn diffs, encrypted
 * reasoning, developer instructions, compaction histories…) cost almost nothing. Only the
 * canonical shape `{"timestamp":"…","type":"…","payload":{"type":"…"` is trusted; anything
 * else is parsed in full.
 */

const HEAD_BYTES = 512;
const WRAPPED = /^\{\s*"timestamp"\s*:\s*"([^"\\]*)"\s*,\s*"type"\s*:\s*"([A-Za-z_]+)"\s*(,\s*"payload"\s*:\s*\{\s*"type"\s*:\s*"([A-Za-z_]+)")?/;
const ROLE = /^\s*,\s*"role"\s*:\s*"([a-z]+)"/;

/** event_msg payload types the reader uses (plus `subagent_*` / `collab_*`). */
const EVENTS = new Set([
	'token_count',
	'task_started',
	'turn_started',
	'task_complete',
	'turn_complete',
	'turn_aborted',
	'exec_command_end',
	'patch_apply_end',
	'mcp_tool_call_end',
	'user_message',
	'context_compacted',
]);

/** response_item payload types the reader uses (`reasoning` only for content capture). */
const ITEMS = new Set([
	'message',
	'function_call',
	'function_call_output',
	'custom_tool_call',
	'custom_tool_call_output',
	'local_shell_call',
	'web_search_call',
]);

const TOP = new Set(['session_meta', 'turn_context', 'event_msg', 'response_item', 'compacted']);

export type Verdict =
	| {kind: 'skip'}
	| {kind: 'parse'}
	/** A `compacted` line: only its timestamp matters. */
	| {kind: 'compacted'; ts: string};

export function classify(bytes: Buffer, wantReasoning: boolean): Verdict {
	if (bytes.length === 0) return {kind: 'skip'};
	const head = bytes.subarray(0, HEAD_BYTES).toString('latin1');
	if (/^\{\s*"record_type"\s*:/.test(head)) return {kind: 'skip'};
	const m = WRAPPED.exec(head);
	if (!m) return {kind: 'parse'};
	const top = m[2]!;
	if (!TOP.has(top)) return {kind: 'skip'};
	if (top === 'compacted') return {kind: 'compacted', ts: m[1]!};
	const sub = m[4];
	if (sub === undefined) return {kind: 'parse'};
	if (top === 'event_msg') {
		return EVENTS.has(sub) || sub.startsWith('subagent_') || sub.startsWith('collab_') ? {kind: 'parse'} : {kind: 'skip'};
	}
	if (top === 'response_item') {
		if (sub === 'reasoning') return wantReasoning ? {kind: 'parse'} : {kind: 'skip'};
		if (!ITEMS.has(sub)) return {kind: 'skip'};
		if (sub === 'message') {
			const role = ROLE.exec(head.slice(m[0].length))?.[1];
			if (role === 'developer' || role === 'system') return {kind: 'skip'};
		}
	}
	return {kind: 'parse'};
}
