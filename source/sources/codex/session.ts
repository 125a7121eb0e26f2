import type {Emitter} from './emit.js';
import {str} from './json.js';
import {readMeta} from './meta.js';
import {forkInstant} from './replay.js';
import {zeroRaw, type CodexState} from './state.js';
import {sameRaw} from './usage.js';

/** The rollout has done something of its own (a turn, usage). */
function hasActivity(s: CodexState): boolean {
	return s.open !== undefined || s.prev !== undefined || s.turns > 0 || !sameRaw(s.acc, zeroRaw());
}

/**
 * The first session_meta names the rollout (unless its file name did), its cwd and its
 * origin: relationship rows `root`, `fork` (`forked_from_id`, or relayburn's
 * `forkSessionId`), `continuation`, and for a spawned agent `subagent` (meta.ts). A Codex
 * fork or spawned agent arms the replay gate (replay.ts). Later session_meta lines are
 * copies: the same id changes nothing; another id right at the top (an ancestor's, copied
 * into a fork that did not say so) arms the gate too.
 */
export function readSessionMeta(s: CodexState, out: Emitter, p: Record<string, unknown>, ts: string | undefined): void {
	const m = readMeta(p);
	if (s.metaSeen) {
		if (m.id && m.id !== out.ownKey() && !s.replay && !hasActivity(s)) s.replay = {forkMs: forkInstant(out.ownKey(), s.metaTs)};
		return;
	}
	s.metaSeen = true;
	s.metaTs = str(p.timestamp) ?? ts;
	if (!s.ownId && m.id) s.ownId = m.id;
	if (m.cwd) s.cwd = m.cwd;
	const own = out.ownKey();
	if (m.parentId && m.parentId !== own) {
		// A nested agent rolls up into the top session when the meta names it, else into its parent.
		s.parentId = m.rootId ?? m.parentId;
		if (m.rootId && m.rootId !== m.parentId) s.parentAgentId = m.parentId;
		s.agentType = m.agentType;
		s.parentToolUseId = m.parentToolUseId;
	}
	const common = {ts, sourceSessionId: m.sourceSessionId, sourceVersion: m.version};
	out.relationship({relationshipType: 'root', sessionId: own, ...common});
	if (m.forkedFrom) out.relationship({relationshipType: 'fork', sessionId: own, relatedSessionId: m.forkedFrom, ...common});
	if (m.continuedFrom) out.relationship({relationshipType: 'continuation', sessionId: own, relatedSessionId: m.continuedFrom, ...common});
	if (s.parentId && m.parentId) {
		out.relationship({
			relationshipType: 'subagent',
			sessionId: own,
			relatedSessionId: m.parentId,
			agentId: own,
			parentToolUseId: m.parentToolUseId,
			subagentType: m.agentType,
			...common,
		});
	}
	if (m.codexFork || s.parentId) s.replay = {forkMs: forkInstant(own, s.metaTs)};
}

/** Legacy rollouts (before session_meta) open with `{id, timestamp, instructions, git}`. */
export function readLegacyHeader(s: CodexState, obj: Record<string, unknown>, ts: string | undefined): void {
	if (s.metaSeen) return;
	s.metaSeen = true;
	s.metaTs = ts;
	if (!s.ownId) s.ownId = str(obj.id);
}
