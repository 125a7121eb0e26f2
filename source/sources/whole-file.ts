/**
 * A line reader for sources that rewrite one JSON document in place (Amp threads, Factory
 * Droid settings, Goose's legacy session files): the lines of a pass are joined and handed
 * to `parse` at the end. Every pass starts at byte 0 (`resumeOffset: 0`), so a rewrite is
 * read whole, with the state of the pass before. A document that does not parse (caught
 * mid-rewrite) adds nothing and keeps the old state: the next change reads it again.
 * No I/O.
 */
import type {LedgerRecord, SkipCounts} from '../core/records.js';
import {emptySkips} from '../core/records.js';
import type {LineReader, ReaderContext} from './reader.js';
import {isObject, type Json} from './claude/line.js';

/** The document as a JSON object, or undefined when it is not one (caught half-written: read again at its next change). */
export function jsonObjectOf(text: string): Json | undefined {
	try {
		const v: unknown = JSON.parse(text);
		return isObject(v) ? v : undefined;
	} catch {
		return undefined;
	}
}

/** Sources whose state is running totals: kept when the file is replaced (a new inode). */
export const KEEP_STATE_ON_REWRITE: ReadonlySet<string> = new Set(['droid', 'goose']);

export type WholeParse<S> = (text: string, ctx: ReaderContext, state: S | undefined, skips: SkipCounts) => {records: LedgerRecord[]; state: S} | undefined;

export function wholeFileReader<S>(ctx: ReaderContext, prior: S | undefined, parse: WholeParse<S>, initial: () => S): LineReader<S> {
	const lines: string[] = [];
	return {
		line(bytes: Buffer): void {
			lines.push(bytes.toString('utf8'));
		},
		finish() {
			const skips = emptySkips();
			const got = ctx.startOffset === 0 ? parse(lines.join('\n'), ctx, prior, skips) : undefined;
			if (!got) {
				if (lines.length > 0) skips.badLines++;
				return {records: [], content: [], state: prior ?? initial(), skips, resumeOffset: 0};
			}
			return {records: got.records, content: [], state: got.state, skips, resumeOffset: 0};
		},
	};
}
