/**
 * The packed form of ledger records (docs/ledger.md, "Packed partitions"): each record is a
 * JSON array of its field values in a fixed order, strings are indices into one table per
 * partition, and objects that repeat verbatim (a turn's `fidelity`) are stored once. Reading a
 * packed partition parses about a quarter of the JSON of its `.jsonl` file and allocates each
 * distinct string once; the decoders are generated from the field tables below, so every
 * record kind decodes with one monomorphic object literal.
 *
 * Lossless by construction: a record with a field the table does not know, or a value of an
 * unexpected type, is kept verbatim (a "raw" row) instead of being packed.
 */
import type {LedgerRecord, RecordKind} from '../core/records.js';

type Scalar = 'str' | 'num' | 'bool' | 'strs' | 'shared';
interface Field {
	name: string;
	type: Scalar | {obj: Field[]} | {list: Field[]};
	optional?: boolean;
}

const req = (name: string, type: Field['type']): Field => ({name, type});
const opt = (name: string, type: Field['type']): Field => ({name, type, optional: true});

const USAGE: Field[] = ['input', 'output', 'reasoning', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'].map((n) => req(n, 'num'));

const TOOL_CALL: Field[] = [
	req('id', 'str'),
	req('name', 'str'),
	req('argsHash', 'str'),
	opt('target', 'str'),
	opt('isError', 'bool'),
	opt('editPreHash', 'str'),
	opt('editPostHash', 'str'),
	opt('skillName', 'str'),
	opt('replacedTools', 'strs'),
	opt('collapsedCalls', 'num'),
];

const SUBAGENT: Field[] = [
	req('isSidechain', 'bool'),
	opt('parentToolUseId', 'str'),
	opt('agentId', 'str'),
	opt('parentAgentId', 'str'),
	opt('subagentType', 'str'),
	opt('description', 'str'),
];

const BLOCK: Field[] = [req('kind', 'str'), opt('toolUseId', 'str'), req('byteLen', 'num'), req('approxTokens', 'num'), opt('isError', 'bool')];

/** Field tables per record kind (`v: 1` is implied and checked). Order = order of the keys. */
const SPECS: Record<RecordKind, Field[]> = {
	turn: [
		req('source', 'str'),
		req('sessionId', 'str'),
		req('messageId', 'str'),
		opt('requestId', 'str'),
		req('turnIndex', 'num'),
		req('ts', 'str'),
		req('model', 'str'),
		opt('sessionPath', 'str'),
		opt('project', 'str'),
		opt('projectKey', 'str'),
		opt('gitRoot', 'str'),
		req('usage', {obj: USAGE}),
		req('toolCalls', {list: TOOL_CALL}),
		opt('filesTouched', 'strs'),
		opt('subagent', {obj: SUBAGENT}),
		opt('stopReason', 'str'),
		opt('fidelity', 'shared'),
		opt('activity', 'str'),
		opt('retries', 'num'),
		opt('hasEdits', 'bool'),
		opt('aborted', 'bool'),
		opt('agentCost', 'num'),
		opt('rv', 'num'),
	],
	user_turn: [
		req('source', 'str'),
		req('sessionId', 'str'),
		req('userUuid', 'str'),
		req('ts', 'str'),
		opt('precedingMessageId', 'str'),
		opt('followingMessageId', 'str'),
		req('blocks', {list: BLOCK}),
		opt('rv', 'num'),
	],
	tool_result_event: [
		req('source', 'str'),
		req('sessionId', 'str'),
		opt('messageId', 'str'),
		req('toolUseId', 'str'),
		opt('callIndex', 'num'),
		req('eventIndex', 'num'),
		opt('ts', 'str'),
		req('status', 'str'),
		req('eventSource', 'str'),
		opt('contentLength', 'num'),
		opt('contentHash', 'str'),
		opt('isError', 'bool'),
		opt('subagentSessionId', 'str'),
		opt('agentId', 'str'),
		opt('replacedTools', 'strs'),
		opt('collapsedCalls', 'num'),
		opt('rv', 'num'),
	],
	relationship: [
		req('source', 'str'),
		req('sessionId', 'str'),
		opt('relatedSessionId', 'str'),
		req('relationshipType', 'str'),
		opt('ts', 'str'),
		opt('sourceSessionId', 'str'),
		opt('sourceVersion', 'str'),
		opt('parentToolUseId', 'str'),
		opt('agentId', 'str'),
		opt('subagentType', 'str'),
		opt('description', 'str'),
		opt('rv', 'num'),
	],
	compaction: [
		req('source', 'str'),
		req('sessionId', 'str'),
		req('ts', 'str'),
		opt('precedingMessageId', 'str'),
		opt('tokensBeforeCompact', 'num'),
		opt('agentId', 'str'),
		opt('rv', 'num'),
	],
};

export const KIND_CODES: readonly RecordKind[] = ['turn', 'user_turn', 'tool_result_event', 'relationship', 'compaction'];
/** Row tag of a record kept verbatim: `[RAW, line, kind, record]`. */
export const RAW = 9;

/** What an encoder collects: the partition's string table and shared objects. */
export class PackTables {
	readonly strings: string[] = [];
	readonly shared: unknown[] = [];
	private readonly stringIndex = new Map<string, number>();
	private readonly sharedIndex = new Map<string, number>();

	str(s: string): number {
		let i = this.stringIndex.get(s);
		if (i === undefined) {
			i = this.strings.length;
			this.strings.push(s);
			this.stringIndex.set(s, i);
		}
		return i;
	}

	private last: {value: unknown; index: number} | null = null;

	share(value: object): number {
		// Consecutive records nearly always repeat the previous object: compare before stringifying.
		if (this.last && sameJson(this.last.value, value)) return this.last.index;
		const index = this.intern(value);
		this.last = {value, index};
		return index;
	}

	private intern(value: object): number {
		const key = JSON.stringify(value);
		let i = this.sharedIndex.get(key);
		if (i === undefined) {
			i = this.shared.length;
			this.shared.push(value);
			this.sharedIndex.set(key, i);
		}
		return i;
	}
}

/** Equal as JSON text would be: same keys in the same order, same values. */
function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	for (let i = 0; i < ka.length; i++) {
		const k = ka[i]!;
		if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
	}
	return true;
}

