import type {PriceBook} from '../analysis/pricing-types.js';
import {turnCost} from '../analysis/pricing.js';
import type {TurnRecord} from '../core/records.js';
import {scanLedger} from '../ledger/scan.js';

/** Activity within this long counts a session as active. */
export const ACTIVE_MS = 15 * 60_000;
/** The burn rate is the spend of this last stretch, per hour. */
export const RATE_MS = 60 * 60_000;

export interface TodayFigures {
	/** Local day (YYYY-MM-DD) and its start (ISO). */
	day: string;
	dayStart: string;
	/** Dollars of today's priced turns. */
	cost: number;
	turns: number;
	unpricedTurns: number;
	sessions: number;
	/** Sessions with a turn in the last 15 minutes. */
	active: number;
	/** Dollars per hour: the spend of the last 60 minutes. */
	ratePerHour: number;
	/** Running cost of each session today (for `watch --alert`). */
	bySession: Map<string, number>;
}

/** Midnight of the local day of `now`. */
export function localDayStart(now: number): Date {
	const d = new Date(now);
	d.setHours(0, 0, 0, 0);
	return d;
}

function localDay(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Today's figures from the ledger: only the partitions of today (and of the last hour when the
 * local day started less than an hour ago), deduplicated as every report is (scan.ts).
 */
export async function todayFigures(home: string, book: PriceBook, now: number): Promise<TodayFigures> {
	const start = localDayStart(now);
	const startMs = start.getTime();
	const since = Math.min(startMs, now - RATE_MS);
	const scan = await scanLedger({
		home,
		window: {since: new Date(since).toISOString(), until: null},
		skipKinds: ['tool_result_event', 'user_turn', 'compaction', 'relationship'],
	});
	const out: TodayFigures = {day: localDay(start), dayStart: start.toISOString(), cost: 0, turns: 0, unpricedTurns: 0, sessions: 0, active: 0, ratePerHour: 0, bySession: new Map()};
	let lastHour = 0;
	for (const s of scan.dataset.sessions) {
		let seenToday = false;
		let active = false;
		for (const t of s.turns) {
			const ms = Date.parse(t.ts);
			if (!(ms <= now)) continue;
			const cost = costOfTurn(book, t);
			if (ms >= now - RATE_MS) lastHour += cost ?? 0;
			if (ms >= now - ACTIVE_MS) active = true;
			if (ms < startMs) continue;
			seenToday = true;
			out.turns++;
			if (cost === null) out.unpricedTurns++;
			else {
				out.cost += cost;
				out.bySession.set(s.sessionId, (out.bySession.get(s.sessionId) ?? 0) + cost);
			}
		}
		if (seenToday) out.sessions++;
		if (active) out.active++;
	}
	out.ratePerHour = lastHour * (3_600_000 / RATE_MS);
	return out;
}

export function costOfTurn(book: PriceBook, t: TurnRecord): number | null {
	return turnCost(book, t.model, t.usage, t.source);
}
