import type {SkipCounts, Usage} from '../../core/records.js';
import type {Raw} from './state.js';

const FIELDS: ReadonlyArray<[keyof Raw, string]> = [
	['i', 'input_tokens'],
	['c', 'cached_input_tokens'],
	['o', 'output_tokens'],
	['r', 'reasoning_output_tokens'],
];

/**
 * Reads a Codex usage object. A missing field keeps `base`'s value; a field that is not a
 * non-negative integer also keeps it and is counted in `skips.badFields`. For a cumulative
 * total (`base` = the previous total) that means the bad field adds nothing this time; for
 * an increment (`base` = zeros) it counts as 0.
 */
export function readRaw(obj: Record<string, unknown>, base: Raw, skips: SkipCounts): Raw {
	const out: Raw = {...base};
	for (const [key, name] of FIELDS) {
		if (!(name in obj)) continue;
		const v = obj[name];
		if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) out[key] = v;
		else skips.badFields++;
	}
	return out;
}

export function sameRaw(a: Raw, b: Raw): boolean {
	return a.i === b.i && a.c === b.c && a.o === b.o && a.r === b.r;
}

export function addRaw(into: Raw, d: Raw): void {
	into.i += d.i;
	into.c += d.c;
	into.o += d.o;
	into.r += d.r;
}

export function subRaw(a: Raw, b: Raw): Raw {
	return {i: Math.max(0, a.i - b.i), c: Math.max(0, a.c - b.c), o: Math.max(0, a.o - b.o), r: Math.max(0, a.r - b.r)};
}

/** Canonical usage of a delta: uncached input = input − cached; reasoning stays part of output. */
export function toUsage(d: Raw): Usage {
	return {
		input: Math.max(0, d.i - d.c),
		output: d.o,
		reasoning: d.r,
		cacheRead: d.c,
		cacheCreate5m: 0,
		cacheCreate1h: 0,
	};
}

export function addUsage(into: Usage, d: Usage): void {
	into.input += d.input;
	into.output += d.output;
	into.reasoning += d.reasoning;
	into.cacheRead += d.cacheRead;
}
