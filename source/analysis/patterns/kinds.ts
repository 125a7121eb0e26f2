/**
 * Finding kinds, the detectors that produce them, and the coverage each detector needs
 * (hotspots-model.md §4.1). `--patterns` values name finding kinds; relayburn's detector
 * names are accepted as aliases; `ghost-surface` selects every `ghost-*` kind.
 */
import type {CoverageKey} from '../coverage.js';

/** Detectors, in the order their tables print. */
export const DETECTORS = [
	'retry-loop',
	'failure-run',
	'cancellation-run',
	'compaction-loss',
	'edit-revert',
	'skill-recall-dup',
	'skill-pruning-protection',
	'system-prompt-tax',
	'edit-heavy',
	'tool-output-bloat',
	'tool-call-pattern',
	'ghost-surface',
	'unpriced-usage',
] as const;

export type Detector = (typeof DETECTORS)[number];

export const GHOST_KINDS = ['ghost-agent', 'ghost-skill', 'ghost-command', 'ghost-prompt'] as const;
export type GhostKind = (typeof GHOST_KINDS)[number];

/** What a finding is: a detector name, except that ghost-surface findings carry their own kind. */
export type FindingKind = Exclude<Detector, 'ghost-surface'> | GhostKind;

/** relayburn's detector names (and a few plurals), accepted as aliases of our kinds. */
export const DETECTOR_ALIASES: Readonly<Record<string, Detector>> = {
	retries: 'retry-loop',
	failures: 'failure-run',
	cancellations: 'cancellation-run',
	compaction: 'compaction-loss',
	compactions: 'compaction-loss',
	reverts: 'edit-revert',
	'edit-reverts': 'edit-revert',
	'edit-heavy-sessions': 'edit-heavy',
	'opencode-skill-recall': 'skill-recall-dup',
	'opencode-skill-pruning': 'skill-pruning-protection',
	'opencode-system-prompt': 'system-prompt-tax',
	'skill-recall': 'skill-recall-dup',
	'skill-pruning': 'skill-pruning-protection',
	'system-prompt': 'system-prompt-tax',
	bloat: 'tool-output-bloat',
	'tool-output': 'tool-output-bloat',
	ghost: 'ghost-surface',
	'ghost-surfaces': 'ghost-surface',
	'tool-call-patterns': 'tool-call-pattern',
	unpriced: 'unpriced-usage',
};

/** relayburn's name of each detector (JSON `perDetector[].detector`). */
export const RELAYBURN_NAME: Readonly<Record<Detector, string>> = {
	'retry-loop': 'retries',
	'failure-run': 'failures',
	'cancellation-run': 'cancellations',
	'compaction-loss': 'compaction',
	'edit-revert': 'reverts',
	'skill-recall-dup': 'opencode-skill-recall',
	'skill-pruning-protection': 'opencode-skill-pruning',
	'system-prompt-tax': 'opencode-system-prompt',
	'edit-heavy': 'edit-heavy',
	'tool-output-bloat': 'tool-output-bloat',
	'tool-call-pattern': 'tool-call-pattern',
	'ghost-surface': 'ghost-surface',
	'unpriced-usage': 'unpriced-usage',
};

/** Coverage a turn needs for each detector to look at it (none = every turn). */
export const REQUIRED: Readonly<Record<Detector, readonly CoverageKey[]>> = {
	'retry-loop': ['hasToolCalls'],
	'failure-run': ['hasToolCalls'],
	'cancellation-run': ['hasToolCalls'],
	'edit-heavy': ['hasToolCalls'],
	'tool-call-pattern': ['hasToolCalls'],
	// relayburn also needs raw content here; our readers hash edit inputs while reading, in any content mode.
	'edit-revert': ['hasToolCalls'],
	'skill-recall-dup': ['hasToolCalls', 'hasToolResultEvents'],
	'skill-pruning-protection': ['hasToolCalls', 'hasToolResultEvents'],
	'system-prompt-tax': ['hasToolCalls', 'hasToolResultEvents'],
	'compaction-loss': [],
	'tool-output-bloat': [],
	'ghost-surface': [],
	'unpriced-usage': [],
};

/** The detector that produces a finding kind. */
export function detectorOf(kind: string): Detector | undefined {
	if ((GHOST_KINDS as readonly string[]).includes(kind)) return 'ghost-surface';
	if ((DETECTORS as readonly string[]).includes(kind)) return kind as Detector;
	return DETECTOR_ALIASES[kind];
}

/**
 * Detectors selected by `--patterns` values (kinds, ghost-* kinds or aliases), in table order.
 * 'all' (bare `--patterns`, `--findings`) selects every detector. Unknown names throw: the CLI
 * validates them before any work.
 */
export function selectDetectors(kinds: readonly string[] | 'all'): Detector[] {
	if (kinds === 'all') return [...DETECTORS];
	const wanted = new Set<Detector>();
	for (const raw of kinds) {
		const k = raw.trim().toLowerCase();
		if (k === '') continue;
		const d = detectorOf(k);
		if (!d) throw new Error(`unknown pattern "${raw}" (use ${DETECTORS.join(', ')})`);
		wanted.add(d);
	}
	return DETECTORS.filter((d) => wanted.has(d));
}

/**
 * Ghost kinds kept by the selection: every one, unless the values name single ghost kinds
 * (`ghost-skill`) and not `ghost-surface` itself.
 */
export function selectGhostKinds(kinds: readonly string[] | 'all'): GhostKind[] {
	if (kinds === 'all') return [...GHOST_KINDS];
	const named = kinds.map((k) => k.trim().toLowerCase());
	if (named.some((k) => detectorOf(k) === 'ghost-surface' && !(GHOST_KINDS as readonly string[]).includes(k))) return [...GHOST_KINDS];
	return GHOST_KINDS.filter((g) => named.includes(g));
}
