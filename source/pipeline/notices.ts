/**
 * Every warning and notice of a load, one line each: config and price warnings, ingest
 * warnings (a busy lock, unreadable logs), skipped bad input, and (for the interactive view,
 * whose screens carry no report text) undated turns and unpriced models. The text report
 * prints them on stderr; the UI shows them in a status line and on stderr after it exits.
 */
import type {SkipCounts} from '../core/records.js';
import {fmtInt} from '../core/numbers.js';
import type {Loaded} from './load.js';
import type {SessionData} from '../ledger/dataset.js';
import type {PriceBook} from '../analysis/pricing-types.js';

/** Bad input skipped while reading logs, in one line ('' when none). */
export function skipsLine(skips: SkipCounts): string {
	if (skips.badLines + skips.badFields + skips.hugeLines + skips.unreadableFiles === 0) return '';
	return `skipped bad input while reading logs: ${skips.badLines} invalid line(s), ${skips.badFields} bad usage field(s), ${skips.hugeLines} oversized line(s), ${skips.unreadableFiles} unreadable file(s)`;
}

export function loadNotices(loaded: Loaded): string[] {
	const out = [...loaded.warnings];
	const skipped = loaded.ingest ? skipsLine(loaded.ingest.skips) : '';
	if (skipped) out.push(skipped);
	return out;
}

/** A session's turns without a price, by model: memoised per session object (a live merge counts only the sessions it rebuilt). */
const unpricedMemo = new WeakMap<SessionData, {book: PriceBook; counts: Map<string, number>}>();

function unpricedOf(s: SessionData, book: PriceBook): Map<string, number> {
	const hit = unpricedMemo.get(s);
	if (hit && hit.book === book) return hit.counts;
	const counts = new Map<string, number>();
	let lastModel: string | null = null;
	let lastKnown = true;
	for (const t of s.turns) {
		if (t.model !== lastModel) {
			lastModel = t.model;
			lastKnown = book.rateFor(t.model) !== null;
		}
		if (!lastKnown) counts.set(t.model, (counts.get(t.model) ?? 0) + 1);
	}
	unpricedMemo.set(s, {book, counts});
	return counts;
}

/** What the hotspots report would say in its header, for a view that has no header text. */
export function preparedNotices(loaded: Loaded): string[] {
	const {dataset, priceBook} = loaded;
	const out: string[] = [];
	const w = dataset.window;
	if ((w.since !== null || w.until !== null) && dataset.undatedTurns > 0) {
		out.push(`${fmtInt(dataset.undatedTurns)} turn(s) without a timestamp left out of this window (only --since all counts them)`);
	}
	const unpriced = new Map<string, number>();
	for (const s of dataset.sessions) for (const [model, n] of unpricedOf(s, priceBook)) unpriced.set(model, (unpriced.get(model) ?? 0) + n);
	if (unpriced.size > 0) {
		const turns = [...unpriced.values()].reduce((a, b) => a + b, 0);
		out.push(`unpriced: ${fmtInt(turns)} turn(s) of ${[...unpriced.keys()].sort().join(', ')} (no known price, not counted in the dollars)`);
	}
	return out;
}
