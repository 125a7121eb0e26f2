/**
 * The findings envelope (hotspots-model.md §4.5): one finding per detector row, with a
 * severity, the dollars it claims, what acting on it would save, and a suggested action;
 * ranked by severity, then dollars (unpriced findings by tokens).
 */
import {archiveAction, bashLimitSetting, editInstruction, inspectSession, outputInstruction, pricingAction} from './actions.js';
import type {BloatHit} from './bloat.js';
import type {SessionCtx} from './context.js';
import type {Detected} from './detected.js';
import {fmtInt, plural} from '../../core/numbers.js';
import type {
	CancellationRun,
	CompactionLoss,
	EditHeavySession,
	EditRevertCycle,
	FailureRun,
	Finding,
	FindingAction,
	GhostSurface,
	RetryLoop,
	Severity,
	SkillPruningProtection,
	SkillRecallDup,
	SystemPromptTax,
	ToolCallPattern,
	ToolOutputBloat,
	UnpricedUsage,
} from './types.js';

export const HIGH_USD = 0.5;
export const WARN_USD = 0.05;
/** Unpriced findings are ranked by tokens. */
export const HIGH_TOKENS = 1_000_000;
export const WARN_TOKENS = 100_000;

export function severityOf(usd: number): Severity {
	return usd >= HIGH_USD ? 'high' : usd >= WARN_USD ? 'warn' : 'info';
}

export function severityOfTokens(tokens: number): Severity {
	return tokens >= HIGH_TOKENS ? 'high' : tokens >= WARN_TOKENS ? 'warn' : 'info';
}

const RANK: Record<Severity, number> = {high: 0, warn: 1, info: 2};
const money = (n: number): string => `$${n.toFixed(4)}`;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const turnsLabel = (a: number, b: number): string => (a === b ? `Turn ${a}` : `Turns ${a}-${b}`);

/** True when any turn the row touches is priced (otherwise its dollars are unknown, not $0). */
function priced(ctx: SessionCtx, turns: readonly string[]): boolean {
	return turns.length === 0 ? ctx.cost !== null : turns.some((m) => ctx.byMessage.get(m)?.rate);
}

interface Base {
	kind: Finding['kind'];
	severity: Severity;
	title: string;
	detail: string;
	costUsd: number | null;
	savingsUsd: number | null;
	actions: FindingAction[];
	tokens?: number;
	tokensPerSession?: number;
	usdPerSession?: number;
}

function sessionFinding<T extends {sessionId: string; threadId: string; turns: string[]}>(d: Detected<T>, b: Base): Finding {
	const ok = priced(d.ctx, d.row.turns);
	return envelope(b, {sessionId: d.row.sessionId, threadId: d.row.threadId, source: d.ctx.source, turns: d.row.turns}, ok);
}

function envelope(b: Base, where: Pick<Finding, 'sessionId' | 'threadId' | 'source'> & {turns?: string[]}, isPriced = true): Finding {
	const cost = isPriced ? b.costUsd : null;
	const savings = isPriced ? b.savingsUsd : null;
	const est: Finding['estimatedSavings'] = {};
	if (b.tokensPerSession !== undefined && b.tokensPerSession > 0) est.tokensPerSession = b.tokensPerSession;
	const usd = b.usdPerSession ?? savings ?? cost;
	if (isPriced && usd !== null && usd !== undefined) est.usdPerSession = usd;
	const f: Finding = {
		kind: b.kind,
		severity: b.severity,
		sessionId: where.sessionId,
		threadId: where.threadId,
		source: where.source,
		title: b.title,
		detail: b.detail,
		costUsd: cost,
		savingsUsd: savings,
		estimatedSavings: est,
		action: b.actions[0]!,
		actions: b.actions,
	};
	if (b.tokens !== undefined) f.tokens = b.tokens;
	if (where.turns && where.turns.length > 0) f.turns = where.turns;
	return f;
}

export function retryLoopFinding(d: Detected<RetryLoop>): Finding {
	const r = d.row;
	const target = r.target ? ` ${clip(r.target.replace(/\s+/g, ' '), 60)}` : '';
	const sig = r.errorSignature ? `: '${clip(r.errorSignature, 80)}'` : '';
	const f = sessionFinding(d, {
		kind: 'retry-loop',
		severity: severityOf(r.cost),
		title: `Retry loop: ${r.tool}${target} failed ${r.attempts}× in a row${sig}`,
		detail:
			`${turnsLabel(r.startTurnIndex, r.endTurnIndex)} are ${r.attempts} consecutive errored ${r.tool} calls with the same arguments. ` +
			`They cost ${money(r.cost)} (their results and their share of output); the ${r.attempts - 1} repeats ${money(r.savings)} — the agent kept retrying without changing inputs.`,
		costUsd: r.cost,
		savingsUsd: r.savings,
		actions: [inspectSession(r.sessionId)],
	});
	if (r.eventSource) f.eventSource = r.eventSource;
	return f;
}

