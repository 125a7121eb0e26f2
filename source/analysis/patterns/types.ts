/**
 * The patterns report: detector rows under relayburn's JSON keys (hotspots-model.md §6.6),
 * each with our additions (thread, turn ids, the dollars it claims), session summaries and
 * the ranked findings. Plain data: `JSON.stringify` is the JSON report.
 *
 * Costs are claims (docs/findings.md): `cost` on a row is the dollars that row can honestly
 * claim, never a whole-turn sum; a session's `totalPatternCost` is the union of its rows'
 * claims and never exceeds the session's cost.
 */
import type {ContentRecord, SourceKind} from '../../core/records.js';
import type {ExcludedSource, FidelitySummary} from '../coverage.js';
import type {Window} from '../dataset.js';
import type {Inventory} from '../../sources/inventory.js';
import type {Detector, FindingKind, GhostKind} from './kinds.js';
import type {AgentData} from './agent-gaps.js';

export type EventSourceLabel = 'tool_result' | 'subagent_notification' | 'queue_event' | 'progress_event' | 'function_call_output' | 'mixed';

interface Located {
	sessionId: string;
	/** '' = the main thread; otherwise the subagent's id (or child session id). */
	threadId: string;
	/** messageIds of the turns involved, in order (for drill-down). */
	turns: string[];
}

export interface RetryLoop extends Located {
	tool: string;
	target: string | null;
	argsHash: string;
	attempts: number;
	startTurnIndex: number;
	endTurnIndex: number;
	/** Failed calls' attributed cost plus their share of their turns' output. */
	cost: number;
	/** The attempts after the first. */
	savings: number;
	toolUseIds: string[];
	eventSource?: EventSourceLabel;
	errorSignature?: string;
}

export interface FailureRun extends Located {
	length: number;
	startTurnIndex: number;
	endTurnIndex: number;
	toolsInvolved: string[];
	cost: number;
	toolUseIds: string[];
	eventSource?: EventSourceLabel;
	errorSignatures?: Array<{tool: string; firstLine: string}>;
}

export interface CancellationRun extends Located {
	length: number;
	startTurnIndex: number;
	endTurnIndex: number;
	toolsInvolved: string[];
	cost: number;
	toolUseIds: string[];
	eventSource: EventSourceLabel;
}

export interface LostWork {
	files: string[];
	bashCount: number;
	editCount: number;
	readCount: number;
}

export interface CompactionLoss extends Located {
	ts: string;
	precedingMessageId?: string;
	tokensBeforeCompact: number;
	/** The lost cache at the preceding turn's cache-read rate, capped at that turn's prefix cost. */
	cacheLostCost: number;
	lostWork?: LostWork;
}

export interface EditRevertCycle extends Located {
	filePath: string;
	firstEditTurnIndex: number;
	revertTurnIndex: number;
	spanTurns: number;
	/** The reverted edit and the reverting edit: attributed cost plus output share. */
	cost: number;
	samplePreview?: {before: string; after: string};
}

export interface EditHeavySession {
	source: SourceKind;
	sessionId: string;
	readCount: number;
	editCount: number;
	/** edits / reads; null when there are no reads (∞). */
	ratio: number | null;
	likelyRetries: number;
	/** Edit calls' attributed cost plus output share (informational; not in totalPatternCost). */
	cost: number;
	turns: string[];
}

export interface SkillRecallDup extends Located {
	skillName: string;
	callCount: number;
	firstTurnIndex: number;
	lastTurnIndex: number;
	/** The repeat calls (all but the first): attributed cost plus output share. */
	cost: number;
}

export interface SkillPruningProtection extends Located {
	skillName: string;
	toolUseId: string;
	invokedTurnIndex: number;
	ridingTurns: number;
	lastCachedTurnIndex: number;
	/** The skill result's riding (cache-read) cost. */
	cost: number;
}

export interface SystemPromptTax extends Located {
	firstCacheCreate: number;
	firstUserMessageTokens: number;
	estimatedSystemPromptTokens: number;
	ridingTurns: number;
	/** estimated tokens × cache-read rate on each riding turn, capped at its cache reads. */
	totalCost: number;
}

export interface BloatSessionRef {
	sessionId: string;
	threadId: string;
	count: number;
	maxTokens: number;
	cost: number;
	savings: number;
	toolUseIds: string[];
	turns: string[];
}

export interface ToolOutputBloat {
	source: SourceKind;
	kind: 'static-config' | 'observed-bloat';
	toolName: string;
	/** static-config: BASH_MAX_OUTPUT_LENGTH in characters. */
	configuredLimit?: number;
	evidencedMaxOutput: number;
	evidencedP95Output: number | null;
	occurrenceCount: number;
	/** observed: the oversized results' attributed cost; static-config: 0. */
	cost: number;
	/** observed: session ids; static-config: the settings file. */
	evidence: string[];
	thresholdTokens: number;
	sessions?: BloatSessionRef[];
}

export type ToolCallCategory = 'search-sequence' | 'edit-cluster' | 'bash-git-state' | 'bash-test-run' | 'bash-gh-pr';

export interface ToolCallPattern extends Located {
	source: SourceKind;
	category: ToolCallCategory;
	count: number;
	/** relayburn's per-occurrence overhead estimate. */
	tokensSaved: number;
	/** tokensSaved at the thread's input rate, capped at what the calls cost. */
	usdSaved: number;
	/** Attributed cost plus output share of the calls involved. */
	cost: number;
	sampleTurnIndexes: number[];
	evidence: string[];
}

