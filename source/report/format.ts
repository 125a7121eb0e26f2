/** Formatting primitives shared by the text report and the Ink screens. */
import {groupThousands} from '../core/numbers.js';
import {sanitize} from '../core/sanitize.js';

/**
 * Dollars: `$1.62`, `$0.61`, `$0.041`, `$0.0041`, two significant digits down to
 * $0.0001 and `<$0.0001` below that, so
 * a nonzero cost never prints as `$0.00` and fits a 9-character column. Thousands
 * separators above $1,000. (JSON keeps the exact numbers.)
 */
export function fmtUsd(n: number): string {
	if (!Number.isFinite(n)) return '—';
	if (n === 0) return '$0.00';
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	let body: string;
	if (a >= 0.995) body = groupThousands(a.toFixed(2));
	else if (a >= 0.0995) body = a.toFixed(2);
	else if (a >= 0.00995) body = a.toFixed(3);
	else if (a >= 0.000995) body = a.toFixed(4);
	else if (a >= 0.0000995) body = String(Number(a.toPrecision(2)));
	else return `${sign}<$0.0001`;
	return `${sign}$${body}`;
}

/** A cost that may be unknown: `unpriced` when the model has no price. */
export const fmtCost = (n: number | null): string => (n === null ? 'unpriced' : fmtUsd(n));

/**
 * Dollars in a table column: one rule per column, every cell with the same decimals, so the
 * points line up and no cell is more precise than the one above it. Totals (hotspots,
 * sessions, models, findings) use cents (`$0.56`, `$0.08`, `$1,234.50`); a turn's cost uses
 * three decimals (`$0.041`, `$0.004`). A nonzero amount too small for the decimals is
 * `<$0.01` (`<$0.001`), never `$0.00`. Prose (the detail pane, notes) keeps fmtUsd.
 */
export function fmtUsdCol(n: number, decimals: 2 | 3 = 2): string {
	if (!Number.isFinite(n)) return '—';
	const unit = 10 ** -decimals;
	if (n === 0) return `$${(0).toFixed(decimals)}`;
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	if (a < unit / 2) return `${sign}<$${unit.toFixed(decimals)}`;
	return `${sign}$${groupThousands(a.toFixed(decimals))}`;
}

/** fmtUsdCol for a cost that may be unknown (`unpriced`). */
export const fmtCostCol = (n: number | null, decimals: 2 | 3 = 2): string => (n === null ? 'unpriced' : fmtUsdCol(n, decimals));

/** Integers with thousands separators; fractional token shares are rounded for display. */
export {fmtInt, plural} from '../core/numbers.js';

const trimZero = (s: string): string => s.replace(/\.0$/, '');

/** Token counts, compact: `410`, `1.5k`, `141k`, `3.8M`, `52M`, `1.2B`. */
export function fmtTokens(n: number): string {
	if (!Number.isFinite(n)) return '—';
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	if (a < 999.5) return sign + String(Math.round(a));
	if (a < 9_950) return `${sign}${trimZero((a / 1e3).toFixed(1))}k`;
	if (a < 999_500) return `${sign}${Math.round(a / 1e3)}k`;
	if (a < 9_950_000) return `${sign}${trimZero((a / 1e6).toFixed(1))}M`;
	if (a < 999_500_000) return `${sign}${Math.round(a / 1e6)}M`;
	if (a < 9_950_000_000) return `${sign}${trimZero((a / 1e9).toFixed(1))}B`;
	return `${sign}${Math.round(a / 1e9)}B`;
}

/** A share (0..1) as a percentage: `38%`, `8.3%`, `<0.1%`. */
export function fmtPct(share: number): string {
	if (!Number.isFinite(share) || share <= 0) return '0%';
	const p = share * 100;
	if (p < 0.05) return '<0.1%';
	if (p < 9.95) return `${p.toFixed(1)}%`;
	return `${Math.round(p)}%`;
}

/**
 * Shortens to `width` characters with `…` in the middle. Paths keep their file name whole
 * when it fits and cut the head at a directory boundary: `src/lib/…/session-store.ts`.
 */
