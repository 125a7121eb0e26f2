/**
 * The last reports, kept for the next identical run (issue 16: P4, P4b, P1). A report is a
 * pure function of the ledger, the price book, the arguments, the environment, the face and
 * the clock; when none of these changed since a run, its output is that run's, byte for byte,
 * and the scan, the analysis and the rendering are skipped (and their code is not even
 * loaded: this module imports none of it).
 *
 * What the key covers (a change to any of them is a miss, and the report is made afresh):
 * - the build (the CLI file's size and mtime) and the cache format;
 * - the arguments, the working directory, the environment (but `_`, `OLDPWD`, `SHLVL`, and
 *   `BURN_TRACE`, whose trace line cli/start.ts prints after the report, never into it);
 * - the face: JSON or text, and for text whether stdout is a terminal and its width;
 * - the UTC and local day of the run, and the time zone offset;
 * - every file under `ledger/` and `copies/drop/` (name, size, mtime, inode), `pricing.json`,
 *   `config.json` and `retention.json`, and `content/` itself; the installed price package's
 *   manifest; with `--ledger`, the foreign `ledger.jsonl` and `content/`, and our derived
 *   index of it (ready or not, and its partitions);
 * - the window's end; what this run's ingest skipped (it is part of the report). A run whose
 *   ingest said anything (a busy lock, a full disk) neither reads nor writes the cache.
 *
 * The window's start is kept beside the key. A relative window (`--since 7d`, the default)
 * starts a little later at every run: the kept report still holds while the start stays in
 * the same UTC and local day (the same partitions, the same daily series) and no in-window
 * turn lies between the kept start and the new one (the report then holds the same turns);
 * its output differs only in the start itself, which JSON prints once (`window.since`, put in
 * place on a hit) and text does not print (its label is `last 7 days`).
 *
 * One entry per command line (`<home>/report-cache/<slot>`, 0600, replaced atomically; the
 * newest few kept): the key, the window's start, what the report said on stderr, and its
 * stdout. `BURN_REPORT_CACHE=off` turns it off. The hotspots report (text and JSON, any
 * window, our ledger or `--ledger`) uses it; `--session`, `--patterns`, `--findings`,
 * `--project` (a git remote is resolved) and the interactive view do not.
 */
