/**
 * The patterns report as plain text (hotspots-model.md §6.4–§6.5): a header, then one table
 * per selected detector (`--patterns`), or every finding ranked (`--findings`). No ANSI
 * unless `color`; every string that comes from logs or files goes through `sanitize`.
 */
import type {Detector} from '../analysis/patterns/kinds.js';
import type {Finding, PatternsReport} from '../analysis/patterns/types.js';
import {wrapText} from '../core/wrap.js';
import {fmtDateTime, fmtInt, fmtTokens, fmtUsd, sanitize, shortenMiddle, shortId, tildify, fmtCostCol, fmtUsdCol} from './format.js';
import {num, section, styleFor, type Style, type TextOptions} from './sections.js';
import type {TextColumn} from './table.js';
import {renderTable} from './table.js';
import {emptyWindowLine} from './empty-text.js';

export type PatternsTextOptions = Pick<TextOptions, 'limit' | 'width' | 'color' | 'home' | 'empty' | 'filtered' | 'now'> & {
	/** false when the output is not a terminal (a pipe, a file): tables cut no cell. */
	fit?: boolean;
};

const left = (title: string, flex = false, cut: 'middle' | 'end' = 'end'): TextColumn => ({title, align: 'left', ...(flex ? {flex, cut} : {})});

/** A session id for a column, with its thread when not the main one: `aaaaaaaa·agent-1`. */
function where(sessionId: string | null, threadId?: string | null): string {
	if (!sessionId) return '—';
	const s = shortId(sessionId);
	return threadId ? `${s}·${sanitize(threadId).slice(0, 8)}` : s;
}

const span = (a: number, b: number): string => (a === b ? String(a) : `${a}–${b}`);
const byCost = <T>(list: T[], cost: (x: T) => number): T[] => [...list].sort((a, b) => cost(b) - cost(a));

function header(r: PatternsReport, st: Style, width: number): string[] {
	const out: string[] = [];
	const add = (s: string, style: (x: string) => string = (x) => x): void => {
		out.push(style(s.length > width ? `${s.slice(0, width - 1)}…` : s));
	};
	add(`turns analyzed: ${fmtInt(r.turnsAnalyzed)}`);
	for (const n of r.notices) add(sanitize(n), st.warn);
	return out;
}

function refusal(r: PatternsReport): string {
	return `${sanitize(r.refusalReason ?? 'No selected pattern detector can run here.')}\n`;
}

type Table = (r: PatternsReport, opts: PatternsTextOptions, st: Style) => string[];

