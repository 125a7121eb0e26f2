/**
 * Waste patterns and findings (hotspots-model.md §4): dataset + prices (+ the installed
 * inventory) in, plain data out. No I/O, no clock.
 *
 * Every detector runs per session group (a session with its subagent threads) on the turns
 * its coverage allows, thread by thread where a streak or a context is a thread's own.
 */
import type {Dataset} from '../dataset.js';
import {summarizeFidelity, turnPassesCoverage} from '../coverage.js';
import {makeClassifier, prepareAll, type PreparedSession} from '../prepare.js';
import type {PriceBook} from '../pricing-types.js';
import {BLOAT_THRESHOLD_TOKENS, detectConfiguredBloat, detectObservedBloat, sizedResults, type BloatHit} from './bloat.js';
import {detectCompactions} from './compaction.js';
import {buildSessionCtx, byThread, keepUserText, sessionContent, sliceOf, type SessionCtx, type TurnInfo} from './context.js';
import {coverageNotice, detectorCoverage, refusalClause} from './coverage.js';
import type {Detected} from './detected.js';
import {detectEditHeavy} from './edit-heavy.js';
import {detectorSees} from './agent-gaps.js';
import * as F from './findings.js';
import {detectGhosts} from './ghost.js';
import {REQUIRED, selectDetectors, selectGhostKinds, type Detector} from './kinds.js';
import {detectSkillPruning, detectSkillRecall, detectSystemPromptTax} from './opencode.js';
import {detectReverts} from './reverts.js';
import {detectStreaks, type Streaks} from './streaks.js';
import {sessionSummaries} from './summaries.js';
import {detectToolCallPatterns} from './tool-call-patterns.js';
import type {
	CompactionLoss,
	DetectorCoverage,
	EditHeavySession,
	EditRevertCycle,
	Finding,
	PatternsOptions,
	PatternsReport,
	SkillPruningProtection,
	SkillRecallDup,
	SystemPromptTax,
	ToolCallPattern,
	UnpricedUsage,
} from './types.js';
import {detectUnpriced} from './unpriced.js';

export type * from './types.js';
export {DETECTORS, DETECTOR_ALIASES, GHOST_KINDS, selectDetectors, type Detector, type FindingKind} from './kinds.js';
export {severityOf, sortFindings} from './findings.js';

const DEFAULT_ARCHIVE = '$HOME/.burn/ghost-archive';

function windowFilter(dataset: Dataset): (ts: string) => boolean {
	const since = dataset.window.since ? Date.parse(dataset.window.since) : null;
	const until = dataset.window.until ? Date.parse(dataset.window.until) : null;
	return (ts) => {
		const ms = Date.parse(ts);
		if (Number.isNaN(ms)) return since === null && until === null;
		return (since === null || ms >= since) && (until === null || ms <= until);
	};
}

interface Runs extends Streaks {
	compactions: Detected<CompactionLoss>[];
	editReverts: Detected<EditRevertCycle>[];
	skillRecallDups: Detected<SkillRecallDup>[];
	skillPruningProtection: Detected<SkillPruningProtection>[];
	systemPromptTaxes: Detected<SystemPromptTax>[];
	editHeavySessions: Detected<EditHeavySession>[];
	bloatHits: Detected<BloatHit>[];
	toolCallPatterns: Detected<ToolCallPattern>[];
	unpriced: UnpricedUsage[];
}

function emptyRuns(): Runs {
	return {
		retryLoops: [],
		failureRuns: [],
		cancelledRuns: [],
		compactions: [],
		editReverts: [],
		skillRecallDups: [],
		skillPruningProtection: [],
		systemPromptTaxes: [],
		editHeavySessions: [],
		bloatHits: [],
		toolCallPatterns: [],
		unpriced: [],
	};
}

const passMemo = new WeakMap<SessionCtx, {key: string; all: boolean}>();

function passesAll(ctx: SessionCtx, detectors: readonly Detector[], key: string): boolean {
	const hit = passMemo.get(ctx);
	if (hit?.key === key) return hit.all;
	const all = ctx.turns.every((t) => detectors.every((d) => detectorSees(d, t.turn.source) && (REQUIRED[d].length === 0 || turnPassesCoverage(t.turn, REQUIRED[d]))));
	passMemo.set(ctx, {key, all});
	return all;
}

/** A session's context and detector rows (without text), kept on its prepared group. */
const sessionCache = new WeakMap<PreparedSession, {ctx: SessionCtx; key: string; runs: Runs}>();

function appendRuns(to: Runs, part: Runs): void {
	for (const k of Object.keys(part) as Array<keyof Runs>) {
		const from = part[k] as unknown[];
		if (from.length > 0) (to[k] as unknown[]).push(...from);
	}
}

