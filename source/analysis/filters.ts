import {sep} from 'node:path';
import type {SourceKind, TurnRecord} from '../core/records.js';

/** The effective provider of a turn: an explicit `provider/` prefix, else the model family, else the source. */
export function providerOf(turn: Pick<TurnRecord, 'model' | 'source'>): string {
	const model = turn.model.toLowerCase();
	const slash = model.indexOf('/');
	if (slash > 0) return model.slice(0, slash);
	if (model.startsWith('claude')) return 'anthropic';
	if (/^(gpt|o\d|codex|chatgpt)/.test(model)) return 'openai';
	if (model.startsWith('gemini')) return 'google';
	if (model.startsWith('grok')) return 'xai';
	if (/^(qwen|qwq)/.test(model) || turn.source === 'qwen') return 'alibaba';
	if (model.startsWith('kimi') || turn.source === 'kimi') return 'moonshotai';
	if (turn.source === 'claude-code') return 'anthropic';
	if (turn.source === 'codex') return 'openai';
	return turn.source;
}

export interface FilterSpec {
	sources: SourceKind[] | null;
	/** Absolute directory, and its git remote key when it has one. */
	project: {dir: string; remoteKey?: string} | null;
	providers: string[] | null;
	sessionId?: string | null;
}

function inside(path: string | undefined, dir: string): boolean {
	if (!path) return false;
	if (path === dir) return true;
	const prefix = dir.endsWith(sep) ? dir : dir + sep;
	return path.startsWith(prefix);
}

/**
 * Matches a session id or a prefix of one (`8f3a21c0`, `ses_24c1832d`); an OpenCode id also
 * without its `ses_` (`24c1832d`, as older versions showed it).
 */
export function sessionMatches(sessionId: string, wanted: string): boolean {
	if (wanted === '') return false;
	return sessionId.startsWith(wanted) || (sessionId.startsWith('ses_') && sessionId.startsWith(wanted, 4));
}

export function buildTurnFilter(spec: FilterSpec): (turn: TurnRecord) => boolean {
	return (turn) => {
		if (spec.sources && !spec.sources.includes(turn.source)) return false;
		if (spec.providers && !spec.providers.includes(providerOf(turn))) return false;
		if (spec.sessionId && !sessionMatches(turn.sessionId, spec.sessionId)) return false;
		if (spec.project) {
			const {dir, remoteKey} = spec.project;
			const byPath = inside(turn.project, dir) || inside(turn.gitRoot, dir);
			const byRemote = remoteKey !== undefined && turn.projectKey === remoteKey;
			if (!byPath && !byRemote) return false;
		}
		return true;
	};
}

/**
 * The session `--session` names, for both faces: an id or unique prefix, or (`true`) the most
 * recent one. An error says why there is none (unknown, ambiguous, or no session at all).
 */
export function pickSession(sessions: ReadonlyArray<{sessionId: string; turns: ReadonlyArray<{ts?: string | null}>}>, wanted: string | true): {id?: string; error?: string} {
	if (wanted === true) {
		let best: {id: string; ts: string} | undefined;
		for (const s of sessions) {
			const ts = s.turns.at(-1)?.ts ?? '';
			if (!best || ts > best.ts) best = {id: s.sessionId, ts};
		}
		return best ? {id: best.id} : {error: 'no session in this window'};
	}
	const hits = sessions.filter((s) => sessionMatches(s.sessionId, wanted));
	const exact = hits.find((s) => s.sessionId === wanted);
	if (exact) return {id: exact.sessionId};
	if (hits.length === 1) return {id: hits[0]!.sessionId};
	if (hits.length > 1) return {error: `session id "${wanted}" is ambiguous (${hits.length} sessions start with it)`};
	return {error: `unknown session "${wanted}"`};
}