// ---- encoding: one generated function per kind, like the decoders ----

type Encoder = (o: unknown, t: PackTables, out: unknown[]) => boolean;

let encCounter = 0;
/** Source of a function pushing the packed fields of `o` to `out`; false when `o` does not fit. */
function encoderSource(fields: Field[], helpers: string[], name: string, withV: boolean): string {
	const lines = [
		`function ${name}(o, t, out) {`,
		'if (o === null || typeof o !== "object" || Array.isArray(o)) return false;',
		'let n = 0;',
		'let x;',
	];
	if (withV) lines.push('if (o.v !== 1) return false;', 'n++;');
	for (const f of fields) {
		const key = JSON.stringify(f.name);
		lines.push(`x = o[${key}];`);
		const missing = f.optional ? `if (hasOwn(o, ${key})) return false; out.push(null);` : 'return false;';
		lines.push(`if (x === undefined) { ${missing} } else { n++; ${pushSource(f.type, helpers)} }`);
	}
	lines.push('let keys = 0;', 'for (const _ in o) keys++;', 'return keys === n;', '}');
	return lines.join('\n');
}

function pushSource(type: Field['type'], helpers: string[]): string {
	if (type === 'str') return 'if (typeof x !== "string") return false; out.push(t.str(x));';
	if (type === 'num') return 'if (typeof x !== "number" || !Number.isFinite(x)) return false; out.push(x);';
	if (type === 'bool') return 'if (x === true) out.push(1); else if (x === false) out.push(0); else return false;';
	if (type === 'strs') return 'const a = strs(x, t); if (a === null) return false; out.push(a);';
	if (type === 'shared') return 'if (x === null || typeof x !== "object" || Array.isArray(x)) return false; out.push(t.share(x));';
	const fn = `e${encCounter++}`;
	if ('obj' in type) {
		helpers.push(encoderSource(type.obj, helpers, fn, false));
		return `const a = []; if (!${fn}(x, t, a)) return false; out.push(a);`;
	}
	helpers.push(encoderSource(type.list, helpers, fn, false));
	return `if (!Array.isArray(x)) return false; const a = new Array(x.length); for (let i = 0; i < x.length; i++) { const b = []; if (!${fn}(x[i], t, b)) return false; a[i] = b; } out.push(a);`;
}

const STRS = 'function strs(a, t) { if (!Array.isArray(a)) return null; const out = new Array(a.length); for (let i = 0; i < a.length; i++) { if (typeof a[i] !== "string") return null; out[i] = t.str(a[i]); } return out; }';

