/**
 * Copilot CLI's `session-store.db` (docs/agents.md, "GitHub Copilot CLI"): one row per API
 * request in `assistant_usage_events`, written as it happens. burn reads it only for sessions
 * that have no `events.jsonl` journal (a journal's run summaries already give those
 * sessions' input and cache: the two are never added). Rows are keyed by their id and time
 * (a recreated store reuses ids); a read takes the rows after the last id or time seen.
 * `input_tokens` includes cache reads and writes. Read-only; only columns that exist are read.
 */
import type {LedgerRecord, SkipCounts, TurnRecord} from '../../core/records.js';
import {emptySkips, emptyUsage, isEmptyUsage} from '../../core/records.js';
import {READER_VERSION} from '../reader.js';
import {ReadonlyDb} from '../opencode/sqlite.js';
import {sqliteTime} from '../goose/db.js';
import {copilotModel} from './reader.js';
import {fidelityOf, tokenCount} from '../emit-turn.js';

export interface CopilotStoreState {
	maxId: number;
	maxCreated: string;
	turns: Record<string, number>;
}

const COLUMNS = ['id', 'session_id', 'turn_index', 'model', 'copilot_usage_model', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens', 'created_at', 'initiator'];

/** Rows have usage but no tool calls: their cost stays unattributed (nothing to pair). */
const FIDELITY = fidelityOf('per-message', 'usage-only', {hasSessionRelationships: false, hasRawContent: false});

export function readCopilotStore(path: string, prior: CopilotStoreState | undefined, journals: ReadonlySet<string>): {records: LedgerRecord[]; state: CopilotStoreState; skips: SkipCounts} {
	const skips = emptySkips();
	const state: CopilotStoreState = prior ? {...prior, turns: {...prior.turns}} : {maxId: 0, maxCreated: '', turns: {}};
	const records: LedgerRecord[] = [];
	const db = new ReadonlyDb(path);
	try {
		const cols = db.columns('assistant_usage_events');
		if (!cols || !cols.has('id') || !cols.has('session_id') || !cols.has('input_tokens')) return {records, state, skips};
		const pick = COLUMNS.filter((c) => cols.has(c));
		const where = cols.has('created_at') ? 'WHERE id > ? OR created_at > ?' : 'WHERE id > ?';
		const params: unknown[] = cols.has('created_at') ? [prior?.maxId ?? 0, prior?.maxCreated ?? ''] : [prior?.maxId ?? 0];
		const rows = db.prepare(`SELECT ${pick.map((c) => `"${c}"`).join(', ')} FROM assistant_usage_events ${where} ORDER BY id`).all(...params) as Array<Record<string, unknown>>;
		const sessions = db.columns('sessions');
		const cwdOf = new Map<string, string>();
		if (sessions?.has('id') && sessions.has('cwd')) {
			for (const r of db.prepare('SELECT id, cwd FROM sessions').all() as Array<{id: unknown; cwd: unknown}>) {
				if (typeof r.id === 'string' && typeof r.cwd === 'string' && r.cwd) cwdOf.set(r.id, r.cwd);
			}
		}
		for (const r of rows) {
			const id = typeof r.id === 'number' ? r.id : Number(r.id);
			const created = typeof r.created_at === 'string' ? r.created_at : '';
			if (Number.isFinite(id) && id > state.maxId) state.maxId = id;
			if (created > state.maxCreated) state.maxCreated = created;
			const sid = typeof r.session_id === 'string' ? r.session_id : undefined;
			if (!sid || journals.has(sid)) continue;
			const usage = emptyUsage();
			const input = tokenCount(r.input_tokens, skips);
			usage.cacheRead = tokenCount(r.cache_read_tokens, skips);
			usage.cacheCreate5m = tokenCount(r.cache_write_tokens, skips);
			usage.input = Math.max(0, input - usage.cacheRead - usage.cacheCreate5m);
			usage.output = tokenCount(r.output_tokens, skips);
			usage.reasoning = tokenCount(r.reasoning_tokens, skips);
			const model = (typeof r.copilot_usage_model === 'string' && r.copilot_usage_model) || (typeof r.model === 'string' && r.model) || '';
			const t: TurnRecord = {
				v: 1,
				source: 'copilot',
				sessionId: sid,
				messageId: `store:${id}:${created}`,
				turnIndex: (state.turns[sid] = (state.turns[sid] ?? -1) + 1),
				ts: sqliteTime(r.created_at),
				model: copilotModel(model),
				usage,
				toolCalls: [],
				sessionPath: path,
				fidelity: FIDELITY,
				rv: READER_VERSION,
			};
			const cwd = cwdOf.get(sid);
			if (cwd) t.project = cwd;
			if (r.initiator === 'compaction') t.stopReason = 'compaction';
			if (isEmptyUsage(usage)) t.aborted = true;
			records.push({kind: 'turn', record: t});
		}
	} finally {
		db.close();
	}
	return {records, state, skips};
}
