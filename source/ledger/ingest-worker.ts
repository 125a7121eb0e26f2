import {parentPort} from 'node:worker_threads';
import type {LogFile} from '../sources/discover.js';
import {readLogFile} from './read-log.js';
import {writeContent} from './content.js';

/**
 * Worker side of the parallel cold ingest: reads files and posts records back. The only thing
 * it writes is the content sidecars of what it read (appends to per-session files, before the
 * main thread appends the ledger lines and saves the cursor that covers them), so the main
 * thread, the bottleneck of a cold ingest, does not.
 */
export interface WorkerJob {
	id: number;
	file: LogFile;
	offset: number;
	state: unknown;
	contentMode: 'full' | 'off';
	/** Data directory to append the content sidecars to (then none are posted back). */
	contentHome?: string;
}

parentPort?.on('message', (job: WorkerJob) => {
	try {
		const result = readLogFile(job.file, job.offset, job.state, job.contentMode);
		if (job.contentHome) {
			try {
				writeContent(job.contentHome, result.content);
			} catch (error) {
				// Told to the main thread, which stops the ingest after this file's ledger lines
				// (the order a single-thread ingest writes in).
				const e = error as NodeJS.ErrnoException;
				result.contentError = {message: e.message, ...(e.code ? {code: e.code} : {})};
			}
			result.content = {};
		}
		// Ledger and content Buffers move to the main thread without a copy (each owns its memory).
		const transfer: ArrayBuffer[] = [];
		for (const b of [...Object.values(result.ledger), ...Object.values(result.content)]) {
			if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) transfer.push(b.buffer);
		}
		parentPort!.postMessage({id: job.id, result}, transfer);
	} catch (error) {
		parentPort!.postMessage({id: job.id, error: (error as Error).message});
	}
});