let encoders: Encoder[] | null = null;
function compiledEncoders(): Encoder[] {
	encoders ??= KIND_CODES.map((k) => {
		const helpers = [STRS];
		const main = encoderSource(SPECS[k], helpers, `encode_${k}`, true);
		return (new Function('hasOwn', `${helpers.join('\n')}\n${main}\nreturn encode_${k};`) as (h: typeof Object.hasOwn) => Encoder)(Object.hasOwn);
	});
	return encoders;
}

/** One ledger entry as a packed row `[kindCode, line, …fields]`, or a raw row. */
export function packEntry(entry: LedgerRecord, line: number, t: PackTables): unknown[] {
	const code = KIND_CODES.indexOf(entry.kind);
	if (code >= 0) {
		const out: unknown[] = [code, line];
		if (compiledEncoders()[code]!(entry.record, t, out)) return out;
	}
	return [RAW, line, entry.kind, entry.record];
}

// ---- decoding: one generated function per kind, compiled once per process ----

type Decoder = (row: unknown[], S: string[], F: unknown[]) => LedgerRecord;

let counter = 0;
/** Source of a body building the object of `fields` from array `src` at offset `base`. */
function objectSource(fields: Field[], src: string, base: number, helpers: string[], first = ''): string {
	const name = `o${counter++}`;
	const literal: string[] = first ? [first] : [];
	const later: string[] = [];
	fields.forEach((f, i) => {
		const at = `${src}[${base + i}]`;
		const expr = valueSource(f, at, helpers);
		const key = JSON.stringify(f.name);
		if (f.optional) later.push(`if (${at} !== null) ${name}[${key}] = ${expr};`);
		else literal.push(`${key}: ${expr}`);
	});
	return [`const ${name} = {${literal.join(', ')}};`, ...later, `return ${name};`].join('\n');
}

function valueSource(f: Field, at: string, helpers: string[]): string {
	const type = f.type;
	if (type === 'str') return `S[${at}]`;
	if (type === 'num') return at;
	if (type === 'bool') return `${at} === 1`;
	if (type === 'strs') return `strs(${at}, S)`;
	if (type === 'shared') return `F[${at}]`;
	const sub = 'obj' in type ? type.obj : type.list;
	const fn = `h${counter++}`;
	helpers.push(`function ${fn}(a, S, F) {\n${objectSource(sub, 'a', 0, helpers)}\n}`);
	if ('obj' in type) return `${fn}(${at}, S, F)`;
	const list = `l${counter++}`;
	helpers.push(`function ${list}(a, S, F) { const out = new Array(a.length); for (let i = 0; i < a.length; i++) out[i] = ${fn}(a[i], S, F); return out; }`);
	return `${list}(${at}, S, F)`;
}

function decoderSource(kind: RecordKind): string {
	const helpers: string[] = ['function strs(a, S) { const out = new Array(a.length); for (let i = 0; i < a.length; i++) out[i] = S[a[i]]; return out; }'];
	const body = objectSource(SPECS[kind], 'r', 2, helpers, '"v": 1').replace(/return (o\d+);$/, (_m, n: string) => `return {kind: ${JSON.stringify(kind)}, record: ${n}};`);
	return `${helpers.join('\n')}\nreturn function decode_${kind}(r, S, F) {\n${body}\n};`;
}

let compiled: Decoder[] | null = null;
/** The generated decoders, one per kind code (compiled on first use, then warm for every partition). */
function decoders(): Decoder[] {
	compiled ??= KIND_CODES.map((k) => (new Function(decoderSource(k)) as () => Decoder)());
	return compiled;
}

/**
 * A decoder over one partition's tables. Shared objects are frozen: many records hold the
 * same instance, so none may change it.
 */
export function makeDecoder(strings: string[], shared: unknown[]): (row: unknown[]) => LedgerRecord {
	for (const s of shared) deepFreeze(s);
	const byCode = decoders();
	return (row) => {
		const code = row[0] as number;
		if (code === RAW) return {kind: row[2], record: row[3]} as LedgerRecord;
		return byCode[code]!(row, strings, shared);
	};
}

function deepFreeze(o: unknown): void {
	if (!o || typeof o !== 'object' || Object.isFrozen(o)) return;
	Object.freeze(o);
	for (const v of Object.values(o)) deepFreeze(v);
}

/** Line number of a packed row (its position in the `.jsonl` partition). */
export const lineOf = (row: unknown[]): number => row[1] as number;
