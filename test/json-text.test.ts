// Issue 16: a tool result's string content is measured from its escaped bytes in the line
// (json-text.ts) and cut out before JSON.parse (parseLine's raws). Everything recorded must
// equal what the decoded text gives: length, UTF-8 length, estimated tokens, hash, and the
// sidecar line (byte for byte).
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {measureJsonText} from '../source/sources/json-text.js';
import {estimateTokens} from '../source/sources/estimate.js';
import {contentHash} from '../source/sources/hash.js';
import {parseLine, type RawContents} from '../source/sources/claude/line.js';
import {readUserContent} from '../source/sources/claude/user.js';
import {userContent} from '../source/sources/claude/content.js';
import {serializeContent} from '../source/ledger/content.js';
import {RawJsonText} from '../source/core/raw-json.js';
import {describeShared, shared} from './helpers/shared.js';

/** What the decoded text gives, as the reader computed it before. */
function want(text: string) {
	return {units: text.length, bytes: Buffer.byteLength(text, 'utf8'), tokens: estimateTokens(text), hash: contentHash(text)};
}

function measureOf(json: string) {
	const b = Buffer.from(json, 'utf8');
	return measureJsonText(b, 0, b.length);
}

function checkText(text: string): void {
	const json = JSON.stringify(text);
	const m = measureOf(json);
	expect(m, json).toBeDefined();
	expect({units: m!.units, bytes: m!.bytes, tokens: m!.tokens, hash: m!.hash}).toEqual(want(text));
	expect(m!.canonical).toBe(true);
}

/** A deterministic pseudo-random text from a mix of awkward pieces. */
function mixed(seed: number, n: number): string {
	const pieces = ['a', 'Zebra', ' ', '  ', '\n', '\t', '\r\n', '"', '\\', '/', '12345', 'é', 'ñandú', '中文', 'カナ', '한국', 'Привет', '😀', '🧑‍💻', '→', '│', '\u0000', '\u001b[31m', '\u2028', '\u007f', '\ud800', '\udfff', 'x\udc00y', '{"k":[1,2]}', 'fooBarBaz', 'aB3xQ9'];
	let x = seed;
	let out = '';
	for (let i = 0; i < n; i++) {
		x = (x * 1103515245 + 12345) >>> 0;
		out += pieces[x % pieces.length];
	}
	return out;
}

