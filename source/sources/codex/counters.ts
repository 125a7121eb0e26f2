/**
 * The running counters of a Codex rollout (docs/codex-counters.md).
 *
 * `total_token_usage` is a running total, but one rollout can hold several of them: a
 * restarted process (`codex resume`) counts again from zero, `/review` writes the review
 * conversation's own counter and then the parent's resumes where it stopped, and a forked or
 * spawned rollout starts with its parent's counter copied in. Every `token_count` is
 * assigned to the counter it continues: its total equals that counter's total (a repeat),
 * or that counter's total plus `last_token_usage`. A total that continues no counter starts
 * a new one, counted from zero. What the event adds (its increment) is credited to the task
 * it happened in.
 *
 * A new counter counts from zero, so its first total equals its `last_token_usage`. A
 * total that continues no counter exactly and is NOT its own last request has history the
 * rollout did not write; like a total without a usable `last_token_usage` (third-party
 * writers, old versions, a bad field, fields present in one and not the other), it
 * continues the nearest counter not above it, and starts a new one only when every
 * counter is above it.
 */
import type {SkipCounts} from '../../core/records.js';
import {emptySkips} from '../../core/records.js';
import {isObject} from './json.js';
import {zeroRaw, type Raw} from './state.js';
import {readRaw, sameRaw} from './usage.js';

/** At most this many counters are remembered (the current one included). */
export const MAX_COUNTERS = 16;

/** The counter set as the reader state holds it: `last` is the current counter's total. */
export interface CounterSet {
	last: Raw;
	/** The other counters' totals, most recently used first. */
	others: Raw[];
}

const plus = (a: Raw, b: Raw): Raw => ({i: a.i + b.i, c: a.c + b.c, o: a.o + b.o, r: a.r + b.r});
const atMost = (a: Raw, b: Raw): boolean => a.i <= b.i && a.c <= b.c && a.o <= b.o && a.r <= b.r;
const gap = (a: Raw, b: Raw): number => b.i - a.i + (b.c - a.c) + (b.o - a.o) + (b.r - a.r);
const diff = (a: Raw, b: Raw): Raw => ({i: b.i - a.i, c: b.c - a.c, o: b.o - a.o, r: b.r - a.r});

export const isZeroRaw = (d: Raw): boolean => d.i === 0 && d.c === 0 && d.o === 0 && d.r === 0;

/**
 * Reads one token_count `info` and moves the counter set. Returns the increment to credit
 * (zeros for a repeat), or undefined when the event carries no usage.
 */
export function readTokenCount(set: CounterSet, info: Record<string, unknown>, skips: SkipCounts): Raw | undefined {
	const totalObj = isObject(info.total_token_usage) ? info.total_token_usage : undefined;
	const lastObj = isObject(info.last_token_usage) ? info.last_token_usage : undefined;
	const last = lastObj && sameKeys(totalObj, lastObj) ? readLast(lastObj) : undefined;
	if (!totalObj) {
		if (!lastObj) return undefined;
		// Only increments are written: they all continue the current counter.
		const d = readRaw(lastObj, zeroRaw(), skips);
		set.last = plus(set.last, d);
		return d;
	}
	const before = skips.badFields;
	const total = readRaw(totalObj, set.last, skips);
	return continueWith(set, total, skips.badFields === before ? last : undefined);
}

const KEYS = ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens'];

/** The total and the last request name the same fields (a field missing from one is not comparable). */
function sameKeys(total: Record<string, unknown> | undefined, last: Record<string, unknown>): boolean {
	return !total || KEYS.every((k) => k in total === k in last);
}

/** `last_token_usage` when every field of it is usable, else undefined. */
function readLast(obj: Record<string, unknown>): Raw | undefined {
	const probe = emptySkips();
	const d = readRaw(obj, zeroRaw(), probe);
	return probe.badFields === 0 ? d : undefined;
}

/** Assigns `total` to the counter it continues (or a new one); returns the increment. */
export function continueWith(set: CounterSet, total: Raw, last: Raw | undefined): Raw {
	const all = [set.last, ...set.others];
	let k = all.findIndex((c) => sameRaw(c, total));
	let inc = zeroRaw();
	if (k < 0 && last) {
		k = all.findIndex((c) => sameRaw(plus(c, last), total));
		if (k >= 0) inc = last;
	}
	// A new counter starts from zero: its first total is its own last request. A total that
	// matches nothing and is more than its last request has history this rollout did not
	// write (an update without a token_count): it continues the nearest counter below it.
	const fresh = k < 0 && last !== undefined && sameRaw(total, last);
	if (k < 0 && !fresh) {
		let best = Number.POSITIVE_INFINITY;
		all.forEach((c, j) => {
			if (!atMost(c, total)) return;
			const g = gap(c, total);
			if (g < best) {
				best = g;
				k = j;
			}
		});
		if (k >= 0) inc = diff(all[k]!, total);
	}
	if (k < 0) {
		// A new counter, counted from zero.
		inc = {...total};
		set.others = [set.last, ...set.others].slice(0, MAX_COUNTERS - 1);
	} else if (k > 0) {
		set.others.splice(k - 1, 1);
		set.others.unshift(set.last);
	}
	set.last = {...total};
	return inc;
}
