/**
 * A number cell made to fit a narrow column without cutting digits out of it: `63,344` in
 * five columns is `63k`, never `63…44`. Fewer decimals are tried first, then k/M/B. Text that
 * is not a number (`—`, a date) comes back unchanged; the caller cuts it as text.
 */
const NUMBER = /^(<?)(-?)(\$?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?(%?)$/;

const UNITS: Array<[number, string]> = [
	[1e9, 'B'],
	[1e6, 'M'],
	[1e3, 'k'],
];

/** Whether `text` is a number fitNumber knows how to shorten. */
export function isNumberCell(text: string): boolean {
	return NUMBER.test(text.trim());
}

function grouped(n: number, decimals: number): string {
	const [int = '0', frac] = n.toFixed(decimals).split('.');
	const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return frac === undefined ? body : `${body}.${frac}`;
}

/** k/M/B with one decimal under 10 of a unit and none above (`9.5k`, `63k`), or with `decimals`. */
function compact(a: number, decimals?: number): string | null {
	for (const [size, unit] of UNITS) {
		if (a >= size * 0.9995) {
			const d = decimals ?? (a / size < 9.95 ? 1 : 0);
			return `${(a / size).toFixed(d).replace(/\.0+$/, '')}${unit}`;
		}
	}
	return null;
}

/** `text` when it fits `width` or is not a number; otherwise the widest rounding that fits, or the shortest one. */
export function fitNumber(text: string, width: number): string {
	if (text.length <= width) return text;
	const m = NUMBER.exec(text.trim());
	if (!m) return text;
	const [, lt = '', sign = '', dollar = '', int = '', frac = '', pct = ''] = m;
	const a = Number(`${int.replace(/,/g, '')}.${frac || '0'}`);
	const wrap = (body: string) => `${lt}${sign}${dollar}${body}${pct}`;
	const candidates: string[] = [];
	// Fewer decimals, while the value does not round to 0 (that would read as nothing).
	for (let d = frac.length - 1; d >= 0; d--) {
		if (a > 0 && Number(a.toFixed(d)) === 0) break;
		candidates.push(wrap(grouped(a, d)));
	}
	if (!pct)
		for (const c of [compact(a), compact(a, 0)]) if (c !== null) candidates.push(wrap(c));
	const fits = candidates.find((c) => c.length <= width);
	if (fits) return fits;
	return candidates.reduce((best, c) => (c.length < best.length ? c : best), text);
}
