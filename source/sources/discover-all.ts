import type {SourceKind} from '../core/records.js';
import {discoverClaude, discoverCodex, type LogFile, type SourceRoot} from './discover.js';
import {discoverGemini} from './gemini/discover.js';
import {discoverQwen} from './qwen/discover.js';
import {discoverKimi} from './kimi/discover.js';
import {discoverOpencodeTargets, type OpencodeTarget} from './opencode/targets.js';

export interface Discovery {
	files: LogFile[];
	opencode: OpencodeTarget[];
	roots: SourceRoot[];
	/** Sources with at least one log. */
	sourcesFound: SourceKind[];
	/** Log directories (Claude projects, `subagents/`, Codex session folders) that exist but cannot be listed. */
	unreadableDirs: string[];
}

/** Which logs exist, per source, with their stat. No parsing. */
export function discoverAll(env: NodeJS.ProcessEnv): Discovery {
	const claude = discoverClaude(env);
	const codex = discoverCodex(env);
	const oc = discoverOpencodeTargets(env);
	const more = [discoverGemini(env), discoverQwen(env), discoverKimi(env)];
	const files = [...claude.files, ...codex.files, ...more.flatMap((m) => m.files)];
	const sourcesFound: SourceKind[] = [];
	if (claude.files.length) sourcesFound.push('claude-code');
	if (codex.files.length) sourcesFound.push('codex');
	if (oc.targets.length) sourcesFound.push('opencode');
	for (const m of more) if (m.files.length) sourcesFound.push(m.files[0]!.source);
	return {
		files,
		opencode: oc.targets,
		roots: [...claude.roots, ...codex.roots, ...oc.roots, ...more.flatMap((m) => m.roots)],
		sourcesFound,
		unreadableDirs: [...claude.unreadableDirs, ...codex.unreadableDirs, ...more.flatMap((m) => m.unreadableDirs)],
	};
}
