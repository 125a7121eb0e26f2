/** Cheap byte-level checks and typed accessors for Claude Code transcript lines. */
import {membersOf, rootOf, skipWs} from '../../core/raw-json.js';

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

const TOOL_USE_RESULT = 'toolUseResult';
const TOOL_USE_RESULT_KEY = Buffer.from(`"${TOOL_USE_RESULT}"`);

/**
 * parseObject for transcript lines. A tool result's line repeats the tool's output in a
 * top-level `toolUseResult`, often half the line, of which the reader uses only `agentId`:
 * that member is cut out before JSON.parse and replaced by `{agentId}` (when it is an object
 * with a string agentId; left out when not an object). A line whose structure does not close
 * (a torn write), that holds `toolUseResult` twice or writes keys with escapes is parsed whole,
 * and its toolUseResult reduced the same way. The cut value is not validated: a line whose
 * only damage is inside a toolUseResult that still closes is read (JSON.parse of the whole
 * line would have dropped it as a bad line).
 */
export function parseLine(bytes: Buffer): Json | undefined {
	if (bytes.indexOf(TOOL_USE_RESULT_KEY) === -1) return parseObject(bytes);
	const root = rootOf(bytes);
	const found = root ? membersOf(bytes, root[0], TOOL_USE_RESULT) : undefined;
	if (!found) return whole(bytes);
	const {members} = found;
	let k = -1;
	for (let j = 0; j < members.length; j++) {
		if (!members[j]!.match) continue;
		if (k >= 0) return whole(bytes);
		k = j;
	}
	if (k < 0) return whole(bytes);
	// Nothing but spaces may follow the object (else JSON.parse of the whole line fails).
	if (skipWs(bytes, found.end) !== bytes.length) return undefined;
	const m = members[k]!;
	// The cut takes the member with the comma before it (or, first, the comma after it).
	const next = members[k + 1];
	const [cutFrom, cutTo] = k > 0 ? [members[k - 1]!.valueEnd, m.valueEnd] : next ? [m.keyStart, next.keyStart] : [m.keyStart, m.valueEnd];
	let agentId: string | undefined;
	if (bytes[m.valueStart] === 0x7b) {
		const inner = membersOf(bytes, m.valueStart, 'agentId');
		if (!inner) return whole(bytes);
		const ids = inner.members.filter((x) => x.match);
		const last = ids[ids.length - 1];
		if (last && bytes[last.valueStart] === 0x22) {
			const id = parseText(bytes.toString('utf8', last.valueStart, last.valueEnd));
			if (typeof id === 'string') agentId = id;
		}
	}
	const o = parseText(bytes.toString('utf8', 0, cutFrom) + bytes.toString('utf8', cutTo));
	if (!isObject(o)) return undefined;
	// A non-object toolUseResult (an error message) is left out: the reader reads objects only.
	if (bytes[m.valueStart] === 0x7b) o[TOOL_USE_RESULT] = agentId === undefined ? {} : {agentId};
	return o;
}

/** The whole line parsed, its toolUseResult reduced as parseLine does (one shape either way). */
function whole(bytes: Buffer): Json | undefined {
	const o = parseObject(bytes);
	if (!o || !(TOOL_USE_RESULT in o)) return o;
	const t = o[TOOL_USE_RESULT];
	if (isObject(t)) o[TOOL_USE_RESULT] = typeof t.agentId === 'string' ? {agentId: t.agentId} : {};
	else delete o[TOOL_USE_RESULT];
	return o;
}

function parseText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
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
