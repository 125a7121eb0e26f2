/**
 * The analysed data every view renders (text, JSON, Ink). Plain data: no Maps, no classes,
 * so `JSON.stringify` is the JSON report. Key names are the JSON contract (PRODUCT.md
 * Contracts → JSON; hotspot rows keep relayburn's keys, hotspots-model.md §6.3).
 */
import type {SourceKind, Usage} from '../core/records.js';
import type {SessionAttributionMethod} from './attribution.js';
import type {ExcludedSource, FidelitySummary} from './coverage.js';
import type {Window} from './dataset.js';
import type {LeftOut} from './left-out.js';
import type {ToolKind} from './tools.js';

/** Where a hotspot row's calls came from: one entry per session thread. */
export interface HotspotRef {
	sessionId: string;
	/** '' = the main thread. */
	threadId: string;
	calls: number;
	cost: number;
	/** messageIds of the turns that made the calls, in order. */
	turns: string[];
}

/** Fields every hotspot row has. Token shares may be fractional; costs come from unrounded shares. */
export interface HotspotRowBase {
	initialTokens: number;
	persistenceTokens: number;
	/** Σ over the calls of the turns each result rode in. */
	ridingTurns: number;
	initialCost: number;
	persistenceCost: number;
	totalCost: number;
	/** totalCost / attributedTotal (0..1; 0 when nothing is attributed). */
	share: number;
	refs: HotspotRef[];
}

export interface FileRow extends HotspotRowBase {
	path: string;
	toolCallCount: number;
	reads: number;
	edits: number;
	firstEmitTs: string;
	firstEmitTurnIndex: number;
}

export interface BashVerbRow extends HotspotRowBase {
	verb: string;
	callCount: number;
	distinctCommands: number;
	avgPersistenceTurns: number;
	/** Up to 3 commands (or `(hash <8>)`), by summed cost desc then text asc. */
	topExamples: string[];
}

export interface BashRow extends HotspotRowBase {
	/** argsHash of the first call (rows are keyed by the command text when there is one). */
	argsHash: string;
	command: string | null;
	verb: string;
	callCount: number;
}

export interface SubagentRow extends HotspotRowBase {
	subagentType: string;
	callCount: number;
	/** Subagent threads these calls spawned (when the link is known) and what they cost themselves. */
	threads: number;
	threadCost: number;
}

export interface McpToolRow {
	tool: string;
	callCount: number;
	totalCost: number;
}

export interface McpServerRow extends HotspotRowBase {
	server: string;
	callCount: number;
	/** Up to 5 tools by cost. */
	topTools: McpToolRow[];
}

export interface ModelRow {
	model: string;
	turns: number;
	usage: Usage;
	/** null when the model is unpriced. */
	cost: number | null;
	unpricedTokens: number;
	/** cost / grandTotal. */
	share: number;
	/** The sessions that used the model (Models → sessions), by cost desc. */
	sessions: ModelSessionRef[];
}

export interface ModelSessionRef {
	sessionId: string;
	/** Turns of the session made with the model. */
	turns: number;
	/** What those turns cost; null when none is priced. */
	cost: number | null;
	/** cost / the model's cost (0..1). */
	share: number;
}

export interface ThreadRow {
	threadId: string;
	agentType: string | null;
	turns: number;
	usage: Usage;
	cost: number | null;
}

export interface SessionRow {
	sessionId: string;
	source: SourceKind;
	project: string | null;
	firstTs: string | null;
	lastTs: string | null;
	turns: number;
	usage: Usage;
	cost: number | null;
	unpricedTokens: number;
	attributedCost: number;
	unattributedCost: number;
	attributionMethod: SessionAttributionMethod;
	/** Tool calls on the analysed turns (sessions without any do not count toward `attributionDegraded`). */
	toolCalls: number;
	/** One per subagent thread. */
	threads: ThreadRow[];
	/** The agent's own figures, partial and totals-only marks (agent-figures.ts); absent when none. */
	agentCost?: number;
	agentCostDiffers?: boolean;
	partial?: string;
	totalsOnly?: boolean;
	/** Why the session is left out of attribution (its agent logs no tool calls or results); its cost stays in the totals. */
	notAttributed?: string;
}

