import {parentPort} from 'node:worker_threads';
import type {LogFile} from '../sources/discover.js';
import {readLogFile} from './read-log.js';

/** Worker side of the parallel cold ingest: reads files, posts records back; never writes. */
export interface WorkerJob {
	id: number;
	file: LogFile;
	offset: number;
	state: unknown;
	contentMode: 'full' | 'off';
}

parentPort?.on('message', (job: WorkerJob) => {
	try {
		const result = readLogFile(job.file, job.offset, job.state, job.contentMode);
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
