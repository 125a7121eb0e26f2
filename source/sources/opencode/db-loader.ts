import {num, obj, parseObj, str, type Obj} from './json.js';
import type {SchemaInfo} from './schema.js';
import type {ReadonlyDb} from './sqlite.js';
import type {OcIndexEntry, OcPart, OcSession, SessionView} from './types.js';

/**
 * Lazy, cached row access for one database pass. Selects named columns only, and only from
 * `session`, `message`, `part` and `project`.
 */
export class DbLoader {
	private readonly messages = new Map<string, Obj | undefined>();
	private readonly partsOf = new Map<string, OcPart[]>();
	private readonly sessions = new Map<string, OcSession | undefined>();

	constructor(
		private readonly db: ReadonlyDb,
		private readonly schema: SchemaInfo,
	) {}

	session(id: string): OcSession | undefined {
		if (this.sessions.has(id)) return this.sessions.get(id);
		const cols = this.schema.projectWorktree ? ', project_id' : '';
		const r = this.db.prepare(`SELECT id, parent_id, directory, time_created${cols} FROM session WHERE id = ?`).get(id) as
			| {id: string; parent_id: unknown; directory: unknown; time_created: unknown; project_id?: unknown}
			| undefined;
		let s: OcSession | undefined;
		if (r) {
			let directory = str(r.directory);
			if (!directory && this.schema.projectWorktree && typeof r.project_id === 'string') {
				const p = this.db.prepare('SELECT worktree FROM project WHERE id = ?').get(r.project_id) as {worktree: unknown} | undefined;
				directory = str(p?.worktree);
				if (directory === '/') directory = undefined;
			}
			const parentId = str(r.parent_id);
			const createdMs = num(r.time_created);
			s = {
				id: r.id,
				...(parentId ? {parentId} : {}),
				...(directory ? {directory} : {}),
				...(createdMs !== undefined ? {createdMs} : {}),
			};
		}
		this.sessions.set(id, s);
		return s;
	}

	/** The session with its parent chain and the order of its messages. */
	view(sessionId: string, dbPath: string, children: Record<string, string>): SessionView {
		const session = this.session(sessionId) ?? {id: sessionId};
		const ancestors: string[] = [];
		for (let p = session.parentId; p && p !== sessionId && !ancestors.includes(p) && ancestors.length < 64; ) {
			ancestors.push(p);
			p = this.session(p)?.parentId;
		}
		const tc = this.schema.messageTimeCreated ? 'time_created' : 'NULL';
		const rows = this.db
			.prepare(
				`SELECT id, ${tc} AS tc, CASE WHEN json_valid(data) THEN json_extract(data, '$.role') END AS role, ` +
					`CASE WHEN json_valid(data) THEN json_extract(data, '$.time.created') END AS created FROM message WHERE session_id = ?`,
			)
			.all(sessionId) as {id: string; tc: unknown; role: unknown; created: unknown}[];
		const index: OcIndexEntry[] = [];
		for (const r of rows) {
			const created = num(r.created) ?? num(r.tc);
			const role = str(r.role);
			if (created !== undefined && role) index.push({id: r.id, role, created});
		}
		const call = children[sessionId];
		return {
			session,
			ancestors,
			index,
			message: (id) => this.message(id, sessionId),
			parts: (id) => this.parts(id),
			sessionPath: dbPath,
			...(call ? {parentToolUseId: call} : {}),
		};
	}

	message(id: string, sessionId: string): Obj | undefined {
		if (this.messages.has(id)) return this.messages.get(id);
		const r = this.db.prepare('SELECT data FROM message WHERE id = ?').get(id) as {data: unknown} | undefined;
		const data = parseObj(r?.data);
		// OpenCode stores a message without its id and session id: they are columns.
		const m = data ? {...data, id, sessionID: sessionId} : undefined;
		this.messages.set(id, m);
		return m;
	}

	parts(messageId: string): OcPart[] {
		let list = this.partsOf.get(messageId);
		if (list) return list;
		list = [];
		const rows = this.db.prepare('SELECT id, data FROM part WHERE message_id = ? ORDER BY id').all(messageId) as {id: string; data: unknown}[];
		for (const r of rows) {
			const data = parseObj(r.data);
			if (data) list.push({id: r.id, data});
		}
		this.partsOf.set(messageId, list);
		return list;
	}

	/** Still streaming: an assistant message without `time.completed` or error, or a tool part not finished. */
	isOpen(id: string): boolean {
		const m = this.messages.get(id);
		if (m && m.role === 'assistant' && num(obj(m.time)?.completed) === undefined && m.error === undefined) return true;
		for (const p of this.partsOf.get(id) ?? []) {
			const status = obj(p.data.state)?.status;
			if (p.data.type === 'tool' && (status === 'pending' || status === 'running')) return true;
		}
		return false;
	}

	/** The parent's `task` tool call whose metadata names this child session, when there is one. */
	spawningCall(child: OcSession): string | undefined {
		if (!child.parentId || !this.schema.partSessionId) return undefined;
		// json_extract raises on text that is not JSON: every use is guarded by json_valid.
		const j = (path: string) => `CASE WHEN json_valid(data) THEN json_extract(data, '${path}') END`;
		const r = this.db
			.prepare(
				`SELECT ${j('$.callID')} AS call FROM part WHERE session_id = ? AND ${j('$.type')} = 'tool' ` +
					`AND (${j('$.state.metadata.sessionId')} = ? OR ${j('$.state.metadata.sessionID')} = ?) LIMIT 1`,
			)
			.get(child.parentId, child.id, child.id) as {call: unknown} | undefined;
		return str(r?.call);
	}
}
