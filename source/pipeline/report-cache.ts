/**
 * The all-time JSON report, kept for the next identical run (issue 16, P4: a warm all-time
 * report with nothing new). A report is a pure function of the ledger, the price book, the
 * arguments, the environment and the day; when none of these changed since the last run, its
 * output is the last run's, byte for byte, and the scan and the analysis are skipped.
 *
 * What the key covers (a change to any of them is a miss, and the report is made afresh):
 * - the build (the CLI file's size and mtime) and the cache format;
 * - the arguments, the working directory, the environment (but `_`, `OLDPWD`, `SHLVL`);
 * - the UTC and local day of the run;
 * - every file under `ledger/` and `copies/drop/` (name, size, mtime, inode), `pricing.json`,
 *   `config.json` and `retention.json` (content retention: sidecars sizes are read), and
 *   `content/` itself; the installed price package's manifest;
 * - what this run's ingest skipped (it is part of the report). A run whose ingest said
 *   anything (a busy lock, a full disk) neither reads nor writes the cache.
 *
 * One entry, `<home>/report-cache` (0600, replaced atomically): the key, what the report said
 * on stderr, and its stdout. `BURN_REPORT_CACHE=off` turns it off. Only `--since all --json`
 * without other views or filters uses it (a relative window moves with the clock).
 */
import {createHash} from 'node:crypto';
import {lstatSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import type {IngestResult} from '../ledger/ingest.js';
import type {LoadRequest} from './load.js';

const FILE = 'report-cache';
const FORMAT = 1;

export interface CacheIo {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	now: number;
}

/** Whether a request may use the cache: the all-time hotspots JSON over our own ledger. */
export function reportCacheApplies(request: LoadRequest, json: boolean, hotspotsOnly: boolean): boolean {
	return (
		json &&
		hotspotsOnly &&
		request.env.BURN_REPORT_CACHE !== 'off' &&
		!request.foreignLedger &&
		!request.rebuild &&
		request.window.since === null &&
		request.window.until === null &&
		// A project filter resolves the directory's git remote, which is not in the key.
		!request.filter.project
	);
}

function statKey(path: string): string {
	try {
		const st = lstatSync(path);
		return `${st.size}:${st.mtimeMs}:${st.ino}:${st.mode}`;
	} catch {
		return '-';
	}
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

/** The installed price package's manifest (an `npm update` without a rebuild changes the prices). */
function pricePackageKey(): string {
	try {
		const require = createRequire(import.meta.url);
		return statKey(join(dirname(require.resolve('@pydantic/genai-prices')), '..', 'package.json'));
	} catch {
		return '-';
	}
}

function localDay(now: number): string {
	const d = new Date(now);
	return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** The key of a report: every input it is a function of (see the top of this file). */
export function reportKey(home: string, io: Pick<CacheIo, 'argv' | 'env' | 'cwd' | 'now'>, ingested: IngestResult | null): string {
	const h = createHash('sha256');
	const put = (label: string, value: unknown) => h.update(`${label}\u0000${JSON.stringify(value)}\u0001`);
	put('format', FORMAT);
	put('build', process.argv[1] ? statKey(process.argv[1]) : '-');
	put('argv', io.argv);
	put('cwd', io.cwd);
	put(
		'env',
		Object.entries(io.env)
			.filter(([k]) => k !== '_' && k !== 'OLDPWD' && k !== 'SHLVL')
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
	);
	put('days', [new Date(io.now).toISOString().slice(0, 10), localDay(io.now), new Date(io.now).getTimezoneOffset()]);
	put('ledger', dirKey(join(home, 'ledger')));
	put('drops', dirKey(join(home, 'copies', 'drop')));
	put('files', ['pricing.json', 'config.json', 'retention.json', 'content'].map((f) => statKey(join(home, f))));
	put('prices', pricePackageKey());
	put('skips', ingested ? ingested.skips : null);
	return h.digest('hex');
}

interface Entry {
	key: string;
	stdout: string | Buffer;
	stderr: string;
}

/** `{"v":1,"key":…,"stderr":…}\n` then stdout's bytes as they were written (no parse on a hit). */
function readEntry(home: string): Entry | undefined {
	try {
		const buf = readRegular(join(home, FILE));
		const nl = buf.indexOf(10);
		if (nl < 0) return undefined;
		const head = JSON.parse(buf.toString('utf8', 0, nl)) as {v?: unknown; key?: unknown; stderr?: unknown};
		if (head.v === FORMAT && typeof head.key === 'string' && typeof head.stderr === 'string') return {key: head.key, stderr: head.stderr, stdout: buf.subarray(nl + 1)};
	} catch {}
	return undefined;
}

function writeEntry(home: string, entry: Entry): void {
	const path = join(home, FILE);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		const head = `${JSON.stringify({v: FORMAT, key: entry.key, stderr: entry.stderr})}\n`;
		writeFileSync(tmp, Buffer.concat([Buffer.from(head), Buffer.from(entry.stdout)]), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
	} catch {
		// A full disk, a read-only home: the next run makes the report again.
		rmSync(tmp, {force: true});
	}
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

/**
 * Ingest, then the cached report when its key matches, else the report made afresh by
 * `make` (which prints it) and kept for the next run. `make` gets the request with this run's
 * ingest in it (`ingested`: not run again). The signal stops the ingest (pipe13's cancellation).
 */
export async function cachedReport(
	request: LoadRequest,
	io: CacheIo,
	make: (request: LoadRequest, io: CacheIo) => Promise<number>,
	signal?: AbortSignal,
): Promise<number> {
	let ingested: IngestResult | null = null;
	if (request.ingest) {
		const {refreshLedger: ingest} = await import('../ledger/refresh.js');
		ingested = await ingest({
			home: request.home,
			env: request.env,
			contentMode: request.contentMode,
			retentionDays: request.retentionDays,
			...(request.onProgress ? {onProgress: request.onProgress} : {}),
			...(request.onWait ? {onWait: request.onWait} : {}),
			...(signal ? {signal} : {}),
		});
	}
	const usable = !ingested || (ingested.ran && ingested.warnings.length === 0);
	const key = usable ? reportKey(request.home, io, ingested) : undefined;
	if (key) {
		const hit = readEntry(request.home);
		if (hit && hit.key === key) {
			io.stderr.write(hit.stderr);
			io.stdout.write(hit.stdout);
			return 0;
		}
	}
	const fresh: LoadRequest = {...request, ingest: false, ingested};
	if (!key) return make(fresh, io);
	const out = tee(io.stdout, !!io.stdout.isTTY);
	const err = tee(io.stderr, false);
	const code = await make(fresh, {...io, stdout: out.stream, stderr: err.stream});
	// Made from the same inputs as the key (the ledger is written only under the ingest lock,
	// which this run no longer holds: a change since is seen by the next run's key).
	if (code === 0 && key === reportKey(request.home, io, ingested)) writeEntry(request.home, {key, stdout: out.text(), stderr: err.text()});
	return code;
}

/** The cache file (tests). */
export const reportCacheFile = (home: string): string => join(home, FILE);
