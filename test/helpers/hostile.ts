// Helpers for the hostile-machine tests (issue 17): a sealed home with one small Claude log,
// and CLI runs that are always bounded by `timeout`, so a hang fails instead of blocking.
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {CLI, sealed, type RunResult, type Sealed} from './cli.js';
import {emptyAgentDirs, type AgentDirs} from './e2e.js';

export interface Hostile extends Sealed {
	agents: AgentDirs;
	root: string;
}

/** One Claude assistant line with usage (hand-written from the format description). */
export function claudeLine(session: string, n: number, ts: string, output = 20): string {
	return JSON.stringify({
		type: 'assistant',
		sessionId: session,
		requestId: `req_${session}_${n}`,
		uuid: `${session}-u${n}`,
		timestamp: ts,
		cwd: '/tmp/hostile-project',
		message: {
			id: `msg_${session}_${n}`,
			model: 'claude-sonnet-4-5',
			role: 'assistant',
			content: [{type: 'text', text: 'ok'}],
			usage: {input_tokens: 10, output_tokens: output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0},
		},
	});
}

/** A sealed env whose Claude dir holds one session of `turns` turns, an hour ago (no log for 0). */
export function hostile(turns = 2, extra: NodeJS.ProcessEnv = {}): Hostile {
	const s = sealed(extra);
	const root = join(s.home, '..');
	const agents = emptyAgentDirs(join(root, 'agents'));
	Object.assign(s.env, agents);
	if (turns === 0) return {...s, agents, root};
	const dir = join(agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project');
	mkdirSync(dir, {recursive: true});
	const t0 = Date.now() - 3_600_000;
	const lines = Array.from({length: turns}, (_, i) => claudeLine('s-hostile', i, new Date(t0 + i * 1000).toISOString()));
	writeFileSync(join(dir, 's-hostile.jsonl'), `${lines.join('\n')}\n`);
	return {...s, agents, root};
}

/** Runs the CLI under `timeout` (exit 124 when it had to be killed). */
export function runBounded(args: string[], env: NodeJS.ProcessEnv, seconds = 30, wrap: string[] = []): RunResult {
	const r = spawnSync('timeout', ['-k', '2', String(seconds), ...wrap, process.execPath, CLI, ...args], {
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: (seconds + 5) * 1000,
		maxBuffer: 64 * 1024 * 1024,
	});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** Turns in a JSON report. */
export function turnsOf(r: RunResult): number {
	return (JSON.parse(r.stdout) as {turnsAnalyzed: number}).turnsAnalyzed;
}

/** True when this process may switch to user `nobody` (setpriv, as root). */
export function canBecomeNobody(): boolean {
	if (process.getuid?.() !== 0) return false;
	return spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true'], {stdio: 'ignore'}).status === 0;
}

export const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
