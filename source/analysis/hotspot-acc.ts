import type {ToolAttribution} from './attribution.js';
import type {HotspotRef, HotspotRowBase} from './report-types.js';

/** Refs of a row are searched one by one up to this many, then through a map. */
const SCAN_REFS = 16;
/** A ref's turns are deduplicated by scanning up to this many, then through a set. */
const SCAN_TURNS = 16;

/**
 * Zero as V8 stores a fractional number. The row sums start from it so their fields are laid
 * out as doubles from the first row on, instead of as small integers that V8 re-lays out (and
 * recompiles the code reading them) when the first fraction arrives. A sum of non-negative
 * numbers started from it is +0 or more after its first addition, as one started from 0.
 */
const DOUBLE_ZERO = -0;

/** One (session, thread) of a row: its calls, their cost and the turns that made them. */
class RefAcc {
	calls = 1;
	cost = DOUBLE_ZERO;
	readonly turns: string[];
	private seen: Set<string> | null = null;
	/** Made by the row's first call of this session and thread. */
	constructor(
		readonly sessionId: string,
		readonly threadId: string,
		a: ToolAttribution,
	) {
		this.cost += a.totalCost;
		this.turns = [a.emitMessageId];
	}

	/** Adds a turn once (first-seen order); calls of one turn usually come together. */
	addTurn(id: string): void {
		const turns = this.turns;
		if (turns[turns.length - 1] === id) return;
		if (this.seen) {
			if (this.seen.has(id)) return;
			this.seen.add(id);
		} else if (turns.length < SCAN_TURNS) {
			if (turns.includes(id)) return;
		} else {
			this.seen = new Set(turns);
			if (this.seen.has(id)) return;
			this.seen.add(id);
		}
		turns.push(id);
	}
}

const refKey = (r: {sessionId: string; threadId: string}): string => `${r.sessionId}\u0000${r.threadId}`;

/** Sums of the attributions that make one hotspot row, with their drill-down refs. */
export class RowAcc {
	calls = 0;
	initialTokens = DOUBLE_ZERO;
	persistenceTokens = DOUBLE_ZERO;
	ridingTurns = 0;
	initialCost = DOUBLE_ZERO;
	persistenceCost = DOUBLE_ZERO;
	totalCost = DOUBLE_ZERO;
	/** Refs in first-seen order; the last one used (attributions come thread by thread). */
	private readonly refs: RefAcc[] = [];
	private last: RefAcc | null = null;
	private index: Map<string, RefAcc> | null = null;

	add(a: ToolAttribution): void {
		this.calls++;
		this.initialTokens += a.initialTokens;
		this.persistenceTokens += a.persistenceTokens;
		this.ridingTurns += a.ridingTurns;
		this.initialCost += a.initialCost;
		this.persistenceCost += a.persistenceCost;
		this.totalCost += a.totalCost;
		const r = this.last;
		if (r !== null && r.sessionId === a.sessionId && r.threadId === a.threadId) {
			r.calls++;
			r.cost += a.totalCost;
			r.addTurn(a.emitMessageId);
		} else {
			this.addToRef(a);
		}
	}

	/** The call's ref (found or made) takes it, and becomes the last one used. */
	private addToRef(a: ToolAttribution): void {
		let r: RefAcc | undefined;
		if (this.index) {
			r = this.index.get(refKey(a));
		} else {
			const refs = this.refs;
			for (let i = 0; i < refs.length && r === undefined; i++) if (refs[i]!.sessionId === a.sessionId && refs[i]!.threadId === a.threadId) r = refs[i];
		}
		if (r) {
			r.calls++;
			r.cost += a.totalCost;
			r.addTurn(a.emitMessageId);
		} else {
			r = new RefAcc(a.sessionId, a.threadId, a);
			this.refs.push(r);
			if (this.index) this.index.set(refKey(a), r);
			else if (this.refs.length > SCAN_REFS) this.index = new Map(this.refs.map((x) => [refKey(x), x]));
		}
		this.last = r;
	}

	base(attributedTotal: number): HotspotRowBase {
		const refs: HotspotRef[] = this.refs
			.map((r) => ({sessionId: r.sessionId, threadId: r.threadId, calls: r.calls, cost: r.cost, turns: r.turns}))
			.sort((a, b) => b.cost - a.cost || b.calls - a.calls);
		return {
			initialTokens: this.initialTokens,
			persistenceTokens: this.persistenceTokens,
			ridingTurns: this.ridingTurns,
			initialCost: this.initialCost,
			persistenceCost: this.persistenceCost,
			totalCost: this.totalCost,
			share: attributedTotal > 0 ? this.totalCost / attributedTotal : 0,
			refs,
		};
	}
}

/** Groups attributions by key, in first-seen order. */
export function groupBy<T>(items: Iterable<ToolAttribution>, keyOf: (a: ToolAttribution) => string | null, make: (a: ToolAttribution, key: string) => T, add: (acc: T, a: ToolAttribution) => void): Map<string, T> {
	const out = new Map<string, T>();
	for (const a of items) {
		const key = keyOf(a);
		if (key === null) continue;
		let acc = out.get(key);
		if (acc === undefined) {
			acc = make(a, key);
			out.set(key, acc);
		}
		add(acc, a);
	}
	return out;
}

/** Sorts rows by totalCost desc; ties keep first-seen order (stable sort). */
export const byCostDesc = <R extends {totalCost: number}>(rows: R[]): R[] => rows.sort((a, b) => b.totalCost - a.totalCost);