import {lstatSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {ensurePrivateDir} from '../core/home.js';
import {mark} from '../core/trace.js';
import {pricesKey} from '../core/prices-key.js';
import {cacheKey, foreignCacheHome} from '../ledger/foreign-home.js';
import type {IngestResult} from '../ledger/ingest.js';
import type {LoadRequest} from './load.js';
import {statKey} from '../core/stat-key.js';
import {ingestFor} from './ingest-step.js';
import {bodyBytes, closeKept, openKept, pipeBody, wholeBody, type KeptFile, type Splice} from './kept-output.js';

const DIR = 'report-cache';
/** Variables no report depends on. */
const UNKEYED_ENV = new Set(['_', 'OLDPWD', 'SHLVL', 'BURN_TRACE']);
const FORMAT = 2;
/** Entries kept (one per command line): the oldest goes when a new one is written. */
const MAX_ENTRIES = 8;
/** `sinceAt` when the kept start cannot be moved (the report prints it, or not once). */
const FIXED = -2;
/** `sinceAt` when the output does not print the start (text with a relative label). */
const UNPRINTED = -1;

export interface CacheIo {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	/** Writes to the process's stdout synchronously, without a stream (io.ts); a hit then copies the kept output piece by piece. */
	out?: (bytes: Uint8Array | string) => void;
	now: number;
}

/** What a made report tells the cache besides its exit code. */
export interface Made {
	code: number;
	/** The earliest time (ms) of an in-window dated turn; +Infinity when none; undefined: unknown. */
	firstInWindowMs?: number;
}

export type Face = 'json' | 'text';

/** Whether a request may use the cache: the hotspots report (either face) without a project filter. */
export function reportCacheApplies(request: LoadRequest, hotspots: boolean): boolean {
	return (
		hotspots &&
		request.env.BURN_REPORT_CACHE !== 'off' &&
		!request.rebuild &&
		// A project filter resolves the directory's git remote, which is not in the key.
		!request.filter.project
	);
}

function dirKey(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir).sort();
	} catch {
		return [statKey(dir)];
	}
	return names.map((n) => `${n}=${statKey(join(dir, n))}`);
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function localDay(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** The ledger a report reads: ours, or the derived index of a `--ledger` directory (and the directory). */
function ledgerKey(request: LoadRequest): unknown {
	if (!request.foreignLedger) return [dirKey(join(request.home, 'ledger')), dirKey(join(request.home, 'copies', 'drop'))];
	const derived = foreignCacheHome(request.home, request.foreignLedger);
	return [
		statKey(join(request.foreignLedger, 'ledger.jsonl')),
		statKey(join(request.foreignLedger, 'content')),
		derived ?? '-',
		derived ? [statKey(join(derived, 'ready')), dirKey(join(derived, 'ledger')), dirKey(join(derived, 'copies', 'drop'))] : '-',
	];
}

/** The key of a report: every input it is a function of but the window's start (see the top of this file). */
export function reportKey(request: LoadRequest, io: Pick<CacheIo, 'argv' | 'env' | 'cwd' | 'now' | 'stdout'>, face: Face, ingested: IngestResult | null): string {
	const parts: string[] = [];
	const put = (label: string, value: unknown) => parts.push(`${label}\u0000${JSON.stringify(value)}`);
	put('format', FORMAT);
	put('build', process.argv[1] ? statKey(process.argv[1]) : '-');
	put('argv', io.argv);
	put('cwd', io.cwd);
	put(
		'env',
		Object.entries(io.env)
			.filter(([k]) => !UNKEYED_ENV.has(k))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
	);
	put('face', face === 'json' ? ['json'] : ['text', !!io.stdout.isTTY, io.stdout.columns ?? null]);
	put('days', [utcDay(io.now), localDay(io.now), new Date(io.now).getTimezoneOffset()]);
	put('until', request.window.until);
	put('ledger', ledgerKey(request));
	put('files', ['pricing.json', 'config.json', 'retention.json', 'content'].map((f) => statKey(join(request.home, f))));
	put('prices', pricesKey());
	put('skips', ingested ? ingested.skips : null);
	return parts.join('\u0001');
}

interface Head {
	v: number;
	key: string;
	stderr: string;
	/** The window's start the output was made for. */
	since: string | null;
	/** Where stdout prints it (a byte offset), UNPRINTED or FIXED. */
	sinceAt: number;
	/** The earliest in-window turn (ms); null when none. */
	firstMs: number | null;
}

interface Entry extends Head {
	stdout: Buffer;
}

const entryPath = (home: string, slot: string) => join(home, DIR, slot);

/** One entry per command line (and face, and ledger): a second command does not evict the first. */
function slotOf(request: LoadRequest, io: Pick<CacheIo, 'argv' | 'cwd'>, face: Face): string {
	return cacheKey(JSON.stringify([io.argv, io.cwd, face, request.foreignLedger ?? null]));
}

/** The head of a kept file (`{"v":2,"key":…}\n`, then stdout's bytes, not parsed on a hit: kept-output.ts), when it is this format's. */
function headOf(kept: KeptFile): Head | undefined {
	const head = kept.head as Partial<Head>;
	if (head.v !== FORMAT || typeof head.key !== 'string' || typeof head.stderr !== 'string' || typeof head.sinceAt !== 'number') return undefined;
	return head as Head;
}

function writeEntry(home: string, slot: string, entry: Entry): void {
	const dir = join(home, DIR);
	const path = entryPath(home, slot);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		// A cache file of an older burn where the directory goes.
		if (lstatSync(dir, {throwIfNoEntry: false})?.isFile()) rmSync(dir, {force: true});
		ensurePrivateDir(dir);
		rmSync(tmp, {force: true});
		const {stdout, ...head} = entry;
		writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), stdout]), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
		prune(dir);
	} catch {
		// A full disk, a read-only home: the next run makes the report again.
		rmSync(tmp, {force: true});
	}
}

/** Keeps the newest MAX_ENTRIES entries. */
function prune(dir: string): void {
	const names = readdirSync(dir).filter((n) => !n.endsWith('.tmp'));
	if (names.length <= MAX_ENTRIES) return;
	const aged = names.map((n) => ({n, t: lstatSync(join(dir, n), {throwIfNoEntry: false})?.mtimeMs ?? 0})).sort((a, b) => b.t - a.t);
	for (const {n} of aged.slice(MAX_ENTRIES)) rmSync(join(dir, n), {force: true});
}

/**
 * Whether the kept output serves a request, and how: as kept (the same start), or with the new
 * start put in place of the kept one (a relative window: see the top of this file).
 */
function servable(head: Head, kept: KeptFile, key: string, request: LoadRequest, face: Face): {splice?: Splice} | undefined {
	if (head.key !== key) return undefined;
	const since = request.window.since;
	if (since === head.since) return {};
	if (since === null || head.since === null || request.window.until !== null || head.sinceAt === FIXED) return undefined;
	if ((face === 'json') !== head.sinceAt >= 0) return undefined;
	const [was, now] = [Date.parse(head.since), Date.parse(since)];
	if (!(now > was) || utcDay(now) !== utcDay(was) || localDay(now) !== localDay(was)) return undefined;
	if (head.firstMs !== null && now > head.firstMs) return undefined;
	if (head.sinceAt === UNPRINTED) return {};
	const old = Buffer.from(head.since);
	if (!bodyBytes(kept, head.sinceAt, old.length).equals(old)) return undefined;
	return {splice: {at: head.sinceAt, cut: old.length, put: Buffer.from(since)}};
}

