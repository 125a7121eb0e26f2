import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {entries, exists, isDir, statFile, userHome, type LogFile, type SourceRoot} from '../discover.js';
import {VisitedDirs} from '../visited.js';

/**
 * Gemini CLI keeps its data under `<home>/.gemini`, `<home>` being `$GEMINI_CLI_HOME` when set
 * (Gemini's own override), else the user's home. Same layout on Linux and macOS.
 */
export function geminiRoot(env: NodeJS.ProcessEnv): string {
	return join(env.GEMINI_CLI_HOME || userHome(env), '.gemini');
}

/** A chat file: `session-*.jsonl` (≥ 0.39), legacy `session-*.json`, a subagent's `<id>.jsonl`. Never `*.tmp-<pid>` or `*.unreadable-<ms>`. */
export const isChatFile = (name: string): boolean => name.endsWith('.jsonl') || name.endsWith('.json');

function readText(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/** `projects.json` (v0.29+): `{"projects": {"<abs path>": "<slug>"}}`, reversed. */
function projectsBySlug(root: string): Map<string, string> {
	const out = new Map<string, string>();
	const text = readText(join(root, 'projects.json'));
	if (!text) return out;
	try {
		const raw = JSON.parse(text) as {projects?: Record<string, unknown>};
		for (const [path, slug] of Object.entries(raw.projects ?? {})) if (typeof slug === 'string') out.set(slug, path);
	} catch {
		// no registry: project names stay unknown
	}
	return out;
}

/**
 * Source-specific part of a Gemini-style tree (Qwen Code's legacy tree has the same shape):
 * `<root>/tmp/<project>/chats/*.json[l]` and `chats/<parentSessionId>/*.jsonl` (subagents).
 * The working directory is `.project_root` in the project directory, else the
 * `projects.json` entry of its slug; a SHA-256 directory of ≤ 0.28 has neither.
 */
export function discoverGeminiTree(
	source: LogFile['source'],
	root: string,
): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const files: LogFile[] = [];
	const unreadableDirs: string[] = [];
	const tmp = join(root, 'tmp');
	const visited = new VisitedDirs();
	const slugs = projectsBySlug(root);
	const add = (path: string, project: string | undefined) => {
		const st = statFile(path);
		if (st) files.push({source, path, ...st, ...(project ? {project} : {})});
	};
	for (const p of visited.enter(tmp) ? entries(tmp, unreadableDirs) : []) {
		if (!isDir(p, tmp)) continue;
		const pdir = join(tmp, p.name);
		const chats = join(pdir, 'chats');
		if (!visited.enter(chats)) continue;
		const project = readText(join(pdir, '.project_root'))?.trim() || slugs.get(p.name);
		for (const e of entries(chats, unreadableDirs)) {
			const path = join(chats, e.name);
			if (isDir(e, chats)) {
				if (!visited.enter(path)) continue;
				for (const s of entries(path, unreadableDirs)) if (s.name.endsWith('.jsonl')) add(join(path, s.name), project);
			} else if (isChatFile(e.name)) add(path, project);
		}
	}
	return {files, roots: [{source, path: root, exists: exists(tmp)}], unreadableDirs};
}

/** Gemini CLI chats. */
export function discoverGemini(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	return discoverGeminiTree('gemini', geminiRoot(env));
}
