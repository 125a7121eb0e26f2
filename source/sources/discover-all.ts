import type {SourceKind} from '../core/records.js';
import {discoverClaude, discoverCodex, type LogFile, type SourceRoot} from './discover.js';
import {discoverGemini} from './gemini/discover.js';
import {discoverQwen} from './qwen/discover.js';
import {discoverKimi} from './kimi/discover.js';
import {discoverOpencodeTargets, type OpencodeTarget} from './opencode/targets.js';
import {discoverPi} from './pi/discover.js';
import {discoverCopilot, journalIds} from './copilot/discover.js';
import {discoverAmp} from './amp/discover.js';
import {discoverDroid} from './droid/discover.js';
import {discoverGoose} from './goose/discover.js';

export interface Discovery {
	files: LogFile[];
	opencode: OpencodeTarget[];
	roots: SourceRoot[];
	/** Sources with at least one log. */
	sourcesFound: SourceKind[];
	/** Log directories (Claude projects, `subagents/`, Codex session folders) that exist but cannot be listed. */
	unreadableDirs: string[];
	/** Databases read as a whole (Goose's `sessions.db`, Copilot's `session-store.db`); `journals`: sessions read from their own logs instead. */
	dbs: Array<{source: SourceKind; path: string; journals?: string[]}>;
}

/** Which logs exist, per source, with their stat. No parsing. */
export function discoverAll(env: NodeJS.ProcessEnv): Discovery {
	const claude = discoverClaude(env);
	const codex = discoverCodex(env);
	const oc = discoverOpencodeTargets(env);
	const goose = discoverGoose(env);
	const copilot = discoverCopilot(env);
	const more = [discoverGemini(env), discoverQwen(env), discoverKimi(env), discoverPi(env), copilot, discoverAmp(env), discoverDroid(env), goose];
	const dbs: Discovery['dbs'] = [
		...goose.dbs.map((path) => ({source: 'goose' as const, path})),
		...copilot.dbs.map((path) => ({source: 'copilot' as const, path, journals: journalIds(copilot.files)})),
	];
	const files = [...claude.files, ...codex.files, ...more.flatMap((m) => m.files)];
	const sourcesFound: SourceKind[] = [];
	if (claude.files.length) sourcesFound.push('claude-code');
	if (codex.files.length) sourcesFound.push('codex');
	if (oc.targets.length) sourcesFound.push('opencode');
	for (const m of more) {
		const source = m.files[0]?.source ?? m.roots[0]?.source;
		if (source && (m.files.length || dbs.some((d) => d.source === source))) sourcesFound.push(source);
	}
	return {
		files,
		opencode: oc.targets,
		roots: [...claude.roots, ...codex.roots, ...oc.roots, ...more.flatMap((m) => m.roots)],
		sourcesFound,
		unreadableDirs: [...claude.unreadableDirs, ...codex.unreadableDirs, ...more.flatMap((m) => m.unreadableDirs)],
		dbs,
	};
}
