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
		parentPort!.postMessage({id: job.id, result});
	} catch (error) {
		parentPort!.postMessage({id: job.id, error: (error as Error).message});
	}
});
