/** Spend by model and by local day. */
import type {PricedTurn} from './attribution.js';
import type {Window} from './dataset.js';
import {totalsOf} from './prepare.js';
import type {DailyCost, ModelRow} from './report-types.js';

/** Priced models by cost desc, then unpriced ones by tokens desc. */
export function modelRows(turns: PricedTurn[], grandTotal: number): ModelRow[] {
	const byModel = new Map<string, PricedTurn[]>();
	for (const p of turns) {
		const key = p.turn.model || '(no model)';
		const list = byModel.get(key);
		if (list) list.push(p);
		else byModel.set(key, [p]);
	}
	const rows: ModelRow[] = [...byModel].map(([model, list]) => {
		const t = totalsOf(list);
		return {
			model,
			turns: t.turns,
			usage: t.usage,
			cost: t.cost,
			unpricedTokens: t.unpricedTokens,
			share: t.cost !== null && grandTotal > 0 ? t.cost / grandTotal : 0,
		};
	});
	return rows.sort((a, b) => {
		if ((a.cost === null) !== (b.cost === null)) return a.cost === null ? 1 : -1;
		if (a.cost !== null && b.cost !== null && a.cost !== b.cost) return b.cost - a.cost;
		return b.unpricedTokens - a.unpricedTokens;
	});
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

const MAX_DAYS = 3660;

/**
 * Cost per local day from the window's start (or the first turn) to its end (or `now`, or the
 * last turn), days without spend included as 0.
 */
export function dailyCosts(turns: PricedTurn[], window: Window, now?: number | string): DailyCost[] {
	const sums = new Map<string, number>();
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (const p of turns) {
		const ms = Date.parse(p.turn.ts);
		if (Number.isNaN(ms)) continue;
		first = Math.min(first, ms);
		last = Math.max(last, ms);
		if (p.cost === null) continue;
		const day = localDate(ms);
		sums.set(day, (sums.get(day) ?? 0) + p.cost);
	}
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
