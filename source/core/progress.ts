/**
 * One event type for every long step. The Ink progress panel, the stderr progress lines and
 * the tests all consume the same stream.
 */
export type StepId = 'discover' | 'ingest' | 'scan' | 'content' | 'analyse';

export interface ProgressEvent {
	step: StepId;
	state: 'start' | 'update' | 'done';
	/** Short label: what is being done right now (a file name, a phase). */
	label?: string;
	/** Items done / total (files, sidecars). */
	done?: number;
	total?: number;
	/** Bytes processed / total bytes. */
	bytes?: number;
	totalBytes?: number;
	records?: number;
	sessions?: number;
	/** Set on `done`. */
	elapsedMs?: number;
	/** A one-line summary shown when the step is done. */
	summary?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

export const noProgress: ProgressSink = () => {};

/** Rate-limits `update` events (start/done always pass) so sinks never flood. */
export function throttled(sink: ProgressSink, everyMs = 50): ProgressSink {
	let last = 0;
	return (e) => {
		if (e.state !== 'update') {
			sink(e);
			return;
		}
		const now = Date.now();
		if (now - last >= everyMs) {
			last = now;
			sink(e);
		}
	};
}

/** Times one step and emits start/done around it. */
export async function step<T>(
	sink: ProgressSink,
	id: StepId,
	run: () => Promise<T> | T,
	summarize?: (result: T) => string,
): Promise<T> {
	const t0 = performance.now();
	sink({step: id, state: 'start'});
	const result = await run();
	sink({step: id, state: 'done', elapsedMs: performance.now() - t0, summary: summarize?.(result)});
	return result;
}
