/**
 * Why a window shows nothing, as data both faces word (issue 13, defects 3 and 4): no agent
 * logs anywhere (where burn looked), activity only outside the window (how much, how recent),
 * or a filter that matches nothing (what lies there without it). Pure.
 */
import type {Dataset} from './dataset.js';
import type {FilterSpec} from './filters.js';
import type {PriceBook} from './pricing-types.js';
import {turnCost} from './pricing.js';

export type Empty =
	| {kind: 'no-logs'; looked: string[]}
	| {kind: 'outside'; sessions: number; costUsd: number; latest: string /* ISO */};

/** Sessions, priced spend and the latest activity of a dataset (a counts-only scan). */
export interface Activity {
	sessions: number;
	costUsd: number;
	/** ISO time of the latest dated turn; '' when none. */
	latest: string;
}

/** A filter that matched nothing, and what the same window holds without it. */
export interface FilteredOut {
	/** The filter as flags: `--project ~/x`, `--source codex`, `--provider openai`. */
	filters: string[];
	without: Activity;
}

export function activityOf(dataset: Dataset, priceBook: PriceBook): Activity {
	let costUsd = 0;
	let latest = '';
	let sessions = 0;
	for (const s of dataset.sessions) {
		if (s.turns.length === 0) continue;
		sessions++;
		for (const t of s.turns) {
			costUsd += turnCost(priceBook, t.model, t.usage, s.source) ?? 0;
			if (t.ts && t.ts > latest) latest = t.ts;
		}
	}
	return {sessions, costUsd, latest};
}

/** The filter's flags (empty when nothing is filtered). */
export function filterFlags(filter: FilterSpec): string[] {
	const out: string[] = [];
	if (filter.project) out.push(`--project ${filter.project.dir}`);
	if (filter.sources?.length) out.push(`--source ${filter.sources.join(',')}`);
	if (filter.providers?.length) out.push(`--provider ${filter.providers.join(',')}`);
	return out;
}

/**
 * A window narrowed in memory (the UI's fast path) that holds nothing: what the loaded,
 * wider dataset holds outside it. Undefined when the wider data holds nothing either.
 */
export function outsideOf(wider: Dataset, priceBook: PriceBook): Extract<Empty, {kind: 'outside'}> | undefined {
	const a = activityOf(wider, priceBook);
	return a.sessions > 0 ? {kind: 'outside', sessions: a.sessions, costUsd: a.costUsd, latest: a.latest} : undefined;
}
