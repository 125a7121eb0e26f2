/**
 * Goose's `sessions.db` (docs/agents.md, "Goose"): one row per session in `sessions`, with
 * the session's running sums (`accumulated_input_tokens`, `accumulated_output_tokens`, and
 * `accumulated_cost` from schema 13) rewritten in place. Each growth of a row's sums since the
 * last read is one turn (totals.ts) at the row's `updated_at`. Read-only; only the columns
 * that exist are selected.
 */
import type {LedgerRecord, SkipCounts} from '../../core/records.js';
import {emptySkips, emptyUsage} from '../../core/records.js';
import {ReadonlyDb} from '../opencode/sqlite.js';
import {gooseCount, gooseTurn, type GooseState} from './reader.js';

export interface GooseDbState {
	sessions: Record<string, GooseState & {cost?: number}>;
}

const WANTED = ['id', 'working_dir', 'updated_at', 'created_at', 'model_config_json', 'accumulated_input_tokens', 'accumulated_output_tokens', 'accumulated_cost'];

/** SQLite's `YYYY-MM-DD HH:MM:SS` (UTC) as ISO; ISO and epoch values as they are. */
export function sqliteTime(v: unknown): string {
	if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v < 1e12 ? v * 1000 : v).toISOString();
	if (typeof v !== 'string' || !v) return '';
	const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
	if (!m) return v;
	const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
	return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

function modelOf(json: unknown): string {
	if (typeof json !== 'string') return '';
	try {
		const v = JSON.parse(json) as {model_name?: unknown};
		return typeof v?.model_name === 'string' ? v.model_name : '';
	} catch {
		return '';
	}
}

export function readGooseDb(path: string, prior: GooseDbState | undefined): {records: LedgerRecord[]; state: GooseDbState; skips: SkipCounts} {
	const skips = emptySkips();
	const state: GooseDbState = {sessions: {...(prior?.sessions ?? {})}};
	const records: LedgerRecord[] = [];
	const db = new ReadonlyDb(path);
	try {
		const cols = db.columns('sessions');
		if (!cols || !cols.has('id') || !cols.has('accumulated_input_tokens')) return {records, state, skips};
		const pick = WANTED.filter((c) => cols.has(c));
		const rows = db.prepare(`SELECT ${pick.map((c) => `"${c}"`).join(', ')} FROM sessions ORDER BY updated_at`).all() as Array<Record<string, unknown>>;
		for (const r of rows) {
			const sid = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : undefined;
			if (!sid) continue;
			const input = gooseCount(r.accumulated_input_tokens, skips);
			const output = gooseCount(r.accumulated_output_tokens, skips);
			if (input === undefined && output === undefined) continue;
			const now = emptyUsage();
			now.input = input ?? 0;
			now.output = output ?? 0;
			const prev = state.sessions[sid];
			const s = prev ? {...prev} : {turns: 0};
			const lastCost = prev?.last ? prev.cost : undefined;
			const t = gooseTurn(sid, now, s, sqliteTime(r.updated_at ?? r.created_at), modelOf(r.model_config_json), path, typeof r.working_dir === 'string' && r.working_dir ? r.working_dir : undefined);
			const cost = typeof r.accumulated_cost === 'number' && Number.isFinite(r.accumulated_cost) && r.accumulated_cost >= 0 ? r.accumulated_cost : undefined;
			if (cost !== undefined) {
				if (t) {
					const d = lastCost !== undefined && cost >= lastCost ? cost - lastCost : cost;
					t.agentCost = d;
				}
				(s as GooseState & {cost?: number}).cost = cost;
			}
			state.sessions[sid] = s;
			if (t) records.push({kind: 'turn', record: t});
		}
	} finally {
		db.close();
	}
	return {records, state, skips};
}