describe('measureJsonText equals the decoded text', () => {
	it('on plain, escaped and non-ASCII texts', () => {
		for (const t of ['', 'x', 'hello world', 'line\nline', 'tab\there', 'quote "q" and \\ slash', '\b\f\n\r\t', '\u0001\u001f', 'é', '中文字符', '😀 emoji', '🧑‍💻', 'a\u2028b', 'del\u007f']) checkText(t);
	});

	it('on lone surrogates (JSON.stringify escapes them; UTF-8 gets EF BF BD)', () => {
		for (const t of ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\ud83d\ud83d', '\udc00\ud800', '😀\udc00', '\ud800😀']) checkText(t);
	});

	it('on many generated strings', () => {
		for (let seed = 1; seed <= 400; seed++) checkText(mixed(seed, 1 + (seed % 97)));
	});

	it('on escapes JSON.stringify would not write: same measure, not canonical', () => {
		const cases: Array<[string, string]> = [
			['"\\u0041"', 'A'],
			['"\\/"', '/'],
			['"\\u00E9"', 'é'],
			['"\\u00e9"', 'é'],
			['"\\u000a"', '\n'],
			['"\\ud83d\\ude00"', '😀'],
			['"\\uD800"', '\ud800'],
			['"x\\ud83d\\ude00y\\u0008"', 'x😀y\b'],
		];
		for (const [json, text] of cases) {
			expect(JSON.parse(json)).toBe(text);
			const m = measureOf(json);
			expect(m, json).toBeDefined();
			expect({units: m!.units, bytes: m!.bytes, tokens: m!.tokens, hash: m!.hash}).toEqual(want(text));
			expect(m!.canonical, json).toBe(false);
		}
		// Escapes JSON.stringify writes itself are canonical.
		expect(measureOf('"\\ud800"')!.canonical).toBe(true);
		expect(measureOf('"\\u001b"')!.canonical).toBe(true);
	});

	it('refuses what is not one JSON string or would decode with replacements', () => {
		for (const bad of ['"abc', 'abc"', '"a"b"', '"\\x"', '"\\u12"', '"\\u12g4"', '"a\\"', '"tab\there"', '"nl\nx"']) expect(measureOf(bad), bad).toBeUndefined();
		for (const bytes of [[0x22, 0xff, 0x22], [0x22, 0xc3, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xc0, 0x80, 0x22], [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xe2, 0x82, 0x22]]) {
			const b = Buffer.from(bytes);
			expect(measureJsonText(b, 0, b.length)).toBeUndefined();
		}
	});
});

type Json = Record<string, unknown>;

/** The reader's user content of a line the old way (whole JSON.parse) and the new way (raws). */
function both(line: string, sidecar = true) {
	const raws: RawContents = new Map();
	const o = parseLine(Buffer.from(line), raws, sidecar);
	const ref = JSON.parse(line) as Json;
	const refMsg = ref.message as Json | undefined;
	const msg = o?.message as Json | undefined;
	const old = readUserContent(refMsg?.content);
	const now = readUserContent(msg?.content, raws);
	return {o, raws, old, now};
}

/** What the reader records of a line: blocks, results (length and hash), sidecar lines. */
function recorded(uc: ReturnType<typeof readUserContent>) {
	const at = {sessionId: 's1', messageId: 'u1', ts: '2026-01-01T00:00:00.000Z'};
	const side = serializeContent(userContent(at, uc)).bySession.s1;
	return {
		blocks: uc.blocks,
		results: uc.results.map((r) => ({id: r.toolUseId, isError: r.isError, absent: r.absent, meta: r.meta, length: (r.measured ?? r.text).length, hash: r.measured?.hash ?? contentHash(r.text)})),
		sidecar: side ? side.toString('utf8') : '',
	};
}

function same(line: string): RawContents {
	const {old, now, raws} = both(line);
	expect(recorded(now)).toEqual(recorded(old));
	return raws;
}

const user = (blocks: string, tail = '') => `{"type":"user","message":{"role":"user","content":${blocks}},"uuid":"u1","sessionId":"s1"${tail}}`;

describe('parseLine cuts tool-result contents out and the reader records the same', () => {
	it('escaped content, is_error true / false / absent, odd spacing', () => {
		const c = JSON.stringify('out "quoted"\n\tand \\ back 😀 é \u0001 \ud800');
		expect(same(user(`[{"type":"tool_result","tool_use_id":"t1","content":${c},"is_error":true}]`)).size).toBe(1);
		expect(same(user(`[{"tool_use_id":"t1","type":"tool_result","content":${c},"is_error":false}]`)).size).toBe(1);
		expect(same(user(`[{"tool_use_id":"t1","type":"tool_result","content":${c}}]`)).size).toBe(1);
		expect(same(user(`[ { "type" : "tool_result" ,\t"tool_use_id" : "t1" , "content" :  ${c} , "is_error" : true } ]`)).size).toBe(1);
		expect(same(`{ "type" : "user" , "message" : { "content" : [ {"type":"tool_result","tool_use_id":"t1","content":${c}} ] } , "sessionId":"s1"}`).size).toBe(1);
	});

	it('several blocks: text, image, structured content, and string results', () => {
		const line = user(
			`[{"type":"text","text":"look"},{"type":"tool_result","tool_use_id":"a","content":"one\\nline"},{"type":"tool_result","tool_use_id":"b","content":[{"type":"text","text":"inner \\"t\\""},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},{"type":"image","source":{"type":"base64","data":"AAAA"}},{"type":"tool_result","tool_use_id":"c","content":"","is_error":true},{"type":"tool_result","tool_use_id":"d","content":null},{"type":"tool_result","tool_use_id":"e"}]`,
			',"toolUseResult":{"stdout":"big \\"x\\"","agentId":"ag"}',
		);
		const raws = same(line);
		expect([...raws.keys()]).toEqual([1, 4]);
		const {o} = both(line);
		expect((o!.toolUseResult as Json).agentId).toBe('ag');
		const blocks = (o!.message as Json).content as Json[];
		expect(blocks[1]!.content).toBe('');
		expect(blocks[2]!.content).toEqual(((JSON.parse(line) as Json).message as Json).content && [{type: 'text', text: 'inner "t"'}, {type: 'image', source: {type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo='}}]);
	});

	it('non-canonical escapes: measured from the bytes, the sidecar gets JSON.stringify of the text', () => {
		const raws = same(user('[{"type":"tool_result","tool_use_id":"t","content":"\\u0041\\/\\ud83d\\ude00"}]'));
		expect(raws.get(0)!.sidecar).toBe('A/😀');
		const canon = same(user('[{"type":"tool_result","tool_use_id":"t","content":"plain\\n"}]'));
		expect(canon.get(0)!.sidecar).toBeInstanceOf(RawJsonText);
	});

	it('repeated keys, escaped keys or a type that is not tool_result: parsed as they are', () => {
		expect(same(user('[{"type":"tool_result","tool_use_id":"t","content":"a","content":"bb"}]')).size).toBe(0);
		expect(same(user('[{"type":"tool_result","type":"tool_result","tool_use_id":"t","content":"a"}]')).size).toBe(0);
		expect(same(user('[{"type":"tool_result","tool_use_id":"t","cont\\u0065nt":"a"}]')).size).toBe(0);
		expect(same(user('[{"type":"tool_use","tool_use_id":"t","content":"a"}]')).size).toBe(0);
		expect(same(`{"type":"user","message":{"content":[]},"message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"x"}]}}`).size).toBe(0);
		// invalid UTF-8 inside the content: decoding replaces it, so the ordinary parse does
		const bad = Buffer.concat([Buffer.from('{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"a'), Buffer.from([0xff]), Buffer.from('"}]}}')]);
		const raws: RawContents = new Map();
		const o = parseLine(bad, raws, true);
		expect(raws.size).toBe(0);
		expect(o).toEqual(JSON.parse(bad.toString('utf8')));
	});

	it('a line torn mid-content, or with damage in the content, is a bad line as before', () => {
		const line = user('[{"type":"tool_result","tool_use_id":"t","content":"abc\\ndef ghi"}]');
		for (let cut = 20; cut < line.length; cut += 3) {
			const raws: RawContents = new Map();
			const torn = line.slice(0, cut);
			let ref: unknown;
			try {
				ref = JSON.parse(torn);
			} catch {
				ref = undefined;
			}
			expect(parseLine(Buffer.from(torn), raws, true), torn).toEqual(ref);
			if (ref === undefined) expect(raws.size).toBe(0);
		}
		for (const damaged of ['"a\tb"', '"a\\qb"', '"a\\u12"']) {
			const raws: RawContents = new Map();
			expect(parseLine(Buffer.from(user(`[{"type":"tool_result","tool_use_id":"t","content":${damaged}}]`)), raws, true)).toBeUndefined();
		}
	});
});

function claudeLines(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) claudeLines(p, out);
		else if (name.endsWith('.jsonl')) for (const l of readFileSync(p, 'utf8').split('\n')) if (l.includes('"tool_result"')) out.push(l);
	}
	return out;
}

describeShared('tool-result contents measured from bytes on the real logs of ../shared', () => {
	it('record exactly what the decoded texts gave', () => {
		let cut = 0;
		let checked = 0;
		for (const root of [shared('fixtures'), shared('corpus')]) {
			for (const line of claudeLines(resolve(root))) {
				let ref: Json;
				try {
					ref = JSON.parse(line) as Json;
				} catch {
					continue;
				}
				if (ref.type !== 'user') continue;
				cut += same(line).size;
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(100);
		expect(cut).toBeGreaterThan(100);
	});
});
