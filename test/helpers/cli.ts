import {spawnSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {tmp} from './tmp.js';

/** The installed `burn`: the CommonJS light start, which hands the rest to the ES module build (source/cli/handover.ts). */
export const CLI = resolve(import.meta.dirname, '../../dist/cli.cjs');
/** The ES module build's entry (what dist/cli.cjs hands over to). */
export const CLI_ESM = resolve(import.meta.dirname, '../../dist/cli.js');

export interface Sealed {
	home: string;
	burnHome: string;
	env: NodeJS.ProcessEnv;
}

/** A sealed environment: empty HOME, own BURN_HOME, no agent dirs unless given. */
export function sealed(extra: NodeJS.ProcessEnv = {}): Sealed {
	const root = tmp('burn-e2e-');
	const home = join(root, 'home');
	const burnHome = join(root, 'burn');
	mkdirSync(home, {recursive: true});
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: home,
		BURN_HOME: burnHome,
		TZ: 'UTC',
		LANG: 'C.UTF-8',
		...extra,
	};
	return {home, burnHome, env};
}

export interface RunResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the built CLI (npm test builds it first) with no TTY. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): RunResult {
	const r = spawnSync(process.execPath, [CLI, ...args], {env, encoding: 'utf8', input, timeout: 110_000, maxBuffer: 64 * 1024 * 1024});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}
