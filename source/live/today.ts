import type {PriceBook} from '../analysis/pricing-types.js';
import {turnCost} from '../analysis/pricing.js';
import type {TurnRecord} from '../core/records.js';
import {parseTs} from '../core/time.js';
import {scanLedger} from '../ledger/scan.js';
import {figuresOf, todaySince, type DayTurn, type TodayFigures} from './today-figures.js';

export {ACTIVE_MS, RATE_MS, localDayStart, type TodayFigures} from './today-figures.js';

/** A turn of the scan: its time for the window (the scan's own parse), and for the figures. */
export interface ScannedTurn extends DayTurn {
	/** The time the scan's window compares (ledger/bucket.ts: parseTs). */
	at: number;
}

/**
 * The turns of the ledger from `sinceMs` on, by session, deduplicated as every report is
 * (scan.ts), each with its cost.
 */
export async function turnsSince(home: string, book: PriceBook, sinceMs: number): Promise<Array<{sessionId: string; turns: ScannedTurn[]}>> {
	const scan = await scanLedger({
		home,
		window: {since: new Date(sinceMs).toISOString(), until: null},
		skipKinds: ['tool_result_event', 'user_turn', 'compaction', 'relationship'],
	});
	return scan.dataset.sessions.map((s) => ({sessionId: s.sessionId, turns: s.turns.map((t) => ({at: t.ts ? parseTs(t.ts) : Number.NaN, ms: Date.parse(t.ts), cost: costOfTurn(book, t)}))}));
}

/**
 * Today's figures from the ledger: only the partitions of today (and of the last hour when the
 * local day started less than an hour ago), deduplicated as every report is (scan.ts).
 */
export async function todayFigures(home: string, book: PriceBook, now: number): Promise<TodayFigures> {
	return figuresOf(await turnsSince(home, book, todaySince(now)), now);
}

export function costOfTurn(book: PriceBook, t: TurnRecord): number | null {
	return turnCost(book, t.model, t.usage, t.source);
}
