/**
 * What a report leaves out, with the reason (PRODUCT.md, Contracts): every count the views
 * print in their "left out" notice, and the JSON `leftOut` object. Pure: from the dataset and
 * the report's own figures.
 */
import type {Dataset} from './dataset.js';
import type {SourceKind} from '../core/records.js';
import {fmtInt as n, plural as s} from '../core/numbers.js';

export interface LeftOut {
	/** Turns without a timestamp that this window does not count (0 with `--since all`, which counts them). */
	undated: number;
	/** Lines skipped as invalid: ledger lines read, plus log lines (invalid or oversized) this run's ingest read. */
	badLines: number;
	/** Usage fields that were not non-negative integers (counted as 0; the rest of the record counts). */
	badFields: number;
	/** Log files this run's ingest could not read, and log directories it could not list (their logs unseen). */
	unreadableFiles: number;
	/** Record versions replaced by a more complete version of the same record (the most complete counts once). */
	duplicates: number;
	/** Copies of a response written into another session (resume, fork): counted once, in the session that made it. */
	crossSessionCopies: number;
	/** Turns whose model has no known price: in the turn counts, not in the dollars. */
	unpriced: number;
	/** Responses without usage (aborted): not turns. */
	aborted: number;
	/** Turns the coverage gate left out of attribution (and of the totals). */
	excluded: number;
	/** Turns in the totals but left out of attribution: their agent logs no tool calls or results (agent-gaps.ts). */
	notAttributed: number;
	/** The same by agent, with the reason (present when notAttributed > 0). */
	notAttributedBySource?: NotAttributed[];
}

/** Turns of one agent left out of attribution, and why. */
export interface NotAttributed {
	source: SourceKind;
	turns: number;
	reason: string;
}

export const LEFT_OUT_KEYS: readonly (keyof LeftOut)[] = ['undated', 'badLines', 'badFields', 'unreadableFiles', 'duplicates', 'crossSessionCopies', 'unpriced', 'aborted', 'excluded', 'notAttributed'];

/** The left-out counts of a report over `dataset`, given the report's excluded and unpriced turns. */
export function leftOutOf(dataset: Dataset, excludedTurns: number, unpricedTurns: number, notAttributed: readonly NotAttributed[] = []): LeftOut {
	const w = dataset.window;
	const skipped = dataset.stats.skipped;
	const na = notAttributed.reduce((n, e) => n + e.turns, 0);
	return {
		undated: w.since !== null || w.until !== null ? dataset.undatedTurns : 0,
		badLines: (dataset.stats.badLines ?? 0) + (skipped?.badLines ?? 0) + (skipped?.hugeLines ?? 0),
		badFields: skipped?.badFields ?? 0,
		unreadableFiles: skipped?.unreadableFiles ?? 0,
		duplicates: dataset.stats.duplicateVersions,
		crossSessionCopies: dataset.stats.copiesDropped ?? 0,
		unpriced: unpricedTurns,
		aborted: dataset.abortedTurns ?? 0,
		excluded: excludedTurns,
		notAttributed: na,
		...(na > 0 ? {notAttributedBySource: notAttributed.map((e) => ({...e}))} : {}),
	};
}

/** One phrase per non-zero count, with its reason (the text report and stderr; the UI joins them). */
export function leftOutLines(l: LeftOut): string[] {
	const out: string[] = [];
	if (l.undated) out.push(`${s(l.undated, 'turn')} without a timestamp (only --since all counts them)`);
	if (l.badLines) out.push(`${s(l.badLines, 'invalid line')} skipped`);
	if (l.badFields) out.push(`${s(l.badFields, 'bad usage field')} counted as 0`);
	if (l.unreadableFiles) out.push(`${s(l.unreadableFiles, 'unreadable log file')}`);
	if (l.duplicates) out.push(`${s(l.duplicates, 'duplicate record version')} resolved (the most complete counts once)`);
	if (l.crossSessionCopies) out.push(`${s(l.crossSessionCopies, 'response')} copied into another session, counted once in its own session`);
	if (l.unpriced) out.push(`${s(l.unpriced, 'unpriced turn')} (no known price) not in the dollars`);
	if (l.aborted) out.push(`${s(l.aborted, 'aborted response')} without usage (not turns)`);
	if (l.excluded) out.push(`${s(l.excluded, 'turn')} outside the coverage gate, not in the totals`);
	if (l.notAttributed) {
		const why = (l.notAttributedBySource ?? []).map((e) => `${e.source}: ${e.reason}`).join('; ');
		out.push(`${s(l.notAttributed, 'turn')} in the totals but not attributed to tools${why ? ` (${why})` : ''}`);
	}
	return out;
}

/** A short form for one status line: `3 undated · 2 bad lines · …` (non-zero counts only). */
export function leftOutShort(l: LeftOut): string {
	const parts: string[] = [];
	if (l.undated) parts.push(`${n(l.undated)} undated`);
	if (l.badLines) parts.push(s(l.badLines, 'bad line'));
	if (l.badFields) parts.push(s(l.badFields, 'bad field'));
	if (l.unreadableFiles) parts.push(s(l.unreadableFiles, 'unreadable file'));
	if (l.duplicates) parts.push(s(l.duplicates, 'duplicate'));
	if (l.crossSessionCopies) parts.push(`${n(l.crossSessionCopies)} cross-session`);
	if (l.unpriced) parts.push(`${n(l.unpriced)} unpriced`);
	if (l.aborted) parts.push(`${n(l.aborted)} aborted`);
	if (l.excluded) parts.push(`${n(l.excluded)} excluded`);
	if (l.notAttributed) parts.push(`${n(l.notAttributed)} not attributed (${(l.notAttributedBySource ?? []).map((e) => e.source).join(', ')}: no tool results)`);
	return parts.join(' · ');
}
