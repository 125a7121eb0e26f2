/**
 * Where pi keeps its sessions: `$PI_CODING_AGENT_DIR` (tilde expanded), else `~/.pi/agent`
 * (the same on Linux and macOS); sessions are `sessions/--<cwd>--/<ts>_<uuid>.jsonl`.
 * `BURN_PI_SESSIONS_DIR` points burn at another sessions directory (pi's `sessionDir` setting).
 */
import {join} from 'node:path';
import type {LogFile, SourceRoot} from '../discover.js';
import {expandTilde, pathExists, userHome, walkLogs} from '../log-walk.js';

export function piSessionsDir(env: NodeJS.ProcessEnv): string {
	if (env.BURN_PI_SESSIONS_DIR) return expandTilde(env.BURN_PI_SESSIONS_DIR, env);
	const agent = env.PI_CODING_AGENT_DIR ? expandTilde(env.PI_CODING_AGENT_DIR, env) : join(userHome(env), '.pi', 'agent');
	return join(agent, 'sessions');
}

export function discoverPi(env: NodeJS.ProcessEnv): {files: LogFile[]; roots: SourceRoot[]; unreadableDirs: string[]} {
	const dir = piSessionsDir(env);
	const unreadableDirs: string[] = [];
	const files = walkLogs('pi', dir, (name) => name.endsWith('.jsonl'), 2, unreadableDirs);
	return {files, roots: [{source: 'pi', path: dir, exists: pathExists(dir)}], unreadableDirs};
}
