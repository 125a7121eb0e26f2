/**
 * Compare two windows (issue 14's "compare" view): this week against last week, or any window
 * against the one of the same length before it. What went up, what went down, and by how much,
 * per hotspot and per model. Pure: two analysed reports in, rows out.
 */
import type {Window} from './dataset.js';
import type {HotspotsReport} from './report-types.js';

export type CompareTable = 'files' | 'bashVerbs' | 'bash' | 'subagents' | 'mcpServers' | 'models';

export interface CompareRow {
	key: string;
	/** Cost in the earlier window (0 when absent there). */
	before: number;
	/** Cost in the later window (0 when absent there). */
	after: number;
	/** after − before. */
	delta: number;
	/** after / before − 1; null when there was nothing before. */
	change: number | null;
	/** Only in one of the two windows. */
	status: 'new' | 'gone' | 'both';
}

export interface Comparison {
	before: Window;
	after: Window;
	total: CompareRow;
	/** Per table: rows by the size of the change (|delta| desc, then key). */
	tables: Record<CompareTable, CompareRow[]>;
}

/**
 * The window of the same length that ends where `w` starts. An open end is `now`; a window with
 * no start has nothing before it (null).
 */
export function previousWindow(w: Window, now: number): Window | null {
	if (w.since === null) return null;
	const start = Date.parse(w.since);
	const end = w.until === null ? now : Date.parse(w.until);
	if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return null;
	// Bounds are inclusive: the earlier window ends 1 ms before this one starts.
	return {since: new Date(start - (end - start)).toISOString(), until: new Date(start - 1).toISOString()};
}

const KEYS: Record<CompareTable, (r: HotspotsReport) => Array<[string, number]>> = {
	files: (r) => r.files.map((x) => [x.path, x.totalCost]),
	bashVerbs: (r) => r.bashVerbs.map((x) => [x.verb, x.totalCost]),
	bash: (r) => r.bash.map((x) => [x.command ?? `(hash ${x.argsHash.slice(0, 8)})`, x.totalCost]),
	subagents: (r) => r.subagents.map((x) => [x.subagentType, x.totalCost]),
	mcpServers: (r) => r.mcpServers.map((x) => [x.server, x.totalCost]),
	models: (r) => r.models.map((x) => [x.model, x.cost ?? 0]),
};

export function row(key: string, before: number, after: number, status: CompareRow['status']): CompareRow {
	return {key, before, after, delta: after - before, change: before > 0 ? after / before - 1 : null, status};
}

function table(before: Array<[string, number]>, after: Array<[string, number]>): CompareRow[] {
	const b = sumByKey(before);
	const a = sumByKey(after);
	const rows: CompareRow[] = [];
	for (const [key, cost] of a) rows.push(row(key, b.get(key) ?? 0, cost, b.has(key) ? 'both' : 'new'));
	for (const [key, cost] of b) if (!a.has(key)) rows.push(row(key, cost, 0, 'gone'));
	return rows.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

function sumByKey(entries: Array<[string, number]>): Map<string, number> {
	const m = new Map<string, number>();
	for (const [k, v] of entries) m.set(k, (m.get(k) ?? 0) + v);
	return m;
}

export function compareReports(before: HotspotsReport, after: HotspotsReport): Comparison {
	const tables = {} as Record<CompareTable, CompareRow[]>;
	for (const name of Object.keys(KEYS) as CompareTable[]) tables[name] = table(KEYS[name](before), KEYS[name](after));
	return {before: before.window, after: after.window, total: row('total', before.grandTotal, after.grandTotal, 'both'), tables};
}
