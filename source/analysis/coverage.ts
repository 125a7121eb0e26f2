/**
 * The coverage gate of attribution (hotspots-model.md §3.1–§3.2): per turn, a turn without
 * `fidelity` or with both tool-call and tool-result-event coverage is eligible; the others are
 * excluded and reported by source.
 */
import {COVERAGE_KEYS, type Coverage, type Fidelity, type FidelityClass, type SourceKind, type TurnRecord} from '../core/records.js';

export type CoverageKey = keyof Coverage;

export const ATTRIBUTION_REQUIRED: readonly CoverageKey[] = ['hasToolCalls', 'hasToolResultEvents'];


const LABELS: Record<CoverageKey, string> = {
	hasToolCalls: 'tool-call records',
	hasToolResultEvents: 'tool-result events',
	hasSessionRelationships: 'session relationships',
	hasRawContent: 'raw content',
	hasInputTokens: 'input tokens',
	hasOutputTokens: 'output tokens',
	hasReasoningTokens: 'reasoning tokens',
	hasCacheReadTokens: 'cacheRead tokens',
	hasCacheCreateTokens: 'cacheCreate tokens',
};

/** A coverage flag as words: never the raw `has…` name. */
export function fmtCoverageKey(key: string): string {
	return (LABELS as Record<string, string>)[key] ?? key.replace(/^has/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** True when the turn can be attributed (no fidelity = best-effort full). */
export function turnPassesCoverage(turn: Pick<TurnRecord, 'fidelity'>, required: readonly CoverageKey[] = ATTRIBUTION_REQUIRED): boolean {
	const cov = turn.fidelity?.coverage;
	if (!cov) return true;
	if (required === ATTRIBUTION_REQUIRED) return cov.hasToolCalls === true && cov.hasToolResultEvents === true;
	for (const k of required) if (cov[k] !== true) return false;
	return true;
}

export interface FidelitySummary {
	total: number;
	byClass: Record<FidelityClass, number>;
	byGranularity: Record<'per-turn' | 'per-message' | 'per-session-aggregate' | 'cost-only', number>;
	/** Turns lacking each coverage flag (turns with fidelity only). */
	missingCoverage: Record<CoverageKey, number>;
	/** Turns without fidelity. */
	unknown: number;
}

export function summarizeFidelity(turns: Iterable<Pick<TurnRecord, 'fidelity'>>): FidelitySummary {
	const s = new FidelityCounter();
	for (const t of turns) s.add(t);
	return s.summary;
}

/**
 * summarizeFidelity one turn at a time. Turns often share one fidelity object (the ledger
 * stores a repeated one once), so a run of turns with the same object is counted once.
 */
export class FidelityCounter {
	private runOf: Fidelity | undefined = undefined;
	private run = 0;
	private total = 0;
	private readonly summed: FidelitySummary = {
		total: 0,
		byClass: {full: 0, 'usage-only': 0, 'aggregate-only': 0, 'cost-only': 0, partial: 0},
		byGranularity: {'per-turn': 0, 'per-message': 0, 'per-session-aggregate': 0, 'cost-only': 0},
		missingCoverage: Object.fromEntries(COVERAGE_KEYS.map((k) => [k, 0])) as Record<CoverageKey, number>,
		unknown: 0,
	};

	add(t: Pick<TurnRecord, 'fidelity'>): void {
		this.total++;
		if (t.fidelity === this.runOf) {
			this.run++;
			return;
		}
		this.flush();
		this.runOf = t.fidelity;
		this.run = 1;
	}

	get summary(): FidelitySummary {
		this.flush();
		this.summed.total = this.total;
		return this.summed;
	}

	/** Counts the current run of turns (all with the fidelity `runOf`). */
	private flush(): void {
		const n = this.run;
		if (n === 0) return;
		this.run = 0;
		const s = this.summed;
		const f = this.runOf;
		if (!f) {
			s.unknown += n;
			return;
		}
		const cls = f.class ?? deriveClass(f.granularity, f.coverage);
		if (cls in s.byClass) s.byClass[cls] += n;
		if (f.granularity in s.byGranularity) s.byGranularity[f.granularity] += n;
		for (const k of COVERAGE_KEYS) if (f.coverage?.[k] !== true) s.missingCoverage[k] += n;
	}
}

function deriveClass(granularity: string, c: Coverage | undefined): FidelityClass {
	if (granularity === 'cost-only') return 'cost-only';
	if (granularity === 'per-session-aggregate') return 'aggregate-only';
	if (!c) return 'partial';
	if (c.hasInputTokens && c.hasOutputTokens && c.hasCacheReadTokens && c.hasToolCalls && c.hasToolResultEvents && c.hasSessionRelationships) {
		return 'full';
	}
	if (c.hasInputTokens && c.hasOutputTokens) return 'usage-only';
	return 'partial';
}

/** Excluded turns of one source: how many, at which granularities, lacking which required flags. */
export interface ExcludedSource {
	source: SourceKind;
	turns: number;
	granularities: string[];
	missing: CoverageKey[];
}

/** Accumulates excluded turns by source, in the order their first excluded turn is seen. */
export class ExcludedBySource {
	private readonly map = new Map<SourceKind, {turns: number; grans: Set<string>; missing: Set<CoverageKey>}>();

	add(turn: Pick<TurnRecord, 'source' | 'fidelity'>, required: readonly CoverageKey[] = ATTRIBUTION_REQUIRED): void {
		let e = this.map.get(turn.source);
		if (!e) {
			e = {turns: 0, grans: new Set(), missing: new Set()};
			this.map.set(turn.source, e);
		}
		e.turns++;
		if (turn.fidelity?.granularity) e.grans.add(turn.fidelity.granularity);
		for (const k of required) if (turn.fidelity?.coverage?.[k] !== true) e.missing.add(k);
	}

	list(required: readonly CoverageKey[] = ATTRIBUTION_REQUIRED): ExcludedSource[] {
		return [...this.map].map(([source, e]) => ({
			source,
			turns: e.turns,
			granularities: [...e.grans].sort(),
			missing: required.filter((k) => e.missing.has(k)),
		}));
	}
}

/** `codex (per-turn, missing tool-result events)`, joined by `; `. */
export function renderSourcesClause(list: ExcludedSource[]): string {
	return list
		.map((e) => {
			const inner: string[] = [];
			if (e.granularities.length > 0) inner.push(e.granularities.join('+'));
			if (e.missing.length > 0) inner.push(`missing ${e.missing.map(fmtCoverageKey).join(', ')}`);
			return inner.length > 0 ? `${e.source} (${inner.join(', ')})` : e.source;
		})
		.join('; ');
}

/** `analyzed 6 of 7 turns; 1 excluded for missing tool-result events, per-turn granularity (codex)`. */
export function formatCoverageNotice(analyzed: number, total: number, list: ExcludedSource[]): string {
	const excluded = total - analyzed;
	const clauses = list.map((e) => {
		const parts: string[] = [];
		if (e.missing.length > 0) parts.push(`missing ${e.missing.map(fmtCoverageKey).join(', ')}`);
		if (e.granularities.length > 0) parts.push(`${e.granularities.join('+')} granularity`);
		return parts.length > 0 ? `${parts.join(', ')} (${e.source})` : e.source;
	});
	return `analyzed ${analyzed} of ${total} turns; ${excluded} excluded for ${clauses.join(' and ')}`;
}

/** Why nothing could be attributed (every turn failed the gate). */
export function refusalMessage(total: number, list: ExcludedSource[]): string {
	return `${total}/${total} turns lack tool-call/tool-result coverage required for hotspots attribution. Sources: ${renderSourcesClause(list)}. No hotspots analysis was performed.`;
}
