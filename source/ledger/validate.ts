/**
 * Checks a record read back from a ledger (ours, a packed copy, or a foreign relayburn ledger)
 * with the rules the log readers apply (PRODUCT.md, "Bad values and duplicates"):
 * - a usage field that is not a non-negative integer counts as 0 and is counted (`badFields`);
 * - an optional field of the wrong type is dropped (the rest of the record still counts);
 * - a record whose required structure is broken (a missing or mistyped required field, a
 *   tool call or block that is not an object of the right shape) is skipped and counted.
 * A timestamp that is not a time, or past what a day partition can hold (years 0001–9999),
 * becomes '' (undated) for required `ts` and is dropped when optional.
 *
 * The check repairs the record in place and allocates nothing for a valid one: it runs on
 * every record of every report.
 */
import type {LedgerRecord} from '../core/records.js';
import {parseTs} from '../core/time.js';

type Type = 'str' | 'num' | 'int' | 'bool' | 'strs' | 'ts' | 'obj' | Spec | {list: Spec};
/** Field name → type; a leading `?` marks an optional field. */
type Spec = ReadonlyArray<readonly [string, Type]>;

const TOOL_CALL: Spec = [
	['id', 'str'],
	['name', 'str'],
	['?argsHash', 'str'],
	['?target', 'str'],
	['?isError', 'bool'],
	['?editPreHash', 'str'],
	['?editPostHash', 'str'],
	['?skillName', 'str'],
	['?replacedTools', 'strs'],
	['?collapsedCalls', 'int'],
];

const SUBAGENT: Spec = [
	['isSidechain', 'bool'],
	['?parentToolUseId', 'str'],
	['?agentId', 'str'],
	['?parentAgentId', 'str'],
	['?subagentType', 'str'],
	['?description', 'str'],
];

const COVERAGE: Spec = [
	'hasInputTokens',
	'hasOutputTokens',
	'hasReasoningTokens',
	'hasCacheReadTokens',
	'hasCacheCreateTokens',
	'hasToolCalls',
	'hasToolResultEvents',
	'hasSessionRelationships',
	'hasRawContent',
].map((k) => [`?${k}`, 'bool'] as const);

const FIDELITY: Spec = [
	['granularity', 'str'],
	['class', 'str'],
	['coverage', COVERAGE],
];

const BLOCK: Spec = [
	['kind', 'str'],
	['?toolUseId', 'str'],
	['byteLen', 'num'],
	['approxTokens', 'num'],
	['?isError', 'bool'],
];

const COMMON: Spec = [
	['source', 'str'],
	['sessionId', 'str'],
	['?rv', 'int'],
];

const SPECS: Record<string, Spec> = {
	turn: [
		...COMMON,
		['messageId', 'str'],
		['turnIndex', 'int'],
		['ts', 'ts'],
		['model', 'str'],
		['toolCalls', {list: TOOL_CALL}],
		['?sessionPath', 'str'],
		['?project', 'str'],
		['?projectKey', 'str'],
		['?gitRoot', 'str'],
		['?filesTouched', 'strs'],
		['?subagent', SUBAGENT],
		['?stopReason', 'str'],
		['?fidelity', FIDELITY],
		['?activity', 'str'],
		['?retries', 'int'],
		['?hasEdits', 'bool'],
	],
	user_turn: [
		...COMMON,
		['userUuid', 'str'],
		['ts', 'ts'],
		['?precedingMessageId', 'str'],
		['?followingMessageId', 'str'],
		['blocks', {list: BLOCK}],
	],
	tool_result_event: [
		...COMMON,
		['toolUseId', 'str'],
		['eventIndex', 'int'],
		['status', 'str'],
		['eventSource', 'str'],
		['?messageId', 'str'],
		['?callIndex', 'int'],
		['?ts', 'ts'],
		['?contentLength', 'num'],
		['?contentHash', 'str'],
		['?isError', 'bool'],
		['?subagentSessionId', 'str'],
		['?agentId', 'str'],
		['?replacedTools', 'strs'],
		['?collapsedCalls', 'int'],
	],
	relationship: [
		...COMMON,
		['relationshipType', 'str'],
		['?relatedSessionId', 'str'],
		['?ts', 'ts'],
		['?sourceSessionId', 'str'],
		['?sourceVersion', 'str'],
		['?parentToolUseId', 'str'],
		['?agentId', 'str'],
		['?subagentType', 'str'],
		['?description', 'str'],
	],
	compaction: [
		...COMMON,
		['ts', 'ts'],
		['?precedingMessageId', 'str'],
		['?tokensBeforeCompact', 'num'],
		['?agentId', 'str'],
	],
};

