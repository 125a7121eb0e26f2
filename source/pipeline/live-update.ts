/**
 * A live update of the interactive view's data (issue 15): after an ingest appended records,
 * merge them into the loaded dataset (ledger/live-merge.ts) and re-analyse only what changed
 * (the sessions the merge rebuilt: prepare.ts reuses every other group), instead of loading
 * the window again. The result equals `loadViewData` of the same window without ingest, to the
 * last digit (test/live-incremental.test.ts). Whatever it cannot merge exactly falls back to
 * that full load, with the reason in a trace mark (`BURN_TRACE`).
 */
import {mark} from '../core/trace.js';
import {prepareAllPaced, sameSizesOutsideChanges} from '../analysis/prepare.js';
import {ledgerSkipLine} from '../ledger/skip-note.js';
import type {LoadRequest, Loaded} from './load.js';
import {loadNotices, preparedNotices} from './notices.js';
import {loadSidecarSizes, sessionsNeedingSizes} from './sizes.js';
import {loadViewData, pacer, type ViewData} from './view-data.js';

export interface LiveUpdate {
	data: ViewData;
	/** How the update was made: merged, nothing appended, or a full load (and why). */
	how: 'merged' | 'same' | 'full';
	reason?: string;
}

/** The interactive view's load (no ingest: the live ingest ran before), kept mergeable. */
export function loadLiveView(request: LoadRequest, signal?: AbortSignal): Promise<ViewData> {
	return loadViewData({...request, ingest: false, live: true}, {sizes: true, analyse: {kind: 'prepare'}, ...(signal ? {signal} : {})});
}

/**
 * The view's data after what was appended to the ledger since `prev` was loaded. `request`
 * is the request `prev` was loaded with.
 */
export async function liveUpdate(request: LoadRequest, prev: ViewData, signal?: AbortSignal): Promise<LiveUpdate> {
	const full = async (reason: string): Promise<LiveUpdate> => {
		mark(`live:full-load (${reason})`);
		return {data: await loadLiveView(request, signal), how: 'full', reason};
	};
	const live = prev.loaded.live;
	if (!live) return full('the loaded data cannot be merged into');
	// An empty window's notices (where activity lies instead) come from a full load.
	if (prev.loaded.dataset.sessions.length === 0 || prev.empty) return full('the window was empty');
	const merged = await live.merge(signal);
	if (merged.kind === 'full') return full(merged.reason);
	if (merged.kind === 'same') {
		mark('live:nothing appended');
		return {data: prev, how: 'same'};
	}
	const {dataset} = merged;
	if (dataset.sessions.length === 0) return full('the window is empty');
	mark('live:merge');
	// The warnings a load of the same window says (loadDataset without ingest).
	const warnings = [...(request.notices ?? []), ...(prev.loaded.priceWarnings ?? [])];
	const skipped = ledgerSkipLine(merged.badLines, merged.badFields, !!request.foreignLedger);
	if (skipped) warnings.push(skipped);
	const loaded: Loaded = {...prev.loaded, dataset, ingest: null, warnings, badLedgerLines: merged.badLines, badLedgerFields: merged.badFields};
	const sizes = await sizesAfter(prev, loaded, request.foreignLedger, signal);
	mark('live:sizes');
	await prepareAllPaced(dataset, loaded.priceBook, {sizes}, pacer(signal));
	mark('live:analysis');
	return {data: {loaded, sizes, notices: [...loadNotices(loaded), ...preparedNotices(loaded)]}, how: 'merged'};
}

/**
 * Result sizes from the sidecars (sizes.ts) after a merge: the same map when no session that
 * needs them changed; read again otherwise, and marked as giving the untouched sessions the
 * same sizes when every size known before is unchanged (their prepared groups are reused).
 */
async function sizesAfter(prev: ViewData, loaded: Loaded, foreign: string | null | undefined, signal?: AbortSignal): Promise<Map<string, number>> {
	const before = new Set(prev.loaded.dataset.sessions);
	const now = loaded.dataset.sessions;
	const wanted = sessionsNeedingSizes(loaded.dataset);
	const had = sessionsNeedingSizes(prev.loaded.dataset);
	const want = new Set(wanted);
	const same = wanted.length === had.length && wanted.every((id, i) => id === had[i]) && now.every((s) => before.has(s) || !want.has(s.sessionId));
	if (same) return prev.sizes;
	const sizes = await loadSidecarSizes(loaded.home, loaded.dataset, () => {}, foreign, signal);
	let kept = true;
	for (const [id, n] of prev.sizes) {
		if (sizes.get(id) !== n) {
			kept = false;
			break;
		}
	}
	if (kept) sameSizesOutsideChanges(prev.sizes, sizes);
	return sizes;
}
