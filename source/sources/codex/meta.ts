import {isObject, num, str} from './json.js';

/** What a session_meta payload says about where the rollout comes from. */
export interface MetaInfo {
	id?: string;
	cwd?: string;
	version?: string;
	sourceSessionId?: string;
	/** `forked_from_id` (Codex), `forkSessionId` / `fork_session_id` (relayburn fixtures). */
	forkedFrom?: string;
	/** Only Codex's own `forked_from_id`: the rollout starts with a copy of the parent. */
	codexFork: boolean;
	continuedFrom?: string;
	/** Spawned agent: the thread that spawned it. */
	parentId?: string;
	/** The top session of a nested spawn, when the meta names it. */
	rootId?: string;
	agentType?: string;
	parentToolUseId?: string;
	depth?: number;
}

/**
 * Reads a session_meta payload. A spawned agent's rollout says who spawned it in
 * `source.subagent.thread_spawn.parent_thread_id` (Codex multi-agent), with `depth` and
 * `agent_role`; a flat `parent_thread_id` / `parent_session_id` is accepted too. A
 * `source.subagent` that is a plain string (`"review"`, `"compact"`) names no parent.
 */
export function readMeta(p: Record<string, unknown>): MetaInfo {
	const source = isObject(p.source) ? p.source : undefined;
	const sub = source?.subagent;
	const spawn = isObject(sub) ? (isObject(sub.thread_spawn) ? sub.thread_spawn : sub) : undefined;
	const codexFork = str(p.forked_from_id);
	return {
		id: str(p.id) ?? str(p.session_id),
		cwd: str(p.cwd),
		version: str(p.cli_version) ?? str(p.version),
		sourceSessionId: str(p.sourceSessionId) ?? str(p.source_session_id),
		forkedFrom: codexFork ?? str(p.forkSessionId) ?? str(p.fork_session_id),
		codexFork: codexFork !== undefined,
		continuedFrom: str(p.continuedFromSessionId) ?? str(p.continued_from_session_id),
		parentId:
			str(spawn?.parent_thread_id) ?? str(spawn?.parent_session_id) ?? str(p.parent_thread_id) ?? str(p.parent_session_id),
		rootId: str(spawn?.root_thread_id) ?? str(p.root_thread_id) ?? str(p.root_session_id),
		agentType:
			str(spawn?.agent_role) ??
			str(spawn?.agent_type) ??
			str(spawn?.subagent_type) ??
			str(p.agent_role) ??
			str(p.agent_type) ??
			(typeof sub === 'string' ? sub : undefined),
		parentToolUseId: str(spawn?.call_id) ?? str(spawn?.parent_call_id) ?? str(p.parent_call_id),
		depth: num(spawn?.depth),
	};
}

/** The model of a turn_context (`model`, else `collaboration_mode.settings.model`). */
export function modelOf(p: Record<string, unknown>): string | undefined {
	const mode = isObject(p.collaboration_mode) ? p.collaboration_mode : undefined;
	const settings = isObject(mode?.settings) ? mode.settings : undefined;
	return str(p.model) ?? str(settings?.model);
}
