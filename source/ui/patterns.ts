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
