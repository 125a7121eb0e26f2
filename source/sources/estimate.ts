/**
 * A fast estimate of the cl100k_base token count of tool-result text (code, logs, JSON,
 * prose, some non-ASCII), for sizing tool results without a tokenizer (a real BPE runs at
 * ~2 MB/s in JS; this at several hundred).
 *
 * The text is read once, one table step per UTF-16 code unit, by a small automaton that
 * mirrors cl100k's pre-tokenizer: letter runs take one leading space or punctuation char,
 * digits split in groups of three, a whitespace run leaves its last space to the next
 * word, newlines right after punctuation ride with it. It counts one token per pre-token
 * plus what BPE adds: for long words, for words without a leading space (identifiers,
 * paths), for case flips after short lower-case runs (base64, hashes), and per code unit
 * of non-ASCII text. The weights were fitted on the Claude/Codex tool results of the
 * shared corpus (test/estimate.test.ts checks the aggregate error; bench/estimator.ts
 * measures it and the throughput).
 */

/** Character classes (at most 16: a class is the low 4 bits of a table index). */
const LOWER = 0;
const UPPER = 1;
const DIGIT = 2;
const SP = 3;
/** Tab and other horizontal whitespace. */
const TAB = 4;
const NL = 5;
/** ASCII punctuation and control characters. */
const PUNCT = 6;
/** Accented Latin letters: part of a word, with an extra cost each. */
const LATIN = 7;
/** Non-ASCII outside words, priced per code unit (`unit` weights). */
const SYMBOL = 8;
const DINGBAT = 9;
const CJK = 10;
const KANA = 11;
const HANGUL = 12;
const CYRILLIC = 13;
const OTHER = 14;
const SURROGATE = 15;
type UnitClass = typeof SYMBOL | typeof DINGBAT | typeof CJK | typeof KANA | typeof HANGUL | typeof CYRILLIC | typeof OTHER | typeof SURROGATE;

export interface EstimatorWeights {
	/** Per pre-token. */
	preToken: number;
	/** Per word without a leading space. */
	bare: number;
	/** Per letter of a word without a leading space beyond `bareFree`. */
	bareLong: number;
	/** Per letter of a word after a space beyond `spacedFree`. */
	spacedLong: number;
	/** Per lower→upper flip after a lower-case run of one or two letters. */
	flip: number;
	/** Per accented Latin letter (on top of the word). */
	latin: number;
	/** Per code unit of each non-ASCII class outside words (`symbolRun`: a symbol after a symbol). */
	symbol: number;
	symbolRun: number;
	dingbat: number;
	cjk: number;
	kana: number;
	hangul: number;
	cyrillic: number;
	other: number;
	surrogate: number;
}

const BARE_FREE = 4;
const SPACED_FREE = 5;

/**
 * ASCII and symbol weights: least squares on the shared corpus' tool results (weighted by
 * 1/√tokens). Other non-ASCII weights: measured on cl100k samples of each script.
 */
export const WEIGHTS: Readonly<EstimatorWeights> = {
	preToken: 1.028,
	bare: 0.151,
	bareLong: 0.159,
	spacedLong: 0.031,
	// The corpus alone fits 1.0; lockfiles (integrity hashes) want 2.0.
	flip: 1.5,
	latin: 0.8,
	symbol: 0.89,
	symbolRun: 0.29,
	dingbat: 2.0,
	cjk: 1.15,
	kana: 0.85,
	hangul: 0.6,
	cyrillic: 0.45,
	other: 1.0,
	surrogate: 1.3,
};

const UNIT_WEIGHT: Record<UnitClass, keyof EstimatorWeights> = {
	[SYMBOL]: 'symbol',
	[DINGBAT]: 'dingbat',
	[CJK]: 'cjk',
	[KANA]: 'kana',
	[HANGUL]: 'hangul',
	[CYRILLIC]: 'cyrillic',
	[OTHER]: 'other',
	[SURROGATE]: 'surrogate',
};

const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
	const t = new Uint8Array(65536).fill(OTHER);
	const set = (from: number, to: number, k: number) => t.fill(k, from, to + 1);
	set(0, 127, PUNCT);
	set(0x61, 0x7a, LOWER);
	set(0x41, 0x5a, UPPER);
	set(0x30, 0x39, DIGIT);
	for (const c of [0x09, 0x0b, 0x0c, 0xa0]) t[c] = TAB;
	t[0x20] = SP;
	t[0x0a] = NL;
	t[0x0d] = NL;
	set(0x80, 0x9f, PUNCT);
	set(0xa1, 0xbf, SYMBOL);
	set(0xc0, 0x24f, LATIN);
	t[0xd7] = SYMBOL;
	t[0xf7] = SYMBOL;
	set(0x400, 0x52f, CYRILLIC);
	set(0x1100, 0x11ff, HANGUL);
	set(0x2000, 0x2e7f, SYMBOL);
	set(0x2600, 0x27bf, DINGBAT);
	set(0x2e80, 0x9fff, CJK);
	set(0x3000, 0x303f, SYMBOL);
	set(0x3040, 0x30ff, KANA);
	set(0x3130, 0x318f, HANGUL);
	set(0xac00, 0xd7af, HANGUL);
	set(0xd800, 0xdfff, SURROGATE);
	set(0xf900, 0xfaff, CJK);
	set(0xfe00, 0xfe0f, SYMBOL);
	set(0xff00, 0xffef, CJK);
	return t;
}

