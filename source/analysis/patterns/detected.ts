/** A detector row with the claims behind its cost and the session it belongs to (internal). */
import type {Claim} from './claims.js';
import type {SessionCtx} from './context.js';

export interface Detected<T> {
	row: T;
	ctx: SessionCtx;
	claims: Claim[];
}

/** Content helpers: the text of a tool result or a tool input from the content sidecar. */
export function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((b) => (b && typeof b === 'object' && typeof (b as {text?: unknown}).text === 'string' ? (b as {text: string}).text : ''))
			.filter(Boolean)
			.join('\n');
	}
	return '';
}

/** First non-empty trimmed line, at most `max` characters (`…` when cut). */
export function firstLine(text: string, max = 240): string | undefined {
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line) return line.length > max ? `${line.slice(0, max - 1)}…` : line;
	}
	return undefined;
}

export function clip(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Tool results by tool-use id, from a session's content records. */
export function resultTexts(ctx: SessionCtx): Map<string, string> {
	const out = new Map<string, string>();
	for (const r of ctx.content) {
		if (r.kind === 'tool_result' && r.toolResult?.toolUseId) out.set(r.toolResult.toolUseId, contentText(r.toolResult.content));
	}
	return out;
}

/** Tool inputs by tool-use id, from a session's content records. */
export function toolInputs(ctx: SessionCtx): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const r of ctx.content) if (r.kind === 'tool_use' && r.toolUse?.id) out.set(r.toolUse.id, r.toolUse.input);
	return out;
}
