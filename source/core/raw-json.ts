/**
 * Structural walking of one JSON text held in a Buffer, without building its values: where an
 * object's members start and where their values end. Strings are skipped with Buffer.indexOf
 * (native), so the cost is per string, not per byte. Values are not validated: every function
 * returns undefined (or -1) only when the structure does not close; callers parse what they
 * keep with JSON.parse.
 */

/** A value's extent: [start, end) byte offsets. */
export type Extent = readonly [number, number];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWs(c: number | undefined): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipWs(b: Uint8Array, i: number): number {
	while (i < b.length && isWs(b[i])) i++;
	return i;
}

/** End (exclusive) of the string whose opening quote is at `i`; -1 when unterminated. */
export function stringEnd(b: Buffer, i: number): number {
	let from = i + 1;
	for (;;) {
		const q = b.indexOf(QUOTE, from);
		if (q === -1) return -1;
		let k = q - 1;
		let slashes = 0;
		while (k > i && b[k] === BACKSLASH) {
			slashes++;
			k--;
		}
		if ((slashes & 1) === 0) return q + 1;
		from = q + 1;
	}
}

/** End (exclusive) of the value starting at `i`; -1 when it does not end. */
export function valueEnd(b: Buffer, i: number): number {
	const c = b[i];
	if (c === QUOTE) return stringEnd(b, i);
	if (c === LBRACE || c === LBRACKET) {
		let depth = 0;
		let j = i;
		while (j < b.length) {
			const x = b[j];
			if (x === QUOTE) {
				j = stringEnd(b, j);
				if (j < 0) return -1;
				continue;
			}
			if (x === LBRACE || x === LBRACKET) depth++;
			else if (x === RBRACE || x === RBRACKET) {
				depth--;
				if (depth === 0) return j + 1;
			}
			j++;
		}
		return -1;
	}
	let j = i;
	while (j < b.length) {
		const x = b[j];
		if (x === COMMA || x === RBRACE || x === RBRACKET || isWs(x)) break;
		j++;
	}
	return j > i ? j : -1;
}

/** Where the line's top-level object starts (its end is not looked for: memberOf needs none). */
export function rootOf(b: Buffer): Extent | undefined {
	const i = skipWs(b, 0);
	return b[i] === LBRACE ? [i, b.length] : undefined;
}

/** One member of an object: where its key starts, where its value starts and ends. */
export interface MemberSpan {
	keyStart: number;
	valueStart: number;
	valueEnd: number;
	/** Whether the key is `key` as asked (escaped keys never are). */
	match: boolean;
}

/**
 * The members of the object at `at`, each marked when its key is `key`; undefined when the
 * object does not close where JSON says (a torn line) or a key is written with an escape
 * (raw bytes cannot tell whether it is `key`), and `end` is where the object closes.
 */
export function membersOf(b: Buffer, at: number, key: string): {members: MemberSpan[]; end: number} | undefined {
	if (b[at] !== LBRACE) return undefined;
	const members: MemberSpan[] = [];
	let i = skipWs(b, at + 1);
	if (b[i] === RBRACE) return {members, end: i + 1};
	for (;;) {
		if (b[i] !== QUOTE) return undefined;
		const keyStart = i;
		const ke = stringEnd(b, i);
		if (ke < 0) return undefined;
		for (let k = i + 1; k < ke - 1; k++) if (b[k] === BACKSLASH) return undefined;
		const match = ke - i - 2 === key.length && b.toString('latin1', i + 1, ke - 1) === key;
		i = skipWs(b, ke);
		if (b[i] !== COLON) return undefined;
		i = skipWs(b, i + 1);
		const ve = valueEnd(b, i);
		if (ve < 0) return undefined;
		members.push({keyStart, valueStart: i, valueEnd: ve, match});
		i = skipWs(b, ve);
		if (b[i] === RBRACE) return {members, end: i + 1};
		if (b[i] !== COMMA) return undefined;
		i = skipWs(b, i + 1);
	}
}

/** The extents of the elements of the array at `at`; undefined when it does not close. */
export function elementsOf(b: Buffer, at: number): {elements: Extent[]; end: number} | undefined {
	if (b[at] !== LBRACKET) return undefined;
	const elements: Extent[] = [];
	let i = skipWs(b, at + 1);
	if (b[i] === RBRACKET) return {elements, end: i + 1};
	for (;;) {
		const ve = valueEnd(b, i);
		if (ve < 0) return undefined;
		elements.push([i, ve]);
		i = skipWs(b, ve);
		if (b[i] === RBRACKET) return {elements, end: i + 1};
		if (b[i] !== COMMA) return undefined;
		i = skipWs(b, i + 1);
	}
}

/** Whether the member's key is `key`, given as its bytes (keys reach here unescaped: membersOf refuses others). */
export function keyIs(b: Buffer, m: MemberSpan, key: Uint8Array): boolean {
	const from = m.keyStart + 1;
	if (b[from + key.length] !== QUOTE) return false;
	for (let k = 0; k < key.length; k++) if (b[from + k] !== key[k]) return false;
	return true;
}

/**
 * JSON text kept as its escaped bytes (a tool result's content copied from the log as it is):
 * content sidecars splice the bytes in; anything else that stringifies it gets the value.
 */
export class RawJsonText {
	constructor(readonly json: Buffer) {}

	toJSON(): unknown {
		return JSON.parse(this.json.toString('utf8')) as unknown;
	}
}