// ---------------------------------------------------------------------------------------
// The automaton, built once from readable rules. A state is what the pre-tokenizer needs to
// remember about the text just read; every cost is charged on a transition (or at the end).

type Run = 'U1' | 'U2' | 'L1' | 'L2' | 'L3';
type State =
	| {kind: 'start'}
	| {kind: 'word'; spaced: boolean; pos: number; run: Run}
	| {kind: 'digit'; mod: number}
	/** Whitespace: `long` = two or more chars; `lastSp` = the last one is a plain space. */
	| {kind: 'space'; long: boolean; lastSp: boolean}
	/** Punctuation: `long` = two or more chars; `spaceIn` = it took a leading space (already charged). */
	| {kind: 'punct'; long: boolean; spaceIn: boolean}
	| {kind: 'nl'}
	/** After a non-ASCII character outside a word; `symbol`: it was a SYMBOL (box drawing, arrows…). */
	| {kind: 'unit'; symbol: boolean};

type Cost = Partial<Record<keyof EstimatorWeights, number>>;

const isWord = (c: number) => c === LOWER || c === UPPER || c === LATIN;

function add(into: Cost, key: keyof EstimatorWeights, n = 1): Cost {
	into[key] = (into[key] ?? 0) + n;
	return into;
}

/** Entering class `c` with nothing pending. */
function enter(c: number, cost: Cost, opts: {spaced?: boolean; spaceIn?: boolean; afterPunct?: boolean} = {}): State {
	if (isWord(c)) {
		add(cost, 'preToken');
		if (!opts.spaced) add(cost, 'bare');
		if (c === LATIN) add(cost, 'latin');
		return {kind: 'word', spaced: !!opts.spaced, pos: 1, run: c === UPPER ? 'U1' : 'L1'};
	}
	if (c === DIGIT) {
		add(cost, 'preToken');
		return {kind: 'digit', mod: 1};
	}
	if (c === SP || c === TAB) return {kind: 'space', long: false, lastSp: c === SP};
	if (c === NL) {
		if (!opts.afterPunct) add(cost, 'preToken');
		return {kind: 'nl'};
	}
	if (c === PUNCT) {
		if (opts.spaceIn) add(cost, 'preToken');
		return {kind: 'punct', long: false, spaceIn: !!opts.spaceIn};
	}
	add(cost, UNIT_WEIGHT[c as UnitClass]);
	return {kind: 'unit', symbol: c === SYMBOL};
}

function step(s: State, c: number, cost: Cost): State {
	switch (s.kind) {
		case 'start':
			return enter(c, cost);
		case 'unit':
			if (s.symbol && c === SYMBOL) {
				add(cost, 'symbolRun');
				return s;
			}
			return enter(c, cost);
		case 'word': {
			if (!isWord(c)) return enter(c, cost);
			const pos = s.pos + 1;
			if (s.spaced ? pos > SPACED_FREE : pos > BARE_FREE) add(cost, s.spaced ? 'spacedLong' : 'bareLong');
			if (c === LATIN) add(cost, 'latin');
			const upper = c === UPPER;
			let run: Run;
			if (upper === s.run.startsWith('U')) {
				run = s.run === 'U1' ? 'U2' : s.run === 'L1' ? 'L2' : s.run === 'L2' ? 'L3' : s.run;
			} else {
				if (upper && (s.run === 'L1' || s.run === 'L2')) add(cost, 'flip');
				run = upper ? 'U1' : 'L1';
			}
			return {kind: 'word', spaced: s.spaced, pos: Math.min(pos, (s.spaced ? SPACED_FREE : BARE_FREE) + 1), run};
		}
		case 'digit':
			if (c !== DIGIT) return enter(c, cost);
			if (s.mod === 3) add(cost, 'preToken');
			return {kind: 'digit', mod: s.mod === 3 ? 1 : s.mod + 1};
		case 'space':
			if (c === SP || c === TAB) return {kind: 'space', long: true, lastSp: c === SP};
			if (c === NL) return enter(NL, cost); // the newline pre-token takes the whitespace before it
			if (s.long) add(cost, 'preToken'); // all but the last char
			if (isWord(c)) return enter(c, cost, {spaced: true});
			if (c === DIGIT) add(cost, 'preToken'); // digits take no leading space
			else if (!s.lastSp) add(cost, 'preToken'); // only a plain space joins punctuation
			else if (c === PUNCT) return enter(c, cost, {spaceIn: true});
			return enter(c, cost);
		case 'punct': {
			// One punctuation char right before a word is part of the word's pre-token.
			const pending = !s.long && !s.spaceIn;
			if (c === PUNCT) {
				if (pending) add(cost, 'preToken');
				return {kind: 'punct', long: true, spaceIn: s.spaceIn};
			}
			if (pending && isWord(c)) return enter(c, cost);
			if (pending) add(cost, 'preToken');
			return enter(c, cost, {afterPunct: true});
		}
		case 'nl':
			return c === NL ? s : enter(c, cost);
	}
}

