/**
 * One session group made ready for the detectors: every turn priced and split into the
 * dollar components findings claim from (fresh input, cache reads, output), every tool call
 * indexed with its turn, thread and attribution.
 */
import type {CompactionRecord, ContentRecord, SourceKind, ToolCall, ToolResultEventRecord, TurnRecord, UserTurnRecord} from '../../core/records.js';
import type {SizeIndex, ToolAttribution} from '../attribution.js';
import {buildSizeIndex} from '../attribution.js';
import {turnPassesCoverage, type CoverageKey} from '../coverage.js';
import {prepareSession, type Classifier, type PreparedSession} from '../prepare.js';
import {REASONING_BILLED_ON_TOP} from '../pricing.js';
import type {PriceBook, Rate} from '../pricing-types.js';
import {userTurnsOf, type SessionGroup} from '../threads.js';
import type {CanonicalTool} from '../tools.js';
import type {ContentSource} from './types.js';
import {detectorSees} from './agent-gaps.js';
import type {Detector} from './kinds.js';

export interface TurnInfo {
	turn: TurnRecord;
	threadId: string;
	/** Position in the session timeline. */
	pos: number;
	rate: Rate | null;
	/** null = unpriced. */
	cost: number | null;
	/** Dollars of new content (input + cache writes), cache reads and output; 0 when unpriced. */
	fresh: number;
	cacheRead: number;
	output: number;
}

export interface CallInfo {
	call: ToolCall;
	turn: TurnInfo;
	/** Position of the call in its turn. */
	index: number;
	tool: CanonicalTool;
	/** Present when the turn passed the attribution gate. */
	attribution?: ToolAttribution;
}

export interface SessionCtx {
	sessionId: string;
	source: SourceKind;
	group: SessionGroup;
	turns: TurnInfo[];
	byMessage: Map<string, TurnInfo>;
	calls: Map<string, CallInfo>;
	/** Thread ids in first-seen order. */
	threads: string[];
	events: ToolResultEventRecord[];
	userTurns: readonly UserTurnRecord[];
	compactions: CompactionRecord[];
	content: readonly ContentRecord[];
	sizes: SizeIndex;
	/** Cost of the priced turns; null when none is priced. */
	cost: number | null;
}

export interface CtxOptions {
	sizes?: ReadonlyMap<string, number>;
	content?: ContentSource;
}

/** The content records of every part of a session group, in part order. */
export function sessionContent(group: SessionGroup, source: ContentSource): ContentRecord[] {
	const out: ContentRecord[] = [];
	for (const part of group.parts) {
		const records = typeof source === 'function' ? source(part.sessionId) : source.get(part.sessionId);
		if (records) for (const r of records) out.push(r);
	}
	return out;
}

/** After its session's detectors ran, a context keeps only what the cross-session detectors read: the users' own words (ghost-surface). */
export function keepUserText(content: readonly ContentRecord[]): ContentRecord[] {
	return content.filter((r) => r.role === 'user' && r.kind === 'text' && typeof r.text === 'string');
}

function components(turn: TurnRecord, rate: Rate | null): {fresh: number; cacheRead: number; output: number} {
	if (!rate) return {fresh: 0, cacheRead: 0, output: 0};
	const u = turn.usage;
	const out = u.output + (REASONING_BILLED_ON_TOP[turn.source] ? u.reasoning : 0);
	return {
		fresh: (u.input * rate.input + u.cacheCreate5m * rate.cacheWrite5m + u.cacheCreate1h * rate.cacheWrite1h) / 1e6,
		cacheRead: (u.cacheRead * rate.cacheRead) / 1e6,
		output: (out * rate.output) / 1e6,
	};
}

export function buildSessionCtx(group: SessionGroup, priceBook: PriceBook, classify: Classifier, opts: CtxOptions, preparedIn?: PreparedSession): SessionCtx {
	const prepared = preparedIn ?? prepareSession(group, priceBook, opts.sizes ? {sizes: opts.sizes} : {}, classify);
	const byCall = new Map<string, ToolAttribution>();
	for (const a of prepared.attribution.attributions) byCall.set(a.toolUseId, a);
	const turns: TurnInfo[] = [];
	const byMessage = new Map<string, TurnInfo>();
	const calls = new Map<string, CallInfo>();
	const threads: string[] = [];
	let cost: number | null = null;
	prepared.turns.forEach((p, pos) => {
		const info: TurnInfo = {turn: p.turn, threadId: p.threadId, pos, rate: p.rate, cost: p.cost, ...components(p.turn, p.rate)};
		turns.push(info);
		if (!byMessage.has(p.turn.messageId)) byMessage.set(p.turn.messageId, info);
		if (!threads.includes(p.threadId)) threads.push(p.threadId);
		if (p.cost !== null) cost = (cost ?? 0) + p.cost;
		p.turn.toolCalls.forEach((call, index) => {
			const c: CallInfo = {call, turn: info, index, tool: classify(call, p.turn.source)};
			const a = byCall.get(call.id);
			if (a && a.emitMessageId === p.turn.messageId) c.attribution = a;
			if (!calls.has(call.id)) calls.set(call.id, c);
		});
	});
	const userTurns = userTurnsOf(group);
	const content = opts.content ? sessionContent(group, opts.content) : [];
	return {
		sessionId: group.sessionId,
		source: group.source,
		group,
		turns,
		byMessage,
		calls,
		threads,
		events: group.parts.flatMap((p) => p.toolResultEvents),
		userTurns,
		compactions: group.parts.flatMap((p) => p.compactions),
		content,
		sizes: buildSizeIndex(userTurns, opts.sizes),
		cost,
	};
}

/** The session's turns a detector may look at, in timeline order. */
export function sliceOf(ctx: SessionCtx, required: readonly CoverageKey[], detector?: Detector): TurnInfo[] {
	// A detector switched off for an agent (agent-gaps.ts) sees none of that agent's turns.
	if (detector && !detectorSees(detector, ctx.source)) return ctx.turns.filter((t) => detectorSees(detector, t.turn.source) && turnPassesCoverage(t.turn, required));
	if (required.length === 0) return ctx.turns;
	return ctx.turns.filter((t) => turnPassesCoverage(t.turn, required));
}

/** Turns grouped by thread, each in timeline order; threads in first-seen order. */
export function byThread(turns: readonly TurnInfo[]): Map<string, TurnInfo[]> {
	const out = new Map<string, TurnInfo[]>();
	for (const t of turns) {
		const list = out.get(t.threadId);
		if (list) list.push(t);
		else out.set(t.threadId, [t]);
	}
	return out;
}

/** The most frequent model of some turns (ties: first seen) and a rate for it. */
export function dominantRate(turns: readonly TurnInfo[]): Rate | null {
	const counts = new Map<string, {n: number; rate: Rate | null}>();
	for (const t of turns) {
		const e = counts.get(t.turn.model);
		if (e) e.n++;
		else counts.set(t.turn.model, {n: 1, rate: t.rate});
	}
	let best: {n: number; rate: Rate | null} | null = null;
	for (const e of counts.values()) if (!best || e.n > best.n) best = e;
	return best?.rate ?? null;
}