export function failureRunFinding(d: Detected<FailureRun>): Finding {
	const r = d.row;
	const errors = r.errorSignatures?.length ? ` Errors: ${r.errorSignatures.map((e) => `${e.tool}='${clip(e.firstLine, 80)}'`).join('; ')}.` : '';
	const f = sessionFinding(d, {
		kind: 'failure-run',
		severity: severityOf(r.cost),
		title: `Failure run: ${r.length} consecutive failed tool calls`,
		detail: `${turnsLabel(r.startTurnIndex, r.endTurnIndex)}: ${r.length} tool calls failed in a row (${r.toolsInvolved.join(', ')}). They cost ${money(r.cost)}.${errors}`,
		costUsd: r.cost,
		savingsUsd: r.cost,
		actions: [inspectSession(r.sessionId)],
	});
	if (r.eventSource) f.eventSource = r.eventSource;
	return f;
}

export function cancellationFinding(d: Detected<CancellationRun>): Finding {
	const r = d.row;
	const f = sessionFinding(d, {
		kind: 'cancellation-run',
		severity: severityOf(r.cost),
		title: `Cancellation run: ${plural(r.length, 'cancelled tool call')}`,
		detail: `${turnsLabel(r.startTurnIndex, r.endTurnIndex)}: ${plural(r.length, 'call')} cancelled in a row (${r.toolsInvolved.join(', ')}). They cost ${money(r.cost)}.`,
		costUsd: r.cost,
		savingsUsd: r.cost,
		actions: [inspectSession(r.sessionId)],
	});
	f.eventSource = r.eventSource;
	return f;
}

export function compactionFinding(d: Detected<CompactionLoss>): Finding {
	const r = d.row;
	let work = '';
	if (r.lostWork) {
		const w = r.lostWork;
		const files = w.files.slice(0, 3).join(', ') + (w.files.length > 3 ? ` +${w.files.length - 3} more` : '');
		work = ` Compacted window: ${plural(w.editCount, 'edit')}, ${w.bashCount} bash, ${plural(w.readCount, 'read')}${files ? ` on ${files}` : ''}.`;
	}
	return sessionFinding(d, {
		kind: 'compaction-loss',
		severity: severityOf(r.cacheLostCost),
		title: `Compaction lost ${fmtInt(r.tokensBeforeCompact)} cached tokens`,
		detail: `The context was compacted at ${r.ts}; the ${fmtInt(r.tokensBeforeCompact)} tokens cached before it were dropped (${money(r.cacheLostCost)} at the cache-read rate).${work}`,
		costUsd: r.cacheLostCost,
		savingsUsd: r.cacheLostCost,
		tokensPerSession: r.tokensBeforeCompact,
		actions: [inspectSession(r.sessionId)],
	});
}

export function revertFinding(d: Detected<EditRevertCycle>): Finding {
	const r = d.row;
	const preview = r.samplePreview ? ` Changed '${r.samplePreview.before}' to '${r.samplePreview.after}', then back.` : '';
	const f = sessionFinding(d, {
		kind: 'edit-revert',
		severity: severityOf(r.cost),
		title: `Edit revert on ${r.filePath}`,
		detail: `The edit in turn ${r.firstEditTurnIndex} was undone ${r.spanTurns} turns later (turn ${r.revertTurnIndex}). The two edits cost ${money(r.cost)}.${preview}`,
		costUsd: r.cost,
		savingsUsd: r.cost,
		actions: [inspectSession(r.sessionId)],
	});
	f.path = r.filePath;
	return f;
}

export function editHeavyFinding(d: Detected<EditHeavySession>): Finding {
	const r = d.row;
	const ratio = r.ratio === null ? '∞' : r.ratio.toFixed(1);
	const sev = severityOf(r.cost);
	return envelope(
		{
			kind: 'edit-heavy',
			severity: sev === 'high' ? 'warn' : sev,
			title: `Edit-heavy session: ${r.editCount} edits / ${r.readCount} reads (ratio ${ratio})`,
			detail: `${plural(r.editCount, 'edit')} against ${plural(r.readCount, 'read')}${r.likelyRetries > 0 ? `, ${plural(r.likelyRetries, 'edit→shell→edit cycle')}` : ''}: the agent edits without reading first. The edits cost ${money(r.cost)}.`,
			costUsd: r.cost,
			savingsUsd: null,
			actions: [inspectSession(r.sessionId), editInstruction],
		},
		{sessionId: r.sessionId, threadId: null, source: r.source, turns: r.turns},
		priced(d.ctx, r.turns),
	);
}

