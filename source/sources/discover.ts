import {readFileSync, readdirSync, statSync, type Dirent} from 'node:fs';
import {homedir} from 'node:os';
import {basename, join} from 'node:path';
import type {SourceKind} from '../core/records.js';
import {VisitedDirs} from './visited.js';
import {ClaudeWalk} from './claude-walk.js';
import {dirState, statInto} from './raw-stat.js';
import {statBatch, type LogBatch} from './stat-batch.js';

/** A line-oriented log file (Claude Code transcript or Codex rollout) with its stat. */
export interface LogFile {
	source: Exclude<SourceKind, 'opencode'>;
	path: string;
	size: number;
	mtimeMs: number;
	ino: number;
	/** Claude subagent transcript: its `agent-<id>.meta.json` as read (see metaPath). */
	meta?: {agentType?: string; description?: string; toolUseId?: string};
	/** Working directory known from outside the log (Gemini's `.project_root`, Kimi's `kimi.json`). */
	project?: string;
	/** Model known from outside the log (Kimi CLI's config). */
	model?: string;
	/** Claude subagent transcript: the path of its `agent-<id>.meta.json`, read only when the log is (readSubagentMeta). */
	metaPath?: string;
}

export interface SourceRoot {
	source: SourceKind;
	path: string;
	exists: boolean;
}

export function userHome(env: NodeJS.ProcessEnv): string {
	return env.HOME || homedir();
}

export function claudeRoots(env: NodeJS.ProcessEnv): string[] {
	const fromEnv = env.CLAUDE_CONFIG_DIR?.split(',').map((s) => s.trim()).filter(Boolean);
	if (fromEnv && fromEnv.length > 0) return fromEnv;
	const home = userHome(env);
	return [join(home, '.claude'), join(home, '.config', 'claude')];
}

/** Each Claude root's `projects` directory, where discovery starts (and a walk's roots: claude-walk.ts). */
export function claudeProjectDirs(env: NodeJS.ProcessEnv): string[] {
	return claudeRoots(env).map((root) => join(root, 'projects'));
}

export function codexRoot(env: NodeJS.ProcessEnv): string {
	return env.CODEX_HOME || join(userHome(env), '.codex');
}

/**
 * A directory's entries, links last: a directory reached both directly and through a link is
 * known by its own path. A directory that exists but cannot be listed (permission denied, I/O
 * error) is added to `unreadable`, so its logs are counted as left out, not skipped in silence.
 */