const USAGE_KEYS = ['input', 'output', 'reasoning', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'] as const;

/** Precomputed: [key, optional, type] per field, so the hot loop does no string work. */
type Field = readonly [key: string, optional: boolean, type: Compiled];
type Compiled = 'str' | 'num' | 'int' | 'bool' | 'strs' | 'ts' | 'obj' | Field[] | {list: Field[]};

function compile(spec: Spec): Field[] {
	return spec.map(([k, t]) => {
		const optional = k.startsWith('?');
		const type: Compiled = typeof t === 'string' ? t : 'list' in t ? {list: compile(t.list)} : compile(t);
		return [optional ? k.slice(1) : k, optional, type] as const;
	});
}

const COMPILED: Record<string, Field[]> = Object.fromEntries(Object.entries(SPECS).map(([k, s]) => [k, compile(s)]));

const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A timestamp a partition can hold ('' is allowed: undated). */
function goodTs(v: string): boolean {
	if (v === '') return true;
	const ms = parseTs(v);
	return ms >= MIN_MS && ms <= MAX_MS;
}

function goodValue(v: unknown, type: Compiled): boolean {
	switch (type) {
		case 'str':
			return typeof v === 'string';
		case 'num':
			return typeof v === 'number' && v >= 0 && v < Number.POSITIVE_INFINITY;
		case 'int':
			return typeof v === 'number' && v >= 0 && Number.isSafeInteger(v);
		case 'bool':
			return typeof v === 'boolean';
		case 'ts':
			return typeof v === 'string' && goodTs(v);
		case 'strs': {
			if (!Array.isArray(v)) return false;
			for (const s of v) if (typeof s !== 'string') return false;
			return true;
		}
		case 'obj':
			return isObj(v);
		default:
			if (Array.isArray(type)) return isObj(v) && checkObject(v, type);
			if (!Array.isArray(v)) return false;
			for (const item of v) if (!isObj(item) || !checkObject(item, type.list)) return false;
			return true;
	}
}

/** True when `o` holds every required field; optional fields of the wrong type are removed. */
function checkObject(o: Record<string, unknown>, fields: Field[]): boolean {
	for (const [key, optional, type] of fields) {
		const v = o[key];
		if (v === undefined) {
			if (optional) continue;
			if (type === 'ts') {
				o[key] = '';
				continue;
			}
			return false;
		}
		if (goodValue(v, type)) continue;
		if (optional) delete o[key];
		else if (type === 'ts') o[key] = '';
		else return false;
	}
	return true;
}

export interface Verdict {
	/** The record can be used (possibly repaired). */
	ok: boolean;
	/** Usage fields that were not a non-negative integer (now 0). */
	badFields: number;
}

const OK: Verdict = {ok: true, badFields: 0};
const BROKEN: Verdict = {ok: false, badFields: 0};

/** Checks (and repairs in place) one ledger entry `{kind, record}` of a known kind. */
export function validateEntry(entry: {kind: string; record: unknown}): Verdict {
	const fields = COMPILED[entry.kind];
	const rec = entry.record;
	if (!fields || !isObj(rec) || !checkObject(rec, fields)) return BROKEN;
	if (entry.kind !== 'turn') return OK;
	const usage = rec.usage;
	if (!isObj(usage)) return BROKEN;
	let bad = 0;
	for (const k of USAGE_KEYS) {
		const v = usage[k];
		if (typeof v === 'number' && v >= 0 && Number.isSafeInteger(v)) continue;
		// Absent counts as 0 silently (older records have no reasoning); anything else is bad.
		if (v !== undefined) bad++;
		usage[k] = 0;
	}
	return bad === 0 ? OK : {ok: true, badFields: bad};
}

/** For callers that hold a typed entry. */
export function validateLedgerRecord(entry: LedgerRecord): Verdict {
	return validateEntry(entry as {kind: string; record: unknown});
}
