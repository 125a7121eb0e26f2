/**
 * Where one relayburn ledger line goes, read from its bytes when they say it plainly, else
 * from `JSON.parse`. relayburn reads any valid JSON line, so a ledger may be compact
 * (`{"v":1,"kind":"turn",…}`), spaced (`{"v": 1, "kind": "turn", …}`), or anything else
 * JSON allows (keys in another order, escaped key names): the byte path takes the first two
 * shapes, every other line is parsed, and a line whose time the bytes do not give is parsed
 * too, so no line lands in the wrong partition because of how it was written.
 */

const KEY_V = Buffer.from('"v"');
const KEY_KIND = Buffer.from('"kind"');
const KEY_TS = Buffer.from('"ts"');
/** A record kind is a short plain word. */
const MAX_KIND = 32;
/** Longer than any ISO time: not a time the byte path trusts. */
const MAX_TS = 40;

const isWs = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function skipWs(b: Buffer, i: number): number {
	while (i < b.length && isWs(b[i])) i++;
	return i;
}

/** `key` at `i` (after optional whitespace), then optional whitespace and `:`: the index after the colon, or -1. */
function keyColon(b: Buffer, i: number, key: Buffer): number {
	i = skipWs(b, i);
	if (b.compare(key, 0, key.length, i, i + key.length) !== 0) return -1;
	i = skipWs(b, i + key.length);
	return b[i] === 0x3a ? i + 1 : -1;
}

/** A string value at `i` (after optional whitespace) without escapes, up to `max` bytes: [text, index after it], or undefined. */
function plainString(b: Buffer, i: number, max: number): [string, number] | undefined {
	i = skipWs(b, i);
	if (b[i] !== 0x22) return undefined;
	const close = b.indexOf(0x22, i + 1);
	if (close === -1 || close - i - 1 > max) return undefined;
	const s = b.toString('latin1', i + 1, close);
	if (s.includes('\\')) return undefined;
	return [s, close + 1];
}

/** The kind of a line that starts `{"v":1,"kind":"<kind>"` (any whitespace between the tokens), else undefined. */
export function headKind(b: Buffer): string | undefined {
	let i = skipWs(b, 0);
	if (b[i] !== 0x7b) return undefined;
	i = keyColon(b, i + 1, KEY_V);
	if (i === -1) return undefined;
	i = skipWs(b, i);
	if (b[i] !== 0x31) return undefined; // 1
	i = skipWs(b, i + 1);
	if (b[i] !== 0x2c) return undefined; // ,
	i = keyColon(b, i + 1, KEY_KIND);
	if (i === -1) return undefined;
	return plainString(b, i, MAX_KIND)?.[0];
}

/**
 * The line's first `"ts": "<time>"` (relayburn writes the record's own `ts` before any
 * nested object). Undefined when there is none, or when the bytes are not plain enough to
 * trust (an escaped quote before the key, a non-string or escaped value).
 */
export function bytesTs(b: Buffer): string | undefined {
	let from = 0;
	for (;;) {
		const at = b.indexOf(KEY_TS, from);
		if (at === -1) return undefined;
		if (at > 0 && b[at - 1] === 0x5c) return undefined; // `\"ts"`: inside a string, let JSON.parse decide
		const colon = skipWs(b, at + KEY_TS.length);
		if (b[colon] !== 0x3a) {
			from = at + KEY_TS.length; // `"ts"` as a value, not a key
			continue;
		}
		return plainString(b, colon + 1, MAX_TS)?.[0];
	}
}

/** What `JSON.parse` says about a line the bytes could not place. */
export type ParsedLine =
	| {ok: true; kind: string | undefined; ts: string | undefined; compact: string}
	| {ok: false};

export function parseForeignLine(b: Buffer): ParsedLine {
	let v: unknown;
	try {
		const text = b.toString('utf8');
		v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return {ok: false};
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) return {ok: false};
	const o = v as {kind?: unknown; record?: {ts?: unknown} | null};
	const kind = typeof o.kind === 'string' ? o.kind : undefined;
	const rec = o.record && typeof o.record === 'object' ? o.record : undefined;
	const ts = typeof rec?.ts === 'string' && rec.ts !== '' ? rec.ts : undefined;
	// Written back compact: the partitions then hold one shape, and the scan's byte tests
	// (`{"v":1,"kind":"…"` prefixes) hold for every line. Numbers and strings round-trip exactly.
	return {ok: true, kind, ts, compact: JSON.stringify(v)};
}
