import {statSync} from 'node:fs';
import {readRegular} from '../core/open-regular.js';
import {dirname, isAbsolute, join, resolve} from 'node:path';

export interface GitInfo {
	gitRoot?: string;
	/** Canonical `origin` remote: `host/path`, lower-case host, no `.git`. */
	projectKey?: string;
}

/** `git@host:path.git` and `scheme://user@host:port/path.git` → `host/path`. */
export function canonicalRemote(url: string): string | undefined {
	const u = url.trim();
	if (!u) return undefined;
	let host: string;
	let path: string;
	const scheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.*)$/i.exec(u);
	const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/)(.*)$/.exec(u);
	if (scheme) {
		host = scheme[1]!;
		path = scheme[2]!;
	} else if (scp) {
		host = scp[1]!;
		path = scp[2]!;
	} else return undefined;
	path = path.replace(/\/+$/, '').replace(/\.git$/, '').replace(/^\/+/, '');
	if (!path) return undefined;
	return `${host.toLowerCase()}/${path}`;
}

function readText(path: string): string | undefined {
	try {
		return readRegular(path).toString('utf8');
	} catch {
		return undefined;
	}
}

/** The `url` of `[remote "origin"]` in a git config file. */
export function originUrl(config: string): string | undefined {
	let inOrigin = false;
	for (const raw of config.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#') || line.startsWith(';')) continue;
		const section = /^\[\s*([^\]\s"]+)(?:\s+"([^"]*)")?\s*\]$/.exec(line);
		if (section) {
			inOrigin = section[1]!.toLowerCase() === 'remote' && section[2] === 'origin';
			continue;
		}
		if (!inOrigin) continue;
		const kv = /^url\s*=\s*(.*)$/i.exec(line);
		if (kv) return kv[1]!.replace(/^"(.*)"$/, '$1').trim();
	}
	return undefined;
}

function gitDirOf(dir: string): string | undefined {
	const dotgit = join(dir, '.git');
	let st;
	try {
		st = statSync(dotgit);
	} catch {
		return undefined;
	}
	if (st.isDirectory()) return dotgit;
	const text = readText(dotgit);
	const m = text && /^gitdir:\s*(.+)$/m.exec(text);
	if (!m) return undefined;
	const gd = m[1]!.trim();
	return isAbsolute(gd) ? gd : resolve(dir, gd);
}

/** Resolves the git root and remote key of working directories, cached per directory. */
export class ProjectResolver {
	private readonly cache = new Map<string, GitInfo>();

	resolve(cwd: string | undefined): GitInfo {
		if (!cwd || !isAbsolute(cwd)) return {};
		const hit = this.cache.get(cwd);
		if (hit) return hit;
		let info: GitInfo = {};
		let dir = cwd;
		for (let i = 0; i < 100; i++) {
			const gitDir = gitDirOf(dir);
			if (gitDir) {
				let configDir = gitDir;
				const common = readText(join(gitDir, 'commondir'));
				if (common) configDir = resolve(gitDir, common.trim());
				const url = originUrl(readText(join(configDir, 'config')) ?? '');
				const key = url ? canonicalRemote(url) : undefined;
				info = {gitRoot: dir, ...(key ? {projectKey: key} : {})};
				break;
			}
			const parent = dirname(dir);
			if (parent === dir) break;
			dir = parent;
		}
		this.cache.set(cwd, info);
		return info;
	}
}
