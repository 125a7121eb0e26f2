/**
 * Phase timings for `BURN_TRACE=1`: each mark is the time since the process started
 * (performance.now()), printed on stderr when the command ends. The bench uses them to
 * show where a report's time goes.
 */
const marks: Array<[string, number]> = [];

export function mark(label: string): void {
	if (process.env.BURN_TRACE) marks.push([label, performance.now()]);
}

/** `trace: modules 62.1 ms · scan 101.4 ms (+39.3) · …`, or '' when tracing is off. */
export function traceLine(): string {
	if (!process.env.BURN_TRACE || marks.length === 0) return '';
	let prev = 0;
	const parts = marks.map(([label, at]) => {
		const s = `${label} ${at.toFixed(1)} ms (+${(at - prev).toFixed(1)})`;
		prev = at;
		return s;
	});
	return `trace: ${parts.join(' · ')}\n`;
}
