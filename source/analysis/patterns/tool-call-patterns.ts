/**
 * Tool-call patterns (hotspots-model.md §4.3), per thread: call sequences a dedicated tool
 * or a small change of habit would make cheaper.
 * - search-sequence: ≥3 turns that each run Glob → Grep → Read (in that order);
 * - edit-cluster: ≥3 edits of one file within 5 consecutive turns of the thread;
 * - bash-git-state / bash-test-run / bash-gh-pr: plain `git status|diff|log`, test runners,
 *   `gh pr|api` through the shell.
 * The saving is relayburn's per-occurrence token estimate at the thread's input rate, never
 * more than the calls involved cost (their attributed cost plus output share).
 */
import {bashVerb} from '../bash-verb.js';
import {callsClaims, unionCost} from './claims.js';
import {dominantRate, type CallInfo, type SessionCtx, type TurnInfo} from './context.js';
import type {Detected} from './detected.js';
import type {ToolCallCategory, ToolCallPattern} from './types.js';

const SEARCH_TOKENS = 2500;
const EDIT_CLUSTER_TOKENS = 400;
const BASH_TOKENS: Record<'bash-git-state' | 'bash-test-run' | 'bash-gh-pr', number> = {
	'bash-git-state': 800,
	'bash-test-run': 1200,
	'bash-gh-pr': 600,
};
const MIN_SEARCH_TURNS = 3;
const MIN_CLUSTER = 3;
const CLUSTER_SPAN = 5;

const GIT_STATE = new Set(['git status', 'git diff', 'git log']);
const TEST_BINS = new Set(['pytest', 'jest', 'vitest', 'cargo test', 'go test']);

/** The shell category of a command, or null. */
export function bashCategory(command: string): keyof typeof BASH_TOKENS | null {
	const verb = bashVerb(command);
	if (!verb) return null;
	if (GIT_STATE.has(verb)) return 'bash-git-state';
	if (TEST_BINS.has(verb) || /^(?:npm|pnpm|yarn|bun) test(?::\S*)?$/.test(verb)) return 'bash-test-run';
	if (verb === 'gh api' || verb === 'gh pr' || verb.startsWith('gh pr ')) return 'bash-gh-pr';
	return null;
}

/** The calls of a turn that make a Glob → Grep → Read subsequence, or null. */
function searchSequence(ctx: SessionCtx, t: TurnInfo): CallInfo[] | null {
	const want = ['Glob', 'Grep', 'Read'];
	const got: CallInfo[] = [];
	for (const c of t.turn.toolCalls) {
		const info = ctx.calls.get(c.id);
		if (info && info.tool.display === want[got.length]) got.push(info);
		if (got.length === want.length) return got;
	}
	return null;
}

interface Pending {
	category: ToolCallCategory;
	calls: CallInfo[];
	count: number;
	tokens: number;
	evidence: string[];
}

export function detectToolCallPatterns(ctx: SessionCtx, thread: TurnInfo[], out: Detected<ToolCallPattern>[]): void {
	const found: Pending[] = [];
	// search-sequence
	const seqCalls: CallInfo[] = [];
	let seqTurns = 0;
	for (const t of thread) {
		const s = searchSequence(ctx, t);
		if (!s) continue;
		seqTurns++;
		seqCalls.push(...s);
	}
	if (seqTurns >= MIN_SEARCH_TURNS) found.push({category: 'search-sequence', calls: seqCalls, count: seqTurns, tokens: SEARCH_TOKENS * seqTurns, evidence: []});
	// edit-cluster: by file, positions are the thread's turn ordinals.
	const edits = new Map<string, Array<{ord: number; call: CallInfo}>>();
	thread.forEach((t, ord) => {
		for (const c of t.turn.toolCalls) {
			const info = ctx.calls.get(c.id);
			if (!info || info.tool.kind !== 'file-edit' || !c.target) continue;
			const list = edits.get(c.target) ?? [];
			list.push({ord, call: info});
			edits.set(c.target, list);
		}
	});
	for (const [file, list] of edits) {
		let best: typeof list = [];
		let start = 0;
		for (let end = 0; end < list.length; end++) {
			while (list[end]!.ord - list[start]!.ord >= CLUSTER_SPAN) start++;
			if (end - start + 1 > best.length) best = list.slice(start, end + 1);
		}
		if (best.length >= MIN_CLUSTER) {
			found.push({category: 'edit-cluster', calls: best.map((e) => e.call), count: best.length, tokens: EDIT_CLUSTER_TOKENS * (best.length - 1), evidence: [file]});
		}
	}
	// plain shell calls
	const shell = new Map<keyof typeof BASH_TOKENS, Pending>();
	for (const t of thread) {
		for (const c of t.turn.toolCalls) {
			const info = ctx.calls.get(c.id);
			if (!info || info.tool.kind !== 'shell' || !c.target) continue;
			const cat = bashCategory(c.target);
			if (!cat) continue;
			let p = shell.get(cat);
			if (!p) {
				p = {category: cat, calls: [], count: 0, tokens: 0, evidence: []};
				shell.set(cat, p);
			}
			p.calls.push(info);
			p.count++;
			p.tokens += BASH_TOKENS[cat];
			const verb = bashVerb(c.target) ?? '';
			if (verb && !p.evidence.includes(verb)) p.evidence.push(verb);
		}
	}
	found.push(...shell.values());
	if (found.length === 0) return;
	const rate = dominantRate(thread);
	for (const p of found) {
		const claims = callsClaims(ctx, p.calls);
		const cost = unionCost(ctx, claims);
		const estimate = rate ? (p.tokens * rate.input) / 1e6 : 0;
		const turns = [...new Set(p.calls.map((c) => c.turn))];
		out.push({
			row: {
				sessionId: ctx.sessionId,
				threadId: thread[0]!.threadId,
				turns: turns.map((t) => t.turn.messageId),
				source: thread[0]!.turn.source,
				category: p.category,
				count: p.count,
				tokensSaved: p.tokens,
				usdSaved: Math.min(estimate, cost),
				cost,
				sampleTurnIndexes: turns.slice(0, 5).map((t) => t.turn.turnIndex),
				evidence: p.evidence,
			},
			ctx,
			claims,
		});
	}
}