export function entries(dir: string, unreadable?: string[]): Dirent[] {
	try {
		const list = readdirSync(dir, {withFileTypes: true});
		let links = false;
		for (let i = 0; i < list.length && !links; i++) links = list[i]!.isSymbolicLink();
		return links ? [...list.filter((e) => !e.isSymbolicLink()), ...list.filter((e) => e.isSymbolicLink())] : list;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (unreadable && code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push(dir);
		return [];
	}
}

/**
 * A directory's names only (no Dirent per entry): for a directory of logs, where links need no
 * ordering (they are files, each stat'ed through its link). Unreadable as in `entries`.
 */
export function namesIn(dir: string, unreadable?: string[]): string[] {
	try {
		return readdirSync(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (unreadable && code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push(dir);
		return [];
	}
}

/** One stat's numbers (statFile): size, mtimeMs, inode. */
const oneStat = new Float64Array(3);

/**
 * The stat of a regular file, or undefined (gone, not a file, not readable). No exception on
 * ENOENT: warm runs stat every log. Through raw-stat.ts (no `Stats` object: 2,000 Codex
 * rollouts cost a warm status line ~25 ms through statSync, most of it the objects and the
 * collections they caused).
 */
export function statFile(path: string): {size: number; mtimeMs: number; ino: number} | undefined {
	statInto(path, oneStat, 0);
	return oneStat[0]! >= 0 ? {size: oneStat[0]!, mtimeMs: oneStat[1]!, ino: oneStat[2]!} : undefined;
}

/** `dir/name` for a name from readdir (never `.`, `..` or with a `/`): `join` without its normalising cost (50,000 logs). */
const child = (dir: string, name: string): string => `${dir}/${name}`;

export function isDir(e: Dirent, parent: string): boolean {
	if (e.isDirectory()) return true;
	if (!e.isSymbolicLink()) return false;
	try {
		return statSync(join(parent, e.name)).isDirectory();
	} catch {
		return false;
	}
}

/** A subagent's `agent-<id>.meta.json`, or undefined (absent, damaged). */
export function readSubagentMeta(path: string): LogFile['meta'] {
	try {
		const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
		const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
		return {agentType: str(raw.agentType), description: str(raw.description), toolUseId: str(raw.toolUseId)};
	} catch {
		return undefined;
	}
}

/**
 * `<root>/projects/<project>/<session>.jsonl` and `<project>/<session>/subagents/agent-*.jsonl`,
 * as batches of one directory each (stat-batch.ts: no object per log until one is asked for).
 * What it did is recorded in `walk` (claude-walk.ts), for the next run to replay.
 */
export function discoverClaude(env: NodeJS.ProcessEnv, walk = new ClaudeWalk()): {logs: LogBatch[]; roots: SourceRoot[]; unreadableDirs: string[]; walk: ClaudeWalk} {
	const logs: LogBatch[] = [];
	const unreadableDirs: string[] = [];
	const roots: SourceRoot[] = [];
	// Each directory is entered once (by device and inode), so no path is found twice.
	const visited = new VisitedDirs();
	/** `path` entered when it is a directory not seen before (recorded), else undefined (recorded as absent, or as unrepeatable when seen before). */
	const enter = (path: string, root: boolean, subagents = false): boolean => {
		const state = dirState(path);
		if (!state) walk.absent(path);
		else if (!(root ? visited.enterRootKnown(path, state.key) : visited.enterKnown(state.key))) walk.unrepeatable();
		else {
			walk.dir(path, state, subagents);
			return true;
		}
		return false;
	};
	for (const projects of claudeProjectDirs(env)) {
		const entered = enter(projects, true);
		const projectDirs = entered ? entries(projects, unreadableDirs) : [];
		const found = entered || exists(projects);
		roots.push({source: 'claude-code', path: projects, exists: found});
		walk.roots.push([projects, found]);
		for (const p of projectDirs) {
			if (!isDir(p, projects)) continue;
			const pdir = join(projects, p.name);
			if (!enter(pdir, false)) continue;
			// One pass over the listing (50,000 entries in all): the logs, and what may be a session's directory.
			const names: string[] = [];
			const others: Dirent[] = [];
			for (const e of entries(pdir, unreadableDirs)) {
				const name = e.name;
				if (name.endsWith('.jsonl')) names.push(name);
				else others.push(e);
			}
			if (names.length > 0) {
				const batch = statBatch('claude-code', pdir, names);
				logs.push(batch);
				walk.logs(batch);
			}
			for (const e of others) {
				if (!isDir(e, pdir)) continue;
				const sub = `${child(pdir, e.name)}/subagents`;
				if (!enter(sub, false, true)) continue;
				const agents: string[] = [];
				for (const a of namesIn(sub, unreadableDirs)) if (a.startsWith('agent-') && a.endsWith('.jsonl')) agents.push(a);
				if (agents.length > 0) {
					const batch = statBatch('claude-code', sub, agents, true);
					logs.push(batch);
					walk.logs(batch);
				}
			}
		}
	}
	if (unreadableDirs.length > 0) walk.unrepeatable();
	return {logs, roots, unreadableDirs, walk};
}

export function exists(path: string): boolean {
	try {
		statSync(path);
		return true;
	} catch {
		return false;
	}
}

function walkRollouts(dir: string, out: string[], visited: VisitedDirs, unreadable: string[], depth = 0): void {
	if (depth > 8 || !(depth === 0 ? visited.enterRoot(dir) : visited.enter(dir))) return;
	for (const e of entries(dir, unreadable)) {
		const path = child(dir, e.name);
		if (isDir(e, dir)) walkRollouts(path, out, visited, unreadable, depth + 1);
		else if (e.name.endsWith('.jsonl')) out.push(path);
	}
}

/** `sessions/**\/rollout-*.jsonl` and `archived_sessions/`; the active copy wins. */
export function discoverCodex(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const root = codexRoot(env);
	const unreadableDirs: string[] = [];
	const active: string[] = [];
	const archived: string[] = [];
	const visited = new VisitedDirs();
	walkRollouts(join(root, 'sessions'), active, visited, unreadableDirs);
	walkRollouts(join(root, 'archived_sessions'), archived, visited, unreadableDirs);
	const names = new Set(active.map((p) => basename(p)));
	const files: LogFile[] = [];
	for (const path of [...active, ...archived.filter((p) => !names.has(basename(p)))]) {
		const st = statFile(path);
		if (st) files.push({source: 'codex', path, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino});
	}
	return {files, roots: [{source: 'codex', path: root, exists: exists(join(root, 'sessions')) || exists(join(root, 'archived_sessions'))}], unreadableDirs};
}
