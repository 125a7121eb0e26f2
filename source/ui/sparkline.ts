const BARS = '▁▂▃▄▅▆▇█';

/** `▂▃▅▂▇█▄` from a series; zeros are a space so quiet days stay visible as gaps. */
export function sparkline(values: number[], maxWidth = 30): string {
	let series = values;
	if (series.length > maxWidth) {
		// Sum into buckets so long windows still fit.
		const size = Math.ceil(series.length / maxWidth);
		const out: number[] = [];
		for (let i = 0; i < series.length; i += size) out.push(series.slice(i, i + size).reduce((a, b) => a + b, 0));
		series = out;
	}
	const max = Math.max(0, ...series);
	if (max <= 0) return series.map(() => ' ').join('');
	return series.map((v) => (v <= 0 ? ' ' : BARS[Math.min(7, Math.floor((v / max) * 7.999))]!)).join('');
}
