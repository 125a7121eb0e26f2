/**
 * Test-setup guard (vitest `setupFiles`): a test may open only paths inside the repository,
 * the system temporary directory (sealed HOMEs, scratch ledgers), /dev/null and /proc, and
 * `../shared` (its suites skip when it is absent). Anything else — a real ~/.claude, a path
 * hard-coded to one machine — fails the test that did it.
 *
 * node:fs functions that take a path are wrapped once per worker, and `syncBuiltinESMExports`
 * makes ESM named imports (`import {readFileSync} from 'node:fs'`) see the wrappers. The check
 * is a few string prefixes per call. A violation throws where it happens and is also recorded,
 * so a test that swallows the error still fails in `afterEach`.
 */
import fs from 'node:fs';
import {syncBuiltinESMExports} from 'node:module';
import {tmpdir} from 'node:os';
import {resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach} from 'vitest';
import {allowedRoots, isAllowed, isAncestorOfRoot} from './fs-guard-rules.js';

const PROBES = new Set(['statSync', 'lstatSync', 'existsSync', 'stat', 'lstat', 'access', 'accessSync']);
const REPO = resolve(import.meta.dirname, '../..');
const SHARED = process.env.BURN_SHARED_DIR ? resolve(process.env.BURN_SHARED_DIR) : resolve(REPO, '../shared');

export interface GuardState {
	roots: string[];
	/** Violations since the last test ended (the guard's own test takes its expected ones). */
	violations: string[];
}

export const FS_GUARD = Symbol.for('burn.fsGuard');
const g = globalThis as unknown as Record<symbol, GuardState | undefined>;

function toPath(p: unknown): string | null {
	if (typeof p === 'string') return p;
	if (Buffer.isBuffer(p)) return p.toString('utf8');
	if (p instanceof URL) return p.protocol === 'file:' ? fileURLToPath(p) : null;
	return null; // a file descriptor
}

function install(): GuardState {
	const state: GuardState = {roots: allowedRoots([REPO, tmpdir(), SHARED], fs.realpathSync.native), violations: []};
	const check = (name: string, p: unknown) => {
		const path = toPath(p);
		if (path === null) return;
		const abs = resolve(path);
		if (isAllowed(abs, state.roots)) return;
		// Ingest looks for the git root of every working directory a log names, probing
		// `<dir>/.git` up to `/`. A probe that finds nothing reads nothing; reading a repository
		// it finds (its config) is still caught.
		if (PROBES.has(name) && abs.endsWith(`${sep}.git`)) return;
		// Discovery fences each walk's ancestors (sources/visited.ts): a stat of a directory on the
		// way to an allowed root (`/`, the parent of the temporary directory) is allowed too.
		if (PROBES.has(name) && isAncestorOfRoot(abs, state.roots)) return;
		const message = `fs-guard: a test used a path outside the repository: ${name}(${abs})`;
		state.violations.push(message);
		throw new Error(message);
	};
	const wrap = <T extends object>(obj: T, names: string[], paths = 1, async = false) => {
		for (const name of names) {
			const original = (obj as Record<string, unknown>)[name];
			if (typeof original !== 'function') continue;
			const wrapped = function (this: unknown, ...args: unknown[]) {
				try {
					for (let i = 0; i < paths; i++) check(name, args[i]);
				} catch (error) {
					if (async) return Promise.reject(error);
					throw error;
				}
				return (original as (...a: unknown[]) => unknown).apply(this, args);
			};
			Object.defineProperty(wrapped, 'name', {value: name});
			(obj as Record<string, unknown>)[name] = wrapped;
		}
	};
	const one = [
		'openSync', 'readFileSync', 'statSync', 'lstatSync', 'existsSync', 'readdirSync', 'accessSync', 'opendirSync',
		'writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'truncateSync', 'utimesSync', 'chmodSync',
		'createReadStream', 'createWriteStream', 'watch',
		'open', 'readFile', 'stat', 'lstat', 'readdir', 'access', 'writeFile', 'appendFile', 'mkdir', 'rm',
	];
	wrap(fs, one);
	wrap(fs, ['copyFileSync', 'cpSync', 'renameSync', 'linkSync', 'copyFile', 'cp', 'rename'], 2);
	wrap(fs.promises, ['open', 'readFile', 'stat', 'lstat', 'readdir', 'access', 'writeFile', 'appendFile', 'mkdir', 'rm', 'opendir'], 1, true);
	wrap(fs.promises, ['copyFile', 'cp', 'rename'], 2, true);
	syncBuiltinESMExports();
	return state;
}

const state = (g[FS_GUARD] ??= install());
state.violations.length = 0;

afterEach(() => {
	const found = state.violations.splice(0);
	if (found.length) throw new Error(`${found.length} path(s) outside the repository were used:\n${[...new Set(found)].join('\n')}`);
});
