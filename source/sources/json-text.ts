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

/** Whether hex digit `c` is written as JSON.stringify writes it (lower case). */
const lowerHex = (c: number): boolean => c < 0x41 || c > 0x46;

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
	/** An escaped high surrogate waiting for its low half (-1: none). */
	let hi = -1;
	let i = start + 1;
	const stop = end - 1;
	while (i < stop) {
		const c = b[i]!;
		if (c < 0x80 && c !== BACKSLASH) {
			if (c < 0x20 || c === QUOTE) return undefined;
			if (hi >= 0) {
				out[o++] = 0xef;
				out[o++] = 0xbf;
				out[o++] = 0xbd;
				hi = -1;
			}
			out[o++] = c;
			const t = s | cls[c]!;
			total += cost[t]!;
			s = next[t]!;
			units++;
			i++;
			continue;
		}
		let u: number;
		if (c === BACKSLASH) {
			const e = b[i + 1];
			i += 2;
			if (e === QUOTE || e === BACKSLASH) u = e;
			else if (e === 0x6e) u = 0x0a;
			else if (e === 0x74) u = 0x09;
			else if (e === 0x72) u = 0x0d;
			else if (e === 0x62) u = 0x08;
			else if (e === 0x66) u = 0x0c;
			else if (e === 0x2f) {
				u = 0x2f;
				canonical = false;
			} else if (e === 0x75) {
				if (i + 4 > stop) return undefined;
				const h0 = hexOf(b[i]!);
				const h1 = hexOf(b[i + 1]!);
				const h2 = hexOf(b[i + 2]!);
				const h3 = hexOf(b[i + 3]!);
				if ((h0 | h1 | h2 | h3) < 0) return undefined;
				if (!(lowerHex(b[i]!) && lowerHex(b[i + 1]!) && lowerHex(b[i + 2]!) && lowerHex(b[i + 3]!))) canonical = false;
				u = (h0 << 12) | (h1 << 8) | (h2 << 4) | h3;
				i += 4;
				// JSON.stringify escapes only control characters without a short form, and lone surrogates.
				if (u >= 0x20 ? u < 0xd800 || u > 0xdfff : u === 0x08 || u === 0x09 || u === 0x0a || u === 0x0c || u === 0x0d) canonical = false;
			} else return undefined;
			if (i > stop) return undefined;
			// One code unit, stepped and encoded (surrogates pair across escapes).
			const t = s | cls[u]!;
			total += cost[t]!;
			s = next[t]!;
			units++;
			if (hi >= 0) {
				if (u >= 0xdc00 && u <= 0xdfff) {
					// A pair written as two escapes: JSON.stringify writes the character itself.
					canonical = false;
					const cp = 0x10000 + ((hi - 0xd800) << 10) + (u - 0xdc00);
					out[o++] = 0xf0 | (cp >> 18);
					out[o++] = 0x80 | ((cp >> 12) & 0x3f);
					out[o++] = 0x80 | ((cp >> 6) & 0x3f);
					out[o++] = 0x80 | (cp & 0x3f);
					hi = -1;
					continue;
				}
				out[o++] = 0xef;
				out[o++] = 0xbf;
				out[o++] = 0xbd;
				hi = -1;
			}
			if (u < 0x80) out[o++] = u;
			else if (u < 0x800) {
				out[o++] = 0xc0 | (u >> 6);
				out[o++] = 0x80 | (u & 0x3f);
			} else if (u >= 0xd800 && u <= 0xdbff) hi = u;
			else if (u >= 0xdc00 && u <= 0xdfff) {
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
		if (hi >= 0) {
			out[o++] = 0xef;
			out[o++] = 0xbf;
			out[o++] = 0xbd;
			hi = -1;
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
	if (hi >= 0) {
		out[o++] = 0xef;
		out[o++] = 0xbf;
		out[o++] = 0xbd;
	}
	return {units, bytes: o, tokens: roundEstimate(units, total + final[s]!), hash: contentHashOfUtf8(out.subarray(0, o)), canonical};
}