function runSession(ctx: SessionCtx, on: Set<Detector>, runs: Runs, inWindow: (ts: string) => boolean): void {
	const slice = (d: Detector) => sliceOf(ctx, REQUIRED[d], d);
	if (on.has('retry-loop') || on.has('failure-run') || on.has('cancellation-run')) {
		// One pass: the three share their signal and their coverage (tool-call records).
		const part: Streaks = {retryLoops: [], failureRuns: [], cancelledRuns: []};
		detectStreaks(ctx, slice('retry-loop'), part);
		if (on.has('retry-loop')) runs.retryLoops.push(...part.retryLoops);
		if (on.has('failure-run')) runs.failureRuns.push(...part.failureRuns);
		if (on.has('cancellation-run')) runs.cancelledRuns.push(...part.cancelledRuns);
	}
	if (on.has('compaction-loss') && detectorSees('compaction-loss', ctx.source)) detectCompactions(ctx, runs.compactions, inWindow);
	if (on.has('edit-revert')) detectReverts(ctx, slice('edit-revert'), runs.editReverts);
	if (on.has('edit-heavy')) detectEditHeavy(ctx, slice('edit-heavy'), runs.editHeavySessions);
	for (const d of ['skill-recall-dup', 'skill-pruning-protection'] as const) {
		if (!on.has(d)) continue;
		for (const thread of byThread(slice(d)).values()) {
			if (d === 'skill-recall-dup') detectSkillRecall(ctx, thread, runs.skillRecallDups);
			else detectSkillPruning(ctx, thread, runs.skillPruningProtection);
		}
	}
	if (on.has('system-prompt-tax')) detectSystemPromptTax(ctx, slice('system-prompt-tax'), runs.systemPromptTaxes);
	if (on.has('tool-call-pattern')) for (const thread of byThread(slice('tool-call-pattern')).values()) detectToolCallPatterns(ctx, thread, runs.toolCallPatterns);
	if (on.has('unpriced-usage')) detectUnpriced(ctx, runs.unpriced);
}

const rows = <T>(list: Detected<T>[]): T[] => list.map((d) => d.row);

