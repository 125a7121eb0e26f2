import type {ToolAttribution} from './attribution.js';
import type {HotspotRef, HotspotRowBase} from './report-types.js';

interface RefAcc {
	sessionId: string;
	threadId: string;
	calls: number;
	cost: number;
	turns: Set<string>;
}

/** Sums of the attributions that make one hotspot row, with their drill-down refs. */
export class RowAcc {
	calls = 0;
	initialTokens = 0;
	persistenceTokens = 0;
	ridingTurns = 0;
	initialCost = 0;
	persistenceCost = 0;
	totalCost = 0;
	private readonly refs = new Map<string, RefAcc>();

	add(a: ToolAttribution): void {
		this.calls++;
		this.initialTokens += a.initialTokens;
		this.persistenceTokens += a.persistenceTokens;
		this.ridingTurns += a.ridingTurns;
		this.initialCost += a.initialCost;
		this.persistenceCost += a.persistenceCost;
		this.totalCost += a.totalCost;
		const key = `${a.sessionId}\u0000${a.threadId}`;
		let r = this.refs.get(key);
		if (!r) {
			r = {sessionId: a.sessionId, threadId: a.threadId, calls: 0, cost: 0, turns: new Set()};
			this.refs.set(key, r);
		}
		r.calls++;
		r.cost += a.totalCost;
		r.turns.add(a.emitMessageId);
	}

	base(attributedTotal: number): HotspotRowBase {
		const refs: HotspotRef[] = [...this.refs.values()]
			.map((r) => ({sessionId: r.sessionId, threadId: r.threadId, calls: r.calls, cost: r.cost, turns: [...r.turns]}))
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