const TABLES: Record<Detector, Table> = {
	'retry-loop': (r, o, st) =>
		section('Retry loops (≥3 identical failing tool calls in a row)', byCost(r.retryLoops, (x) => x.cost),
			[left('session'), left('tool'), left('target', true), num('attempts'), num('turns'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), sanitize(x.tool), sanitize(x.target ?? '—'), fmtInt(x.attempts), span(x.startTurnIndex, x.endTurnIndex), fmtUsdCol(x.cost)], '(none)', o, st),
	'failure-run': (r, o, st) =>
		section('Consecutive tool-failure runs (≥3 failing calls in a row, ≥2 distinct calls)', byCost(r.failureRuns, (x) => x.cost),
			[left('session'), num('length'), num('turns'), left('tools', true), num('cost')],
			(x) => [where(x.sessionId, x.threadId), fmtInt(x.length), span(x.startTurnIndex, x.endTurnIndex), sanitize(x.toolsInvolved.join(', ')), fmtUsdCol(x.cost)], '(none)', o, st),
	'cancellation-run': (r, o, st) =>
		section('Cancelled tool/subagent runs', byCost(r.cancelledRuns, (x) => x.cost),
			[left('session'), num('length'), num('turns'), left('tools', true), left('source'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), fmtInt(x.length), span(x.startTurnIndex, x.endTurnIndex), sanitize(x.toolsInvolved.join(', ')), x.eventSource, fmtUsdCol(x.cost)], '(none)', o, st),
	'compaction-loss': (r, o, st) =>
		section('Compaction-loss events', byCost(r.compactions, (x) => x.cacheLostCost),
			[left('session'), left('time'), num('cacheLost(tok)'), left('lost work', true), num('cost')],
			(x) => [
				where(x.sessionId, x.threadId),
				fmtDateTime(x.ts) || sanitize(x.ts),
				fmtInt(x.tokensBeforeCompact),
				x.lostWork ? `${x.lostWork.editCount} edit, ${x.lostWork.bashCount} bash, ${x.lostWork.readCount} read` : '—',
				fmtUsdCol(x.cacheLostCost),
			], '(none)', o, st),
	'edit-revert': (r, o, st) =>
		section('Edit-revert cycles (file returned to a prior state)', byCost(r.editReverts, (x) => x.cost),
			[left('session'), left('file', true, 'middle'), num('firstEdit'), num('revert'), num('span'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), sanitize(tildify(x.filePath, o.home)), String(x.firstEditTurnIndex), String(x.revertTurnIndex), String(x.spanTurns), fmtUsdCol(x.cost)], '(none)', o, st),
	'skill-recall-dup': (r, o, st) =>
		section('OpenCode skill recall duplicates (same skill loaded ≥2 times)', byCost(r.skillRecallDups, (x) => x.cost),
			[left('session'), left('skill', true), num('calls'), num('turns'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), sanitize(x.skillName), fmtInt(x.callCount), span(x.firstTurnIndex, x.lastTurnIndex), fmtUsdCol(x.cost)], '(none)', o, st),
	'skill-pruning-protection': (r, o, st) =>
		section('OpenCode skill pruning protection (skill content riding in cache)', byCost(r.skillPruningProtection, (x) => x.cost),
			[left('session'), left('skill', true), num('invokedAt'), num('ridingTurns'), num('lastCached'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), sanitize(x.skillName), String(x.invokedTurnIndex), fmtInt(x.ridingTurns), String(x.lastCachedTurnIndex), fmtUsdCol(x.cost)], '(none)', o, st),
	'system-prompt-tax': (r, o, st) =>
		section('OpenCode system prompt / skill catalog tax (fixed prefix riding in cache)', byCost(r.systemPromptTaxes, (x) => x.totalCost),
			[left('session'), num('prefix(tok)'), num('userMsg(tok)'), num('systemPrompt(tok)'), num('ridingTurns'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), fmtInt(x.firstCacheCreate), fmtInt(x.firstUserMessageTokens), fmtInt(x.estimatedSystemPromptTokens), fmtInt(x.ridingTurns), fmtUsdCol(x.totalCost)], '(none)', o, st),
	'edit-heavy': (r, o, st) =>
		section('Edit-heavy sessions (edits/reads > 4, ≥5 edits)', [...r.editHeavySessions].sort((a, b) => b.editCount - a.editCount),
			[left('source'), left('session'), num('reads'), num('edits'), num('ratio'), num('retries'), num('cost')],
			(x) => [x.source, where(x.sessionId), fmtInt(x.readCount), fmtInt(x.editCount), x.ratio === null ? '∞' : x.ratio.toFixed(1), fmtInt(x.likelyRetries), fmtUsdCol(x.cost)], '(none)', o, st),
	'tool-output-bloat': (r, o, st) =>
		section('Oversized tool output (BASH_MAX_OUTPUT_LENGTH setting, and results above the threshold)', r.toolOutputBloats,
			[left('source'), left('tool', true), left('kind'), num('count'), num('max(tok)'), num('p95(tok)'), num('cost')],
			(x) => [x.source, sanitize(x.toolName), x.kind, fmtInt(x.occurrenceCount), fmtInt(x.evidencedMaxOutput), x.evidencedP95Output === null ? '—' : fmtInt(x.evidencedP95Output), x.kind === 'static-config' ? '—' : fmtUsdCol(x.cost)], '(none)', o, st),
	'tool-call-pattern': (r, o, st) =>
		section('Tool-call patterns (call sequences with avoidable overhead)', r.toolCallPatterns,
			[left('session'), left('category', true), num('count'), num('tokensSaved'), num('usdSaved'), num('cost')],
			(x) => [where(x.sessionId, x.threadId), x.category, fmtInt(x.count), fmtInt(x.tokensSaved), fmtUsdCol(x.usdSaved), fmtUsdCol(x.cost)], '(none)', o, st),
	'ghost-surface': (r, o, st) =>
		section('Ghost surface (installed agents/skills/commands/prompts never used)', r.ghostSurface,
			[left('source'), left('kind'), left('path', true, 'middle'), num('catalog(tok)'), num('sessions'), num('cost'), num('per session')],
			(x) => [x.source, x.kind.slice('ghost-'.length), sanitize(tildify(x.path, o.home)), fmtInt(x.catalogTokens), fmtInt(x.sessions), fmtUsdCol(x.cost), fmtUsdCol(x.costPerSession)], '(none)', o, st),
	'unpriced-usage': (r, o, st) =>
		section('Unpriced usage (models without a known price)', [...r.unpricedUsage].sort((a, b) => b.tokens - a.tokens),
			[left('session'), left('source'), left('model', true), num('turns'), num('tokens')],
			(x) => [where(x.sessionId), x.source, sanitize(x.model), fmtInt(x.turns), fmtTokens(x.tokens)], '(none)', o, st),
};