export function shortenMiddle(s: string, width: number): string {
	if (width <= 0) return '';
	if (s.length <= width) return s;
	if (width === 1) return '…';
	const slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
	if (slash > 0) {
		const tail = s.slice(slash);
		const budget = width - 1 - tail.length;
		if (budget >= 0) {
			let head = s.slice(0, budget);
			const cut = Math.max(head.lastIndexOf('/'), head.lastIndexOf('\\'));
			if (cut > 0 && cut + 1 >= Math.ceil(budget / 2)) head = head.slice(0, cut + 1);
			return `${head}…${tail}`;
		}
		// The last name alone is too long: its end, which tells projects apart (`…r-ledger.io`,
		// not `/User…er.io`).
		return `…${s.slice(s.length - (width - 1))}`;
	}
	const keep = width - 1;
	const left = Math.ceil(keep / 2);
	const right = keep - left;
	return `${s.slice(0, left)}…${right > 0 ? s.slice(s.length - right) : ''}`;
}

/** Cuts the end: `first words…`. */
export function truncateEnd(s: string, width: number): string {
	if (width <= 0) return '';
	if (s.length <= width) return s;
	return width === 1 ? '…' : `${s.slice(0, width - 1)}…`;
}

// Text from logs made safe for a terminal (in core: the light start of `burn status` uses it too).
export {sanitize};

/** A shell command on one line: its line breaks shown as ` ⏎ `, never glued together. */
export function commandText(s: string): string {
	if (typeof s !== 'string') return '';
	return sanitize(s.replace(/[ \t]*(?:\r\n|\n|\r)[ \t]*/g, ' ⏎ ').trim());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `Nov 21 14:02` in local time, `Nov 21 2025 14:02` with `withYear`; '' when the timestamp
 * is missing or invalid.
 */
export function fmtDateTime(ts: string | null | undefined, withYear = false): string {
	const ms = ts ? Date.parse(ts) : Number.NaN;
	if (Number.isNaN(ms)) return '';
	const d = new Date(ms);
	return `${MONTHS[d.getMonth()]} ${d.getDate()}${withYear ? ` ${d.getFullYear()}` : ''} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * Whether dates shown together need their year: they span more than one (local) year, or
 * they are not in the year of `now`.
 */
export function needsYear(stamps: Iterable<string | null | undefined>, now: number): boolean {
	const thisYear = new Date(now).getFullYear();
	for (const ts of stamps) {
		const ms = ts ? Date.parse(ts) : Number.NaN;
		if (!Number.isNaN(ms) && new Date(ms).getFullYear() !== thisYear) return true;
	}
	return false;
}

/** How views show dates and paths: the clock that decides "this year", and the home that becomes `~`. */
export interface DisplayContext {
	now: number;
	home?: string;
}

/** `14:02` in local time. */
export function fmtClock(ts: string | null | undefined): string {
	const ms = ts ? Date.parse(ts) : Number.NaN;
	if (Number.isNaN(ms)) return '';
	const d = new Date(ms);
	return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * A session id for a column, short and still a prefix of the id, so that what is shown can be
 * pasted back into `--session`: `8f3a21c0`, or `ses_24c1832d` for OpenCode (its ids start
 * with `ses_`).
 */
export function shortId(id: string): string {
	return sanitize(id.startsWith('ses_') ? id.slice(0, 12) : id.slice(0, 8));
}

/**
 * A model id for a narrow column: `claude-sonnet-4-6-20260101` → `sonnet-4-6`,
 * `anthropic/claude-opus-4-1` → `opus-4-1`, `claude-sonnet-4@20250514` → `sonnet-4`.
 */
export function shortModel(model: string): string {
	return (
		sanitize(model)
			.replace(/^.*\//, '')
			.replace(/^claude-/, '')
			.replace(/-\d{8}$/, '')
			.replace(/@.*$/, '') || '(none)'
	);
}

/** `~/code/app` when the path is under `home`. */
export function tildify(path: string, home?: string): string {
	if (!home || home === '/') return path;
	const h = home.replace(/[\\/]+$/, '');
	if (path === h) return '~';
	if (path.startsWith(`${h}/`) || path.startsWith(`${h}\\`)) return `~${path.slice(h.length)}`;
	return path;
}
