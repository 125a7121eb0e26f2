import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
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

// node:crypto is loaded only when a project registry exists (as hash.ts does: not at every start-up).
const load = createRequire(import.meta.url);
const sha256 = (s: string): string => (load('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Project directory name → working directory. `projects.json` (v0.29+,
 * `{"projects": {"<abs path>": "<slug>"}}`) names the slug directories; the SHA-256 of each
 * path names the directory versions up to 0.28 used, which an upgrade can leave beside the slug.
 */
function projectNames(root: string, roots: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	const paths = new Set(roots);
	const text = readText(join(root, 'projects.json'));
	if (text) {
		try {
			const raw = JSON.parse(text) as {projects?: Record<string, unknown>};
			for (const [path, slug] of Object.entries(raw.projects ?? {})) {
				if (typeof slug === 'string') out.set(slug, path);
				paths.add(path);
			}
		} catch {
			// no registry: project names stay unknown
		}
	}
	for (const path of paths) out.set(sha256(path), path);
	return out;
}

/**
 * Source-specific part of a Gemini-style tree (Qwen Code's legacy tree has the same shape):
 * `<root>/tmp/<project>/chats/*.json[l]` and `chats/<parentSessionId>/*.jsonl` (subagents).
 * The working directory is `.project_root` in the project directory, else the
 * `projects.json` entry of its slug, else (a SHA-256 directory of ≤ 0.28) the known path
 * whose hash it is.
 */
export function discoverGeminiTree(
	source: LogFile['source'],
	root: string,
): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const files: LogFile[] = [];
	const unreadableDirs: string[] = [];
	const tmp = join(root, 'tmp');
	const visited = new VisitedDirs();
	const add = (path: string, project: string | undefined) => {
		const st = statFile(path);
		if (st) files.push({source, path, ...st, ...(project ? {project} : {})});
	};
	const dirs: Array<{name: string; chats: string; own?: string}> = [];
	for (const p of visited.enterRoot(tmp) ? entries(tmp, unreadableDirs) : []) {
		if (!isDir(p, tmp)) continue;
		const pdir = join(tmp, p.name);
		const chats = join(pdir, 'chats');
		if (!visited.enter(chats)) continue;
		const own = readText(join(pdir, '.project_root'))?.trim();
		dirs.push({name: p.name, chats, ...(own ? {own} : {})});
	}
	const names = dirs.length > 0 ? projectNames(root, dirs.flatMap((d) => (d.own ? [d.own] : []))) : new Map<string, string>();
	for (const {name, chats, own} of dirs) {
		const project = own || names.get(name);
		for (const e of entries(chats, unreadableDirs)) {
			const path = join(chats, e.name);
			if (isDir(e, chats)) {
				if (!visited.enter(path)) continue;
				for (const s of entries(path, unreadableDirs)) if (s.name.endsWith('.jsonl')) add(join(path, s.name), project);
			} else if (isChatFile(e.name)) add(path, project);
		}
	}
	// The chats' directory, not all of `.gemini`: `burn watch` watches the roots.
	return {files, roots: [{source, path: tmp, exists: exists(tmp)}], unreadableDirs};
}

/** Gemini CLI chats. */
export function discoverGemini(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	return discoverGeminiTree('gemini', geminiRoot(env));
}
