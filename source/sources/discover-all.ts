import type {SourceKind} from '../core/records.js';
import {claudeProjectDirs, discoverClaude, discoverCodex, type LogFile, type SourceRoot} from './discover.js';
import {rawStatMode} from './raw-stat.js';
import {replayWalk, walkBatches, walkRoots, type WalkData} from './claude-walk.js';
import {batchCount, batchFiles, type LogBatch} from './stat-batch.js';
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
	/** Every log with its stat: Claude's batches made into objects on first use, then the other sources' logs. */
	readonly files: LogFile[];
	/** Claude's logs as found, a batch per directory (stat-batch.ts): a warm run with nothing new makes no object of them. */
	batches: LogBatch[];
	/** The other sources' logs. */
	loose: LogFile[];
	/** How many logs (`files.length`, without making them). */
	logCount: number;
	opencode: OpencodeTarget[];
	roots: SourceRoot[];
	/** Sources with at least one log. */
	sourcesFound: SourceKind[];
	/** Log directories (Claude projects, `subagents/`, Codex session folders) that exist but cannot be listed. */
	unreadableDirs: string[];
	/** Claude's walk as the warm index keeps it (claude-walk.ts), built on demand. */
	claudeWalk(): WalkData;
	/** Claude's part came from replaying the walk the warm index kept: the same directories, logs' stats as they are now. */
	replayed: boolean;
	/** Claude's part differs from the walk kept (a log's stat, or a directory: no need to compare). */
	walkDiffers: boolean;
	/** Databases read as a whole (Goose's `sessions.db`, Copilot's `session-store.db`); `journals`: sessions read from their own logs instead. */
	dbs: Array<{source: SourceKind; path: string; journals?: string[]}>;
}

/** Claude's part of a discovery: found now, or a kept walk replayed (claude-walk.ts). */
function claudePart(env: NodeJS.ProcessEnv, known: WalkData | undefined) {
	const roots = claudeProjectDirs(env);
	const same = known !== undefined && known.roots.length === roots.length && known.roots.every(([p], i) => p === roots[i]);
	const replay = same ? replayWalk(known, env) : undefined;
	if (replay) {
		const walk = replay.walk;
		let logs: LogBatch[] | undefined;
		return {
			get logs() {
				return (logs ??= walkBatches(walk));
			},
			count: replay.claudeLogs,
			roots: walkRoots(walk),
			unreadableDirs: [] as string[],
			walk: () => walk,
			replayed: true,
			differs: replay.changed,
		};
	}
	const found = discoverClaude(env);
	let data: WalkData | undefined;
	return {
		logs: found.logs,
		count: found.logs.reduce((n, b) => n + batchCount(b), 0),
		roots: found.roots,
		unreadableDirs: found.unreadableDirs,
		walk: () => (data ??= found.walk.data()),
		replayed: false,
		// A replay that ran and did not stand: a directory or probe differs from the walk kept,
		// so the walk found now differs from it too (no need to build it to compare: 50,000
		// logs, ~0.1 s).
		differs: same && known.replay && rawStatMode() === 'raw',
	};
}

/**
 * Which logs exist, per source, with their stat. No parsing. `known`: Claude's walk as the last
 * ingest kept it (the warm index): replayed first, and Claude's logs are listed only when it
 * does not stand (claude-walk.ts).
 */
export function discoverAll(env: NodeJS.ProcessEnv, known?: WalkData): Discovery {
	const claude = claudePart(env, known);
	const codex = discoverCodex(env);
	const oc = discoverOpencodeTargets(env);
	const goose = discoverGoose(env);
	const copilot = discoverCopilot(env);
	const more = [discoverGemini(env), discoverQwen(env), discoverKimi(env), discoverPi(env), copilot, discoverAmp(env), discoverDroid(env), goose];
	const dbs: Discovery['dbs'] = [
		...goose.dbs.map((path) => ({source: 'goose' as const, path})),
		...copilot.dbs.map((path) => ({source: 'copilot' as const, path, journals: journalIds(copilot.files)})),
	];
	const loose = [...codex.files, ...more.flatMap((m) => m.files)];
	const claudeCount = claude.count;
	const sourcesFound: SourceKind[] = [];
	if (claudeCount) sourcesFound.push('claude-code');
	if (codex.files.length) sourcesFound.push('codex');
	if (oc.targets.length) sourcesFound.push('opencode');
	for (const m of more) {
		const source = m.files[0]?.source ?? m.roots[0]?.source;
		if (source && (m.files.length || dbs.some((d) => d.source === source))) sourcesFound.push(source);
	}
	let files: LogFile[] | undefined;
	return {
		get files() {
			if (!files) {
				files = [];
				for (const b of claude.logs) batchFiles(b, files);
				for (const f of loose) files.push(f);
			}
			return files;
		},
		get batches() {
			return claude.logs;
		},
		loose,
		logCount: claudeCount + loose.length,
		opencode: oc.targets,
		roots: [...claude.roots, ...codex.roots, ...oc.roots, ...more.flatMap((m) => m.roots)],
		sourcesFound,
		unreadableDirs: [...claude.unreadableDirs, ...codex.unreadableDirs, ...more.flatMap((m) => m.unreadableDirs)],
		dbs,
		claudeWalk: claude.walk,
		replayed: claude.replayed,
		walkDiffers: claude.differs,
	};
}
