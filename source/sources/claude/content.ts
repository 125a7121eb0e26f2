import type {ContentRecord} from '../../core/records.js';
import {obj, str, type Json} from './line.js';
import type {UserContent} from './user.js';

interface Where {
	sessionId: string;
	messageId: string;
	ts: string;
}

/** Sidecar records of a user line: its texts, then its tool results (data-formats §3.13). */
export function userContent(at: Where, c: UserContent): ContentRecord[] {
	const out: ContentRecord[] = [];
	for (const text of c.texts) out.push({v: 1, source: 'claude-code', ...at, role: 'user', kind: 'text', text});
	for (const r of c.results) {
		const toolResult: NonNullable<ContentRecord['toolResult']> = {toolUseId: r.toolUseId, content: r.content ?? ''};
		if (r.isError) toolResult.isError = true;
		out.push({v: 1, source: 'claude-code', ...at, role: 'tool_result', kind: 'tool_result', toolResult});
	}
	return out;
}

/** Sidecar record of one assistant content block; undefined for empty text and other kinds. */
export function assistantContent(at: Where, block: Json): ContentRecord | undefined {
	const base = {v: 1 as const, source: 'claude-code' as const, ...at, role: 'assistant' as const};
	if (block.type === 'text' && str(block.text)) return {...base, kind: 'text', text: block.text as string};
	if (block.type === 'thinking' && str(block.thinking)) return {...base, kind: 'thinking', text: block.thinking as string};
	if (block.type === 'tool_use') {
		const id = str(block.id);
		const name = str(block.name);
		if (id && name) return {...base, kind: 'tool_use', toolUse: {id, name, input: obj(block.input) ?? block.input ?? {}}};
	}
	return undefined;
}
