/** Spend by model and by local day. */
import type {PricedTurn} from './attribution.js';
import type {Window} from './dataset.js';
import type {GatedTurn} from './prepare.js';
import type {DailyCost, ModelRow, ModelSessionRef} from './report-types.js';
import {addTurn, newTotals, type Totals} from './session-figures.js';

/**
 * The model a row stands for: the id without a `provider/` path (`anthropic/claude-sonnet-4-5`
 * and `claude-sonnet-4-5` are one model, one row). Prices are per turn, so merging rows never
 * changes a figure.
 */
export function modelKey(model: string): string {
	const slash = model.lastIndexOf('/');
	const bare = slash >= 0 ? model.slice(slash + 1) : model;
	return bare || '(no model)';
}

/** Priced models by cost desc, then unpriced ones by tokens desc. */
export function modelRows(turns: readonly PricedTurn[], grandTotal: number): ModelRow[] {
	const rows: ModelRow[] = [...totalsByModel(turns)].map(([model, {totals: t, sessions}]) => {
		return {
			model,
			turns: t.turns,
			usage: t.usage,
			cost: t.cost,
			unpricedTokens: t.unpricedTokens,
			share: t.cost !== null && grandTotal > 0 ? t.cost / grandTotal : 0,
			sessions: sessionRefs(sessions, t.cost),
		};
	});
	return rows.sort((a, b) => {
		if ((a.cost === null) !== (b.cost === null)) return a.cost === null ? 1 : -1;
		if (a.cost !== null && b.cost !== null && a.cost !== b.cost) return b.cost - a.cost;
		return b.unpricedTokens - a.unpricedTokens;
	});
}

interface ModelAcc {
	totals: Totals;
	/** Per session that used the model: its turns and cost with it. */
	sessions: Map<string, {turns: number; cost: number | null}>;
}

/** The sessions that used a model, by cost desc (then turns desc, id asc), with their share of the model's cost. */
function sessionRefs(sessions: ModelAcc['sessions'], modelCost: number | null): ModelSessionRef[] {
	return [...sessions]
		.map(([sessionId, s]) => ({sessionId, turns: s.turns, cost: s.cost, share: s.cost !== null && modelCost ? s.cost / modelCost : 0}))
		.sort((a, b) => (b.cost ?? -1) - (a.cost ?? -1) || b.turns - a.turns || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

/** Totals per model (`(no model)` for none; one row per {@link modelKey}), in first-seen order. */
function totalsByModel(turns: readonly PricedTurn[]): Map<string, ModelAcc> {
	const byModel = new Map<string, ModelAcc>();
	let lastModel: string | null = null;
	let last: ModelAcc | null = null;
	for (let i = 0; i < turns.length; i++) {
		const p = turns[i]!;
		const model = p.turn.model;
		if (model !== lastModel || !last) {
			const key = modelKey(model);
			last = byModel.get(key) ?? null;
			if (!last) byModel.set(key, (last = {totals: newTotals(), sessions: new Map()}));
			lastModel = model;
		}
		addTurn(last.totals, p);
		const sid = p.turn.sessionId;
		let s = last.sessions.get(sid);
		if (!s) last.sessions.set(sid, (s = {turns: 0, cost: null}));
		s.turns++;
		if (p.cost !== null) s.cost = (s.cost ?? 0) + p.cost;
	}
	return byModel;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of an instant in local time. */
export function localDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function dayStart(ms: number): Date {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/**
 * localDate for instants that mostly fall on the same few days: remembers the last local day
 * as an interval of instants [its midnight, the next midnight). A day is remembered only when
 * the UTC offset is the same at its start, its last instant and the next midnight (no clock
 * change inside or at its end), so every instant in the interval has that date.
 */
export class LocalDays {
	private from = Number.POSITIVE_INFINITY;
	private to = Number.NEGATIVE_INFINITY;
	private key = '';

	of(ms: number): string {
		return ms >= this.from && ms < this.to ? this.key : this.day(ms);
	}

	private day(ms: number): string {
		const d = new Date(ms);
		const key = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
		const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
		const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
		const from = start.getTime();
		const to = end.getTime();
		const offset = start.getTimezoneOffset();
		if (ms >= from && ms < to && offset === end.getTimezoneOffset() && offset === new Date(to - 1).getTimezoneOffset()) {
			this.from = from;
			this.to = to;
			this.key = key;
		}
		return key;
	}
}

const MAX_DAYS = 3660;

/** Cost by local day of the dated turns, and the first and last instants. */
function sumByDay(turns: readonly GatedTurn[]): {sums: Map<string, number>; first: number; last: number} {
	const sums = new Map<string, number>();
	const days = new LocalDays();
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < turns.length; i++) {
		const p = turns[i]!;
		const ms = p.ms;
		if (Number.isNaN(ms)) continue;
		first = Math.min(first, ms);
		last = Math.max(last, ms);
		if (p.cost === null) continue;
		const day = days.of(ms);
		sums.set(day, (sums.get(day) ?? 0) + p.cost);
	}
	return {sums, first, last};
}

/**
 * Cost per local day from the window's start (or the first turn) to its end (or `now`, or the
 * last turn), days without spend included as 0.
 */
export function dailyCosts(turns: readonly GatedTurn[], window: Window, now?: number | string): DailyCost[] {
	const {sums, first, last} = sumByDay(turns);
	const parse = (v: string | number | null | undefined): number => (typeof v === 'number' ? v : v ? Date.parse(v) : Number.NaN);
	let start = parse(window.since);
	if (Number.isNaN(start)) start = first;
	let end = parse(window.until);
	if (Number.isNaN(end)) end = parse(now);
	if (Number.isNaN(end)) end = last;
	if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) return [];
	let day = dayStart(start);
	if ((end - day.getTime()) / 86_400_000 > MAX_DAYS && Number.isFinite(first)) day = dayStart(Math.max(first, start));
	const out: DailyCost[] = [];
	const stop = dayStart(end).getTime();
	while (day.getTime() <= stop && out.length <= MAX_DAYS) {
		const key = localDate(day.getTime());
		out.push({date: key, cost: sums.get(key) ?? 0});
		day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
	}
	return out;
}
