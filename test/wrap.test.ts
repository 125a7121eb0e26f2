/**
 * One word-wrap core (source/core/wrap.ts) behind the four call sites that each had their own.
 * While the call sites move onto it, frozen copies of the old functions are compared with the
 * new ones on generated inputs (seeded); the copies go once every call site has moved.
 */
import {describe, expect, it} from 'vitest';
import {sanitize, shortenMiddle} from '../source/report/format.js';
import {hangOf, wrapHanging} from '../source/ui/hang-wrap.js';
import {wrap as detailWrap} from '../source/ui/detail.js';
import {wrap as textWrap} from '../source/report/text.js';
import {wrapIndented} from '../source/report/patterns-text.js';

// ---- frozen copies of the old functions (temporary: removed once the call sites use the core) ----

function oldDetailWrap(text: string, width: number): string[] {
	const out: string[] = [];
	const room = Math.max(10, width);
	for (const para of sanitize(text).split(/\n/)) {
		let rest = para.trim();
		if (!rest) continue;
		while (rest.length > room) {
			let cut = rest.lastIndexOf(' ', room);
			if (cut <= 0) cut = room;
			out.push(rest.slice(0, cut));
			rest = rest.slice(cut).trimStart();
		}
		out.push(rest);
	}
	return out;
}

function oldTextWrap(line: string, width: number): string[] {
	if (line.length <= width) return [line];
	const out: string[] = [];
	let cur = '';
	for (const word of line.split(' ')) {
		const next = cur === '' ? word : `${cur} ${word}`;
		if (next.length > width && cur.trim() !== '') {
			out.push(cur);
			cur = `  ${word}`;
		} else {
			cur = next;
		}
	}
	if (cur !== '') out.push(cur);
	return out;
}

function oldPatternsWrap(text: string, width: number, indent: string): string[] {
	const room = Math.max(10, width - indent.length);
	const out: string[] = [];
	let cur = '';
	for (const word of text.split(' ')) {
		const next = cur === '' ? word : `${cur} ${word}`;
		if (next.length > room && cur !== '') {
			out.push(cur);
			cur = word;
		} else {
			cur = next;
		}
	}
	if (cur !== '') out.push(cur);
	return out.map((l) => indent + shortenMiddle(l, room));
}

function oldWrapHanging(line: string, room: number): string[] {
	const width = Math.max(1, room);
	if (line.length <= width) return [line];
	const hang = Math.min(hangOf(line), Math.floor(width / 2));
	const pad = ' '.repeat(hang);
	const out: string[] = [];
	let rest = line;
	let lead = '';
	for (;;) {
		const avail = width - lead.length;
		if (rest.length <= avail) break;
		const space = rest.lastIndexOf(' ', avail);
		const floor = lead ? Math.ceil(avail / 2) : Math.max(hang, Math.ceil(avail / 2));
		const cut = space >= floor ? space : avail;
		out.push(lead + rest.slice(0, cut));
		rest = space >= floor ? rest.slice(cut + 1) : rest.slice(cut);
		lead = pad;
	}
	out.push(lead + rest);
	return out;
}

// ---- a seeded generator of awkward texts ----

function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CHARS = 'abcdefghijklmnopqrstuvwxyzABC0123456789/._-→:\u00a0\t';

function genText(r: () => number): string {
	const int = (n: number) => Math.floor(r() * n);
	let s = '';
	if (r() < 0.3) s += ' '.repeat(1 + int(6));
	if (r() < 0.2) s += `${' '.repeat(int(5))}${1 + int(999)}→${' '.repeat(int(4))}`;
	const words = int(r() < 0.1 ? 60 : 14);
	for (let i = 0; i < words; i++) {
		const len = r() < 0.1 ? 20 + int(21) : int(12);
		for (let j = 0; j < len; j++) s += CHARS[int(r() < 0.9 ? 29 : CHARS.length)];
		const sep = r();
		s += sep < 0.75 ? ' ' : sep < 0.88 ? ' '.repeat(2 + int(4)) : sep < 0.95 ? '\n' : ' \n ';
	}
	if (r() < 0.5) s = s.trimEnd();
	return s;
}

function cases(seed: number, n: number): {text: string; width: number; indent: string}[] {
	const r = rng(seed);
	const out = [];
	for (let i = 0; i < n; i++) {
		const width = r() < 0.3 ? 1 + Math.floor(r() * 20) : 1 + Math.floor(r() * 120);
		out.push({text: genText(r), width, indent: ' '.repeat(Math.floor(r() * 7))});
	}
	return out;
}

const CASES = cases(20261207, 20_000);

describe('wrap core vs the old functions (generated inputs)', () => {
	it('detail pane', () => {
		for (const c of CASES) expect(detailWrap(c.text, c.width), JSON.stringify(c)).toEqual(oldDetailWrap(c.text, c.width));
	});
	it('text report', () => {
		for (const c of CASES) expect(textWrap(c.text, c.width), JSON.stringify(c)).toEqual(oldTextWrap(c.text, c.width));
	});
	it('patterns report', () => {
		for (const c of CASES) expect(wrapIndented(c.text, c.width, c.indent), JSON.stringify(c)).toEqual(oldPatternsWrap(c.text, c.width, c.indent));
	});
	it('hanging rows', () => {
		for (const c of CASES) expect(wrapHanging(c.text, c.width), JSON.stringify(c)).toEqual(oldWrapHanging(c.text, c.width));
	});
});
