/**
 * Where Amp keeps its threads: `$AMP_DATA_DIR` (readers' override), else
 * `$XDG_DATA_HOME/amp`, else `~/.local/share/amp` (Linux and macOS alike): `threads/T-*.json`,
 * one JSON document per thread, rewritten in place. `secrets.json` beside it is never read.
 */
import {isAbsolute, join} from 'node:path';
import type {LogFile, SourceRoot} from '../discover.js';
import {expandTilde, pathExists, userHome, walkLogs} from '../log-walk.js';

export function ampDataDir(env: NodeJS.ProcessEnv): string {
	if (env.AMP_DATA_DIR) return expandTilde(env.AMP_DATA_DIR, env);
	const xdg = env.XDG_DATA_HOME;
	if (xdg && isAbsolute(xdg)) return join(xdg, 'amp');
	return join(userHome(env), '.local', 'share', 'amp');
}

export function discoverAmp(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const dir = join(ampDataDir(env), 'threads');
	const unreadableDirs: string[] = [];
	const files = walkLogs('amp', dir, (name) => name.startsWith('T-') && name.endsWith('.json'), 0, unreadableDirs);
	return {files, roots: [{source: 'amp', path: dir, exists: pathExists(dir)}], unreadableDirs};
}
