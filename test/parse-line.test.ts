// parseLine (source/sources/claude/line.ts) cuts a top-level toolUseResult out of a Claude
// Code line before JSON.parse and keeps only its agentId. The reader must see exactly what
// JSON.parse of the whole line gives, with toolUseResult reduced that way.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseLine} from '../source/sources/claude/line.js';
import {itShared, shared} from './helpers/shared.js';

type Json = Record<string, unknown>;

/** What the reader may rely on: JSON.parse of the whole line, toolUseResult reduced to its agentId. */
function reference(line: string): Json | undefined {
	let o: unknown;
	try {
		o = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
	const rec = o as Json;
	if (!('toolUseResult' in rec)) return rec;
	const t = rec.toolUseResult;
	if (typeof t === 'object' && t !== null && !Array.isArray(t)) {
		const id = (t as Json).agentId;
		rec.toolUseResult = typeof id === 'string' ? {agentId: id} : {};
	} else delete rec.toolUseResult;
	return rec;
}

function check(line: string): void {
	expect(parseLine(Buffer.from(line))).toEqual(reference(line));
}

const FIXTURES = resolve(import.meta.dirname, 'fixtures/claude');

function lines(file: string): string[] {
	return readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

function jsonlUnder(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) out.push(...jsonlUnder(p));
		else if (name.endsWith('.jsonl')) out.push(p);
	}
	return out;
}

describe('parseLine', () => {
	it('keeps only agentId of an object toolUseResult, wherever it sits', () => {
		const last = '{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]},"toolUseResult":{"stdout":"a \\"b\\" c\\\\","agentId":"ag1"}}';
		expect(parseLine(Buffer.from(last))).toEqual({type: 'user', message: {content: [{type: 'tool_result', tool_use_id: 't1', content: 'ok'}]}, toolUseResult: {agentId: 'ag1'}});
		check(last);
		check('{"toolUseResult":{"x":[1,{"y":"}]"}]},"type":"user","uuid":"u"}');
		check('{"type":"user" , "toolUseResult" : {"agentId":"a","agentId":"b"} , "uuid":"u"}');
		check('{"toolUseResult":{"agentId":"only"}}');
		check('{"type":"user","toolUseResult":{"agentId":7}}');
		check('{"type":"user","toolUseResult":{}}');
		check('{"type":"user","toolUseResult":{"nested":{"toolUseResult":"inner"}},"uuid":"u"}');
	});

	it('leaves out a toolUseResult that is not an object (an error message)', () => {
		check('{"toolUseResult":"Error: \\"a.ts\\" not found","type":"user"}');
		check('{"type":"user","toolUseResult":null}');
		check('{"type":"user","toolUseResult":["a"],"uuid":"u"}');
	});

	it('parses whole what it cannot cut safely, and rejects what JSON.parse rejects', () => {
		check('{"type":"user","toolUseResult":{"agentId":"a"},"toolUseResult":{"agentId":"b"}}');
		check('{"type":"user","toolUseResult":{"agent\\u0049d":"escaped key"}}');
		check('{"type":"user","toolUse\\u0052esult":{"agentId":"escaped"}}');
		check('{"type":"user","text":"the word \\"toolUseResult\\" inside a string"}');
		// torn writes and trailing junk stay bad lines
		expect(parseLine(Buffer.from('{"type":"user","toolUseResult":{"stdout":"par'))).toBeUndefined();
		expect(parseLine(Buffer.from('{"type":"user","toolUseResult":{"a":1}'))).toBeUndefined();
		expect(parseLine(Buffer.from('{"type":"user","toolUseResult":{"a":1}} x'))).toBeUndefined();
		expect(parseLine(Buffer.from('{"type":"user","toolUseResult":{"a":1}}\r'))).toEqual({type: 'user', toolUseResult: {}});
		expect(parseLine(Buffer.from('["toolUseResult"]'))).toBeUndefined();
	});

	it('matches the reference on every line of our fixtures', () => {
		const files = readdirSync(FIXTURES).filter((n) => n.endsWith('.jsonl'));
		expect(files).toContain('tool-results.jsonl');
		let withResult = 0;
		for (const f of files) {
			for (const line of lines(join(FIXTURES, f))) {
				if (line.includes('"toolUseResult"')) withResult++;
				check(line);
			}
		}
		expect(withResult).toBeGreaterThanOrEqual(5);
	});

	itShared('matches the reference on every Claude line of ../shared (fixtures and corpus)', () => {
		let n = 0;
		for (const dir of [shared('fixtures/claude'), shared('corpus/claude')]) {
			for (const file of jsonlUnder(dir)) {
				for (const line of lines(file)) {
					if (!line.includes('"toolUseResult"')) continue;
					check(line);
					n++;
				}
			}
		}
		expect(n).toBeGreaterThan(100);
	}, 120_000);

	it('the Claude reader reads nothing of toolUseResult but agentId', () => {
		// parseLine's reduction is safe only while this holds.
		const dir = resolve(import.meta.dirname, '../source/sources/claude');
		for (const name of readdirSync(dir)) {
			const text = readFileSync(join(dir, name), 'utf8');
			for (const m of text.matchAll(/toolUseResult\)?(\??\.\w+)?/g)) {
				if (name === 'line.ts') continue;
				const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
				if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) continue;
				expect(`${name}: ${line.trim()}`).toMatch(/obj\(o\.toolUseResult\)\?\.agentId/);
			}
		}
	});
});
