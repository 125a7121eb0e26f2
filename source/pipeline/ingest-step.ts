import type {IngestOptions, IngestResult} from '../ledger/ingest.js';
import {refreshLedger} from '../ledger/refresh.js';

/** What of a request (load.ts `LoadRequest`) decides its ingest. */
export type IngestRequest = Pick<IngestOptions, 'home' | 'env' | 'contentMode' | 'retentionDays' | 'rebuild' | 'onProgress' | 'onWait'> & {
	ingest: boolean;
	foreignLedger?: string | null;
};

/**
 * The ingest a request asks for (`ledger/refresh.ts`, loaded only now), or null: `--no-ingest`
 * and `--ledger` (read-only) ingest nothing. The one way from a request into ingest, for the
 * load (load.ts) and the report cache, which runs it before its key.
 */
export async function ingestFor(req: IngestRequest, signal?: AbortSignal): Promise<IngestResult | null> {
	if (!req.ingest || req.foreignLedger) return null;
	return refreshLedger({
		home: req.home,
		env: req.env,
		contentMode: req.contentMode,
		retentionDays: req.retentionDays,
		rebuild: req.rebuild,
		onProgress: req.onProgress,
		onWait: req.onWait,
		...(signal ? {signal} : {}),
	});
}