export function skillRecallFinding(d: Detected<SkillRecallDup>): Finding {
	const r = d.row;
	return sessionFinding(d, {
		kind: 'skill-recall-dup',
		severity: severityOf(r.cost),
		title: `OpenCode skill "${r.skillName}" called ${r.callCount}× without dedup`,
		detail: `The skill was loaded ${r.callCount} times (turns ${r.firstTurnIndex}-${r.lastTurnIndex}); its content is not deduplicated. The repeat loads cost ${money(r.cost)}.`,
		costUsd: r.cost,
		savingsUsd: r.cost,
		actions: [inspectSession(r.sessionId)],
	});
}

export function skillPruningFinding(d: Detected<SkillPruningProtection>): Finding {
	const r = d.row;
	return sessionFinding(d, {
		kind: 'skill-pruning-protection',
		severity: severityOf(r.cost),
		title: `OpenCode skill "${r.skillName}" rode in cache ${plural(r.ridingTurns, 'turn')}`,
		detail: `Loaded in turn ${r.invokedTurnIndex}, the skill's content stayed in the cache through turn ${r.lastCachedTurnIndex} (${plural(r.ridingTurns, 'turn')}); riding cost ${money(r.cost)}.`,
		costUsd: r.cost,
		savingsUsd: r.cost,
		actions: [inspectSession(r.sessionId)],
	});
}

export function systemPromptFinding(d: Detected<SystemPromptTax>): Finding {
	const r = d.row;
	return sessionFinding(d, {
		kind: 'system-prompt-tax',
		severity: severityOf(r.totalCost),
		title: `OpenCode system prompt tax: ~${fmtInt(r.estimatedSystemPromptTokens)} tokens × ${plural(r.ridingTurns, 'turn')}`,
		detail: `The fixed prefix (system prompt and skill catalog, ~${fmtInt(r.estimatedSystemPromptTokens)} tokens = first cache write ${fmtInt(r.firstCacheCreate)} minus first user message ${fmtInt(r.firstUserMessageTokens)}) rode in ${plural(r.ridingTurns, 'turn')}: ${money(r.totalCost)} at the cache-read rate.`,
		costUsd: r.totalCost,
		savingsUsd: r.totalCost,
		tokensPerSession: r.estimatedSystemPromptTokens * r.ridingTurns,
		actions: [inspectSession(r.sessionId)],
	});
}

export function configuredBloatFinding(r: ToolOutputBloat): Finding {
	const f = envelope(
		{
			kind: 'tool-output-bloat',
			severity: 'warn',
			title: `BASH_MAX_OUTPUT_LENGTH configured at ${fmtInt(r.configuredLimit ?? 0)} chars (≈ ${fmtInt(r.evidencedMaxOutput)} tokens, above ${fmtInt(r.thresholdTokens)})`,
			detail: `${r.evidence[0]} lets one Bash result put up to ~${fmtInt(r.evidencedMaxOutput)} tokens into the context, paid again in the cache reads of every later turn.`,
			costUsd: 0,
			savingsUsd: null,
			tokensPerSession: r.evidencedMaxOutput,
			actions: [bashLimitSetting(r.evidence[0] ?? 'settings.json')],
		},
		{sessionId: null, threadId: null, source: 'claude-code'},
	);
	if (r.evidence[0]) f.path = r.evidence[0];
	return f;
}

export function observedBloatFinding(d: Detected<BloatHit>): Finding {
	const r = d.row;
	const fix = r.source === 'claude-code' && r.toolName === 'Bash' ? bashLimitSetting('~/.claude/settings.json') : outputInstruction;
	return sessionFinding(d, {
		kind: 'tool-output-bloat',
		severity: severityOf(r.cost),
		title: `Oversized ${r.source} ${r.toolName} output: ${r.count}× (max ${fmtInt(r.maxTokens)} tok)`,
		detail: `${fmtInt(r.count)} ${r.toolName} ${r.count === 1 ? 'result' : 'results'} above ${fmtInt(r.thresholdTokens)} tokens (largest ~${fmtInt(r.maxTokens)}). They cost ${money(r.cost)} where paid and riding in later cache reads; the part above the threshold ${money(r.savings)}.`,
		costUsd: r.cost,
		savingsUsd: r.savings,
		tokensPerSession: r.maxTokens,
		actions: [fix, inspectSession(r.sessionId)],
	});
}

