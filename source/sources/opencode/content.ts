import type {ContentRecord} from '../../core/records.js';
import {str} from './json.js';
import {readToolPart} from './tools.js';
import type {OcPart} from './types.js';

interface Where {
	sessionId: string;
	messageId: string;
	ts: string;
}

function base(w: Where, role: ContentRecord['role'], kind: ContentRecord['kind']): ContentRecord {
	return {v: 1, source: 'opencode', sessionId: w.sessionId, messageId: w.messageId, ts: w.ts, role, kind};
}

/** User text parts, synthetic ones (harness-injected) excluded. */
export function userContent(w: Where, parts: readonly OcPart[]): ContentRecord[] {
	const out: ContentRecord[] = [];
	for (const p of parts) {
		const text = p.data.type === 'text' && p.data.synthetic !== true ? str(p.data.text) : undefined;
		if (text) out.push({...base(w, 'user', 'text'), text});
	}
	return out;
}

/** Assistant text, reasoning (as thinking), and each tool call with its result. */
export function assistantContent(w: Where, parts: readonly OcPart[]): ContentRecord[] {
	const out: ContentRecord[] = [];
	for (const p of parts) {
		const d = p.data;
		if (d.type === 'text' && d.synthetic !== true) {
			const text = str(d.text);
			if (text) out.push({...base(w, 'assistant', 'text'), text});
		} else if (d.type === 'reasoning') {
			const text = str(d.text);
			if (text) out.push({...base(w, 'assistant', 'thinking'), text});
		} else if (d.type === 'tool') {
			const tool = readToolPart(d);
			if (!tool) continue;
			out.push({...base(w, 'assistant', 'tool_use'), toolUse: {id: tool.call.id, name: tool.call.name, input: tool.input}});
			if (tool.result) {
				out.push({
					...base(w, 'tool_result', 'tool_result'),
					toolResult: {
						toolUseId: tool.call.id,
						content: tool.result.content,
						...(tool.result.isError ? {isError: true} : {}),
					},
				});
			}
		}
	}
	return out;
}
