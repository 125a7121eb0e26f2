/** Per-detector coverage (hotspots-model.md §4.1): which turns each detector can look at. */
import {ExcludedBySource, fmtCoverageKey, formatCoverageNotice, renderSourcesClause, turnPassesCoverage} from '../coverage.js';
import type {TurnInfo} from './context.js';
import {REQUIRED, RELAYBURN_NAME, type Detector} from './kinds.js';
import type {DetectorCoverage} from './types.js';
import {plural} from '../../core/numbers.js';
import type {SourceKind} from '../../core/records.js';
import {AGENT_DATA_LABEL, DETECTOR_NEEDS, detectorSees, gapOf} from './agent-gaps.js';

/** `passing`: turns beside `turns` known to pass every detector's coverage (counted, not walked). */
export function detectorCoverage(kind: Detector, turns: readonly TurnInfo[], passing = 0): DetectorCoverage {
	const required = REQUIRED[kind];
	const excluded = new ExcludedBySource();
	const off = new Map<SourceKind, number>();
	let analyzed = passing;
	for (const t of turns) {
		const source = t.turn.source;
		if (!detectorSees(kind, source)) off.set(source, (off.get(source) ?? 0) + 1);
		else if (required.length === 0 || turnPassesCoverage(t.turn, required)) analyzed++;
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
	if (off.size > 0) {
		cov.offFor = [...off].map(([source, count]) => {
			const gap = gapOf(source, DETECTOR_NEEDS[kind])!;
			return {source, count, missing: gap.missing, reason: gap.reason};
		});
	}
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
	const gated = cov.excluded - offCount(cov);
	if (gated === 0) return offNotice(cov);
	const needs = cov.required.map(fmtCoverageKey).join(' + ');
	const line = `${cov.kind}: ${formatCoverageNotice(cov.analyzed, cov.analyzed + gated, sourcesOf(cov))} (needs ${needs})`;
	const off = offNotice(cov);
	return off ? `${line}; ${off}` : line;
}

const offCount = (cov: DetectorCoverage): number => (cov.offFor ?? []).reduce((n, o) => n + o.count, 0);

/** `edit-revert: off for pi (12 turns), needs the text of edits: pi's edit calls are read without …`, or null. */
export function offNotice(cov: DetectorCoverage): string | null {
	if (!cov.offFor || cov.offFor.length === 0) return null;
	const parts = cov.offFor.map((o) => `off for ${o.source} (${plural(o.count, 'turn')}), needs ${o.missing.map((d) => AGENT_DATA_LABEL[d]).join(', ')}: ${o.reason}`);
	return `${cov.kind}: ${parts.join('; ')}`;
}

/** Why one refused detector cannot run, for the refusal line. */
export function refusalClause(cov: DetectorCoverage): string {
	if (cov.note) return `${cov.kind}: ${cov.note}`;
	if (offCount(cov) === cov.excluded && cov.excluded > 0) return offNotice(cov)!;
	const total = cov.analyzed + cov.excluded;
	const needs = cov.required.map(fmtCoverageKey).join(' + ');
	return `${cov.kind} needs ${needs}, which ${total}/${total} turns lack (${renderSourcesClause(sourcesOf(cov))})`;
}
