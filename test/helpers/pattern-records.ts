import type {LedgerRecord, SourceKind, ToolResultEventRecord} from '../../source/core/records.js';

let eventSeq = 0;

/** A tool-result event for a call (event indexes increase across the test file). */
export const event = (
	toolUseId: string,
	status: ToolResultEventRecord['status'],
	o: {session?: string; source?: SourceKind; eventSource?: ToolResultEventRecord['eventSource']; contentLength?: number} = {},
): LedgerRecord => ({
	kind: 'tool_result_event',
	record: {
		v: 1,
		source: o.source ?? 'claude-code',
		sessionId: o.session ?? 's1',
		toolUseId,
		eventIndex: eventSeq++,
		status,
		eventSource: o.eventSource ?? 'tool_result',
		...(status === 'errored' ? {isError: true} : {}),
		...(o.contentLength !== undefined ? {contentLength: o.contentLength} : {}),
	},
});

/** A compaction record. */
export const compaction = (ts: string, o: {session?: string; preceding?: string; tokens?: number; source?: SourceKind} = {}): LedgerRecord => ({
	kind: 'compaction',
	record: {
		v: 1,
		source: o.source ?? 'claude-code',
		sessionId: o.session ?? 's1',
		ts,
		...(o.preceding ? {precedingMessageId: o.preceding} : {}),
		...(o.tokens !== undefined ? {tokensBeforeCompact: o.tokens} : {}),
	},
});
