const UNIT_MS: Record<string, number> = {
	h: 3_600_000,
	d: 86_400_000,
	w: 7 * 86_400_000,
	m: 30 * 86_400_000,
};

const RELATIVE = /^(\d+)([hdwm])$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** What a date (and a ledger partition, `YYYY-MM-DD`) can hold: years 0001 to 9999, UTC. */
export const MIN_TIME_MS = -62_135_596_800_000;
export const MAX_TIME_MS = 253_402_300_799_999;

/** A time a window may use, or undefined when it is past what a date can hold. */
function inRange(ms: number | undefined): number | undefined {
	return ms !== undefined && Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS ? ms : undefined;
}

/** Local date-time; years below 100 stay themselves (the Date constructor maps them to 19xx). */
function localTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
	const date = new Date(2000, mo, d, h, mi, s, ms);
	date.setFullYear(y, mo, d);
	return date.getTime();
}

/**
 * Parses `24h`, `7d`, `4w`, `3m` (30 days) relative to `now`, or an ISO date / date-time.
 * An ISO time without an offset is local time. Returns epoch ms, or undefined when invalid.
 */
export function parseTime(value: string, now: number): number | undefined {
	return inRange(parseAnyTime(value, now));
}

function parseAnyTime(value: string, now: number): number | undefined {
	const v = value.trim();
	const rel = RELATIVE.exec(v);
	if (rel) {
		const n = Number(rel[1]);
		if (n <= 0) return undefined;
		return now - n * UNIT_MS[rel[2]!]!;
	}
	const d = DATE_ONLY.exec(v);
	if (d) {
		const ms = localTime(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
		return validDate(ms, Number(d[2]), Number(d[3]));
	}
	const l = LOCAL_DATETIME.exec(v);
	if (l) {
		const ms = localTime(
			Number(l[1]),
			Number(l[2]) - 1,
			Number(l[3]),
			Number(l[4]),
			Number(l[5]),
			Number(l[6] ?? 0),
			Number((l[7] ?? '0').padEnd(3, '0')),
		);
		if (Number(l[4]) > 23 || Number(l[5]) > 59 || Number(l[6] ?? 0) > 59) return undefined;
		return validDate(ms, Number(l[2]), Number(l[3]));
	}
	if (WITH_OFFSET.test(v)) {
		const ms = Date.parse(v);
		return Number.isNaN(ms) ? undefined : ms;
	}
	return undefined;
}

function validDate(ms: number, month: number, day: number): number | undefined {
	if (Number.isNaN(ms)) return undefined;
	const d = new Date(ms);
	if (d.getMonth() + 1 !== month || d.getDate() !== day) return undefined;
	return ms;
}

/** A date-only `--until` means the end of that local day. */
export function parseUntil(value: string, now: number): number | undefined {
	const ms = parseTime(value, now);
	if (ms === undefined) return undefined;
	if (DATE_ONLY.test(value.trim())) return inRange(ms + 86_400_000 - 1);
	return ms;
}
