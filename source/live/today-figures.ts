/**
 * Today's figures of `burn status` (and the running costs of `burn watch`) from the turns'
 * times and costs: pure, no I/O. The turns come from a scan of today's partitions (today.ts)
 * or from the status cache (today-cache.ts); both give the same sessions and turns in the same
 * order, so the sums are the same to the last digit.
 */

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

/** One turn: its time (Date.parse of its timestamp) and its cost (null: unpriced). */
export interface DayTurn {
	ms: number;
	cost: number | null;
}

export interface DaySession {
	sessionId: string;
	turns: DayTurn[];
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

/** Where today's scan starts: the local midnight, or an hour ago when the day is younger (the burn rate). */
export function todaySince(now: number): number {
	return Math.min(localDayStart(now).getTime(), now - RATE_MS);
}

/** The figures of the turns since `todaySince(now)`, sessions and turns in scan order. */
export function figuresOf(sessions: Iterable<DaySession>, now: number): TodayFigures {
	const start = localDayStart(now);
	const startMs = start.getTime();
	const out: TodayFigures = {day: localDay(start), dayStart: start.toISOString(), cost: 0, turns: 0, unpricedTurns: 0, sessions: 0, active: 0, ratePerHour: 0, bySession: new Map()};
	let lastHour = 0;
	for (const s of sessions) {
		let seenToday = false;
		let active = false;
		for (const {ms, cost} of s.turns) {
			if (!(ms <= now)) continue;
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
