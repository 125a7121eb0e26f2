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
import {COVERAGE_KEYS, type LedgerRecord} from '../core/records.js';
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

const COVERAGE: Spec = COVERAGE_KEYS.map((k) => [`?${k}`, 'bool'] as const);

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
		['?agentCost', 'num'],
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
		// relayburn ledgers have no eventIndex
		['?eventIndex', 'int'],
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

const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A timestamp a partition can hold ('' is allowed: undated). */
function goodTs(v: string): boolean {
	if (v === '') return true;
	const ms = parseTs(v);
	return ms >= MIN_MS && ms <= MAX_MS;
}

function goodStrs(v: unknown): boolean {
	if (!Array.isArray(v)) return false;
	for (const s of v) if (typeof s !== 'string') return false;
	return true;
}

type Check = (o: Record<string, unknown>) => boolean;

/**
 * Generates one checker per spec, with plain property reads (`o["sessionId"]`): a loop over
 * field names would make every read a slow keyed lookup, and this runs on every record of
 * every report. Same idea as the packed decoders (packed-codec.ts).
 */
function compile(spec: Spec, helpers: Check[]): Check {
	const body: string[] = ['let v;'];
	for (const [rawKey, type] of spec) {
		const optional = rawKey.startsWith('?');
		const key = JSON.stringify(optional ? rawKey.slice(1) : rawKey);
		let good: string;
		if (typeof type === 'string') {
			good = {
				str: `typeof v === 'string'`,
				num: `typeof v === 'number' && v >= 0 && v < Infinity`,
				int: `typeof v === 'number' && v >= 0 && Number.isSafeInteger(v)`,
				bool: `typeof v === 'boolean'`,
				strs: `goodStrs(v)`,
				ts: `typeof v === 'string' && goodTs(v)`,
				obj: `isObj(v)`,
			}[type];
		} else if ('list' in type) {
			helpers.push(compile(type.list, helpers));
			good = `goodList(v, h[${helpers.length - 1}])`;
		} else {
			helpers.push(compile(type, helpers));
			good = `isObj(v) && h[${helpers.length - 1}](v)`;
		}
		const onBad = optional ? `delete o[${key}];` : type === 'ts' ? `o[${key}] = '';` : 'return false;';
		body.push(`v = o[${key}];`);
		if (optional) body.push(`if (v !== undefined && !(${good})) ${onBad}`);
		else if (type === 'ts') body.push(`if (v === undefined || !(${good})) ${onBad}`);
		else body.push(`if (v === undefined || !(${good})) return false;`);
	}
	body.push('return true;');
	const goodList = (v: unknown, check: Check): boolean => {
		if (!Array.isArray(v)) return false;
		for (const item of v) if (!isObj(item) || !check(item)) return false;
		return true;
	};
	const make = new Function('h', 'isObj', 'goodTs', 'goodStrs', 'goodList', `return function check(o) { ${body.join('\n')} };`);
	return make(helpers, isObj, goodTs, goodStrs, goodList) as Check;
}

const CHECKS: Record<string, Check> = Object.fromEntries(Object.entries(SPECS).map(([k, s]) => [k, compile(s, [])]));

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
	const check = CHECKS[entry.kind];
	const rec = entry.record;
	if (!check || !isObj(rec) || !check(rec)) return BROKEN;
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