/** The patterns report of a dataset (`burn --patterns`, `burn --findings`). */
export function analyzePatterns(dataset: Dataset, priceBook: PriceBook, opts: PatternsOptions): PatternsReport {
	const detectors = selectDetectors(opts.kinds);
	const classify = makeClassifier(opts.mcpServers);
	// Reuse the attribution the hotspots report computed for the same dataset, if any.
	const prepared = prepareAll(dataset, priceBook, {...(opts.sizes ? {sizes: opts.sizes} : {}), ...(opts.mcpServers ? {mcpServers: opts.mcpServers} : {})});
	// Content read one session at a time is read when the detectors reach that session (below).
	const lazy = typeof opts.content === 'function' ? opts.content : undefined;
	const eager = opts.content && !lazy ? {content: opts.content} : {};
	// Without text (the interactive view's findings) a session's context and detector rows are
	// kept on its prepared group: a live merge detects again only in the sessions it changed.
	const keep = !opts.content;
	const ctxs = prepared.map((p) => (keep ? sessionCache.get(p)?.ctx : undefined) ?? buildSessionCtx(p.group, priceBook, classify, {...(opts.sizes ? {sizes: opts.sizes} : {}), ...eager}, p));
	const allTurns = ctxs.flatMap((c) => c.turns);

	// Sessions whose every turn passes every selected detector's coverage (memoised per
	// context: a live merge walks only the sessions it changed) are counted, not walked.
	const detKey = detectors.join(',');
	let passing = 0;
	const partial: TurnInfo[] = [];
	for (const c of ctxs) {
		if (passesAll(c, detectors, detKey)) passing += c.turns.length;
		else for (const t of c.turns) partial.push(t);
	}
	const perDetector: DetectorCoverage[] = detectors.map((d) => detectorCoverage(d, partial, passing));
	const ghostCov = perDetector.find((c) => c.kind === 'ghost-surface');
	if (ghostCov && !opts.inventory) {
		ghostCov.refused = true;
		ghostCov.note = 'the installed agents, skills and commands were not read';
	}
	const running = perDetector.filter((c) => !c.refused);
	const analyzedCount = (running.length > 0 ? passing : 0) + partial.filter((t) => running.some((c) => detectorSees(c.kind, t.turn.source) && turnPassesCoverage(t.turn, REQUIRED[c.kind]))).length;
	const report: PatternsReport = {
		window: {since: dataset.window.since, until: dataset.window.until},
		detectors,
		turnsAnalyzed: analyzedCount,
		retryLoops: [],
		failureRuns: [],
		cancelledRuns: [],
		compactions: [],
		editReverts: [],
		skillRecallDups: [],
		skillPruningProtection: [],
		systemPromptTaxes: [],
		editHeavySessions: [],
		toolOutputBloats: [],
		toolCallPatterns: [],
		ghostSurface: [],
		unpricedUsage: [],
		sessionSummaries: [],
		findings: [],
		fidelity: {
			analyzed: analyzedCount,
			excluded: allTurns.length - analyzedCount,
			summary: summarizeFidelity(allTurns.map((t) => t.turn)),
			refused: false,
			perDetector,
		},
		notices: [],
		refused: false,
	};
	if (perDetector.length > 0 && running.length === 0) {
		report.refused = true;
		report.fidelity.refused = true;
		report.turnsAnalyzed = 0;
		report.fidelity.analyzed = 0;
		report.fidelity.excluded = allTurns.length;
		report.refusalReason = `No selected pattern detector can run here: ${perDetector.map(refusalClause).join('; ')}.`;
		return report;
	}

	const runOn = new Set(running.map((c) => c.kind));
	const runs = emptyRuns();
	const inWindow = windowFilter(dataset);
	const key = `${[...runOn].sort().join(',')}|${dataset.window.since}|${dataset.window.until}`;
	ctxs.forEach((ctx, i) => {
		if (keep) {
			// Every detector only appends its own session's rows: a session's rows, kept, are the same rows.
			const p = prepared[i]!;
			const hit = sessionCache.get(p);
			let part = hit?.key === key ? hit.runs : undefined;
			if (!part) {
				part = emptyRuns();
				runSession(ctx, runOn, part, inWindow);
				sessionCache.set(p, {ctx, key, runs: part});
			}
			appendRuns(runs, part);
			return;
		}
		if (lazy) ctx.content = sessionContent(ctx.group, lazy);
		runSession(ctx, runOn, runs, inWindow);
		// Tool results and inputs, the bulk of the text, are not needed past their session.
		if (lazy) ctx.content = keepUserText(ctx.content);
	});

	const findings: Finding[] = [];
	const threshold = opts.bloatThresholdTokens ?? BLOAT_THRESHOLD_TOKENS;
	if (runOn.has('tool-output-bloat')) {
		const configured = detectConfiguredBloat(opts.inventory, threshold);
		const observed = detectObservedBloat(ctxs.flatMap(sizedResults).filter((r) => detectorSees('tool-output-bloat', r.source)), threshold);
		runs.bloatHits = observed.hits;
		report.toolOutputBloats = [...configured, ...observed.rows];
		findings.push(...configured.map(F.configuredBloatFinding));
	}
	if (runOn.has('ghost-surface') && opts.inventory) {
		const ghosts = detectGhosts(ctxs, opts.inventory, selectGhostKinds(opts.kinds));
		report.ghostSurface = ghosts.rows;
		if (ghostCov && ghosts.notes.length > 0) ghostCov.note = ghosts.notes.join('; ');
		findings.push(...ghosts.rows.map((g) => F.ghostFinding(g, opts.archiveDir ?? DEFAULT_ARCHIVE)));
	}

	report.retryLoops = rows(runs.retryLoops);
	report.failureRuns = rows(runs.failureRuns);
	report.cancelledRuns = rows(runs.cancelledRuns);
	report.compactions = rows(runs.compactions);
	report.editReverts = rows(runs.editReverts);
	report.skillRecallDups = rows(runs.skillRecallDups);
	report.skillPruningProtection = rows(runs.skillPruningProtection);
	report.systemPromptTaxes = rows(runs.systemPromptTaxes);
	report.editHeavySessions = rows(runs.editHeavySessions);
	report.toolCallPatterns = rows(runs.toolCallPatterns).sort((a, b) => b.usdSaved - a.usdSaved || b.tokensSaved - a.tokensSaved);
	report.unpricedUsage = runs.unpriced;

	findings.push(
		...runs.retryLoops.map(F.retryLoopFinding),
		...runs.failureRuns.map(F.failureRunFinding),
		...runs.cancelledRuns.map(F.cancellationFinding),
		...runs.compactions.map(F.compactionFinding),
		...runs.editReverts.map(F.revertFinding),
		...runs.editHeavySessions.map(F.editHeavyFinding),
		...runs.skillRecallDups.map(F.skillRecallFinding),
		...runs.skillPruningProtection.map(F.skillPruningFinding),
		...runs.systemPromptTaxes.map(F.systemPromptFinding),
		...runs.bloatHits.map(F.observedBloatFinding),
		...runs.toolCallPatterns.map(F.toolCallPatternFinding),
		...runs.unpriced.map(F.unpricedFinding),
	);
	report.findings = F.sortFindings(findings);
	report.sessionSummaries = sessionSummaries(runs);
	report.notices = perDetector.map(coverageNotice).filter((n): n is string => n !== null);
	return report;
}

/** The ranked findings of a dataset (the hotspots report's and the TUI's Findings tab): every detector unless `kinds` says otherwise. */
export function findingsFor(dataset: Dataset, priceBook: PriceBook, opts: Omit<PatternsOptions, 'kinds'> & {kinds?: PatternsOptions['kinds']} = {}): Finding[] {
	const report = analyzePatterns(dataset, priceBook, {...opts, kinds: opts.kinds ?? 'all'});
	return report.refused ? [] : report.findings;
}
