/**
 * A window without sessions: why (issue 13, defects 3 and 4). Counts what lies outside the
 * window (or outside the filter) with a counts-only scan over all time: turns only, no
 * user turns, tool results or content.
 */
import type {RecordKind} from '../core/records.js';
import {activityOf, filterFlags, type Activity, type Empty, type FilteredOut} from '../analysis/empty.js';
import {buildTurnFilter, type FilterSpec} from '../analysis/filters.js';
import {scanLedger} from '../ledger/scan.js';
import type {SourceRoot} from '../sources/discover.js';
import type {LoadRequest, Loaded} from './load.js';

const NOT_TURNS: RecordKind[] = ['user_turn', 'tool_result_event', 'relationship', 'compaction'];

async function activity(loaded: Loaded, filter: FilterSpec, signal?: AbortSignal): Promise<Activity> {
	const scan = await scanLedger({
		home: loaded.ledgerHome,
		window: {since: null, until: null},
		filter: buildTurnFilter(filter),
		skipKinds: NOT_TURNS,
		...(signal ? {signal} : {}),
	});
	return activityOf(scan.dataset, loaded.priceBook);
}

/** The line for one place burn looked for logs: `claude-code  /home/me/.claude  (missing)`. */
export function lookedLine(r: SourceRoot): string {
	return `${r.source.padEnd(12)} ${r.path}${r.exists ? '' : '  (missing)'}`;
}

export async function emptyOf(loaded: Loaded, request: LoadRequest, signal?: AbortSignal): Promise<{empty?: Empty; roots?: SourceRoot[]; filtered?: FilteredOut}> {
	const discovery = loaded.ingest?.discovery;
	const noLogs = !!discovery && discovery.logCount + discovery.opencode.length + discovery.dbs.length === 0;
	const allTime = request.window.since === null && request.window.until === null;
	const flags = filterFlags(request.filter);
	// The same filter over all time: what lies outside the window.
	const outside = allTime && flags.length > 0 ? undefined : await activity(loaded, request.filter, signal);
	if (outside && outside.sessions > 0 && !allTime) {
		return {empty: {kind: 'outside', sessions: outside.sessions, costUsd: outside.costUsd, latest: outside.latest}};
	}
	if (flags.length > 0) {
		// The filter is the cause: what the window holds without it (never "try --since all").
		const without = await activity(loaded, {sources: null, project: null, providers: null}, signal);
		if (without.sessions > 0) return {filtered: {filters: flags, without}};
	}
	if (noLogs && discovery) return {empty: {kind: 'no-logs', looked: discovery.roots.map(lookedLine)}, roots: discovery.roots};
	return {};
}
