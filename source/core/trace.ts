/**
 * Phase timings for `BURN_TRACE=1`: each mark is the time since the process started
 * (performance.now()) and the CPU time (user + system) the process spent since the mark
 * before, printed on stderr when the command ends. The bench uses them to show where a
 * report's time goes (on a loaded machine the CPU figure is the steadier one).
 */
const marks: Array<[string, number, number]> = [];

const cpuMs = (): number => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

export function mark(label: string): void {
	if (process.env.BURN_TRACE) marks.push([label, performance.now(), cpuMs()]);
}

/** `trace: modules 62.1 ms (+62.1, cpu +50.2) · scan 101.4 ms (+39.3, cpu +35.0) · …`, or '' when tracing is off. */
export function traceLine(): string {
	if (!process.env.BURN_TRACE || marks.length === 0) return '';
	let prev = 0;
	let prevCpu = 0;
	const parts = marks.map(([label, at, cpu]) => {
		const s = `${label} ${at.toFixed(1)} ms (+${(at - prev).toFixed(1)}, cpu +${(cpu - prevCpu).toFixed(1)})`;
		prev = at;
		prevCpu = cpu;
		return s;
	});
	return `trace: ${parts.join(' · ')}\n`;
}
