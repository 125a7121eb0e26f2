/**
 * The numbers of one session's attribution (attribution.ts has the rules), kept in flat arrays.
 *
 * Threads are walked turn by turn once (`ThreadPass`): results are paid (their costs kept in
 * order), join the riding set, and each turn records how the riding results share its cache
 * reads. Persistence is then summed result by result over those records (`rideSums`): the same
 * additions, in the same order per result, as walking turns and adding to every riding result,
 * but in one tight loop over numbers. The dollars attributed inside each turn (`perTurnOf`),
 * needed only by the session view, are replayed turn by turn from the same records.
 */
import type {TurnRecord} from '../core/records.js';
import type {MadeAttribution} from './attribution-made.js';
import type {PricedTurn} from './attribution.js';
import type {Rate} from './pricing-types.js';

/**
 * Per turn, four numbers: the active total (sum of the sizes that ride), the allocatable tokens,
 * the cache-read price and the largest size that rides: +Infinity when every riding result fits
 * in the cache read, the cache read when only some do, NaN when none rides.
 */
const STRIDE = 4;

/** One thread's place in the session's arrays. */
interface ThreadSpan {
	/** Its turns are the session turns `start .. start + turns.length - 1`. */
	start: number;
	turns: readonly PricedTurn[];
	/** Its riding results are `rides.riding[firstRide ..]` up to the next thread's. */
	firstRide: number;
}

export class SessionRides {
	/** Every attribution, in emit order (thread by thread); turn `g`'s end at `callEnd[g]`. */
	readonly attributions: MadeAttribution[] = [];
	readonly callEnd: Uint32Array;
	readonly params: Float64Array;
	/** Initial costs in the order they were paid; turn `g`'s end at `paidEnd[g]`. */
	readonly paid: Float64Array;
	readonly paidEnd: Uint32Array;
	paidCount = 0;
	/** Results that ride, in the order they joined, with their size and first turn. */
	readonly riding: MadeAttribution[] = [];
	readonly size: Float64Array;
	readonly from: Uint32Array;
	readonly threads: ThreadSpan[] = [];

	constructor(turns: number, calls: number) {
		this.callEnd = new Uint32Array(turns);
		this.params = new Float64Array(STRIDE * turns);
		this.paid = new Float64Array(calls);
		this.paidEnd = new Uint32Array(turns);
		this.size = new Float64Array(calls);
		this.from = new Uint32Array(calls);
	}
}

const newContentOf = (t: TurnRecord): number => t.usage.input + t.usage.cacheCreate5m + t.usage.cacheCreate1h;

/** Dollars a turn paid for its new content: input and both cache-write TTLs at their own rates. */
const newContentCost = (t: TurnRecord, rate: Rate): number =>
	(t.usage.input * rate.input + t.usage.cacheCreate5m * rate.cacheWrite5m + t.usage.cacheCreate1h * rate.cacheWrite1h) / 1e6;

/** One thread, turn by turn: payments, the riding set and each turn's sharing of cache reads. */
export class ThreadPass {
	/** Sum of the riding sizes in joining order, and the largest. */
	private sizeSum = 0;
	private maxSize = 0;
	private readonly span: ThreadSpan;

	constructor(
		private readonly rides: SessionRides,
		/** Session index of the thread's first turn; its tool calls are already emitted. */
		start: number,
		turns: readonly PricedTurn[],
		readonly sized: boolean,
	) {
		this.span = {start, turns, firstRide: rides.riding.length};
		rides.threads.push(this.span);
	}

	/**
	 * The thread's turns in order. A turn pays for the results of the previous turn's calls (a
	 * Codex task for its own calls, after the earlier results rode in it); paid results ride
	 * from the next turn on.
	 */
	walk(): void {
		const {start, turns} = this.span;
		const {callEnd, paidEnd} = this.rides;
		let pendingFrom = 0;
		let pendingTo = 0;
		for (let i = 0; i < turns.length; i++) {
			const g = start + i;
			const p = turns[i]!;
			const from = g === 0 ? 0 : callEnd[g - 1]!;
			const to = callEnd[g]!;
			const codexTask = p.turn.source === 'codex';
			// Paying and sharing are independent; only perTurnOf needs their order in the turn.
			this.pay(codexTask ? from : pendingFrom, codexTask ? to : pendingTo, p);
			this.share(g, p);
			this.ride(codexTask ? from : pendingFrom, codexTask ? to : pendingTo, g + 1, i + 1);
			if (!codexTask) {
				pendingFrom = from;
				pendingTo = to;
			}
			paidEnd[g] = this.rides.paidCount;
		}
	}

	/** Step 1: the results `attributions[from..to)` arrive in turn `p` as new content. */
	private pay(from: number, to: number, p: PricedTurn): void {
		if (from === to) return;
		const list = this.rides.attributions;
		for (let j = from; j < to; j++) list[j]!.payMessageId = p.turn.messageId;
		if (!p.rate) return;
		const fresh = newContentOf(p.turn);
		if (fresh <= 0) return;
		const paid = newContentCost(p.turn, p.rate);
		const out = this.rides.paid;
		let k = this.rides.paidCount;
		if (this.sized) {
			let siblings = 0;
			for (let j = from; j < to; j++) siblings += list[j]!.resultTokens;
			if (siblings <= 0) return;
			const cap = Math.min(siblings, fresh);
			for (let j = from; j < to; j++) {
				const a = list[j]!;
				const tokens = (a.resultTokens / siblings) * cap;
				const cost = (tokens / fresh) * paid;
				a.initialTokens += tokens;
				a.initialCost += cost;
				out[k++] = cost;
			}
		} else {
			const n = to - from;
			for (let j = from; j < to; j++) {
				const a = list[j]!;
				a.initialTokens += fresh / n;
				a.initialCost += paid / n;
				out[k++] = paid / n;
			}
		}
		this.rides.paidCount = k;
	}

