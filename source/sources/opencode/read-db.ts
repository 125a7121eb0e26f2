import {emptySkips} from '../../core/records.js';
import type {ProjectResolver} from '../project.js';
import {OPENCODE_READER_VERSION} from '../reader.js';
import {DbLoader} from './db-loader.js';
import {mapSession, type MapOutput} from './map.js';
import type {OpencodeOutput} from './output.js';
import {checkSchema, type SchemaInfo} from './schema.js';
import {ReadonlyDb} from './sqlite.js';

/**
 * What one database pass leaves for the next. Change detection runs on OpenCode's own clock
 * (`time_updated`, epoch ms) and on row fingerprints, never on ours.
 */
export interface OpencodeDbState {
	v: 1;
	rv: number;
	/** Highest `message.time_updated` seen. The next pass selects rows updated since `watermark - margin`. */
	watermark: number;
	/** Highest `part` rowid seen: parts added since (to any message) are found by a rowid range. */
	partRowid: number;
	/**
	 * Fingerprint of each message as last emitted (its time_updated and length, its parts'
	 * max time_updated, count and total length) with the message's time_updated. Kept while
	 * the message can be selected again without having changed (inside the margin) or is open.
	 */
	seen: Record<string, [fingerprint: string, updated: number]>;
	/** Messages still streaming (assistant without `time.completed`, or a tool part not finished): re-checked every pass. */
	open: string[];
	/** Child sessions whose relationship was emitted → the spawning `task` call id ('' when not found). */
	children: Record<string, string>;
}

export interface OpencodeDbOptions {
	resolver?: ProjectResolver;
	/** Every SQL text the reader prepares (tests: prove `control_account` is never read). */
	onSql?: (sql: string) => void;
	/** How far before the watermark rows are looked at again (default 10 minutes). */
	marginMs?: number;
}

const MARGIN_MS = 10 * 60 * 1000;
const NEVER = Number.MIN_SAFE_INTEGER;

export function emptyDbState(): OpencodeDbState {
	return {v: 1, rv: OPENCODE_READER_VERSION, watermark: NEVER, partRowid: 0, seen: {}, open: [], children: {}};
}

function validState(s: OpencodeDbState | undefined): OpencodeDbState | undefined {
	if (!s || s.v !== 1 || s.rv !== OPENCODE_READER_VERSION) return undefined;
	if (typeof s.watermark !== 'number' || typeof s.partRowid !== 'number') return undefined;
	if (!s.seen || typeof s.seen !== 'object' || !Array.isArray(s.open) || !s.children || typeof s.children !== 'object') return undefined;
	return s;
}

interface MessageRow {
	id: string;
	session_id: string;
	time_updated: number;
	len: number | null;
}

interface PartAgg {
	tu: number | null;
	n: number;
	len: number | null;
}

/**
 * Reads what changed in one OpenCode database since `state` (data-formats §5.7). The pass
 * runs in one read transaction: one consistent snapshot while OpenCode writes. New and changed
 * messages are found by `message.time_updated` (minus a margin, for writes that commit out of
 * order), by part rowids above the last pass's, and by re-checking messages that were still
 * open. A message is emitted again, whole, only when its fingerprint changed: a streaming
 * message counts with what it has now and is replaced as it grows.
 */
export function readOpencodeDb(
	dbPath: string,
	state: OpencodeDbState | undefined,
	contentMode: 'full' | 'off',
	opts: OpencodeDbOptions = {},
): OpencodeOutput<OpencodeDbState> {
	const prev = validState(state) ?? emptyDbState();
	const out: MapOutput = {records: [], content: [], skips: emptySkips()};
	let db: ReadonlyDb;
	try {
		db = new ReadonlyDb(dbPath, opts.onSql);
	} catch (error) {
		out.skips.unreadableFiles++;
		return {...out, state: prev, warnings: [`opencode: cannot open ${dbPath}: ${(error as Error).message}`]};
	}
	try {
		db.prepare('BEGIN').run();
		try {
			const schema = checkSchema(db);
			if (!schema.ok) {
				const warning = `opencode: ${dbPath}: ${schema.problems.join('; ')}; nothing read from this database`;
				return {...out, state: prev, warnings: [warning]};
			}
			const next = pass(db, schema.info, dbPath, prev, contentMode, opts, out);
			return {...out, state: next};
		} finally {
			db.prepare('COMMIT').run();
		}
	} catch (error) {
		const skips = emptySkips();
		skips.unreadableFiles++;
		return {records: [], content: [], skips, state: prev, warnings: [`opencode: ${dbPath}: ${(error as Error).message}`]};
	} finally {
		db.close();
	}
}

