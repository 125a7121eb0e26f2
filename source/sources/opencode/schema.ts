import type {ReadonlyDb} from './sqlite.js';

/**
 * The columns the reader selects (data-formats §5.7). OpenCode's database is internal to
 * OpenCode and may change: a missing table or column means "no data from this database",
 * said once as a warning, never a crash. `control_account` (credentials) is never read.
 */
const REQUIRED: Record<string, readonly string[]> = {
	session: ['id', 'parent_id', 'directory', 'time_created'],
	message: ['id', 'session_id', 'time_updated', 'data'],
	part: ['id', 'message_id', 'time_updated', 'data'],
};

export interface SchemaInfo {
	/** `part.session_id` (used to find the `task` call that spawned a child session). */
	partSessionId: boolean;
	/** `message.time_created` (fallback when `data.time.created` is missing). */
	messageTimeCreated: boolean;
	/** `session.project_id` + table `project(id, worktree)` (fallback project directory). */
	projectWorktree: boolean;
}

/** The schema as far as the reader cares, or the problems that stop it. */
export function checkSchema(db: ReadonlyDb): {ok: true; info: SchemaInfo} | {ok: false; problems: string[]} {
	const problems: string[] = [];
	const cols: Record<string, Set<string> | undefined> = {};
	for (const [table, needed] of Object.entries(REQUIRED)) {
		const have = db.columns(table);
		cols[table] = have;
		if (!have) {
			problems.push(`table "${table}" is missing`);
			continue;
		}
		const missing = needed.filter((c) => !have.has(c));
		if (missing.length) problems.push(`table "${table}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
	}
	if (problems.length) return {ok: false, problems};
	const project = db.columns('project');
	return {
		ok: true,
		info: {
			partSessionId: cols.part!.has('session_id'),
			messageTimeCreated: cols.message!.has('time_created'),
			projectWorktree: cols.session!.has('project_id') && !!project && project.has('id') && project.has('worktree'),
		},
	};
}
