import type {TurnRecord} from '../core/records.js';
import {threadOf} from './assembler.js';

export interface WatchedTurn {
	turn: TurnRecord;
	cost: number | null;
	/** The session's running cost: today's spend before the watch, plus the turns since. */
	sessionCost: number;
	/** This turn took its session across `--alert`. */
	alert: boolean;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function clock(ts: string): string {
	const d = new Date(ts);
	return Number.isNaN(d.getTime()) ? '--:--:--' : `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

const tokens = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));

/** One text line per turn: time, session short id, model, tokens, cost, tools. */
export function turnText(w: WatchedTurn): string {
	const t = w.turn;
	const u = t.usage;
	const thread = threadOf(t);
	const who = thread === 'main' ? t.sessionId.slice(0, 8) : `${t.sessionId.slice(0, 8)}/${thread.slice(0, 8)}`;
	const tok = `in ${tokens(u.input)} out ${tokens(u.output)} cache ${tokens(u.cacheRead)}r/${tokens(u.cacheCreate5m + u.cacheCreate1h)}w`;
	const cost = w.cost === null ? 'unpriced' : `$${w.cost.toFixed(4)}`;
	const tools = t.toolCalls.map((c) => c.name).join(',') || '-';
	const line = `${clock(t.ts)}  ${who}  ${t.model}  ${tok}  ${cost}  ${tools}`;
	return w.alert ? `${line}\n! session ${t.sessionId.slice(0, 8)} crossed the alert: $${w.sessionCost.toFixed(2)} so far` : line;
}

/** One NDJSON object per turn (keys documented in the README). */
export function turnJson(w: WatchedTurn): Record<string, unknown> {
	const t = w.turn;
	return {
		type: 'turn',
		ts: t.ts,
		source: t.source,
		sessionId: t.sessionId,
		threadId: threadOf(t),
		messageId: t.messageId,
		project: t.project ?? null,
		model: t.model,
		usage: t.usage,
		cost: w.cost,
		sessionCost: w.sessionCost,
		toolCalls: t.toolCalls.map((c) => ({id: c.id, name: c.name, ...(c.target ? {target: c.target} : {}), ...(c.isError ? {isError: true} : {})})),
		...(w.alert ? {alert: true} : {}),
	};
}
