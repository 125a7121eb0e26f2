/**
 * What the Live tab shows (issue 15), from the loaded turns and the time: the sessions active in
 * the last 15 minutes with their running cost and burn rate, today's spend against yesterday at
 * the same hour, a per-minute sparkline of the last hour, and the newest turns. Pure: the caller
 * passes turns that reach back to yesterday's local midnight.
 */
import type {SourceKind, TurnRecord} from '../core/records.js';
import type {Dataset} from './dataset.js';
import type {PriceBook} from './pricing-types.js';
import {turnCost} from './pricing.js';
import {canonicalTool} from './tools.js';
import {MAIN_THREAD} from './threads.js';

/** Activity within this long counts a session as active. */
export const LIVE_ACTIVE_MS = 15 * 60_000;
/** Minutes in the sparkline. */
export const LIVE_MINUTES = 60;
/** Turns in the tail. */
export const LIVE_TAIL = 50;

export interface LiveSession {
	sessionId: string;
	source: SourceKind;
	project: string | null;
	/** Model of the newest turn. */
	model: string;
	/** Cost of the session's turns today (null when none is priced). */
	cost: number | null;
	/** Dollars per minute: the last 15 minutes' spend over the minutes since its first turn (at least 1). */
	costPerMinute: number;
	turns: number;
	/** The newest tool call: `Bash npm test`, `Read app.ts`… ('' when none). */
	lastTool: string;
	lastTs: string;
}

export interface LiveTailTurn {
	ts: string;
	sessionId: string;
	/** '' = the main thread. */
	threadId: string;
	model: string;
	tokens: number;
	cost: number | null;
	/** Tool names of the turn's calls, in order (`Read`, `Bash`…). */
	tools: string[];
}

export interface LiveView {
	now: number;
	active: LiveSession[];
	today: {cost: number; turns: number};
	/** Yesterday's spend from midnight to the same time of day as now. */
	yesterdaySameHour: number;
	/** Dollars per minute, oldest first; the last entry is the current minute. */
	perMinute: number[];
	/** Newest first. */
	tail: LiveTailTurn[];
}

const midnight = (ms: number): number => {
	const d = new Date(ms);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
};

/** The same local time of day, one calendar day earlier (DST-safe). */
function yesterdaySameTime(now: number): number {
	const d = new Date(now);
	d.setDate(d.getDate() - 1);
	return d.getTime();
}

function callLabel(t: TurnRecord): string {
	const c = t.toolCalls[t.toolCalls.length - 1];
	if (!c) return '';
	const name = canonicalTool(c.name, {source: t.source}).display;
	const target = c.target ? ` ${c.target.split('\n')[0]}` : '';
	return `${name}${target}`;
}

/** True when a dated turn at or after `ms` exists (turns in time order, undated ones last). */
function reaches(turns: readonly TurnRecord[], ms: number): boolean {
	for (let i = turns.length - 1; i >= 0; i--) {
		const t = Date.parse(turns[i]!.ts);
		if (!Number.isNaN(t)) return t >= ms;
	}
	return false;
}

export function liveView(dataset: Dataset, book: PriceBook, now: number): LiveView {
	const todayStart = midnight(now);
	const yStart = midnight(yesterdaySameTime(now));
	const yEnd = yesterdaySameTime(now);
	const minuteNow = Math.floor(now / 60_000);
	const perMinute = new Array<number>(LIVE_MINUTES).fill(0);
	const out: LiveView = {now, active: [], today: {cost: 0, turns: 0}, yesterdaySameHour: 0, perMinute, tail: []};
	const tail: Array<LiveTailTurn & {ms: number}> = [];
	for (const s of dataset.sessions) {
		// Turns are in time order (undated last): a session whose newest dated turn is before
		// yesterday's midnight adds nothing, and its turns are not walked (each live tick).
		if (!reaches(s.turns, yStart)) continue;
		let todayCost: number | null = null;
		let todayTurns = 0;
		let first = Number.POSITIVE_INFINITY;
		let recentCost = 0;
		let newest: TurnRecord | null = null;
		let newestMs = Number.NEGATIVE_INFINITY;
		let lastCallTurn: TurnRecord | null = null;
		let project: string | null = null;
		for (const t of s.turns) {
			const ms = Date.parse(t.ts);
			if (!(ms <= now)) continue;
			const cost = turnCost(book, t.model, t.usage, t.source);
			if (ms >= yStart && ms <= yEnd) out.yesterdaySameHour += cost ?? 0;
			if (ms < todayStart) continue;
			out.today.turns++;
			todayTurns++;
			if (cost !== null) {
				out.today.cost += cost;
				todayCost = (todayCost ?? 0) + cost;
			}
			const minute = Math.floor(ms / 60_000);
			const slot = LIVE_MINUTES - 1 - (minuteNow - minute);
			if (slot >= 0) perMinute[slot]! += cost ?? 0;
			if (ms >= now - LIVE_ACTIVE_MS) {
				if (ms < first) first = ms;
				recentCost += cost ?? 0;
			}
			if (ms >= newestMs) {
				newestMs = ms;
				newest = t;
			}
			if (t.toolCalls.length > 0) lastCallTurn = t;
			if (t.project) project = t.project;
			const u = t.usage;
			tail.push({ms, ts: t.ts, sessionId: s.sessionId, threadId: t.subagent?.agentId ?? MAIN_THREAD, model: t.model, tokens: u.input + u.output + u.cacheRead + u.cacheCreate5m + u.cacheCreate1h, cost, tools: t.toolCalls.map((c) => canonicalTool(c.name, {source: t.source}).display)});
		}
		if (newest && newestMs >= now - LIVE_ACTIVE_MS) {
			out.active.push({
				sessionId: s.sessionId,
				source: s.source,
				project,
				model: newest.model,
				cost: todayCost,
				costPerMinute: recentCost / Math.max(1, (now - first) / 60_000),
				turns: todayTurns,
				lastTool: lastCallTurn ? callLabel(lastCallTurn) : '',
				lastTs: newest.ts,
			});
		}
	}
	out.active.sort((a, b) => (a.lastTs < b.lastTs ? 1 : a.lastTs > b.lastTs ? -1 : 0));
	tail.sort((a, b) => b.ms - a.ms);
	out.tail = tail.slice(0, LIVE_TAIL).map(({ms: _ms, ...t}) => t);
	return out;
}