function pass(
	db: ReadonlyDb,
	schema: SchemaInfo,
	dbPath: string,
	prev: OpencodeDbState,
	contentMode: 'full' | 'off',
	opts: OpencodeDbOptions,
	out: MapOutput,
): OpencodeDbState {
	const margin = opts.marginMs ?? MARGIN_MS;
	const since = prev.watermark === NEVER ? NEVER : prev.watermark - margin;

	// 1. Candidates: recently updated messages, messages with new parts, open messages.
	const rows = new Map<string, MessageRow>();
	const recent = db.prepare('SELECT id, session_id, time_updated, length(data) AS len FROM message WHERE time_updated >= ?');
	for (const r of recent.all(since) as MessageRow[]) rows.set(r.id, r);
	const maxRowid = (db.prepare('SELECT max(rowid) AS m FROM part').get() as {m: number | null}).m ?? 0;
	// A VACUUM may renumber rowids; then every part looks new once (fingerprints keep that cheap).
	const fromRowid = maxRowid < prev.partRowid ? 0 : prev.partRowid;
	const extra = new Set<string>(prev.open);
	for (const r of db.prepare('SELECT DISTINCT message_id AS id FROM part WHERE rowid > ?').all(fromRowid) as {id: string}[]) {
		extra.add(r.id);
	}
	const one = db.prepare('SELECT id, session_id, time_updated, length(data) AS len FROM message WHERE id = ?');
	for (const id of extra) {
		if (rows.has(id)) continue;
		const r = one.get(id) as MessageRow | undefined;
		if (r) rows.set(id, r);
	}

	// 2. Dirty = new, or fingerprint changed. A fingerprint costs a look at the message's
	// parts, so it is taken only to compare with a remembered one or to remember one (step 4).
	const partAgg = db.prepare('SELECT max(time_updated) AS tu, count(*) AS n, sum(length(data)) AS len FROM part WHERE message_id = ?');
	const fps = new Map<string, string>();
	const fingerprint = (r: MessageRow): string => {
		let fp = fps.get(r.id);
		if (fp === undefined) {
			const p = partAgg.get(r.id) as PartAgg;
			fp = `${r.time_updated}:${r.len ?? 0}:${p.tu ?? 0}:${p.n}:${p.len ?? 0}`;
			fps.set(r.id, fp);
		}
		return fp;
	};
	let watermark = prev.watermark;
	const dirtyBySession = new Map<string, Set<string>>();
	for (const r of rows.values()) {
		if (typeof r.time_updated === 'number' && r.time_updated > watermark) watermark = r.time_updated;
		const before = prev.seen[r.id];
		if (before && before[0] === fingerprint(r)) continue;
		let set = dirtyBySession.get(r.session_id);
		if (!set) dirtyBySession.set(r.session_id, (set = new Set()));
		set.add(r.id);
	}

	// 3. Map each session with changes.
	const children = {...prev.children};
	const open = new Set(prev.open.filter((id) => rows.has(id)));
	const loader = new DbLoader(db, schema);
	for (const [sessionId, dirty] of dirtyBySession) {
		const view = loader.view(sessionId, dbPath, children);
		const isChild = view.ancestors.length > 0;
		const relate = isChild && !(sessionId in children);
		if (relate) {
			const call = loader.spawningCall(view.session);
			children[sessionId] = call ?? '';
			if (call) view.parentToolUseId = call;
		}
		mapSession(view, {dirty, contentMode, relate, resolver: opts.resolver}, out);
		for (const id of dirty) {
			if (loader.isOpen(id)) open.add(id);
			else open.delete(id);
		}
	}

	// 4. Remember fingerprints while they matter: while a row can be selected again without
	// having changed (inside the margin), and while it is open.
	const keepFrom = watermark - margin;
	const seen: OpencodeDbState['seen'] = {};
	for (const [id, v] of Object.entries(prev.seen)) if (v[1] >= keepFrom || open.has(id)) seen[id] = v;
	for (const r of rows.values()) {
		if (r.time_updated >= keepFrom || open.has(r.id)) seen[r.id] = [fingerprint(r), r.time_updated];
		else delete seen[r.id];
	}
	return {v: 1, rv: OPENCODE_READER_VERSION, watermark, partRowid: maxRowid, seen, open: [...open], children};
}

/** Every message id in the database: the JSON tree beside it skips these (database rows win). */
export function opencodeDbMessageIds(dbPath: string, onSql?: (sql: string) => void): {ids: Set<string>; warnings: string[]} {
	const ids = new Set<string>();
	let db: ReadonlyDb;
	try {
		db = new ReadonlyDb(dbPath, onSql);
	} catch (error) {
		return {ids, warnings: [`opencode: cannot open ${dbPath}: ${(error as Error).message}`]};
	}
	try {
		if (!db.columns('message')?.has('id')) return {ids, warnings: []};
		for (const r of db.prepare('SELECT id FROM message').all() as {id: unknown}[]) if (typeof r.id === 'string') ids.add(r.id);
		return {ids, warnings: []};
	} catch (error) {
		return {ids, warnings: [`opencode: ${dbPath}: ${(error as Error).message}`]};
	} finally {
		db.close();
	}
}
