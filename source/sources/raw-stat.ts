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

/** mtimeMs as Node computes it from a stat's seconds and nanoseconds: one formula, so that every copy compares equal bit for bit. */
export const mtimeMsOf = (sec: number, nsec: number): number => sec * 1e3 + nsec / 1e6;

/**
 * Through the binding `stat`: [size, mtimeMs (as Node computes it), ino] of a regular file, or
 * size -1; with `times`, also the mtime's seconds and nanoseconds at times[tat], times[tat + 1].
 */
function rawInto(stat: StatFn, path: string, out: Float64Array, at: number, times?: Float64Array, tat = 0): void {
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
	out[at + 1] = mtimeMsOf(r[MTIME_S]!, r[MTIME_NS]!);
	out[at + 2] = r[INO]!;
	if (times) {
		times[tat] = r[MTIME_S]!;
		times[tat + 1] = r[MTIME_NS]!;
	}
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

/**
 * The first raw stat against statSync on the same file: any difference turns raw stats off for
 * the process. Only a regular file shows the array's layout: a path that is gone or not a file
 * leaves the check to the next stat (both ways say -1 there, which proves nothing).
 */
function selfCheck(path: string, out: Float64Array, at: number): void {
	const again = new Float64Array(3);
	viaStatSync(path, again, 0);
	if (again[0] !== out[at] || again[1] !== out[at + 1] || again[2] !== out[at + 2]) {
		checked = true;
		raw = null;
		viaStatSync(path, out, at);
	} else if (out[at]! >= 0) checked = true;
}

/**
 * `statInto` for every name of one directory (`dir/name` → out[3i..3i+2]): the warm run's
 * loop, 50,000 turns, kept small (one call and a few typed-array writes per log). With `times`,
 * each mtime's seconds and nanoseconds too (times[2i], times[2i+1]), exact, for a replay that
 * compares them without arithmetic (claude-walk.ts); returns whether they were written (raw
 * stats only).
 */
export function statNamesInto(dir: string, names: readonly string[], out: Float64Array, env: NodeJS.ProcessEnv = process.env, times?: Float64Array): boolean {
	const prefix = `${dir}/`;
	let i = 0;
	// Until the self-check has passed, one at a time through statInto (the one that passed it
	// again through the raw stat, for its times).
	for (; i < names.length && !(checked && raw); i++) {
		statInto(prefix + names[i]!, out, i * 3, env);
		if (times && checked && raw) rawInto(raw, prefix + names[i]!, out, i * 3, times, i * 2);
	}
	const stat = raw;
	if (!stat) {
		for (; i < names.length; i++) viaStatSync(prefix + names[i]!, out, i * 3);
		return false;
	}
	for (; i < names.length; i++) rawInto(stat, prefix + names[i]!, out, i * 3, times, i * 2);
	return checked;
}

const S_IFDIR = 0o040000;
const DEV = 0;

/** A directory as stat'ed (links followed): its identity, and numbers a replay compares (claude-walk.ts). */
export interface DirState {
	/** `dev:ino`, exact (64-bit numbers). */
	key: string;
	/** dev and ino as numbers (exact only up to 2^53: claude-walk.ts checks), and the mtime's seconds and nanoseconds. */
	dev: number;
	ino: number;
	sec: number;
	nsec: number;
}

/**
 * A directory's identity and mtime, or undefined when it is not a directory or cannot be
 * stat'ed: discovery's VisitedDirs asks it of every directory it enters. Exact (64-bit numbers),
 * as `statSync(path, {bigint: true})`, without making a BigIntStats object (about twenty
 * BigInts and Dates per directory); through statSync until the first log's raw stat passed its
 * check (statInto), or when raw stats are off.
 */
export function dirState(path: string): DirState | undefined {
	const stat = checked ? raw : null;
	if (stat) {
		let r: BigInt64Array | undefined;
		try {
			r = (stat as unknown as (p: string, bigint: true, req: undefined, c: object) => BigInt64Array | undefined)(path, true, undefined, ctx);
		} catch {
			r = undefined;
		}
		if (!r || (Number(r[MODE]!) & S_IFMT) !== S_IFDIR) return undefined;
		return {key: `${r[DEV]}:${r[INO]}`, dev: Number(r[DEV]), ino: Number(r[INO]), sec: Number(r[MTIME_S]), nsec: Number(r[MTIME_NS])};
	}
	try {
		const st = statSync(path, {bigint: true});
		if (!st.isDirectory()) return undefined;
		const ns = st.mtimeNs;
		// Seconds rounded down and nanoseconds 0..1e9, as the kernel gives them (and a raw stat).
		const sec = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n);
		return {key: `${st.dev}:${st.ino}`, dev: Number(st.dev), ino: Number(st.ino), sec: Number(sec), nsec: Number(ns - sec * 1_000_000_000n)};
	} catch {
		return undefined;
	}
}

/** A directory's identity, `dev:ino` (links followed), or undefined (dirState). */
export function dirIdentity(path: string): string | undefined {
	return dirState(path)?.key;
}

/** Indices of Node's stat array, for a replay reading it directly (rawStatter). */
export const STAT = {DEV, MODE, INO, SIZE, MTIME_S, MTIME_NS} as const;
export const S_IF = {FMT: S_IFMT, REG: S_IFREG, DIR: S_IFDIR} as const;

/**
 * The raw stat itself, for a replay of many paths (claude-walk.ts): the binding's shared
 * array (valid until the next stat) or undefined when the path cannot be stat'ed. Null when
 * raw stats are not available; the self-check runs first on `sample` (a regular file, or
 * anything: a path that is not a file leaves the check undecided and the answer null).
 */
export function rawStatter(sample: string, env: NodeJS.ProcessEnv = process.env): ((path: string) => Float64Array | undefined) | null {
	if (!checked) statInto(sample, new Float64Array(3), 0, env);
	const stat = checked ? raw : null;
	if (!stat) return null;
	return (path: string) => {
		try {
			return stat(path, false, undefined, ctx);
		} catch {
			return undefined;
		}
	};
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
