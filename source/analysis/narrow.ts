import {SOURCES, type SourceKind} from '../core/records.js';
import type {Dataset, Window} from './dataset.js';

/** True when data loaded for `loaded` contains everything `wanted` needs. */
export function windowCovers(loaded: Window, wanted: Window): boolean {
	const since = loaded.since === null || (wanted.since !== null && wanted.since >= loaded.since);
	const until = loaded.until === null || (wanted.until !== null && wanted.until <= loaded.until);
	return since && until;
}

/**
 * A dataset cut down to a narrower window and/or one source, in memory (the fast path of a
 * filter change in the UI). Session figures count only in-window turns.
 */
export function narrowDataset(dataset: Dataset, window: Window, source: SourceKind | 'all'): Dataset {
	// The dataset's own window, every source: every turn is in it already (the scan kept only
	// those), so nothing is walked (the view derives again on every live update).
	if (source === 'all' && window.since === dataset.window.since && window.until === dataset.window.until) return dataset;
	const since = window.since === null ? null : Date.parse(window.since);
	const until = window.until === null ? null : Date.parse(window.until);
	const sessions = [];
	let changed = false;
	for (const s of dataset.sessions) {
		if (source !== 'all' && s.source !== source) {
			changed = true;
			continue;
		}
		const turns = s.turns.filter((t) => {
			const ms = Date.parse(t.ts);
			if (Number.isNaN(ms)) return since === null && until === null;
			return (since === null || ms >= since) && (until === null || ms <= until);
		});
		if (turns.length !== s.turns.length) changed = true;
		if (turns.length === 0) continue;
		sessions.push(turns.length === s.turns.length ? s : {...s, turns});
	}
	// Nothing cut: the same object, so analysis memoised on it (prepareAll) is reused.
	if (!changed && window.since === dataset.window.since && window.until === dataset.window.until) return dataset;
	// Aborted responses of the narrower window (their source is not kept: counted across sources).
	const abortedAt = dataset.abortedAt?.filter((ms) => (Number.isNaN(ms) ? since === null && until === null : (since === null || ms >= since) && (until === null || ms <= until)));
	return {...dataset, window, sessions, ...(abortedAt ? {abortedAt, abortedTurns: abortedAt.length} : {})};
}

export function sourcesIn(dataset: Dataset): SourceKind[] {
	const order: readonly SourceKind[] = SOURCES;
	const present = new Set(dataset.sessions.map((s) => s.source));
	return order.filter((s) => present.has(s));
}

/** Only one session (and its threads): for findings of a single session. */
export function narrowToSession(dataset: Dataset, sessionId: string): Dataset {
	return {...dataset, sessions: dataset.sessions.filter((s) => s.sessionId === sessionId)};
}
