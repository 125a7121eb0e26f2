import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {entries, exists, isDir, statFile, userHome, type LogFile, type SourceRoot} from '../discover.js';
import {VisitedDirs} from '../visited.js';
import {modelFromJson, modelFromToml, workDirs} from './config.js';

/** Kimi CLI's share directory: `$KIMI_SHARE_DIR`, else `~/.kimi` (Linux and macOS alike). */
export function kimiRoot(env: NodeJS.ProcessEnv): string {
	return env.KIMI_SHARE_DIR || join(userHome(env), '.kimi');
}

function readText(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/** The configured model (`config.toml`, else the older `config.json`); `KIMI_MODEL_NAME` overrides it. */
export function kimiModel(root: string, env: NodeJS.ProcessEnv): string | undefined {
	if (env.KIMI_MODEL_NAME) return env.KIMI_MODEL_NAME;
	const toml = readText(join(root, 'config.toml'));
	if (toml !== undefined) return modelFromToml(toml);
	const json = readText(join(root, 'config.json')) ?? readText(join(root, 'config.json.bak'));
	return json === undefined ? undefined : modelFromJson(json);
}

/**
 * `<root>/sessions/<work dir group>/<sessionId>/wire.jsonl` and each subagent's
 * `…/<sessionId>/subagents/<agentId>/wire.jsonl`. The working directory comes from
 * `kimi.json` (the group is the MD5 of the path), the model from the config.
 */
export function discoverKimi(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const root = kimiRoot(env);
	const sessions = join(root, 'sessions');
	const files: LogFile[] = [];
	const unreadableDirs: string[] = [];
	const visited = new VisitedDirs();
	const groups = visited.enterRoot(sessions) ? entries(sessions, unreadableDirs) : [];
	// The sessions' directory, not all of the share directory: `burn watch` watches the roots.
	if (groups.length === 0) return {files, roots: [{source: 'kimi', path: sessions, exists: exists(sessions)}], unreadableDirs};
	const dirs = workDirs(readText(join(root, 'kimi.json')) ?? '{}');
	const model = kimiModel(root, env);
	const add = (path: string, project: string | undefined) => {
		const st = statFile(path);
		if (st) files.push({source: 'kimi', path, ...st, ...(project ? {project} : {}), ...(model ? {model} : {})});
	};
	for (const g of groups) {
		if (!isDir(g, sessions)) continue;
		const gdir = join(sessions, g.name);
		if (!visited.enter(gdir)) continue;
		const project = dirs.get(g.name);
		for (const s of entries(gdir, unreadableDirs)) {
			if (!isDir(s, gdir)) continue;
			const sdir = join(gdir, s.name);
			add(join(sdir, 'wire.jsonl'), project);
			const subs = join(sdir, 'subagents');
			if (!visited.enter(subs)) continue;
			for (const a of entries(subs, unreadableDirs)) if (isDir(a, subs)) add(join(subs, a.name, 'wire.jsonl'), project);
		}
	}
	return {files, roots: [{source: 'kimi', path: sessions, exists: true}], unreadableDirs};
}
