import {homedir} from 'node:os';
import type {SourceRoot} from '../discover.js';
import {discoverOpencodeDir, type OpencodeDataDir} from './discover.js';
import {opencodeRoots} from './locate.js';

export type OpencodeTarget = OpencodeDataDir;

/** OpenCode data directories that hold a database or a JSON tree. */
export function discoverOpencodeTargets(env: NodeJS.ProcessEnv): {targets: OpencodeTarget[]; roots: SourceRoot[]} {
	const targets: OpencodeTarget[] = [];
	const roots: SourceRoot[] = [];
	for (const root of opencodeRoots(env, env.HOME || homedir())) {
		const dir = discoverOpencodeDir(root);
		const found = dir.dbs.length > 0 || dir.sessions.length > 0;
		roots.push({source: 'opencode', path: root, exists: found});
		if (found) targets.push(dir);
	}
	return {targets, roots};
}

/** How many items (databases, sessions) a target counts for in progress. */
export function targetItems(t: OpencodeTarget): number {
	return t.dbs.length + t.sessions.length;
}
