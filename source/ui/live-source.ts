import type {LoadRequest} from '../pipeline/load.js';
import {watchLogs, type LogWatchOptions} from '../live/log-watch.js';
import type {DataSource} from './use-data.js';

/**
 * The live half of the view's data source (issue 15): a watcher of the agents' log roots, and
 * the incremental ingest it triggers (the ingest lock is held only while it appends). The
 * reload after it goes through the source's `load`, the one path every load takes.
 */
export function liveSource(request: () => LoadRequest, quit: AbortSignal, onWarning: (line: string) => void, watch: LogWatchOptions = {}): Required<Pick<DataSource, 'follow' | 'ingest'>> {
	return {
		follow: (onChange) => watchLogs(request().env, onChange, watch),
		async ingest(signal) {
			const r0 = request();
			const {refreshLedger: ingest} = await import('../ledger/refresh.js');
			const r = await ingest({
				home: r0.home,
				env: r0.env,
				contentMode: r0.contentMode,
				retentionDays: r0.retentionDays,
				signal: signal ? AbortSignal.any([quit, signal]) : quit,
			});
			for (const w of r.warnings) onWarning(w);
			return r.filesChanged > 0 || r.records > 0;
		},
	};
}