/** Where the output prints the window's start, for a later start to be put in its place. */
function sinceAtOf(stdout: Buffer, request: LoadRequest, face: Face, made: Made): number {
	const since = request.window.since;
	if (since === null || request.window.until !== null || made.firstInWindowMs === undefined) return FIXED;
	if (face === 'text') return stdout.includes(since) ? FIXED : UNPRINTED;
	// The JSON report prints it once, as `window.since`.
	const field = Buffer.from(`"since": ${JSON.stringify(since)}`);
	const at = stdout.indexOf(field);
	if (at < 0 || stdout.indexOf(since, at + field.length) >= 0 || stdout.subarray(0, at).includes(since)) return FIXED;
	return at + field.length - Buffer.byteLength(since) - 1;
}

/** A stream that writes through and keeps a copy of what was written. */
function tee(stream: NodeJS.WriteStream, isTTY: boolean): {stream: NodeJS.WriteStream; text: () => string} {
	const parts: string[] = [];
	const proxy = new Proxy(stream, {
		get(target, prop, receiver) {
			if (prop === 'write') {
				return (chunk: string | Uint8Array, ...rest: unknown[]) => {
					parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
					return (target.write as (...a: unknown[]) => boolean).call(target, chunk, ...rest);
				};
			}
			if (prop === 'isTTY') return isTTY;
			const v = Reflect.get(target, prop, receiver) as unknown;
			return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
		},
	});
	return {stream: proxy, text: () => parts.join('')};
}

/** Whether the derived index of a `--ledger` directory is built (always, for our own ledger). */
function indexReady(request: LoadRequest): boolean {
	if (!request.foreignLedger) return true;
	const derived = foreignCacheHome(request.home, request.foreignLedger);
	return !!derived && statKey(join(derived, 'ready')) !== '-';
}

/**
 * Ingest, then the kept report when it holds, else the report made afresh by `make` (which
 * prints it) and kept for the next run. `make` gets the request with this run's ingest in it
 * (`ingested`: not run again). The signal stops the ingest (pipe13's cancellation).
 */
export async function cachedReport(
	request: LoadRequest,
	io: CacheIo,
	make: (request: LoadRequest, io: CacheIo) => Promise<number | Made>,
	signal?: AbortSignal,
	face: Face = 'json',
): Promise<number> {
	const ingested = await ingestFor(request, signal);
	mark('ingest');
	const usable = !ingested || (ingested.ran && ingested.warnings.length === 0);
	const ready = indexReady(request);
	const key = usable ? reportKey(request, io, face, ingested) : undefined;
	mark('cache:key');
	const slot = slotOf(request, io, face);
	const kept = key ? openKept(entryPath(request.home, slot)) : undefined;
	if (kept) {
		try {
			const head = headOf(kept);
			let plan: {splice?: Splice} | undefined;
			try {
				plan = head && servable(head, kept, key!, request, face);
			} catch {
				// Unreadable: made afresh. (Once the copy has begun, a read error is the run's.)
			}
			if (head && plan) {
				if (head.stderr) io.stderr.write(head.stderr);
				if (io.out) pipeBody(kept, plan.splice, io.out);
				else io.stdout.write(wholeBody(kept, plan.splice));
				mark('cache:hit');
				return 0;
			}
		} finally {
			closeKept(kept);
		}
	}
	const fresh: LoadRequest = {...request, ingest: false, ingested};
	const unpack = (r: number | Made): Made => (typeof r === 'number' ? {code: r} : r);
	if (!key) return unpack(await make(fresh, io)).code;
	const out = tee(io.stdout, !!io.stdout.isTTY);
	const err = tee(io.stderr, false);
	// Everything the report says goes through the copies (not `out`, which would pass them by).
	const {out: _raw, ...streams} = io;
	const made = unpack(await make(fresh, {...streams, stdout: out.stream, stderr: err.stream}));
	// Made from the same inputs as the key (the ledger is written only under the ingest lock,
	// which this run no longer holds: a change since is seen by the next run's key). The first
	// `--ledger` read builds the derived index: the key after it names it ready.
	const after = made.code === 0 ? reportKey(request, io, face, ingested) : undefined;
	if (after !== undefined && (after === key || !ready)) {
		const stdout = Buffer.from(out.text());
		const firstMs = made.firstInWindowMs === undefined || made.firstInWindowMs === Number.POSITIVE_INFINITY ? null : made.firstInWindowMs;
		writeEntry(request.home, slot, {v: FORMAT, key: after, stderr: err.text(), since: request.window.since, sinceAt: sinceAtOf(stdout, request, face, made), firstMs, stdout});
	}
	return made.code;
}

/** The cache's directory (tests). */
export const reportCacheDir = (home: string): string => join(home, DIR);

/** The cache's entries (tests). */
export function reportCacheEntries(home: string): string[] {
	try {
		return readdirSync(join(home, DIR))
			.filter((n) => !n.endsWith('.tmp'))
			.map((n) => join(home, DIR, n));
	} catch {
		return [];
	}
}
