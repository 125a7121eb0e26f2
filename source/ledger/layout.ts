import {join} from 'node:path';
import type {LedgerRecord} from '../core/records.js';

/**
 * Ledger layout (docs/ledger.md): records are partitioned by the UTC day of their own
 * timestamp, so a report reads only the days of its window.
 *   <home>/ledger/YYYY-MM-DD.jsonl   records of that day
 *   <home>/ledger/undated.jsonl      records without a usable timestamp
 */
export const UNDATED = 'undated';

export function ledgerDir(home: string): string {
	return join(home, 'ledger');
}

export function partitionPath(home: string, partition: string): string {
	return join(ledgerDir(home), `${partition}.jsonl`);
}

export function recordTs(entry: LedgerRecord): string | undefined {
	return entry.record.ts || undefined;
}

/** 'YYYY-MM-DD' (UTC) of an ISO timestamp, or undefined when it does not parse. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

export function dayOf(ts: string | undefined): string | undefined {
	if (!ts) return undefined;
	// The common case (UTC ISO, as the agents write): the day is the first 10 characters.
	if (UTC_ISO.test(ts)) return ts.slice(0, 10);
	const ms = Date.parse(ts);
	// Years past 9999 or before 0001 have no YYYY-MM-DD partition a window would read: undated.
	if (Number.isNaN(ms) || ms < -62_135_596_800_000 || ms > 253_402_300_799_999) return undefined;
	return new Date(ms).toISOString().slice(0, 10);
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export function partitionOfFile(name: string): string | undefined {
	if (name === `${UNDATED}.jsonl`) return UNDATED;
	return DAY_FILE.exec(name)?.[1];
}

/** Days (UTC, inclusive) from `since` to `until`, as partition names. */
export function daysBetween(sinceMs: number, untilMs: number): string[] {
	const out: string[] = [];
	const start = Date.UTC(
		new Date(sinceMs).getUTCFullYear(),
		new Date(sinceMs).getUTCMonth(),
		new Date(sinceMs).getUTCDate(),
	);
	for (let t = start; t <= untilMs; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
	return out;
}
