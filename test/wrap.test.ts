/**
 * One word-wrap core (source/core/wrap.ts) behind the detail pane, the text report, the
 * patterns report and the turn screen. Each call site kept its exact output when it moved onto
 * the core (checked then against the old functions on seeded inputs); what stays is each one's
 * cases written out, including the quirks kept as they were, and properties on seeded inputs.
 */
import {describe, expect, it} from 'vitest';
import {wrapText} from '../source/core/wrap.js';
import {sanitize, shortenMiddle} from '../source/report/format.js';
import {hangOf, wrapHanging} from '../source/ui/hang-wrap.js';
import {wrap as detailWrap} from '../source/ui/detail.js';
import {wrap as textWrap} from '../source/report/text.js';
import {wrapIndented} from '../source/report/patterns-text.js';
import {Rng} from '../source/demo/rng.js';

// ---- a seeded generator of awkward texts ----

/** A seeded PRNG (the demo's mulberry32), so a failing case can be replayed by its seed. */
const rng = (seed: number): (() => number) => {
	const r = new Rng(seed);
	return () => r.next();
};

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

const CASES = cases(20261207, 5_000);

// ---- hand-written cases, their lines written out ----

const N = 'a'.repeat(14);

describe('detail pane: wrap(text, width)', () => {
	it('cuts at the last space that fits, trims, and cuts a word longer than the room', () => {
		expect(detailWrap('  the quick brown fox jumps  ', 12)).toEqual(['the quick', 'brown fox', 'jumps']);
		expect(detailWrap(`see ${N}.ts now`, 10)).toEqual(['see', 'aaaaaaaaaa', 'aaaa.ts', 'now']);
		expect(detailWrap('   ', 40)).toEqual([]);
	});
	it('gives a line at least 10 columns, even past a narrower width (kept as it was)', () => {
		expect(detailWrap('abc def ghi jkl', 4)).toEqual(['abc def', 'ghi jkl']);
	});
	it('sanitizes before splitting paragraphs, so a \\n is a space and never starts a line (kept as it was)', () => {
		expect(detailWrap('first para\nsecond para', 40)).toEqual(['first para second para']);
	});
	it('keeps one of two spaces at the end of a line (kept as it was)', () => {
		expect(detailWrap('aaaaaaaaa  bbbb', 10)).toEqual(['aaaaaaaaa ', 'bbbb']);
	});
});

describe('text report: wrap(line, width)', () => {
	it('returns a line that fits as it is; continuation lines under two spaces', () => {
		expect(textWrap('  short', 40)).toEqual(['  short']);
		expect(textWrap('undated: 3 turns without a timestamp, included', 20)).toEqual(['undated: 3 turns', '  without a', '  timestamp,', '  included']);
	});
	it('keeps a word longer than the room whole, past the width', () => {
		expect(textWrap(`aaaa ${N} cc`, 10)).toEqual(['aaaa', `  ${N}`, '  cc']);
	});
	it('drops the leading spaces of a line that wraps, so its first line loses its indent (kept as it was)', () => {
		expect(textWrap('  item one two three four', 12)).toEqual(['item one two', '  three four']);
	});
	it('a trailing space past the width gives a blank continuation line (kept as it was)', () => {
		expect(textWrap('aaaa ', 4)).toEqual(['aaaa', '  ']);
		expect(textWrap('aaaa   bbbb', 5)).toEqual(['aaaa ', '   bbbb']);
	});
	it('breaks only after a character that is not white space (a no-break space is white space)', () => {
		expect(textWrap('aaaaaaa \u00a0 bbbbbbbbb', 8)).toEqual(['aaaaaaa', '  \u00a0 bbbbbbbbb']);
	});
});

describe('patterns report: wrapIndented(text, width, indent)', () => {
	it('indents every line, drops leading spaces, and shortens a word longer than the room in the middle', () => {
		expect(wrapIndented('  stop re-reading the same file', 20, '  ')).toEqual(['  stop re-reading', '  the same file']);
		expect(wrapIndented('open src/lib/deep/dir/session-store.ts first', 28, '    ')).toEqual(['    open', '    src/…/session-store.ts', '    first']);
		expect(wrapIndented(`x ${N}${N}`, 14, '  ')).toEqual(['  x', '  aaaaaa…aaaaa']);
		expect(wrapIndented('   ', 40, '  ')).toEqual([]);
	});
	it('breaks after any first character, a no-break space too (only spaces are dropped)', () => {
		expect(wrapIndented('\u00a0 bbbbbbbbbbbb', 12, '')).toEqual(['\u00a0', 'bbbbbbbbbbbb']);
	});
	it('gives a line at least 10 columns after its indent, even past a narrower width (kept as it was)', () => {
		expect(wrapIndented('abc def', 8, '    ')).toEqual(['    abc def']);
	});
});

