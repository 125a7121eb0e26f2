/**
 * A small relayburn 1.x ledger built from the format (docs/ledger.md: one
 * `{"v":1,"kind":K,"record":R}` per line), and the same ledger written in the other ways valid
 * JSON allows: spaced, "pretty" on one line, and mixed (key order, escaped key names, CRLF).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

type Line = {v: 1; kind: string; record?: Record<string, unknown>; [k: string]: unknown};

const usage = (input: number, output: number, cacheRead: number, cacheCreate5m = 0) => ({input, output, reasoning: 0, cacheRead, cacheCreate5m, cacheCreate1h: 0});

/** Lines in append order: three days, two sessions, one undated turn, one stamp, one line that is not JSON. */
export function foreignLines(model = 'claude-sonnet-4-6'): Array<Line | string> {
	const out: Array<Line | string> = [];
	const days = ['2026-11-01', '2026-11-02', '2026-11-03'];
	let n = 0;
	for (const [d, day] of days.entries()) {
		for (const session of ['sa', 'sb']) {
			for (let k = 0; k < 3; k++) {
				n++;
				const ts = `${day}T${String(9 + k).padStart(2, '0')}:${session === 'sa' ? '10' : '40'}:00.000Z`;
				const id = `msg-${n}`;
				const call = `tu-${n}`;
				out.push({v: 1, kind: 'user_turn', record: {v: 1, source: 'claude-code', sessionId: session, userUuid: `u-${n}`, ts, followingMessageId: id, blocks: [{kind: 'text', byteLen: 40 + n, approxTokens: 10 + n}]}});
				out.push({
					v: 1,
					kind: 'turn',
					record: {
						v: 1,
						source: 'claude-code',
						sessionId: session,
						messageId: id,
						turnIndex: k,
						ts,
						model,
						project: '/work/p',
						usage: usage(100 + n, 50 + 7 * n, 1000 * (k + 1) + n, k === 0 ? 2000 + n : 0),
						toolCalls: [{id: call, name: k % 2 ? 'Bash' : 'Read', argsHash: `h${n}`, target: k % 2 ? `npm test -- ${n}` : `/work/p/f${n % 4}.ts`}],
					},
				});
				out.push({v: 1, kind: 'user_turn', record: {v: 1, source: 'claude-code', sessionId: session, userUuid: `r-${n}`, ts, precedingMessageId: id, blocks: [{kind: 'tool_result', toolUseId: call, byteLen: 4000 + 13 * n, approxTokens: 1000 + 3 * n}]}});
				// An event without its own time: it goes with the time before it.
				out.push({v: 1, kind: 'tool_result_event', record: {v: 1, source: 'claude-code', sessionId: session, toolUseId: call, eventIndex: 0, status: 'completed', eventSource: 'tool_result', contentLength: 4000 + 13 * n}});
			}
		}
		out.push({v: 1, kind: 'stamp', ts: `${day}T23:00:00.000Z`, selector: {}, enrichment: {}});
		if (d === 1) out.push('{"v":1,"kind":"turn","record":{"v":1,"source":"claude-'); // torn: not JSON
	}
	out.push({v: 1, kind: 'relationship', record: {v: 1, source: 'native-claude', sessionId: 'sb', relationshipType: 'root'}});
	out.push({v: 1, kind: 'turn', record: {v: 1, source: 'claude-code', sessionId: 'sb', messageId: 'msg-undated', turnIndex: 9, ts: '', model, usage: usage(10, 5, 0), toolCalls: []}});
	return out;
}

/** JSON with a space after every `:` and `,` (what JSON.stringify(v, null, 0) does not write). */
export function spaced(v: unknown, open = '', close = ''): string {
	if (Array.isArray(v)) return `[${open}${v.map((x) => spaced(x, open, close)).join(', ')}${close}]`;
	if (v && typeof v === 'object') {
		return `{${open}${Object.entries(v)
			.map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x, open, close)}`)
			.join(', ')}${close}}`;
	}
	return JSON.stringify(v);
}

/** Keys in another order, `ts` written with an escape, the record before the kind. */
function reordered(l: Line): string {
	const rec = l.record ? Object.fromEntries(Object.entries(l.record).reverse()) : undefined;
	const body = rec ? `"record": ${JSON.stringify(rec)}, ` : '';
	return `{${body}"kind":"${l.kind}", "v":1${Object.entries(l)
		.filter(([k]) => !['v', 'kind', 'record'].includes(k))
		.map(([k, x]) => `, ${JSON.stringify(k)}: ${JSON.stringify(x)}`)
		.join('')}}`.replace(/"ts":/g, '"t\\u0073":');
}

export type Style = 'compact' | 'spaced' | 'pretty' | 'mixed';

export function render(lines: Array<Line | string>, style: Style): string {
	const out = lines.map((l, i) => {
		if (typeof l === 'string') return l;
		switch (style) {
			case 'compact':
				return JSON.stringify(l);
			case 'spaced':
				return spaced(l);
			case 'pretty':
				return `\t${spaced(l, ' ', ' ')}  `;
			case 'mixed':
				return [JSON.stringify(l), spaced(l), reordered(l), `${spaced(l, ' ', ' ')}\r`][i % 4]!;
		}
	});
	return `${out.join('\n')}\n`;
}

/** A relayburn ledger directory holding `text` as its ledger.jsonl. */
export function writeForeign(root: string, name: string, text: string): string {
	const dir = join(root, name);
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'ledger.jsonl'), text);
	return dir;
}
