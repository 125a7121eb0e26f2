import type {ToolResultEventRecord} from '../../core/records.js';
import {contentHash} from '../hash.js';
import {READER_VERSION} from '../reader.js';
import {LIMITS, lastN, type ClaudeState} from './state.js';

/** Tool-result events with a per-call counter (callIndex) and a per-file one (eventIndex). */
export class Events {
	private readonly calls: Map<string, number>;

	constructor(private readonly s: ClaudeState) {
		this.calls = new Map(s.calls ?? []);
	}

	next(
		sessionId: string,
		toolUseId: string,
		status: ToolResultEventRecord['status'],
		eventSource: ToolResultEventRecord['eventSource'],
		at: {uuid?: string; ts: string},
		/** The content as measured, or its length and hash already taken (json-text.ts). */
		text: string | {length: number; hash: string} | undefined,
	): ToolResultEventRecord {
		const callIndex = this.calls.get(toolUseId) ?? 0;
		this.calls.delete(toolUseId);
		this.calls.set(toolUseId, callIndex + 1);
		const ev: ToolResultEventRecord = {v: 1, source: 'claude-code', sessionId, toolUseId, callIndex, eventIndex: this.s.events++, status, eventSource};
		if (at.uuid) ev.messageId = at.uuid;
		if (at.ts) ev.ts = at.ts;
		if (text !== undefined) {
			ev.contentLength = text.length;
			ev.contentHash = typeof text === 'string' ? contentHash(text) : text.hash;
		}
		if (status === 'errored') ev.isError = true;
		ev.rv = READER_VERSION;
		return ev;
	}

	save(): void {
		const calls = lastN(this.calls.entries(), LIMITS.calls);
		this.s.calls = calls.length > 0 ? calls : undefined;
	}
}
