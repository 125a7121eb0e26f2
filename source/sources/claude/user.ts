import type {UserTurnBlock} from '../../core/records.js';
import {estimateTokens} from '../estimate.js';
import type {JsonTextMeasure} from '../json-text.js';
import {arr, measuredText, obj, str, type RawContents} from './line.js';
import {replacementMetaOf, type ReplacementMeta} from './tools.js';

export interface ToolResultBlock {
	toolUseId: string;
	/** Raw content (for the content sidecar). */
	content: unknown;
	/** Content as measured: the string, or JSON of structured content; '' when absent (and when `measured`). */
	text: string;
	/** A string content measured from the line's bytes (parseLine's raws): its length and hash. */
	measured?: {length: number; hash: string};
	/** Whether the content was absent (null/undefined): then no length or hash is recorded. */
	absent: boolean;
	isError: boolean;
	meta?: ReplacementMeta;
}

export interface UserContent {
	blocks: UserTurnBlock[];
	results: ToolResultBlock[];
	/** Text pieces in order (string content, or each non-empty text block). */
	texts: string[];
}

function measured(kind: UserTurnBlock['kind'], text: string | JsonTextMeasure, toolUseId?: string, isError?: boolean): UserTurnBlock {
	const b: UserTurnBlock =
		typeof text === 'string' ? {kind, byteLen: Buffer.byteLength(text, 'utf8'), approxTokens: estimateTokens(text)} : {kind, byteLen: text.bytes, approxTokens: text.tokens};
	if (toolUseId !== undefined) b.toolUseId = toolUseId;
	if (isError) b.isError = true;
	return b;
}

/**
 * The measurable blocks of a user message (data-formats §3.6); images and others ignored.
 * `raws`: tool results whose string content parseLine measured from the line's bytes (by index).
 */
export function readUserContent(content: unknown, raws?: RawContents): UserContent {
	const out: UserContent = {blocks: [], results: [], texts: []};
	if (typeof content === 'string') {
		if (content.length > 0) {
			out.blocks.push(measured('text', content));
			out.texts.push(content);
		}
		return out;
	}
	const list = arr(content) ?? [];
	for (let i = 0; i < list.length; i++) {
		const b = obj(list[i]);
		if (!b) continue;
		if (b.type === 'tool_result') {
			const id = str(b.tool_use_id);
			if (!id) continue;
			const raw = raws?.get(i);
			if (raw) {
				const isError = b.is_error === true;
				const m = raw.measure;
				out.blocks.push(measured('tool_result', m, id, isError));
				const r: ToolResultBlock = {toolUseId: id, content: raw.sidecar, text: '', measured: {length: m.units, hash: m.hash}, absent: false, isError};
				const meta = replacementMetaOf(b);
				if (meta) r.meta = meta;
				out.results.push(r);
				continue;
			}
			const text = measuredText(b.content);
			const isError = b.is_error === true;
			out.blocks.push(measured('tool_result', text, id, isError));
			const r: ToolResultBlock = {toolUseId: id, content: b.content, text, absent: b.content === undefined || b.content === null, isError};
			const meta = replacementMetaOf(b);
			if (meta) r.meta = meta;
			out.results.push(r);
		} else if (b.type === 'text' && typeof b.text === 'string' && b.text.length > 0) {
			out.blocks.push(measured('text', b.text));
			out.texts.push(b.text);
		}
	}
	return out;
}

const RESUME = /^\/(?:resume|continue)(?![\w-])(?:\s+(\S+))?/i;
const COMMAND = /<command-name>\s*\/(?:resume|continue)\s*<\/command-name>/i;
const COMMAND_ARGS = /<command-args>\s*(\S+?)\s*<\/command-args>/i;

/**
 * A `/resume` or `/continue` marker in a user prompt: undefined when there is none, else the
 * session id it names ('' when none). Also the `<command-name>` form older versions log.
 */
export function resumeMarker(text: string): string | undefined {
	const t = text.trim();
	const m = RESUME.exec(t);
	if (m) return m[1] ?? '';
	if (COMMAND.test(t)) return COMMAND_ARGS.exec(t)?.[1] ?? '';
	return undefined;
}
