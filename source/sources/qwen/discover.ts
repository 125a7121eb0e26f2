import {join} from 'node:path';
import {entries, exists, isDir, statFile, userHome, type LogFile, type SourceRoot} from '../discover.js';
import {discoverGeminiTree} from '../gemini/discover.js';
import {VisitedDirs} from '../visited.js';

/** Qwen Code's runtime directory: `$QWEN_RUNTIME_DIR`, else `~/.qwen` (same on Linux and macOS). */
export function qwenRoot(env: NodeJS.ProcessEnv): string {
	return env.QWEN_RUNTIME_DIR || join(userHome(env), '.qwen');
}

/**
 * `<root>/projects/<sanitised cwd>/chats/<sessionId>.jsonl` (since Qwen Code's JSONL format),
 * and the older Gemini-style `<root>/tmp/<sha256>/chats/session-*.json` (read by the Gemini
 * chat reader with Qwen's `qwen` response type).
 */
export function discoverQwen(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const root = qwenRoot(env);
	const legacy = discoverGeminiTree('qwen', root);
	const files: LogFile[] = legacy.files;
	const unreadableDirs = legacy.unreadableDirs;
	const projects = join(root, 'projects');
	const visited = new VisitedDirs();
	for (const p of visited.enterRoot(projects) ? entries(projects, unreadableDirs) : []) {
		if (!isDir(p, projects)) continue;
		const chats = join(projects, p.name, 'chats');
		if (!visited.enter(chats)) continue;
		for (const e of entries(chats, unreadableDirs)) {
			if (!e.name.endsWith('.jsonl')) continue;
			const path = join(chats, e.name);
			const st = statFile(path);
			if (st) files.push({source: 'qwen', path, ...st});
		}
	}
	// The session directories, not all of `~/.qwen` (its debug logs grow all the time): `burn watch` watches the roots.
	return {files, roots: [{source: 'qwen', path: projects, exists: exists(projects)}, ...legacy.roots.filter((r) => r.exists)], unreadableDirs};
}
