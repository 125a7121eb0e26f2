/**
 * What each agent's logs (as burn reads them) hold, and which detectors need what
 * (docs/agents.md, "What each finding needs"). A detector is switched off for an agent that
 * does not log something it needs: none of that agent's turns is looked at, and the coverage
 * notice names the agent, the detector and the reason. Attribution needs tool results too: an
 * agent without them is left out of attribution (its cost stays in the totals, unattributed,
 * with the reason). Pure data, no I/O.
 */
import type {SourceKind} from '../../core/records.js';
import type {Detector} from './kinds.js';

/** Kinds of data a detector or attribution can need from a log. */
export type AgentData = 'tool-calls' | 'tool-inputs' | 'tool-results' | 'edit-text' | 'file-paths' | 'compaction-markers';

export const AGENT_DATA: readonly AgentData[] = ['tool-calls', 'tool-inputs', 'tool-results', 'edit-text', 'file-paths', 'compaction-markers'];

/** The data in words, for notices. */
export const AGENT_DATA_LABEL: Readonly<Record<AgentData, string>> = {
	'tool-calls': 'tool calls',
	'tool-inputs': 'tool inputs',
	'tool-results': 'tool results',
	'edit-text': 'the text of edits',
	'file-paths': 'file paths',
	'compaction-markers': 'compaction markers',
};

/**
 * What each detector needs. OpenCode's own detectors (skill recall, skill pruning, system-prompt
 * tax) look only at OpenCode turns by definition; ghost-surface reads the installed surface;
 * unpriced-usage needs only usage.
 */
export const DETECTOR_NEEDS: Readonly<Record<Detector, readonly AgentData[]>> = {
	'retry-loop': ['tool-calls', 'tool-inputs', 'tool-results'],
	'failure-run': ['tool-calls', 'tool-results'],
	'cancellation-run': ['tool-calls', 'tool-results'],
	'compaction-loss': ['compaction-markers'],
	'edit-revert': ['tool-calls', 'file-paths', 'edit-text'],
	'skill-recall-dup': [],
	'skill-pruning-protection': [],
	'system-prompt-tax': [],
	'edit-heavy': ['tool-calls', 'file-paths'],
	'tool-output-bloat': ['tool-results'],
	'tool-call-pattern': ['tool-calls', 'tool-inputs'],
	'ghost-surface': [],
	'unpriced-usage': [],
};

/** What attribution needs: the calls, and the results whose size is paid by the next response. */
export const ATTRIBUTION_NEEDS: readonly AgentData[] = ['tool-calls', 'tool-results'];

const TOTALS_ONLY = 'logs only running session totals, no responses';

/**
 * What each agent does not log (or burn cannot read from it), with the reason. An agent absent
 * from a row logs that data.
 */
export const AGENT_GAPS: Readonly<Record<SourceKind, Readonly<Partial<Record<AgentData, string>>>>> = {
	'claude-code': {},
	codex: {'edit-text': 'apply_patch calls are read as a patch target, without the text before and after'},
	opencode: {},
	gemini: {'compaction-markers': 'Gemini CLI marks no compression point in the chat (a checkpoint rewrites the messages, with no size before it)'},
	qwen: {},
	kimi: {},
	pi: {'edit-text': "pi's edit calls are read without the text before and after"},
	copilot: {'edit-text': "Copilot CLI's edit requests are read without the text before and after"},
	amp: {
		'edit-text': "Amp's edit calls are read without the text before and after",
		'compaction-markers': 'Amp threads hold no compaction record',
	},
	droid: {
		'tool-calls': `Factory Droid ${TOTALS_ONLY}`,
		'tool-inputs': `Factory Droid ${TOTALS_ONLY}`,
		'tool-results': `Factory Droid ${TOTALS_ONLY}`,
		'edit-text': `Factory Droid ${TOTALS_ONLY}`,
		'file-paths': `Factory Droid ${TOTALS_ONLY}`,
		'compaction-markers': `Factory Droid ${TOTALS_ONLY}`,
	},
	goose: {
		'tool-calls': `Goose ${TOTALS_ONLY}`,
		'tool-inputs': `Goose ${TOTALS_ONLY}`,
		'tool-results': `Goose ${TOTALS_ONLY}`,
		'edit-text': `Goose ${TOTALS_ONLY}`,
		'file-paths': `Goose ${TOTALS_ONLY}`,
		'compaction-markers': `Goose ${TOTALS_ONLY}`,
	},
};

export interface Gap {
	/** What is missing, in `needs` order. */
	missing: AgentData[];
	/** Why, in words (the distinct reasons joined). */
	reason: string;
}

/** What of `needs` an agent lacks, or undefined when it logs all of it. */
export function gapOf(source: SourceKind, needs: readonly AgentData[]): Gap | undefined {
	const row = AGENT_GAPS[source] ?? {};
	const missing = needs.filter((d) => row[d] !== undefined);
	if (missing.length === 0) return undefined;
	const reasons = [...new Set(missing.map((d) => row[d]!))];
	return {missing, reason: reasons.join('; ')};
}

const memo = new Map<string, boolean>();

/** True when a detector can look at an agent's turns (the agent logs all the detector needs). */
export function detectorSees(detector: Detector, source: SourceKind): boolean {
	const key = `${detector}\u0000${source}`;
	let v = memo.get(key);
	if (v === undefined) memo.set(key, (v = gapOf(source, DETECTOR_NEEDS[detector]) === undefined));
	return v;
}

/** True when an agent's turns can be attributed to tool calls. */
export const attributable = (source: SourceKind): boolean => gapOf(source, ATTRIBUTION_NEEDS) === undefined;

/** `needs tool results, which Goose does not log (Goose logs only …)`: the detector-agent clause of a notice. */
export function gapClause(source: SourceKind, needs: readonly AgentData[]): string | undefined {
	const gap = gapOf(source, needs);
	if (!gap) return undefined;
	return `needs ${gap.missing.map((d) => AGENT_DATA_LABEL[d]).join(', ')}: ${gap.reason}`;
}

/** Why an agent's turns are left out of attribution, or undefined when they are not. */
export function attributionGap(source: SourceKind): string | undefined {
	const c = gapClause(source, ATTRIBUTION_NEEDS);
	return c ? `attribution ${c}` : undefined;
}

/**
 * One line per agent present whose logs switch some detector off: `findings off for pi:
 * edit-revert (needs the text of edits: pi's edit calls are read without …)`. Detectors off
 * for the same reason are named together. For the UI's notices; the patterns report says the
 * same per detector, with its turn counts.
 */
export function agentGapNotices(sources: Iterable<SourceKind>, detectors: readonly Detector[]): string[] {
	const out: string[] = [];
	for (const source of new Set(sources)) {
		const byReason = new Map<string, {detectors: Detector[]; missing: Set<AgentData>}>();
		for (const d of detectors) {
			const gap = gapOf(source, DETECTOR_NEEDS[d]);
			if (!gap) continue;
			let e = byReason.get(gap.reason);
			if (!e) byReason.set(gap.reason, (e = {detectors: [], missing: new Set()}));
			e.detectors.push(d);
			for (const m of gap.missing) e.missing.add(m);
		}
		if (byReason.size === 0) continue;
		const parts = [...byReason].map(([reason, e]) => `${e.detectors.join(', ')} (needs ${AGENT_DATA.filter((m) => e.missing.has(m)).map((m) => AGENT_DATA_LABEL[m]).join(', ')}: ${reason})`);
		out.push(`findings off for ${source}: ${parts.join('; ')}`);
	}
	return out;
}