/** What is still owed when the text ends in state `s`. */
function finish(s: State, cost: Cost): void {
	if (s.kind === 'space' || (s.kind === 'punct' && !s.long && !s.spaceIn)) add(cost, 'preToken');
}

export interface Tables {
	/** Next state id × 16, by (state id × 16 + class). */
	next: Uint16Array;
	cost: Float64Array;
	final: Float64Array;
}

function price(cost: Cost, w: EstimatorWeights): number {
	let total = 0;
	for (const [k, n] of Object.entries(cost)) total += n! * w[k as keyof EstimatorWeights];
	return total;
}

function buildTables(w: EstimatorWeights): Tables {
	const ids = new Map<string, number>();
	const states: State[] = [];
	const id = (s: State): number => {
		const key = JSON.stringify(s);
		let n = ids.get(key);
		if (n === undefined) {
			ids.set(key, (n = states.length));
			states.push(s);
		}
		return n;
	};
	id({kind: 'start'});
	const edges: Array<{from: number; c: number; to: number; cost: number}> = [];
	for (let i = 0; i < states.length; i++) {
		for (let c = 0; c < 16; c++) {
			const cost: Cost = {};
			const to = id(step(states[i]!, c, cost));
			edges.push({from: i, c, to, cost: price(cost, w)});
		}
	}
	const next = new Uint16Array(states.length * 16);
	const costs = new Float64Array(states.length * 16);
	for (const e of edges) {
		next[e.from * 16 + e.c] = e.to * 16;
		costs[e.from * 16 + e.c] = e.cost;
	}
	const final = new Float64Array(states.length * 16);
	states.forEach((s, i) => {
		const cost: Cost = {};
		finish(s, cost);
		final[i * 16] = price(cost, w);
	});
	return {next, cost: costs, final};
}

/** An estimator with other weights (for calibration): the unrounded estimate. */
export function makeEstimator(weights: EstimatorWeights): (text: string) => number {
	return estimatorOf(buildTables(weights));
}

function estimatorOf({next, cost, final}: Tables): (text: string) => number {
	const cls = CLASS;
	return (text: string): number => {
		const n = text.length;
		let s = 0;
		let total = 0;
		for (let i = 0; i < n; i++) {
			const t = s | cls[text.charCodeAt(i)]!;
			total += cost[t]!;
			s = next[t]!;
		}
		return total + final[s]!;
	};
}

// Built on first use: a report that estimates nothing does not pay for the tables.
let estimate: ((text: string) => number) | null = null;
let tables: (Tables & {cls: Uint8Array}) | null = null;

/**
 * The automaton of estimateTokens, for readers that step it over code units they decode
 * themselves (json-text.ts): state id 0 to start; per code unit `t = s | cls[unit]`,
 * `total += cost[t]`, `s = next[t]`; the estimate is `total + final[s]`, rounded as
 * estimateTokens does (roundEstimate).
 */
export function estimatorTables(): Readonly<Tables & {cls: Uint8Array}> {
	return (tables ??= {...buildTables(WEIGHTS), cls: CLASS});
}

/** estimateTokens' rounding of an unrounded estimate of `units` code units. */
export function roundEstimate(units: number, raw: number): number {
	if (units === 0) return 0;
	const t = Math.round(raw);
	return t < 1 ? 1 : t;
}

/** Estimated cl100k_base tokens of `text`: 0 for '', at least 1 otherwise. */
export function estimateTokens(text: string): number {
	if (text.length === 0) return 0;
	const t = Math.round((estimate ??= estimatorOf(estimatorTables()))(text));
	return t < 1 ? 1 : t;
}

/** The same estimate over UTF-8 bytes (`buf[start, end)`). */
export function estimateTokensFromBytes(buf: Buffer, start = 0, end = buf.length): number {
	return end <= start ? 0 : estimateTokens(buf.toString('utf8', start, end));
}