	/**
	 * Step 2, recorded for session turn `g`: results already paid ride in its cache reads, shared
	 * in proportion to size. A result larger than the cache read is not riding this turn, but
	 * stays a candidate for later turns.
	 */
	private share(g: number, p: PricedTurn): void {
		const params = this.rides.params;
		const o = g * STRIDE;
		params[o + 3] = Number.NaN;
		const cacheRead = p.turn.usage.cacheRead;
		if (this.rides.riding.length === this.span.firstRide || !p.rate || cacheRead <= 0) return;
		// Usually every riding result fits: then the active total is the running sum.
		const every = cacheRead >= this.maxSize;
		const activeTotal = every ? this.sizeSum : this.fittingTotal(cacheRead);
		if (activeTotal <= 0) return;
		params[o] = activeTotal;
		params[o + 1] = Math.min(cacheRead, activeTotal);
		params[o + 2] = p.rate.cacheRead;
		params[o + 3] = every ? Number.POSITIVE_INFINITY : cacheRead;
	}

	/** Sum of the riding sizes that fit in `cacheRead`, in joining order. */
	private fittingTotal(cacheRead: number): number {
		const size = this.rides.size;
		let total = 0;
		for (let j = this.span.firstRide; j < this.rides.riding.length; j++) {
			const s = size[j]!;
			if (cacheRead >= s) total += s;
		}
		return total;
	}

	/** The paid results `attributions[from..to)` ride from session turn `g` on (`at` in the thread). */
	private ride(from: number, to: number, g: number, at: number): void {
		if (!this.sized) return;
		const {attributions, riding, size: sizes, from: starts} = this.rides;
		for (let j = from; j < to; j++) {
			const a = attributions[j]!;
			const size = a.resultTokens;
			// A result without a size never rides (persistence and rodeIn agree).
			if (!(size > 0)) continue;
			a.ridesIn(this.span.turns, at);
			const r = riding.length;
			riding.push(a);
			sizes[r] = size;
			starts[r] = g;
			this.sizeSum += size;
			if (size > this.maxSize) this.maxSize = size;
		}
	}
}

/** Persistence of every riding result: tokens, dollars and turns ridden, summed in turn order. */
export function rideSums(rides: SessionRides): void {
	const {params, size, from, riding, threads} = rides;
	for (let t = 0; t < threads.length; t++) {
		const end = threads[t]!.start + threads[t]!.turns.length;
		const last = t + 1 < threads.length ? threads[t + 1]!.firstRide : riding.length;
		for (let j = threads[t]!.firstRide; j < last; j++) {
			const s = size[j]!;
			let tokens = 0;
			let cost = 0;
			let turns = 0;
			for (let g = from[j]!; g < end; g++) {
				const o = g * STRIDE;
				if (!(params[o + 3]! >= s)) continue;
				const x = (s / params[o]!) * params[o + 1]!;
				tokens += x;
				cost += (x * params[o + 2]!) / 1e6;
				turns++;
			}
			const a = riding[j]!;
			a.persistenceTokens = tokens;
			a.persistenceCost = cost;
			a.ridingTurns = turns;
		}
	}
}

/**
 * Attributed dollars inside each turn (initial paid there + riding there), by message id:
 * each turn adds its payments and riding costs in the order the thread walk met them (a Codex
 * task pays for its own calls after their predecessors ride). Adding a zero changes no sum of
 * non-negative costs, so a turn gets an entry when its sum is not zero (or it had one).
 */
export function perTurnOf(rides: SessionRides): Map<string, number> {
	const {params, paid, paidEnd, size, from, riding, threads} = rides;
	const perTurn = new Map<string, number>();
	for (let t = 0; t < threads.length; t++) {
		const {start, turns, firstRide} = threads[t]!;
		const last = t + 1 < threads.length ? threads[t + 1]!.firstRide : riding.length;
		for (let i = 0; i < turns.length; i++) {
			const g = start + i;
			const turn = turns[i]!.turn;
			const payFrom = g === 0 ? 0 : paidEnd[g - 1]!;
			const payTo = paidEnd[g]!;
			const codexTask = turn.source === 'codex';
			let sum = perTurn.get(turn.messageId) ?? 0;
			if (!codexTask) for (let k = payFrom; k < payTo; k++) sum += paid[k]!;
			const o = g * STRIDE;
			for (let j = firstRide; j < last && from[j]! <= g; j++) {
				const s = size[j]!;
				if (!(params[o + 3]! >= s)) continue;
				const x = (s / params[o]!) * params[o + 1]!;
				sum += (x * params[o + 2]!) / 1e6;
			}
			if (codexTask) for (let k = payFrom; k < payTo; k++) sum += paid[k]!;
			if (sum !== 0 || perTurn.has(turn.messageId)) perTurn.set(turn.messageId, sum);
		}
	}
	return perTurn;
}
