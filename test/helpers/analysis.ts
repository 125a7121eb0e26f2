import {readFileSync} from 'node:fs';
import {emptyUsage, type LedgerRecord, type SourceKind, type ToolCall, type TurnRecord, type Usage, type UserTurnRecord} from '../../source/core/records.js';
import type {Dataset, Window} from '../../source/analysis/dataset.js';
import type {PriceBook, Rate} from '../../source/analysis/pricing-types.js';
import {DatasetBuilder} from '../../source/ledger/bucket.js';

const rate = (input: number, output: number, cacheRead: number, cacheWrite5m: number, cacheWrite1h: number): Rate => ({
	input,
	output,
	cacheRead,
	cacheWrite5m,
	cacheWrite1h,
	derived: [],
	origin: 'test',
});

export const SONNET = rate(3, 15, 0.3, 3.75, 6);
export const HAIKU = rate(1, 5, 0.1, 1.25, 2);
export const GPT = rate(1.25, 10, 0.125, 1.25, 1.25);

/** A small price book: sonnet-4-6, haiku-4-5 and gpt-5 are priced, everything else is not. */
export const fakePriceBook: PriceBook = {
	rateFor(model: string): Rate | null {
		if (model.includes('sonnet-4-6')) return SONNET;
		if (model.includes('haiku-4-5')) return HAIKU;
		if (model.startsWith('gpt-5')) return GPT;
		return null;
	},
};

/** Our own cost function for expected values (reasoning never billed separately). */
export function expectedCost(u: Partial<Usage>, r: Rate): number {
	const x = {...emptyUsage(), ...u};
	return (x.input * r.input + x.output * r.output + x.cacheRead * r.cacheRead + x.cacheCreate5m * r.cacheWrite5m + x.cacheCreate1h * r.cacheWrite1h) / 1e6;
}

/** Ledger records from a relayburn-style ledger.jsonl (stamp lines skipped). */
export function ledgerRecords(path: string): LedgerRecord[] {
	const out: LedgerRecord[] = [];
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		const obj = JSON.parse(line) as {kind: string; record: unknown};
		if (obj.kind === 'stamp') continue;
		out.push({kind: obj.kind, record: obj.record} as LedgerRecord);
	}
	return out;
}

export function datasetOf(records: LedgerRecord[], window: Window = {since: null, until: null}): Dataset {
	const b = new DatasetBuilder(window);
	for (const r of records) b.add(r);
	return b.finish();
}

let clock = Date.parse('2026-04-20T10:00:00.000Z');

export interface TurnSpec {
	session?: string;
	id?: string;
	source?: SourceKind;
	model?: string;
	ts?: string;
	usage?: Partial<Usage>;
	calls?: Array<Partial<ToolCall> & {id: string}>;
	project?: string;
	agentId?: string;
	parentToolUseId?: string;
	subagentType?: string;
	noEvents?: boolean;
	fidelity?: TurnRecord['fidelity'];
}

let seq = 0;

/** A turn record; timestamps advance one minute per call unless given. */
export function turn(spec: TurnSpec): LedgerRecord {
	clock += 60_000;
	const n = ++seq;
	const rec: TurnRecord = {
		v: 1,
		source: spec.source ?? 'claude-code',
		sessionId: spec.session ?? 's1',
		messageId: spec.id ?? `m${n}`,
		turnIndex: n,
		ts: spec.ts ?? new Date(clock).toISOString(),
		model: spec.model ?? 'claude-sonnet-4-6',
		usage: {...emptyUsage(), ...spec.usage},
		toolCalls: (spec.calls ?? []).map((c) => ({name: 'Read', argsHash: `h-${c.id}`, ...c})),
	};
	if (spec.project) rec.project = spec.project;
	if (spec.agentId || spec.parentToolUseId) {
		rec.subagent = {isSidechain: true, ...(spec.agentId ? {agentId: spec.agentId} : {}), ...(spec.parentToolUseId ? {parentToolUseId: spec.parentToolUseId} : {}), ...(spec.subagentType ? {subagentType: spec.subagentType} : {})};
	}
	if (spec.fidelity) rec.fidelity = spec.fidelity;
	if (spec.noEvents) rec.fidelity = fidelity({hasToolResultEvents: false});
	return {kind: 'turn', record: rec};
}

export function fidelity(
	missing: Partial<Record<keyof NonNullable<TurnRecord['fidelity']>['coverage'], boolean>>,
	granularity: NonNullable<TurnRecord['fidelity']>['granularity'] = 'per-turn',
	cls: NonNullable<TurnRecord['fidelity']>['class'] = 'partial',
): NonNullable<TurnRecord['fidelity']> {
	return {
		granularity,
		class: cls,
		coverage: {
			hasInputTokens: true,
			hasOutputTokens: true,
			hasReasoningTokens: true,
			hasCacheReadTokens: true,
			hasCacheCreateTokens: true,
			hasToolCalls: true,
			hasToolResultEvents: true,
			hasSessionRelationships: true,
			hasRawContent: true,
			...missing,
		},
	};
}

/** A user turn carrying tool results of the given sizes (tokens). */
export function results(sizes: Record<string, number>, session = 's1', source: SourceKind = 'claude-code'): LedgerRecord {
	const rec: UserTurnRecord = {
		v: 1,
		source,
		sessionId: session,
		userUuid: `u${++seq}`,
		ts: new Date(clock).toISOString(),
		blocks: Object.entries(sizes).map(([toolUseId, approxTokens]) => ({kind: 'tool_result' as const, toolUseId, byteLen: approxTokens * 4, approxTokens})),
	};
	return {kind: 'user_turn', record: rec};
}