function emptyLine(r: PatternsReport, opts: PatternsTextOptions): string | null {
	return r.fidelity.summary.total === 0 ? emptyWindowLine(r.window, opts) : null;
}

/** `burn --patterns`: header and one table per selected detector. */
export function renderPatternsText(report: PatternsReport, opts: PatternsTextOptions = {}): string {
	if (report.refused) return refusal(report);
	const st = styleFor(opts.color);
	const width = Math.max(40, opts.width ?? 100);
	const out = header(report, st, width);
	const empty = emptyLine(report, opts);
	if (empty && report.ghostSurface.length === 0 && report.toolOutputBloats.length === 0) return `${[...out, empty].join('\n')}\n`;
	const withPatterns = report.sessionSummaries.length;
	const total = report.sessionSummaries.reduce((n, s) => n + s.totalPatternCost, 0);
	out.push(`sessions with patterns: ${fmtInt(withPatterns)}  /  total pattern cost: ${fmtUsd(total)}`);
	const tableWidth = opts.fit === false ? Number.POSITIVE_INFINITY : width;
	for (const d of report.detectors) out.push(...TABLES[d](report, {...opts, width: tableWidth}, st));
	return `${out.join('\n')}\n`;
}

function costCell(f: Finding): string {
	if (f.costUsd === null) return f.tokens !== undefined ? `${fmtTokens(f.tokens)} tok` : 'unpriced';
	return f.costUsd === 0 && f.savingsUsd === null ? '—' : fmtCostCol(f.costUsd);
}

/** Narrow terminals drop the kind and savings columns (the title says what it is). */
function findingColumns(wide: boolean): TextColumn[] {
	return wide
		? [left('severity'), left('kind'), left('session'), num('cost'), num('saves'), left('title', true)]
		: [left('severity'), left('session'), num('cost'), left('title', true)];
}

function findingCells(f: Finding, wide: boolean): string[] {
	const session = where(f.sessionId, f.threadId);
	const title = sanitize(f.title);
	if (!wide) return [f.severity, session, costCell(f), title];
	return [f.severity, f.kind, session, costCell(f), f.savingsUsd === null ? '—' : fmtUsdCol(f.savingsUsd), title];
}

/** `burn --findings`: every finding ranked by severity and dollars. */
export function renderFindingsText(report: PatternsReport, opts: PatternsTextOptions = {}): string {
	if (report.refused) return refusal(report);
	const st = styleFor(opts.color);
	const width = Math.max(40, opts.width ?? 100);
	const out = header(report, st, width);
	out.push(`findings: ${fmtInt(report.findings.length)}`, '');
	if (report.findings.length === 0) {
		out.push(`  ${emptyLine(report, opts) ?? '(no findings)'}`);
		return `${out.join('\n')}\n`;
	}
	const limit = opts.limit ?? 10;
	const shown = report.findings.slice(0, Math.max(0, limit));
	const tableWidth = opts.fit === false ? Number.POSITIVE_INFINITY : width;
	const wide = tableWidth >= 100;
	const lines = renderTable(findingColumns(wide), shown.map((f) => findingCells(f, wide)), tableWidth);
	out.push(lines[0]!);
	shown.forEach((f, i) => {
		const line = lines[i + 1]!;
		out.push(f.severity === 'high' ? st.warn(line) : f.severity === 'info' ? st.dim(line) : line);
	});
	if (report.findings.length > shown.length) out.push(st.dim(`  … ${fmtInt(report.findings.length - shown.length)} more (--all shows every finding)`));
	const top = shown[0];
	if (top) {
		out.push('', st.bold(`top finding: ${sanitize(top.title)}`));
		out.push(...wrapIndented(sanitize(top.detail), width, '  '));
		out.push(...wrapIndented(`→ ${sanitize(top.action.label)}:`, width, '  '));
		out.push(...wrapIndented(sanitize(top.action.text), width, '    '));
	}
	return `${out.join('\n')}\n`;
}

/**
 * Word-wraps `text` to `width` (a line's text gets at least 10 columns), every line indented by
 * `indent` and without leading spaces; a word longer than a line is shortened in the middle.
 */
export function wrapIndented(text: string, width: number, indent: string): string[] {
	return wrapText(text, {width, minRoom: 10, indent, long: shortenMiddle, trim: 'lines'});
}
