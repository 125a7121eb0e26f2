/**
 * The Goose reader for legacy session files (docs/agents.md, "Goose"): `<YYYYMMDD_HHMMSS>.jsonl`,
 * whose first line is the session's metadata with its running sums (`accumulated_input_tokens`,
 * `accumulated_output_tokens`); the other lines are messages, without usage. The file is
 * rewritten as the session goes (the first line changes), so it is read whole on every change,
 * and each growth of the sums is one turn (totals.ts) at the time of the latest message.
 * The unprefixed `input_tokens`/`output_tokens` are the last request only, never a total.
 * No I/O.
 */
import type {SkipCounts, TurnRecord} from '../../core/records.js';
import {emptyUsage, isEmptyUsage} from '../../core/records.js';
import {READER_VERSION, type LineReaderFactory} from '../reader.js';
import {isObject, str, type Json} from '../claude/line.js';
import {wholeFileReader} from '../whole-file.js';
import {deltaOf, snapshotKey, totalsFidelity, type Totals} from '../totals.js';

export interface GooseState {
	last?: Totals;
	turns: number;
}

export const GOOSE_FIDELITY = totalsFidelity({cacheRead: false, cacheCreate: false, reasoning: false});

/** A count, or undefined when absent (null); a bad value counts as 0 and is said. */
export function gooseCount(v: unknown, skips: SkipCounts): number | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.round(v);
	skips.badFields++;
	return 0;
}

/** One delta turn of a Goose session (legacy file or database row). */
export function gooseTurn(sessionId: string, now: Totals, state: GooseState, ts: string, model: string, path: string, project?: string): TurnRecord | undefined {
	const {delta} = deltaOf(now, state.last);
	state.last = now;
	if (isEmptyUsage(delta)) return undefined;
	const t: TurnRecord = {
		v: 1,
		source: 'goose',
		sessionId,
		messageId: `${sessionId}@${snapshotKey(now)}`,
		turnIndex: state.turns++,
		ts,
		model,
		usage: delta,
		toolCalls: [],
		sessionPath: path,
		stopReason: 'totals',
		fidelity: GOOSE_FIDELITY,
		rv: READER_VERSION,
	};
	if (project) t.project = project;
	return t;
}

export const createGooseReader: LineReaderFactory<GooseState> = (ctx, prior) =>
	wholeFileReader<GooseState>(
		ctx,
		prior,
		(text, c, state, skips) => {
			const lines = text.split('\n').filter((l) => l.trim());
			let meta: Json | undefined;
			try {
				const v: unknown = JSON.parse(lines[0] ?? '');
				if (isObject(v)) meta = v;
			} catch {
				return undefined;
			}
			if (!meta) return undefined;
			let latest = 0;
			for (const l of lines.slice(1)) {
				try {
					const m: unknown = JSON.parse(l);
					const created = isObject(m) ? m.created : undefined;
					if (typeof created === 'number' && Number.isFinite(created) && created > latest) latest = created;
				} catch {
					skips.badLines++;
				}
			}
			const s: GooseState = state ? {...state} : {turns: 0};
			const input = gooseCount(meta.accumulated_input_tokens, skips);
			const output = gooseCount(meta.accumulated_output_tokens, skips);
			if (input === undefined && output === undefined) return {records: [], state: s};
			const now = emptyUsage();
			now.input = input ?? 0;
			now.output = output ?? 0;
			const ms = latest > 0 ? latest * 1000 : (c.mtimeMs ?? 0);
			const sid = (c.path.split(/[\\/]/).pop() ?? c.path).replace(/\.jsonl$/, '');
			const t = gooseTurn(sid, now, s, ms > 0 ? new Date(ms).toISOString() : '', '', c.path, str(meta.working_dir));
			return {records: t ? [{kind: 'turn', record: t}] : [], state: s};
		},
		() => ({turns: 0}),
	);
