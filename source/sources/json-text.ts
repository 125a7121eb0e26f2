/**
 * Measures a JSON string straight from its escaped bytes in a log line, without building the
 * JS string: what readers record of a tool result (UTF-16 length, UTF-8 length, estimated
 * tokens, content hash) comes out equal to what they compute from the decoded text, and the
 * raw bytes can go to the content sidecar as they are when they are exactly what
 * JSON.stringify of the text writes (`canonical`).
 */
import {estimatorTables, roundEstimate} from './estimate.js';
import {contentHashOfUtf8} from './hash.js';

export interface JsonTextMeasure {
	/** text.length (UTF-16 code units). */
	units: number;
	/** Buffer.byteLength(text, 'utf8'). */
	bytes: number;
	/** estimateTokens(text). */
	tokens: number;
	/** contentHash(text). */
	hash: string;
	/** Whether the escaped bytes equal JSON.stringify(text) (then they can be copied as they are). */
	canonical: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Decoded UTF-8 of the last string measured (never longer than its escaped form). */
let scratch = Buffer.allocUnsafe(64 * 1024);

function hexOf(c: number): number {
	if (c >= 0x30 && c <= 0x39) return c - 0x30;
	if (c >= 0x61 && c <= 0x66) return c - 0x57;
	if (c >= 0x41 && c <= 0x46) return c - 0x37;
	return -1;
}

/**
 * The measure of the JSON string `b[start, end)` (quotes included). Undefined when the bytes
 * are not exactly one JSON string (a stray quote, a bad escape, a raw control character) or
 * hold invalid UTF-8 (which decoding would replace): the caller then parses the text the
 * ordinary way.
 */
export function measureJsonText(b: Uint8Array, start: number, end: number): JsonTextMeasure | undefined {
	if (end - start < 2 || b[start] !== QUOTE || b[end - 1] !== QUOTE) return undefined;
	const {next, cost, final, cls} = estimatorTables();
	if (scratch.length < end - start) scratch = Buffer.allocUnsafe(Math.max(end - start, scratch.length * 2));
	const out = scratch;
	let o = 0;
	let s = 0;
	let total = 0;
	let units = 0;
	let canonical = true;
	let i = start + 1;
	const stop = end - 1;
	while (i < stop) {
		const c = b[i]!;
		if (c < 0x80 && c !== BACKSLASH) {
			if (c < 0x20 || c === QUOTE) return undefined;
			out[o++] = c;
			const t = s | cls[c]!;
			total += cost[t]!;
			s = next[t]!;
			units++;
			i++;
			continue;
		}
		if (c === BACKSLASH) {
			let u = escapeAt(b, i, stop);
			if (u < 0) return undefined;
			i += u > 0xffff ? 6 : 2;
			if (u > 0xffff) {
				u &= 0xffff;
				// JSON.stringify escapes only control characters without a short form, and lone surrogates.
				if (hasUpperHex(b, i - 4)) canonical = false;
				if (u >= 0x20 ? u < 0xd800 || u > 0xdfff : u === 0x08 || u === 0x09 || u === 0x0a || u === 0x0c || u === 0x0d) canonical = false;
			} else if (u === 0x2f) canonical = false;
			let t = s | cls[u]!;
			total += cost[t]!;
			s = next[t]!;
			units++;
			if (u < 0x80) out[o++] = u;
			else if (u < 0x800) {
				out[o++] = 0xc0 | (u >> 6);
				out[o++] = 0x80 | (u & 0x3f);
			} else if (u >= 0xd800 && u <= 0xdbff) {
				// A high surrogate pairs only with an escaped low one right after it (raw UTF-8 holds no
				// surrogates): then both are one character, which JSON.stringify writes as it is.
				const low = b[i] === BACKSLASH ? escapeAt(b, i, stop) : -1;
				if (low > 0xffff && (low & 0xffff) >= 0xdc00 && (low & 0xffff) <= 0xdfff) {
					const l = low & 0xffff;
					i += 6;
					canonical = false;
					t = s | cls[l]!;
					total += cost[t]!;
					s = next[t]!;
					units++;
					const cp = 0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00);
					out[o++] = 0xf0 | (cp >> 18);
					out[o++] = 0x80 | ((cp >> 12) & 0x3f);
					out[o++] = 0x80 | ((cp >> 6) & 0x3f);
					out[o++] = 0x80 | (cp & 0x3f);
				} else {
					out[o++] = 0xef;
					out[o++] = 0xbf;
					out[o++] = 0xbd;
				}
			} else if (u >= 0xdc00 && u <= 0xdfff) {
				out[o++] = 0xef;
				out[o++] = 0xbf;
				out[o++] = 0xbd;
			} else {
				out[o++] = 0xe0 | (u >> 12);
				out[o++] = 0x80 | ((u >> 6) & 0x3f);
				out[o++] = 0x80 | (u & 0x3f);
			}
			continue;
		}
		// A UTF-8 sequence: valid ones only (decoding would replace others).
		let n: number;
		let cp: number;
		let lo = 0x80;
		let top = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			if (c === 0xe0) lo = 0xa0;
			else if (c === 0xed) top = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			if (c === 0xf0) lo = 0x90;
			else if (c === 0xf4) top = 0x8f;
		} else return undefined;
		if (i + n >= stop) return undefined;
		const c1 = b[i + 1]!;
		if (c1 < lo || c1 > top) return undefined;
		cp = (cp << 6) | (c1 & 0x3f);
		for (let k = 2; k <= n; k++) {
			const ck = b[i + k]!;
			if (ck < 0x80 || ck > 0xbf) return undefined;
			cp = (cp << 6) | (ck & 0x3f);
		}
		for (let k = 0; k <= n; k++) out[o++] = b[i + k]!;
		i += n + 1;
		if (cp < 0x10000) {
			const t = s | cls[cp]!;
			total += cost[t]!;
			s = next[t]!;
			units++;
		} else {
			const h = 0xd800 + ((cp - 0x10000) >> 10);
			const l = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			let t = s | cls[h]!;
			total += cost[t]!;
			s = next[t]!;
			t = s | cls[l]!;
			total += cost[t]!;
			s = next[t]!;
			units += 2;
		}
	}
	return {units, bytes: o, tokens: roundEstimate(units, total + final[s]!), hash: contentHashOfUtf8(out.subarray(0, o)), canonical};
}

