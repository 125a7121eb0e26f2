/**
 * Integers with thousands separators (`12,345`), without `toLocaleString`: its first call
 * loads ICU's number formatting, about 13 ms of a plain report's start-up.
 */
export function fmtInt(n: number): string {
	if (!Number.isFinite(n)) return '—';
	const r = Math.round(n);
	return (r < 0 ? '-' : '') + groupThousands(String(Math.abs(r)));
}

export function groupThousands(digits: string): string {
	const [int, frac] = digits.split('.');
	const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * A count and its noun, singular for exactly one: `1 call`, `2 calls`, `1,954 turns`,
 * `1 match` / `3 matches` with `many`. The one plural rule of both faces.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${fmtInt(n)} ${n === 1 ? one : many}`;
}