export function ghostFinding(r: GhostSurface, archiveDir: string): Finding {
	const what = r.kind.slice('ghost-'.length);
	const spend =
		r.catalogTokens > 0
			? ` Its catalog entry (~${fmtInt(r.catalogTokens)} tokens) rode in the cache reads of ${plural(r.ridingTurns, 'turn')}: ${money(r.cost)}, ${money(r.costPerSession)} per session.`
			: r.countedByCatalogBloat
				? ' It is declared in a config file (catalog-bloat); it is loaded only when used.'
				: ' It is loaded only when used, so it costs nothing; archive it to keep the list short.';
	const f = envelope(
		{
			kind: r.kind,
			severity: severityOf(r.costPerSession),
			title: `Ghost ${what}: ${r.name} (${r.source})`,
			detail: `${r.path} was not used in the window's ${fmtInt(r.sessions)} ${r.source} ${r.sessions === 1 ? 'session' : 'sessions'}.${spend}`,
			costUsd: r.cost,
			savingsUsd: r.cost,
			usdPerSession: r.costPerSession,
			tokensPerSession: r.catalogTokens,
			actions: [archiveAction(r.path, archiveDir, r.kind === 'ghost-skill')],
		},
		{sessionId: null, threadId: null, source: r.source},
	);
	f.path = r.path;
	return f;
}

const CATEGORY_LABEL: Record<ToolCallPattern['category'], string> = {
	'search-sequence': 'Glob → Grep → Read sequence',
	'edit-cluster': 'Edit cluster on a single file',
	'bash-git-state': 'Vanilla git state via Bash',
	'bash-test-run': 'Vanilla test run via Bash',
	'bash-gh-pr': 'Vanilla gh pr / gh api via Bash',
};

const CATEGORY_HINT: Record<ToolCallPattern['category'], string> = {
	'search-sequence': 'one search that returns the matching lines, or a subagent for exploration, would replace the round trips',
	'edit-cluster': 'one complete edit would replace the series',
	'bash-git-state': 'a compact `git status --short` / `git diff --stat` first keeps output small',
	'bash-test-run': 'running only the affected tests, quietly, keeps output small',
	'bash-gh-pr': 'asking gh for only the needed fields (`--json`) keeps output small',
};

export function toolCallPatternFinding(d: Detected<ToolCallPattern>): Finding {
	const r = d.row;
	const evidence = r.evidence.length > 0 ? ` (${r.evidence.join(', ')})` : '';
	const f = sessionFinding(d, {
		kind: 'tool-call-pattern',
		severity: severityOf(r.usdSaved),
		title: `${CATEGORY_LABEL[r.category]}: ${r.count}×`,
		detail: `${plural(r.count, 'occurrence')}${evidence}: ${CATEGORY_HINT[r.category]}. Estimated overhead ~${fmtInt(r.tokensSaved)} tokens (${money(r.usdSaved)}); the calls cost ${money(r.cost)}.`,
		costUsd: r.cost,
		savingsUsd: r.usdSaved,
		tokensPerSession: r.tokensSaved,
		actions: [inspectSession(r.sessionId)],
	});
	f.category = r.category;
	return f;
}

export function unpricedFinding(r: UnpricedUsage): Finding {
	return envelope(
		{
			kind: 'unpriced-usage',
			severity: severityOfTokens(r.tokens),
			title: `Unpriced model ${r.model}: ${fmtInt(r.tokens)} tokens in ${plural(r.turns, 'turn')}`,
			detail: `burn has no price for "${r.model}", so these tokens are in no dollar figure of this report.`,
			costUsd: null,
			savingsUsd: null,
			tokens: r.tokens,
			tokensPerSession: r.tokens,
			actions: [pricingAction(r.model), inspectSession(r.sessionId)],
		},
		{sessionId: r.sessionId, threadId: null, source: r.source},
		false,
	);
}

/** The dollars a finding is ranked by: what its severity is based on. */
export function rankUsd(f: Finding): number | null {
	if (f.kind === 'unpriced-usage') return null;
	if (f.kind === 'tool-call-pattern') return f.savingsUsd;
	if (f.kind.startsWith('ghost-')) return f.estimatedSavings.usdPerSession ?? 0;
	return f.costUsd;
}

/** Severity, then dollars (desc); findings without dollars after them, by tokens (desc). Stable. */
export function sortFindings(list: Finding[]): Finding[] {
	return list
		.map((f, i) => ({f, i}))
		.sort((a, b) => {
			const s = RANK[a.f.severity] - RANK[b.f.severity];
			if (s !== 0) return s;
			const ua = rankUsd(a.f);
			const ub = rankUsd(b.f);
			if (ua !== null && ub !== null && ua !== ub) return ub - ua;
			if ((ua === null) !== (ub === null)) return ua === null ? 1 : -1;
			if (ua === null && ub === null && (a.f.tokens ?? 0) !== (b.f.tokens ?? 0)) return (b.f.tokens ?? 0) - (a.f.tokens ?? 0);
			return a.i - b.i;
		})
		.map((x) => x.f);
}
