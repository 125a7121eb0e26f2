import type {Dataset} from '../analysis/dataset.js';
import type {HotspotsReport} from '../analysis/report-types.js';

/** Finding kinds present in a report, for the `p` cycle. */
export function findingKinds(report: HotspotsReport): string[] {
	const kinds = new Set<string>();
	for (const f of report.findings) if (typeof f.kind === 'string') kinds.add(f.kind);
	return [...kinds].sort();
}

/** The pattern filter: findings of that kind, and only the sessions that have one. */
export function filterByPattern(report: HotspotsReport, pattern: string): HotspotsReport {
	if (pattern === 'all') return report;
	const findings = report.findings.filter((f) => f.kind === pattern);
	const ids = new Set(findings.map((f) => f.sessionId).filter((id): id is string => typeof id === 'string'));
	return {...report, findings, sessions: report.sessions.filter((s) => ids.has(s.sessionId))};
}

/**
 * The pattern filter applied to the data, not only to the lists: the report re-derived from
 * the sessions that have a finding of that kind, so the header totals, every hotspot table and
 * the drill-downs agree with what the Findings and Sessions tabs show.
 */
export function reportForPattern(
	dataset: Dataset,
	report: HotspotsReport,
	pattern: string,
	analyze: (d: Dataset) => HotspotsReport,
): HotspotsReport {
	if (pattern === 'all') return report;
	const findings = report.findings.filter((f) => f.kind === pattern);
	const ids = new Set(findings.map((f) => f.sessionId).filter((id): id is string => typeof id === 'string'));
	const narrowed: Dataset = {...dataset, sessions: dataset.sessions.filter((s) => ids.has(s.sessionId))};
	return {...analyze(narrowed), findings};
}