/**
 * The code unit of the escape at `b[i]` (a backslash) ending before `stop`: a short escape's
 * unit, a `\uXXXX` escape's unit + 0x10000 (to tell its length), -1 when invalid.
 */
function escapeAt(b: Uint8Array, i: number, stop: number): number {
	if (i + 1 >= stop) return -1;
	const e = b[i + 1];
	if (e === QUOTE || e === BACKSLASH || e === 0x2f) return e;
	if (e === 0x6e) return 0x0a;
	if (e === 0x74) return 0x09;
	if (e === 0x72) return 0x0d;
	if (e === 0x62) return 0x08;
	if (e === 0x66) return 0x0c;
	if (e !== 0x75 || i + 6 > stop) return -1;
	const h0 = hexOf(b[i + 2]!);
	const h1 = hexOf(b[i + 3]!);
	const h2 = hexOf(b[i + 4]!);
	const h3 = hexOf(b[i + 5]!);
	if ((h0 | h1 | h2 | h3) < 0) return -1;
	return 0x10000 | (h0 << 12) | (h1 << 8) | (h2 << 4) | h3;
}

/** Whether any of the 4 hex digits at `b[i]` is upper case (JSON.stringify writes lower case). */
function hasUpperHex(b: Uint8Array, i: number): boolean {
	for (let k = i; k < i + 4; k++) if (b[k]! >= 0x41 && b[k]! <= 0x46) return true;
	return false;
}
