/** Per-detector coverage (hotspots-model.md §4.1): which turns each detector can look at. */
import {ExcludedBySource, fmtCoverageKey, formatCoverageNotice, renderSourcesClause, turnPassesCoverage} from '../coverage.js';
import type {TurnInfo} from './context.js';
import {REQUIRED, RELAYBURN_NAME, type Detector} from './kinds.js';
import type {DetectorCoverage} from './types.js';

/** `passing`: turns beside `turns` known to pass every detector's coverage (counted, not walked). */
export function detectorCoverage(kind: Detector, turns: readonly TurnInfo[], passing = 0): DetectorCoverage {
	const required = REQUIRED[kind];
	const excluded = new ExcludedBySource();
	let analyzed = passing;
	for (const t of turns) {
		if (required.length === 0 || turnPassesCoverage(t.turn, required)) analyzed++;
		else excluded.add(t.turn, required);
	}
	const cov: DetectorCoverage = {
		kind,
		detector: RELAYBURN_NAME[kind],
		analyzed,
		excluded: turns.length + passing - analyzed,
		refused: turns.length + passing > 0 && analyzed === 0,
		required: [...required],
	};
	const list = excluded.list(required);
	if (list.length > 0) {
		cov.excludedBySource = list.map((e) => ({source: e.source, count: e.turns, granularities: e.granularities, missingCoverage: e.missing}));
	}
	return cov;
}

function sourcesOf(cov: DetectorCoverage) {
	return (cov.excludedBySource ?? []).map((e) => ({source: e.source, turns: e.count, granularities: e.granularities, missing: e.missingCoverage as never[]}));
}

/** `retry-loop: analyzed 6 of 7 turns; 1 excluded for missing tool-call records (codex)`, or null when nothing is excluded. */
export function coverageNotice(cov: DetectorCoverage): string | null {
	if (cov.note) return `${cov.kind}: ${cov.note}`;
	if (cov.excluded === 0) return null;
	const needs = cov.required.map(fmtCoverageKey).join(' + ');
	return `${cov.kind}: ${formatCoverageNotice(cov.analyzed, cov.analyzed + cov.excluded, sourcesOf(cov))} (needs ${needs})`;
}

/** Why one refused detector cannot run, for the refusal line. */
export function refusalClause(cov: DetectorCoverage): string {
	if (cov.note) return `${cov.kind}: ${cov.note}`;
	const total = cov.analyzed + cov.excluded;
	const needs = cov.required.map(fmtCoverageKey).join(' + ');
	return `${cov.kind} needs ${needs}, which ${total}/${total} turns lack (${renderSourcesClause(sourcesOf(cov))})`;
}
