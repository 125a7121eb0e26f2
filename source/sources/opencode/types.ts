import type {Obj} from './json.js';

/** What the mapper needs of an OpenCode session row / session file. */
export interface OcSession {
	id: string;
	/** `parent_id` / `parentID`: set on subagent (child) sessions. */
	parentId?: string;
	directory?: string;
	createdMs?: number;
}

/** One message of a session, enough to order it: id, role and `time.created` (epoch ms). */
export interface OcIndexEntry {
	id: string;
	role: string;
	created: number;
}

/** A part of a message: its id and its data (`type`, `text`, `tool`, `state`, `tokens`…). */
export interface OcPart {
	id: string;
	data: Obj;
}

/**
 * One session as the mapper sees it, whatever the storage (SQLite or JSON tree). Loaders
 * are lazy: the mapper asks only for the messages and parts it is going to emit.
 */
export interface SessionView {
	session: OcSession;
	/** Parent chain, nearest first ([] for a root session). The last one is the root. */
	ancestors: string[];
	/** Every message of the session (any order). */
	index: OcIndexEntry[];
	/** The message's data (`role`, `time`, `tokens`, `providerID`…), undefined when unreadable. */
	message(id: string): Obj | undefined;
	/** The message's parts, sorted by id. */
	parts(id: string): OcPart[];
	/** Becomes `sessionPath` on turns: the database or the session file. */
	sessionPath: string;
	/** The parent's `task` tool call that spawned this (child) session, when known. */
	parentToolUseId?: string;
}

/** Root session id: the thread's own id when it has no parent. */
export function rootOf(view: SessionView): string {
	return view.ancestors.length ? view.ancestors[view.ancestors.length - 1]! : view.session.id;
}
