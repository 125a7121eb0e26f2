/** Cheap byte-level checks and typed accessors for Claude Code transcript lines. */
import {elementsOf, keyIs, membersOf, rootOf, skipWs, RawJsonText, type MemberSpan} from '../../core/raw-json.js';
import {measureJsonText, type JsonTextMeasure} from '../json-text.js';

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

/** A tool result's string content, measured from the line's bytes and cut out before JSON.parse. */
export interface RawToolContent {
	measure: JsonTextMeasure;
	/** For the content sidecar (when asked): the escaped bytes, or the text when they are not JSON.stringify's. */
	sidecar?: RawJsonText | string;
}

/** Cut contents by their index in `message.content`; their values parse as ''. */
export type RawContents = Map<number, RawToolContent>;

const TOOL_RESULT_VALUE = Buffer.from('"tool_result"');
const [MESSAGE, CONTENT, TYPE] = ['message', 'content', 'type'].map((k) => Buffer.from(k)) as [Buffer, Buffer, Buffer];

/**
 * parseObject for transcript lines. A tool result's line repeats the tool's output in a
 * top-level `toolUseResult`, often half the line, of which the reader uses only `agentId`:
 * that member is cut out before JSON.parse and replaced by `{agentId}` (when it is an object
 * with a string agentId; left out when not an object). A line whose structure does not close
 * (a torn write), that holds `toolUseResult` twice or writes keys with escapes is parsed whole,
 * and its toolUseResult reduced the same way. The cut value is not validated: a line whose
 * only damage is inside a toolUseResult that still closes is read (JSON.parse of the whole
 * line would have dropped it as a bad line).
 *
 * With `raws`, the string `content` of each `tool_result` block of `message.content` is cut
 * out too (its value parses as '') and measured from its escaped bytes (json-text.ts) into
 * `raws`, with what its sidecar needs when `sidecar` is set. A block whose keys repeat, whose
 * content is not a string or whose bytes the measure refuses (bad escape, invalid UTF-8) is
 * parsed as it is.
 */
export function parseLine(bytes: Buffer, raws?: RawContents, sidecar = false): Json | undefined {
	const hasResult = bytes.indexOf(TOOL_USE_RESULT_KEY) !== -1;
	const hasContent = raws !== undefined && bytes.indexOf(TOOL_RESULT_VALUE) !== -1;
	if (!hasResult && !hasContent) return parseObject(bytes);
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
	if (k < 0 && !hasContent) return whole(bytes);
	// Nothing but spaces may follow the object (else JSON.parse of the whole line fails).
	if (skipWs(bytes, found.end) !== bytes.length) return undefined;
	/** [from, to, replacement] in order. */
	const cuts: Array<[number, number, string]> = [];
	if (hasContent) contentCuts(bytes, members, raws, sidecar, cuts);
	let agentId: string | undefined;
	const m = k >= 0 ? members[k]! : undefined;
	if (m) {
		// The cut takes the member with the comma before it (or, first, the comma after it).
		const next = members[k + 1];
		const [cutFrom, cutTo] = k > 0 ? [members[k - 1]!.valueEnd, m.valueEnd] : next ? [m.keyStart, next.keyStart] : [m.keyStart, m.valueEnd];
		if (bytes[m.valueStart] === 0x7b) {
			const inner = membersOf(bytes, m.valueStart, 'agentId');
			if (!inner) {
				raws?.clear();
				return whole(bytes);
			}
			const ids = inner.members.filter((x) => x.match);
			const last = ids[ids.length - 1];
			if (last && bytes[last.valueStart] === 0x22) {
				const id = parseText(bytes.toString('utf8', last.valueStart, last.valueEnd));
				if (typeof id === 'string') agentId = id;
			}
		}
		cuts.push([cutFrom, cutTo, '']);
		cuts.sort((a, b) => a[0] - b[0]);
	}
	let text = '';
	let at = 0;
	for (const [from, to, put] of cuts) {
		text += bytes.toString('utf8', at, from) + put;
		at = to;
	}
	const o = parseText(text + bytes.toString('utf8', at));
	if (!isObject(o)) {
		raws?.clear();
		return undefined;
	}
	// A non-object toolUseResult (an error message) is left out: the reader reads objects only.
	if (m && bytes[m.valueStart] === 0x7b) o[TOOL_USE_RESULT] = agentId === undefined ? {} : {agentId};
	return o;
}

/** The member named `key` when exactly one is; undefined when none or several. */
function onlyMember(bytes: Buffer, members: readonly MemberSpan[], key: Uint8Array): MemberSpan | undefined {
	let found: MemberSpan | undefined;
	for (const m of members) {
		if (!keyIs(bytes, m, key)) continue;
		if (found) return undefined;
		found = m;
	}
	return found;
}

/** Cuts (value → '""') for the string contents of message.content's tool_result blocks, measured into `raws`. */
function contentCuts(bytes: Buffer, top: readonly MemberSpan[], raws: RawContents, sidecar: boolean, cuts: Array<[number, number, string]>): void {
	const message = onlyMember(bytes, top, MESSAGE);
	if (!message || bytes[message.valueStart] !== 0x7b) return;
	const inMessage = membersOf(bytes, message.valueStart, 'content');
	const list = inMessage && onlyMember(bytes, inMessage.members, CONTENT);
	if (!list || bytes[list.valueStart] !== 0x5b) return;
	const blocks = elementsOf(bytes, list.valueStart);
	if (!blocks) return;
	for (let i = 0; i < blocks.elements.length; i++) {
		const [from] = blocks.elements[i]!;
		if (bytes[from] !== 0x7b) continue;
		const block = membersOf(bytes, from, 'content');
		if (!block) continue;
		const type = onlyMember(bytes, block.members, TYPE);
		if (!type || type.valueEnd - type.valueStart !== TOOL_RESULT_VALUE.length || bytes.compare(TOOL_RESULT_VALUE, 0, TOOL_RESULT_VALUE.length, type.valueStart, type.valueEnd) !== 0) continue;
		const content = onlyMember(bytes, block.members, CONTENT);
		if (!content || bytes[content.valueStart] !== 0x22) continue;
		const measure = measureJsonText(bytes, content.valueStart, content.valueEnd);
		if (!measure) continue;
		const raw: RawToolContent = {measure};
		if (sidecar) {
			raw.sidecar = measure.canonical
				? new RawJsonText(Buffer.from(bytes.subarray(content.valueStart, content.valueEnd)))
				: (JSON.parse(bytes.toString('utf8', content.valueStart, content.valueEnd)) as string);
		}
		raws.set(i, raw);
		cuts.push([content.valueStart, content.valueEnd, '""']);
	}
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
