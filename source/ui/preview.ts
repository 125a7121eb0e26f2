import type {ContentRecord} from '../core/records.js';
import {sanitize} from '../report/format.js';
import {estimateTokens} from '../sources/estimate.js';
import {wrapHanging} from './hang-wrap.js';

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((b) => (b && typeof b === 'object' && typeof (b as {text?: unknown}).text === 'string' ? (b as {text: string}).text : ''))
			.join('\n');
	}
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

/** The first non-empty lines of a tool call's result text, sanitised for the terminal. */
export function resultPreview(content: ContentRecord[] | undefined, toolUseId: string, maxLines: number, width: number): {lines: string[]; tokens?: number} {
	if (!content) return {lines: []};
	const rec = content.find((r) => r.kind === 'tool_result' && r.toolResult?.toolUseId === toolUseId);
	if (!rec?.toolResult) return {lines: []};
	const text = textOf(rec.toolResult.content);
	const lines: string[] = [];
	for (const raw of text.split('\n')) {
		const line = sanitize(raw).trimEnd();
		if (!line.trim()) continue;
		lines.push(line.length > width ? `${line.slice(0, width - 1)}…` : line);
		if (lines.length >= maxLines) break;
	}
	return {lines, tokens: estimateTokens(text)};
}

/** The whole result text of a call, sanitised, long lines wrapped at `width` under their own indent (the turn screen's pager). */
export function resultText(content: ContentRecord[] | undefined, toolUseId: string, width: number): {lines: string[]; tokens?: number} {
	if (!content) return {lines: []};
	const rec = content.find((r) => r.kind === 'tool_result' && r.toolResult?.toolUseId === toolUseId);
	if (!rec?.toolResult) return {lines: []};
	const text = textOf(rec.toolResult.content);
	const room = Math.max(10, width);
	const lines: string[] = [];
	for (const raw of text.split('\n')) {
		const line = sanitize(raw).trimEnd();
		if (!line.trim()) continue;
		lines.push(...wrapHanging(line, room));
	}
	return {lines, tokens: estimateTokens(text)};
}

const lineCount = (v: unknown): number => (typeof v === 'string' && v.length ? v.split('\n').length : 0);

/**
 * An edit's size from its input (content sidecar): `−3 +5 lines` for Edit/MultiEdit (old and
 * new strings), `+40 lines` for a whole-file Write; '' when the call is not an edit or its
 * input was not kept.
 */
export function editSize(content: ContentRecord[] | undefined, toolUseId: string): string {
	const rec = content?.find((r) => r.kind === 'tool_use' && r.toolUse?.id === toolUseId);
	const input = rec?.toolUse?.input;
	if (!input || typeof input !== 'object') return '';
	const i = input as Record<string, unknown>;
	const edits = Array.isArray(i.edits) ? (i.edits as Array<Record<string, unknown>>) : 'old_string' in i || 'new_string' in i ? [i] : [];
	if (edits.length) {
		const minus = edits.reduce((n, e) => n + lineCount(e?.old_string), 0);
		const plus = edits.reduce((n, e) => n + lineCount(e?.new_string), 0);
		return `−${minus} +${plus} lines`;
	}
	if (typeof i.content === 'string' && (typeof i.file_path === 'string' || typeof i.path === 'string')) return `+${lineCount(i.content)} lines`;
	return '';
}
