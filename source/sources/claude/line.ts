/** Cheap byte-level checks and typed accessors for Claude Code transcript lines. */

export type Json = Record<string, unknown>;

const TYPE_KEY = Buffer.from('"type"');
const WANTED: readonly Buffer[] = ['"assistant"', '"user"', '"system"'].map((w) => Buffer.from(w));

function isSpace(b: number | undefined): boolean {
	return b === 0x20 || b === 0x09;
}

/**
 * Whether the line may be one of the types the reader uses: some `"type"` key followed
 * (spaces allowed) by `"assistant"`, `"user"` or `"system"`. A string value cannot fake
 * this: quotes inside JSON strings are escaped. Other line types are never parsed.
 */
export function mayMatter(bytes: Buffer): boolean {
	let at = bytes.indexOf(TYPE_KEY);
	while (at !== -1) {
		let i = at + TYPE_KEY.length;
		while (isSpace(bytes[i])) i++;
		if (bytes[i] === 0x3a) {
			i++;
			while (isSpace(bytes[i])) i++;
			for (const word of WANTED) {
				const end = i + word.length;
				if (end <= bytes.length && bytes.compare(word, 0, word.length, i, end) === 0) return true;
			}
		}
		at = bytes.indexOf(TYPE_KEY, at + TYPE_KEY.length);
	}
	return false;
}

/** A line that cannot be a JSON object at all (binary junk, a torn write). */
export function plainlyBroken(bytes: Buffer): boolean {
	let a = 0;
	while (a < bytes.length && (isSpace(bytes[a]) || bytes[a] === 0x0d)) a++;
	let b = bytes.length - 1;
	while (b > a && (isSpace(bytes[b]) || bytes[b] === 0x0d)) b--;
	return a >= bytes.length || bytes[a] !== 0x7b || bytes[b] !== 0x7d;
}

/** Parses a line into an object; undefined for invalid JSON or a non-object. */
export function parseObject(bytes: Buffer): Json | undefined {
	try {
		const v: unknown = JSON.parse(bytes.toString('utf8'));
		return isObject(v) ? v : undefined;
	} catch {
		return undefined;
	}
}

export function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string, else undefined. */
export function str(v: unknown): string | undefined {
	return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The first non-empty string among the given keys of `o`. */
export function firstStr(o: Json, keys: readonly string[]): string | undefined {
	for (const k of keys) {
		const s = str(o[k]);
		if (s !== undefined) return s;
	}
	return undefined;
}

export function obj(v: unknown): Json | undefined {
	return isObject(v) ? v : undefined;
}

export function arr(v: unknown): unknown[] | undefined {
	return Array.isArray(v) ? v : undefined;
}

/** Content as the text that was measured: strings as-is, other values JSON, null/undefined as ''. */
export function measuredText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (content === undefined || content === null) return '';
	try {
		return JSON.stringify(content) ?? '';
	} catch {
		return '';
	}
}

/** Plain text of a user message: the string content, or its text blocks joined by newlines. */
export function plainText(content: unknown): string {
	if (typeof content === 'string') return content;
	const blocks = arr(content);
	if (!blocks) return '';
	const parts: string[] = [];
	for (const b of blocks) {
		const o = obj(b);
		if (o && o.type === 'text' && typeof o.text === 'string') parts.push(o.text);
	}
	return parts.join('\n');
}

/** Where a line sits: its session, thread and the fields every record takes from it. */
export interface LineCtx {
	o: Json;
	sessionId?: string;
	uuid?: string;
	parentUuid?: string;
	/** `timestamp`, '' when absent. */
	ts: string;
	isSidechain: boolean;
	/** agentId of a subagent-transcript line (modern Claude Code: isSidechain and agentId). */
	agentId?: string;
}