export interface DailyCost {
	/** Local date, YYYY-MM-DD. */
	date: string;
	cost: number;
}

export interface Unpriced {
	turns: number;
	tokens: number;
	models: string[];
}

export interface FidelityReport {
	analyzed: number;
	excluded: number;
	/** Responses without usage in the window (aborted): not turns. */
	aborted: number;
	refused: boolean;
	summary: FidelitySummary;
	excludedBySource: ExcludedSource[];
}

/** A finding (waste pattern); filled by a later issue. */
export type Finding = Record<string, unknown>;

export interface HotspotsReport {
	window: Window;
	turnsAnalyzed: number;
	/** Cost of the analysed turns. */
	grandTotal: number;
	attributedTotal: number;
	unattributedTotal: number;
	attributionDegraded: boolean;
	/** Turns the coverage gate left out, and their cost. */
	excluded: {turns: number; cost: number};
	unpriced: Unpriced;
	/** Turns without a timestamp (counted only with `--since all`). */
	undated: number;
	/** What the figures leave out, and why (left-out.ts). */
	leftOut: LeftOut;
	sessions: SessionRow[];
	files: FileRow[];
	bashVerbs: BashVerbRow[];
	bash: BashRow[];
	subagents: SubagentRow[];
	mcpServers: McpServerRow[];
	fidelity: FidelityReport;
	models: ModelRow[];
	daily: DailyCost[];
	findings: Finding[];
	refused: boolean;
	refusalReason?: string;
}

export interface TimelineCall {
	id: string;
	name: string;
	kind: ToolKind;
	/** Canonical display name (`Read`, `Bash`, `github:create_issue`). */
	display: string;
	target: string | null;
	/** Short form of the target for a timeline cell (basename, first words of a command). Not sanitised. */
	short: string;
	isError: boolean;
	/** Attributed cost of the call (initial + riding). */
	cost: number;
	/** The first read of the result (the turn after the call paid it). */
	initialCost?: number;
	/** The result riding in later turns' cache reads. */
	ridingCost?: number;
	/** Later turns that carried the result. */
	ridingTurns?: number;
	/** Result size in tokens (0 when unknown). */
	resultTokens?: number;
}

export interface TimelineTurn {
	/** 1-based position in the session timeline. */
	index: number;
	messageId: string;
	threadId: string;
	ts: string;
	model: string;
	input: number;
	/** cacheCreate5m + cacheCreate1h. */
	cacheWrite: number;
	cacheRead: number;
	output: number;
	reasoning: number;
	cost: number | null;
	/** Attributed dollars inside this turn (results paid + riding here). */
	attributedCost: number;
	/** Left out of attribution by the coverage gate. */
	excluded: boolean;
	calls: TimelineCall[];
}

export interface ThreadNode {
	threadId: string;
	/** 'main' for the main thread. */
	agentType: string;
	turns: number;
	cost: number | null;
	children: ThreadNode[];
}

export interface SessionReport {
	window: Window;
	sessionId: string;
	source: SourceKind;
	project: string | null;
	firstTs: string | null;
	lastTs: string | null;
	/** Analysed turns (the timeline also shows excluded ones). */
	turns: number;
	usage: Usage;
	cost: number | null;
	unpricedTokens: number;
	attributedCost: number;
	unattributedCost: number;
	attributionMethod: SessionAttributionMethod;
	excluded: {turns: number; cost: number};
	unpriced: Unpriced;
	timeline: TimelineTurn[];
	files: FileRow[];
	bashVerbs: BashVerbRow[];
	bash: BashRow[];
	subagents: SubagentRow[];
	mcpServers: McpServerRow[];
	models: ModelRow[];
	threads: ThreadNode;
	findings: Finding[];
}
