/**
 * The patterns report as JSON (hotspots-model.md §6.6): relayburn's keys in relayburn's
 * order (so scripts written for it keep working), then ours. Numbers as numbers, never cut;
 * an edit-heavy ratio without reads is null (∞), as in relayburn.
 */
import type {PatternsReport} from '../analysis/patterns/types.js';

export function patternsJsonValue(r: PatternsReport): Record<string, unknown> {
	const out: Record<string, unknown> = {
		turnsAnalyzed: r.turnsAnalyzed,
		retryLoops: r.retryLoops,
		failureRuns: r.failureRuns,
		cancelledRuns: r.cancelledRuns,
		compactions: r.compactions,
		editReverts: r.editReverts,
		skillRecallDups: r.skillRecallDups,
		skillPruningProtection: r.skillPruningProtection,
		systemPromptTaxes: r.systemPromptTaxes,
		editHeavySessions: r.editHeavySessions,
		toolOutputBloats: r.toolOutputBloats,
		toolCallPatterns: r.toolCallPatterns,
		ghostSurface: r.ghostSurface,
		unpricedUsage: r.unpricedUsage,
		sessionSummaries: r.sessionSummaries,
		findings: r.findings,
		fidelity: r.fidelity,
		window: r.window,
		detectors: r.detectors,
		notices: r.notices,
		refused: r.refused,
	};
	if (r.refusalReason !== undefined) out.refusalReason = r.refusalReason;
	return out;
}

/** Pretty JSON with a trailing newline (`--patterns --json`, `--findings --json`). */
export function renderPatternsJson(r: PatternsReport): string {
	return `${JSON.stringify(patternsJsonValue(r), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