export interface GhostSurface {
	source: SourceKind;
	kind: GhostKind;
	name: string;
	path: string;
	/** The whole file, ceil(bytes/4). */
	sizeTokens: number;
	/** What rides in every request's system prompt (name + description), ceil(bytes/4). */
	catalogTokens: number;
	/** Sessions of that source in the window. */
	sessions: number;
	/** Turns of that source whose cache reads carried the catalog entry. */
	ridingTurns: number;
	/** catalogTokens at each riding turn's cache-read rate. */
	cost: number;
	costPerSession: number;
	countedByCatalogBloat?: boolean;
}

export interface UnpricedUsage {
	sessionId: string;
	source: SourceKind;
	model: string;
	turns: number;
	tokens: number;
}

export interface SessionSummary {
	sessionId: string;
	source: SourceKind;
	/** Cost of the session's priced turns in the window (null when none is priced). */
	cost: number | null;
	retryLoopCount: number;
	failureRunCount: number;
	cancellationRunCount: number;
	consecutiveFailureMax: number;
	compactionCount: number;
	editRevertCount: number;
	skillRecallDupCount: number;
	skillPruningProtectionCount: number;
	systemPromptTaxCount: number;
	editHeavyCount: number;
	toolOutputBloatCount: number;
	totalRetries: number;
	/** Union of the claims of the session's waste rows: never above `cost`, nothing counted twice. */
	totalPatternCost: number;
}

/** The severities, most severe first. */
export const SEVERITIES = ['high', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FindingAction {
	type: 'command' | 'paste';
	label: string;
	text: string;
}

/** A finding (a type alias, so it is assignable to report-types' `Record<string, unknown>`). */
export type Finding = {
	kind: FindingKind;
	severity: Severity;
	/** null for findings about the machine (ghosts, settings). */
	sessionId: string | null;
	/** '' = the main thread; null when not about one thread. */
	threadId: string | null;
	source: SourceKind | null;
	title: string;
	detail: string;
	/** Dollars the finding claims; null when unpriced. */
	costUsd: number | null;
	/** What acting on it would save; null when there is no estimate. */
	savingsUsd: number | null;
	/** Tokens involved (ranks unpriced findings). */
	tokens?: number;
	/** relayburn's envelope. */
	estimatedSavings: {tokensPerSession?: number; usdPerSession?: number};
	/** The suggested action (the first of `actions`). */
	action: FindingAction;
	actions: FindingAction[];
	/** messageIds of the turns involved. */
	turns?: string[];
	/** A file the finding is about (ghosts, settings, reverts). */
	path?: string;
	/** tool-call-pattern: which pattern (`bash-git-state`, `search-sequence`, …). */
	category?: ToolCallCategory;
	eventSource?: EventSourceLabel;
};

export interface DetectorCoverage {
	kind: Detector;
	/** relayburn's detector name. */
	detector: string;
	analyzed: number;
	excluded: number;
	refused: boolean;
	required: string[];
	excludedBySource?: Array<{source: SourceKind; count: number; granularities: string[]; missingCoverage: string[]}>;
	/** Agents the detector is switched off for (agent-gaps.ts): their turns, what they lack and why. */
	offFor?: Array<{source: SourceKind; count: number; missing: AgentData[]; reason: string}>;
	/** Why the detector could not run, or what it could not see. */
	note?: string;
}

export interface PatternsReport {
	window: Window;
	/** The detectors that were selected, in table order. */
	detectors: Detector[];
	turnsAnalyzed: number;
	retryLoops: RetryLoop[];
	failureRuns: FailureRun[];
	cancelledRuns: CancellationRun[];
	compactions: CompactionLoss[];
	editReverts: EditRevertCycle[];
	skillRecallDups: SkillRecallDup[];
	skillPruningProtection: SkillPruningProtection[];
	systemPromptTaxes: SystemPromptTax[];
	editHeavySessions: EditHeavySession[];
	toolOutputBloats: ToolOutputBloat[];
	toolCallPatterns: ToolCallPattern[];
	ghostSurface: GhostSurface[];
	unpricedUsage: UnpricedUsage[];
	sessionSummaries: SessionSummary[];
	findings: Finding[];
	fidelity: {
		analyzed: number;
		excluded: number;
		summary: FidelitySummary;
		refused: boolean;
		perDetector: DetectorCoverage[];
	};
	/** Human coverage notices, one line each. */
	notices: string[];
	refused: boolean;
	refusalReason?: string;
}

/** Content records by session id: all of them, or read one session at a time. */
export type ContentSource = ReadonlyMap<string, readonly ContentRecord[]> | ((sessionId: string) => readonly ContentRecord[]);

export interface PatternsOptions {
	/** `--patterns` values (kinds or aliases), or 'all'. */
	kinds: readonly string[] | 'all';
	/** Installed surface and settings (sources/inventory.ts); ghost-surface and the settings check need it. */
	inventory?: Inventory;
	/** Result sizes from content sidecars by tool-use id (as for attribution). */
	sizes?: ReadonlyMap<string, number>;
	/**
	 * Content sidecar records by session id: error signatures, revert previews, lost work, slash
	 * commands. A function is called once per session, as the detectors reach it, so only one
	 * session's text is held at a time (`burn --findings` on a large window).
	 */
	content?: ContentSource;
	/** MCP server names (OpenCode `<server>_<tool>`). */
	mcpServers?: Iterable<string>;
	/** Where the ghost `mv` action moves files (default `$HOME/.burn/ghost-archive`). */
	archiveDir?: string;
	/** Oversized tool output, tokens (default 15,000). */
	bloatThresholdTokens?: number;
}

export type {ExcludedSource};
