/**
 * The Factory Droid reader (docs/agents.md, "Factory Droid"): `<sessionId>.settings.json`
 * holds the session's running token totals (`tokenUsage`), rewritten in place. Each change
 * read becomes one turn holding what the totals grew by (totals.ts), at the file's
 * modification time (never before `providerLockTimestamp`). No per-response numbers exist.
 * No I/O.
 */
import type {LedgerRecord, TurnRecord} from '../../core/records.js';
import {emptyUsage, isEmptyUsage} from '../../core/records.js';
import {READER_VERSION, type LineReaderFactory} from '../reader.js';
import {obj, str} from '../claude/line.js';
import {jsonObjectOf, wholeFileReader} from '../whole-file.js';
import {deltaOf, snapshotKey, totalsFidelity, type Totals} from '../totals.js';
import {tokenCount} from '../emit-turn.js';

export interface DroidState {
	last?: Totals;
	turns: number;
}

const FIDELITY = totalsFidelity({cacheRead: true, cacheCreate: true, reasoning: true});

/**
 * Droid's model names as the price book knows them: `custom:Claude-Opus-4.5-Thinking-[Anthropic]-0`
 * → `claude-opus-4-5`; `gpt-5.1-codex` unchanged.
 */
export function droidModel(model: string): string {
	let m = model.trim().replace(/^custom:/i, '');
	m = m.replace(/-?\[[^\]]*\]/g, '').replace(/-\d+$/, '');
	m = m.toLowerCase().replace(/-thinking$/, '');
	return /^claude-/.test(m) ? m.replace(/(\d)\.(\d)/g, '$1-$2') : m;
}

export const sessionIdOfPath = (path: string): string => (path.split(/[\\/]/).pop() ?? path).replace(/\.settings\.json$/, '');

export const createDroidReader: LineReaderFactory<DroidState> = (ctx, prior) =>
	wholeFileReader<DroidState>(
		ctx,
		prior,
		(text, c, state, skips) => {
			const doc = jsonObjectOf(text);
			if (!doc) return undefined;
			const s: DroidState = state ? {...state} : {turns: 0};
			const u = obj(doc.tokenUsage);
			if (!u) return {records: [], state: s};
			const now = emptyUsage();
			now.input = tokenCount(u.inputTokens, skips);
			now.output = tokenCount(u.outputTokens, skips);
			now.cacheRead = tokenCount(u.cacheReadTokens, skips);
			now.cacheCreate5m = tokenCount(u.cacheCreationTokens, skips);
			now.reasoning = tokenCount(u.thinkingTokens, skips);
			const {delta} = deltaOf(now, s.last);
			s.last = now;
			if (isEmptyUsage(delta)) return {records: [], state: s};
			const sid = sessionIdOfPath(c.path);
			const lock = str(doc.providerLockTimestamp);
			const lockMs = lock ? Date.parse(lock) : Number.NaN;
			const at = c.mtimeMs !== undefined && Number.isFinite(c.mtimeMs) ? Math.max(c.mtimeMs, Number.isNaN(lockMs) ? 0 : lockMs) : lockMs;
			const t: TurnRecord = {
				v: 1,
				source: 'droid',
				sessionId: sid,
				messageId: `${sid}@${snapshotKey(now)}`,
				turnIndex: s.turns++,
				ts: Number.isFinite(at) && at > 0 ? new Date(at).toISOString() : '',
				model: droidModel(str(doc.model) ?? ''),
				usage: delta,
				toolCalls: [],
				sessionPath: c.path,
				stopReason: 'totals',
				fidelity: FIDELITY,
				rv: READER_VERSION,
			};
			const records: LedgerRecord[] = [{kind: 'turn', record: t}];
			return {records, state: s};
		},
		() => ({turns: 0}),
	);
