/**
 * The stat of a log without a `Stats` object (issue 17: the warm run stats every log; with
 * 50,000 of them `statSync`'s JavaScript side, a `Stats` object and four `Date`s per call and
 * the garbage collection they cause, cost ~60 ms of CPU on top of the system calls).
 *
 * Node's own fs binding (`process.binding('fs').stat`, what `statSync` calls) returns the
 * numbers in a shared Float64Array. It is not a public API, so it is used only when all of
 * these hold, and `statSync` otherwise:
 * - Node 20 to 24 (read in their sources: `stat(path, bigint, undefined, x)`; the 4th argument
 *   was an error-context object in older 20.x and "throw if no entry" since; an object is safe
 *   in both: failures return undefined or throw, and both are caught);
 * - `process.binding` works and warns nothing (not with --pending-deprecation, which prints
 *   DEP0111 for it; not under the permission model, where it throws);
 * - BURN_NO_RAW_STAT is not set;
 * - the first file it stats gives the same type, size, mtimeMs and inode as `statSync` on it
 *   (the self-check: a changed layout of the array turns it off for the whole process).
 * mtimeMs is computed as Node computes it (`sec * 1e3 + nsec / 1e6`), so a cursor written with
 * either way compares equal (test/raw-stat.test.ts).
 */
import {statSync} from 'node:fs';

type StatFn = (path: string, bigint: boolean, req: undefined, ctx: object) => Float64Array | undefined;

/** Float64Array indices of Node's stat array. */
const MODE = 1;
const INO = 7;
const SIZE = 8;
const MTIME_S = 12;
const MTIME_NS = 13;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** undefined: not decided yet; null: statSync. */
let raw: StatFn | null | undefined;
let checked = false;
const ctx = {};

function pick(env: NodeJS.ProcessEnv): StatFn | null {
	if (env.BURN_NO_RAW_STAT) return null;
	const major = Number(process.versions.node.split('.')[0]);
	if (!(major >= 20 && major <= 24)) return null;
	const flags = `${process.execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`;
	if (flags.includes('pending-deprecation') || env.NODE_PENDING_DEPRECATION === '1' || flags.includes('permission')) return null;
	try {
		const binding = (process as unknown as {binding(name: string): {stat?: unknown}}).binding('fs');
		return typeof binding.stat === 'function' ? (binding.stat.bind(binding) as StatFn) : null;
	} catch {
		return null;
	}
}

/** Through statSync: [size, mtimeMs, ino] of a regular file, or size -1. */
function viaStatSync(path: string, out: Float64Array, at: number): void {
	let st;
	try {
		st = statSync(path, {throwIfNoEntry: false});
	} catch {
		st = undefined;
	}
	if (!st || !st.isFile()) {
		out[at] = -1;
		return;
	}
	out[at] = st.size;
	out[at + 1] = st.mtimeMs;
	out[at + 2] = st.ino;
}

/** Through the binding `stat`: [size, mtimeMs (as Node computes it), ino] of a regular file, or size -1. */
function rawInto(stat: StatFn, path: string, out: Float64Array, at: number): void {
	let r: Float64Array | undefined;
	try {
		r = stat(path, false, undefined, ctx);
	} catch {
		r = undefined;
	}
	if (!r || (r[MODE]! & S_IFMT) !== S_IFREG) {
		out[at] = -1;
		return;
	}
	out[at] = r[SIZE]!;
	out[at + 1] = r[MTIME_S]! * 1e3 + r[MTIME_NS]! / 1e6;
	out[at + 2] = r[INO]!;
}

/**
 * Writes the stat of the regular file at `path` into out[at] (size), out[at + 1] (mtimeMs) and
 * out[at + 2] (inode); out[at] = -1 when it is gone, not a regular file, or cannot be stat'ed.
 */
export function statInto(path: string, out: Float64Array, at: number, env: NodeJS.ProcessEnv = process.env): void {
	if (raw === undefined) raw = pick(env);
	if (raw === null) return viaStatSync(path, out, at);
	rawInto(raw, path, out, at);
	if (!checked) selfCheck(path, out, at);
}

/** The first raw stat against statSync on the same file: any difference turns raw stats off for the process. */
function selfCheck(path: string, out: Float64Array, at: number): void {
	checked = true;
	const again = new Float64Array(3);
	viaStatSync(path, again, 0);
	if (again[0] !== out[at] || again[1] !== out[at + 1] || again[2] !== out[at + 2]) {
		raw = null;
		viaStatSync(path, out, at);
	}
}

/**
 * `statInto` for every name of one directory (`dir/name` → out[3i..3i+2]): the warm run's
 * loop, 50,000 turns, kept small (one call and a few typed-array writes per log).
 */
export function statNamesInto(dir: string, names: readonly string[], out: Float64Array, env: NodeJS.ProcessEnv = process.env): void {
	const prefix = `${dir}/`;
	let i = 0;
	// Until the self-check has passed, one at a time through statInto.
	for (; i < names.length && !(checked && raw); i++) statInto(prefix + names[i]!, out, i * 3, env);
	const stat = raw;
	if (!stat) {
		for (; i < names.length; i++) viaStatSync(prefix + names[i]!, out, i * 3);
		return;
	}
	for (; i < names.length; i++) rawInto(stat, prefix + names[i]!, out, i * 3);
}

const S_IFDIR = 0o040000;
const DEV = 0;

/**
 * A directory's identity, `dev:ino` (links followed), or undefined when it is not a directory or
 * cannot be stat'ed: discovery's VisitedDirs asks it of every directory it enters. Exact (64-bit
 * numbers), as `statSync(path, {bigint: true})`, without making a BigIntStats object (about
 * twenty BigInts and Dates per directory); through statSync until the first log's raw stat
 * passed its check (statInto), or when raw stats are off.
 */
export function dirIdentity(path: string): string | undefined {
	const stat = checked ? raw : null;
	if (stat) {
		let r: BigInt64Array | undefined;
		try {
			r = (stat as unknown as (p: string, bigint: true, req: undefined, c: object) => BigInt64Array | undefined)(path, true, undefined, ctx);
		} catch {
			r = undefined;
		}
		if (!r) return undefined;
		return (Number(r[MODE]!) & S_IFMT) === S_IFDIR ? `${r[DEV]}:${r[INO]}` : undefined;
	}
	try {
		const st = statSync(path, {bigint: true});
		return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
	} catch {
		return undefined;
	}
}

/** Which way stats are taken (tests): 'raw', 'statSync', or 'undecided'. */
export function rawStatMode(): 'raw' | 'statSync' | 'undecided' {
	return raw === undefined ? 'undecided' : raw === null ? 'statSync' : checked ? 'raw' : 'undecided';
}

/** Forgets the decision (tests). */
export function resetRawStat(): void {
	raw = undefined;
	checked = false;
}
