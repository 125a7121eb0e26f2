import {basename} from 'node:path';
import {emptySkips} from '../../core/records.js';
import type {ProjectResolver} from '../project.js';
import {OPENCODE_READER_VERSION} from '../reader.js';
import type {OpencodeJsonSession} from './discover.js';
import {num, obj, str, type Obj} from './json.js';
import {JsonTree} from './json-tree.js';
import {mapSession, type MapOutput} from './map.js';
import type {OpencodeOutput} from './output.js';
import type {OcIndexEntry, OcPart, OcSession, SessionView} from './types.js';

/** What one pass over a JSON tree leaves for the next. */
export interface OpencodeJsonState {
	v: 1;
	rv: number;
	/**
	 * Per session, per message id: the signature the message had when last read (its file's
	 * mtime and its part directory's mtime; for open messages also their part files' mtimes).
	 * A rewritten message file changes it even though the directory mtime stays (W5).
	 */
	sessions: Record<string, Record<string, string>>;
	/** Messages still streaming when last read (assistant without `time.completed`, or a tool not finished). */
	open: string[];
	/** Child sessions whose relationship record was emitted. */
	related: string[];
}

export interface OpencodeJsonOptions {
	resolver?: ProjectResolver;
}

export function emptyJsonState(): OpencodeJsonState {
	return {v: 1, rv: OPENCODE_READER_VERSION, sessions: {}, open: [], related: []};
}

function validState(s: OpencodeJsonState | undefined): OpencodeJsonState | undefined {
	if (!s || s.v !== 1 || s.rv !== OPENCODE_READER_VERSION || !s.sessions || typeof s.sessions !== 'object') return undefined;
	if (!Array.isArray(s.open) || !Array.isArray(s.related)) return undefined;
	return s;
}

function isOpen(info: Obj | undefined, parts: readonly OcPart[]): boolean {
	if (info && info.role === 'assistant' && num(obj(info.time)?.completed) === undefined && info.error === undefined) return true;
	return parts.some((p) => {
		const status = obj(p.data.state)?.status;
		return p.data.type === 'tool' && (status === 'pending' || status === 'running');
	});
}

/**
 * Reads what changed in the JSON tree of one data directory (`storage/session|message|part`,
 * and the older `storage/session/info|message|part`). A session whose message files and part
 * directories kept their mtimes costs a directory listing and two stats per message. Message
 * ids in `dbMessageIds` (rows of a database in the same data directory, which OpenCode 1.2+
 * migrated from this tree) are skipped: database rows win.
 */
export function readOpencodeJson(
	sessions: readonly OpencodeJsonSession[],
	state: OpencodeJsonState | undefined,
	contentMode: 'full' | 'off',
	dbMessageIds: Pick<ReadonlySet<string>, 'has'> = new Set(),
	opts: OpencodeJsonOptions = {},
): OpencodeOutput<OpencodeJsonState> {
	const prev = validState(state) ?? emptyJsonState();
	const out: MapOutput = {records: [], content: [], skips: emptySkips()};
	const tree = new JsonTree(out.skips);
	const byId = new Map(sessions.map((s) => [s.id, s]));
	const sessionInfo = new Map<string, OcSession>();
	const infoOf = (s: OpencodeJsonSession) => {
		let i = sessionInfo.get(s.id);
		if (!i) sessionInfo.set(s.id, (i = tree.session(s)));
		return i;
	};
	const prevOpen = new Set(prev.open);
	const open = new Set<string>();
	const related = new Set(prev.related);
	const next: OpencodeJsonState['sessions'] = {};

	for (const s of sessions) {
		const files = tree.list(s.messageDir);
		const before = prev.sessions[s.id] ?? {};
		const sigs: Record<string, string> = {};
		const bases = new Map<string, string>();
		const partMtimes = (id: string) => `:${tree.list(tree.partDir(s, id)).map((p) => tree.mtime(p) ?? 0).join(',')}`;
		const dirty = new Set<string>();
		for (const f of files) {
			const id = basename(f, '.json');
			const base = `${tree.mtime(f) ?? 0}:${tree.mtime(tree.partDir(s, id)) ?? 0}`;
			bases.set(id, base);
			const sig = prevOpen.has(id) ? base + partMtimes(id) : base;
			sigs[id] = sig;
			if (before[id] === sig) {
				if (prevOpen.has(id)) open.add(id);
				continue;
			}
			if (!dbMessageIds.has(id)) dirty.add(id);
		}
		next[s.id] = sigs;
		if (!dirty.size) continue;

		// Something changed: order the whole session, then map what depends on the changes.
		const infos = new Map<string, Obj | undefined>();
		const index: OcIndexEntry[] = [];
		for (const f of files) {
			const info = tree.message(f);
			const id = basename(f, '.json');
			infos.set(id, info);
			const created = num(obj(info?.time)?.created);
			const role = str(info?.role);
			if (info && role && created !== undefined) index.push({id, role, created});
		}
		const session = infoOf(s);
		const ancestors: string[] = [];
		for (let p = session.parentId; p && p !== s.id && !ancestors.includes(p) && ancestors.length < 64; ) {
			ancestors.push(p);
			const ps = byId.get(p);
			p = ps ? infoOf(ps).parentId : undefined;
		}
		const partsCache = new Map<string, OcPart[]>();
		const parts = (id: string) => {
			let list = partsCache.get(id);
			if (!list) partsCache.set(id, (list = tree.parts(s, id, infos.get(id))));
			return list;
		};
		const view: SessionView = {
			session,
			ancestors,
			index,
			message: (id) => {
				const m = infos.get(id);
				return m ? {...m, sessionID: str(m.sessionID) ?? s.id} : undefined;
			},
			parts,
			sessionPath: s.sessionFile,
		};
		// A session the database also has gets its relationship from the database reader.
		const inDb = Object.keys(sigs).some((id) => dbMessageIds.has(id));
		const relate = ancestors.length > 0 && !related.has(s.id) && !inDb;
		mapSession(view, {dirty, contentMode, relate, resolver: opts.resolver}, out);
		if (relate) related.add(s.id);
		for (const id of dirty) {
			// An open message is compared on its part files' mtimes too (parts are rewritten in place).
			if (isOpen(infos.get(id), parts(id))) {
				open.add(id);
				sigs[id] = bases.get(id)! + partMtimes(id);
			} else sigs[id] = bases.get(id)!;
		}
	}
	return {...out, state: {v: 1, rv: OPENCODE_READER_VERSION, sessions: next, open: [...open], related: [...related]}};
}