describe('turn screen: wrapHanging(line, room)', () => {
	it('hangs continuation rows under the line’s indent and Read line number', () => {
		expect(wrapHanging('     12→    const x = 1; // long', 20)).toEqual(['     12→    const x', '          = 1; //', '          long']);
		expect(wrapHanging('abc def ghi', 7)).toEqual(['abc def', 'ghi']);
	});
	it('breaks only at a space in the second half of the row, else cuts', () => {
		expect(wrapHanging('ab cdefghijklmn', 8)).toEqual(['ab cdefg', 'hijklmn']);
		expect(wrapHanging('abcde fghijklmn', 8)).toEqual(['abcde', 'fghijklm', 'n']);
		expect(wrapHanging('abc defghijk', 7)).toEqual(['abc def', 'ghijk']);
	});
	it('a space exactly at the width at the end leaves an empty row (kept as it was; the pager trims lines first)', () => {
		expect(wrapHanging('ab c ', 4)).toEqual(['ab c', '']);
	});
});

describe('wrapText options not reached by the call sites', () => {
	it('paragraphs: each \\n-separated paragraph on its own, an empty one giving no line', () => {
		expect(wrapText('one two\n\n  three four ', {width: 8, trim: 'all', paragraphs: true})).toEqual(['one two', 'three', 'four']);
		expect(wrapText('one two\nthree', {width: 20})).toEqual(['one two\nthree']);
	});
});

// ---- properties on generated inputs ----

const nonWhite = (s: string) => s.replace(/\s/g, '');

describe('properties (generated inputs)', () => {
	it('detail pane: lines within the room (at least 10), none blank or starting with white space, every character kept in order', () => {
		for (const c of CASES) {
			const lines = detailWrap(c.text, c.width);
			const why = JSON.stringify(c);
			for (const l of lines) {
				expect(l.length, why).toBeLessThanOrEqual(Math.max(10, c.width));
				expect(l, why).toMatch(/^\S/);
			}
			expect(nonWhite(lines.join('')), why).toBe(nonWhite(sanitize(c.text)));
		}
	});
	it('text report: a line wider than the width holds one word; the lines joined by a space give the text back', () => {
		for (const c of CASES) {
			const lines = textWrap(c.text, c.width);
			const why = JSON.stringify(c);
			if (lines.length === 1 && lines[0] === c.text) continue;
			lines.slice(1).forEach((l) => expect(l.startsWith('  '), why).toBe(true));
			const texts = [lines[0] ?? '', ...lines.slice(1).map((l) => l.slice(2))];
			for (const t of texts) if (t.length > c.width - (t === texts[0] ? 0 : 2)) expect(t.trimStart(), why).not.toMatch(/ /);
			if (lines.length === 0) expect(c.text, why).toMatch(/^ *$/);
			else expect(texts.join(' '), why).toBe(c.text.replace(/^ +/, ''));
		}
	});
	it('patterns report: every line indented and within indent + room, words in order, only those longer than the room shortened', () => {
		for (const c of CASES) {
			const room = Math.max(10, c.width - c.indent.length);
			const lines = wrapIndented(c.text, c.width, c.indent);
			const why = JSON.stringify(c);
			for (const l of lines) {
				expect(l.startsWith(c.indent), why).toBe(true);
				expect(l.length, why).toBeLessThanOrEqual(c.indent.length + room);
			}
			const words = (s: string) => s.split(' ').filter(Boolean);
			expect(lines.flatMap((l) => words(l.slice(c.indent.length))), why).toEqual(words(c.text).map((w) => shortenMiddle(w, room)));
		}
	});
	it('turn screen: rows within the width, later rows under the hang, every non-space character kept in order', () => {
		for (const c of CASES) {
			const width = Math.max(1, c.width);
			const hang = Math.min(hangOf(c.text), Math.floor(width / 2));
			const lines = wrapHanging(c.text, c.width);
			const why = JSON.stringify(c);
			for (const l of lines) expect(l.length, why).toBeLessThanOrEqual(width);
			lines.slice(1).forEach((l) => expect(l.slice(0, hang), why).toBe(' '.repeat(hang)));
			const noSpace = (s: string) => s.replace(/ /g, '');
			expect(noSpace(lines.join('')), why).toBe(noSpace(c.text));
		}
	});
});
