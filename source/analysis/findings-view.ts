/**
 * What a findings list shows (the UI's Findings tab; issue 14): findings sorted by a visible
 * column (savings, then cost), the small ones folded into one "minor" row per kind, and a
 * tool-call pattern that most sessions show set aside as a habit rather than a finding.
 * Pure: the report's `findings` stay as they are, so a pattern filter still narrows on them.
 */
import type {FindingKind} from './patterns/kinds.js';
import type {Finding, ToolCallCategory} from './patterns/types.js';

export type FindingsRow =
	| {type: 'finding'; finding: Finding}
	| {type: 'minor'; kind: FindingKind; count: number; savingsUsd: number; costUsd: number; findings: Finding[]};

/** A tool-call pattern seen in most sessions: said once, not listed per session. */
export interface HabitNote {
	category: ToolCallCategory;
	/** Sessions with a finding of this pattern. */
	sessions: number;
	/** Sessions with tool calls (the denominator). */
	of: number;
	savingsUsd: number;
}

export interface FindingsView {
	rows: FindingsRow[];
	habits: HabitNote[];
	/** Below this many dollars a finding is minor. */
	threshold: number;
}

export interface FindingsViewOptions {
	/** Sessions with at least one tool call in the analysed set. */
	sessionsWithTools: number;
	/** The report's grand total (the minor threshold scales with it). */
	grandTotal: number;
	/** Overrides the threshold. */
	threshold?: number;
}

/** A pattern found in more than this share of sessions (and in at least MIN_HABIT_SESSIONS) is a habit. */
export const HABIT_SHARE = 0.5;
export const MIN_HABIT_SESSIONS = 4;

/** $0.01, or 0.1 % of the spend when that is more: what is worth a row of its own. */
export const minorThreshold = (grandTotal: number): number => Math.max(0.01, grandTotal * 0.001);

/** The dollars a row is worth: savings when estimated, else cost; null when neither is known. */
export const worthOf = (f: Finding): number | null => f.savingsUsd ?? f.costUsd;

/** Savings desc (a finding without an estimate is worth its cost), then cost desc; findings without dollars last, by tokens desc. */
export function bySavingsThenCost(a: Finding, b: Finding): number {
	const sa = worthOf(a);
	const sb = worthOf(b);
	if ((sa === null) !== (sb === null)) return sa === null ? 1 : -1;
	if (sa !== null && sb !== null && sa !== sb) return sb - sa;
	const ca = a.costUsd ?? 0;
	const cb = b.costUsd ?? 0;
	if (ca !== cb) return cb - ca;
	return (b.tokens ?? 0) - (a.tokens ?? 0);
}

export function findingsView(findings: readonly Finding[], opts: FindingsViewOptions): FindingsView {
	const threshold = opts.threshold ?? minorThreshold(opts.grandTotal);
	const habits = habitsOf(findings, opts.sessionsWithTools);
	const habitSet = new Set(habits.map((h) => h.category));
	const kept = findings.filter((f) => !(f.kind === 'tool-call-pattern' && f.category && habitSet.has(f.category)));
	const big: Finding[] = [];
	const minor = new Map<FindingKind, Finding[]>();
	for (const f of kept) {
		const w = worthOf(f);
		if (w !== null && w < threshold) {
			const list = minor.get(f.kind) ?? [];
			list.push(f);
			minor.set(f.kind, list);
		} else big.push(f);
	}
	const rows: FindingsRow[] = [...big].sort(bySavingsThenCost).map((finding) => ({type: 'finding', finding}));
	const folded = [...minor].map(([kind, list]) => ({
		type: 'minor' as const,
		kind,
		count: list.length,
		savingsUsd: list.reduce((n, f) => n + (f.savingsUsd ?? 0), 0),
		costUsd: list.reduce((n, f) => n + (f.costUsd ?? 0), 0),
		findings: [...list].sort(bySavingsThenCost),
	}));
	folded.sort((a, b) => b.savingsUsd - a.savingsUsd || b.costUsd - a.costUsd || (a.kind < b.kind ? -1 : 1));
	return {rows: [...rows, ...folded], habits, threshold};
}

function habitsOf(findings: readonly Finding[], sessionsWithTools: number): HabitNote[] {
	const by = new Map<ToolCallCategory, {sessions: Set<string>; savings: number}>();
	for (const f of findings) {
		if (f.kind !== 'tool-call-pattern' || !f.category || !f.sessionId) continue;
		const e = by.get(f.category) ?? {sessions: new Set<string>(), savings: 0};
		e.sessions.add(f.sessionId);
		e.savings += f.savingsUsd ?? 0;
		by.set(f.category, e);
	}
	const out: HabitNote[] = [];
	for (const [category, e] of by) {
		const n = e.sessions.size;
		if (n >= MIN_HABIT_SESSIONS && sessionsWithTools > 0 && n / sessionsWithTools > HABIT_SHARE) {
			out.push({category, sessions: n, of: sessionsWithTools, savingsUsd: e.savings});
		}
	}
	return out.sort((a, b) => b.sessions - a.sessions || (a.category < b.category ? -1 : 1));
}
