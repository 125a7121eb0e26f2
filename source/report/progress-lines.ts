import type {ProgressEvent, ProgressSink, StepId} from '../core/progress.js';
import {fmtInt, plural} from '../core/numbers.js';

export const STEP_LABELS: Record<StepId, string> = {
	discover: 'found logs',
	ingest: 'ingested',
	scan: 'scanning ledger',
	content: 'sizes & content',
	analyse: 'analysing',
};

function fmtBytes(n: number): string {
	if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
	if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
	if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
	return `${n} B`;
}

/** The live detail of a running step: `12/40 files · 3.1 / 18.2 MB`. */
export function stepDetail(e: ProgressEvent): string {
	const parts: string[] = [];
	if (e.total !== undefined && e.done !== undefined) parts.push(`${fmtInt(e.done)}/${fmtInt(e.total)}`);
	if (e.bytes !== undefined && e.totalBytes) parts.push(`${fmtBytes(e.bytes)} / ${fmtBytes(e.totalBytes)}`);
	else if (e.bytes) parts.push(fmtBytes(e.bytes));
	if (e.records) parts.push(plural(e.records, 'record'));
	return parts.join(' · ');
}

/**
 * Progress for plain runs on a terminal stderr: one line per finished step, and a
 * self-overwriting status line while a step runs. Never used when stderr is not a terminal.
 */
export function stderrProgress(stream: NodeJS.WriteStream): ProgressSink {
	let live = false;
	let lastDraw = 0;
	const clear = () => {
		if (live) stream.write('\r\x1b[2K');
		live = false;
	};
	return (e) => {
		if (e.state === 'done') {
			clear();
			const secs = ((e.elapsedMs ?? 0) / 1000).toFixed(2);
			stream.write(` ✔ ${STEP_LABELS[e.step].padEnd(16)} ${(e.summary ?? '').padEnd(48)} ${secs}s\n`);
			return;
		}
		const now = Date.now();
		if (e.state === 'update' && now - lastDraw < 80) return;
		lastDraw = now;
		const width = Math.max(20, (stream.columns ?? 80) - 2);
		const line = ` … ${STEP_LABELS[e.step].padEnd(16)} ${stepDetail(e)}`.slice(0, width);
		stream.write(`\r\x1b[2K${line}`);
		live = true;
	};
}
