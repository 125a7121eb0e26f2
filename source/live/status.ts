import type {TodayFigures} from './today-figures.js';

/** The exit code of `burn status --budget` when today is over budget. */
export const OVER_BUDGET_EXIT = 3;

const usd = (n: number) => `$${n.toFixed(2)}`;

/** `burn status`: one line for a shell prompt or a status bar. */
export function statusLine(f: TodayFigures, budget: number | null): string {
	const parts = [`${usd(f.cost)} today`, `${f.active} active`, `${usd(f.ratePerHour)}/h`];
	if (f.unpricedTurns > 0) parts.push(`${f.unpricedTurns} unpriced`);
	if (budget !== null) parts.push(f.cost > budget ? `OVER budget ${usd(budget)}` : `budget ${usd(budget)}`);
	return parts.join(' · ');
}

/** `burn status --json`: one object (keys documented in the README). */
export function statusJson(f: TodayFigures, budget: number | null): Record<string, unknown> {
	return {
		day: f.day,
		dayStart: f.dayStart,
		cost: f.cost,
		turns: f.turns,
		unpricedTurns: f.unpricedTurns,
		sessions: f.sessions,
		activeSessions: f.active,
		ratePerHour: f.ratePerHour,
		budget,
		overBudget: budget !== null && f.cost > budget,
	};
}
