/**
 * The way into ingest for every caller (issue 17: the warm run over 50,000 logs). Discovery
 * first; when it shows nothing new, the answer is "nothing new" at once: no lock taken, no
 * reader loaded, no cursor shard parsed, nothing written. Nothing is new when discovery found
 * exactly what the last complete ingest found (the warm index, warm-index.ts: one compare per
 * directory) or, failing that, every log lies in a cursor shard whose digest agrees with what
 * discovery found (cursors.ts), the databases read
 * as a whole kept their stat, the copy index holds everything observed, no content sweep is due,
 * and no other burn is ingesting (then the ingest proper waits for it, as before). Otherwise
 * the ingest proper (ingest.ts, loaded only now) runs with this discovery.
 */
import {lstatSync} from 'node:fs';
import {join} from 'node:path';
import type {ProgressSink} from '../core/progress.js';
import {emptySkips} from '../core/records.js';
import {plural} from '../core/numbers.js';
import {mark} from '../core/trace.js';
import {tuneV8} from '../core/v8-tuning.js';
import {discoverAll, type Discovery} from '../sources/discover-all.js';
import {targetItems} from '../sources/opencode/targets.js';
import {copyIndexSettled} from './copies-meta.js';
import {CursorStore} from './cursors.js';
import {dbUnchanged, statStamp} from './db-cursor.js';
import {pruneDue} from './retention.js';
import {takeLock} from './lock.js';
import {readWarmIndex, warmIndexMatches, writeWarmIndex, type WarmIndex} from './warm-index.js';
import type {IngestOptions, IngestResult} from './ingest.js';

/** Milliseconds for the progress steps; `performance.now()` would load perf_hooks on the light path (~1.5 ms CPU). */
const elapsedNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Every item ingest counts in its progress: logs, OpenCode databases and sessions, other databases. */
export function totalFilesOf(d: Discovery): number {
	return d.logCount + d.opencode.reduce((n, t) => n + targetItems(t), 0) + d.dbs.length;
}

/**
 * A discovery handed over by the CommonJS light start (cli/handover.ts): it found something new
 * and stopped before the ingest; the ES module build in the same process ingests with that
 * discovery instead of listing every log again (50,000 logs: ~0.3 s). Keyed by the home and
 * the environment object, taken once.
 */
const HANDED = Symbol.for('burn.handed-discovery');
interface Handed {
	home: string;
	env: NodeJS.ProcessEnv;
	discovery: Discovery;
	elapsedMs: number;
}
const handed = globalThis as {[HANDED]?: Handed};

function takeHanded(home: string, env: NodeJS.ProcessEnv): Handed | undefined {
	const h = handed[HANDED];
	delete handed[HANDED];
	return h && h.home === home && h.env === env ? h : undefined;
}

/**
 * Discovery with its progress step (`discover` start, then done with what was found). `known`:
 * Claude's walk from the warm index, replayed first (sources/claude-walk.ts).
 */
export function discoverStep(env: NodeJS.ProcessEnv, progress: ProgressSink, given?: Handed, known?: WarmIndex): Discovery {
	const t0 = elapsedNow();
	progress({step: 'discover', state: 'start'});
	const discovery = given?.discovery ?? discoverAll(env, known?.walk);
	mark('ingest:discover');
	const total = totalFilesOf(discovery);
	const n = discovery.sourcesFound.length;
	progress({step: 'discover', state: 'done', elapsedMs: given?.elapsedMs ?? elapsedNow() - t0, total, summary: `${plural(n, 'source')}, ${plural(total, 'file')}`});
	return discovery;
}

/** A log directory that cannot be listed hides its logs: counted with the unreadable files, and named. */
export function noteLostDirs(result: IngestResult): void {
	const lost = result.discovery.unreadableDirs;
	if (lost.length === 0) return;
	result.skips.unreadableFiles += lost.length;
	result.warnings.push(`cannot read ${lost.length === 1 ? 'log directory' : `${lost.length} log directories`} ${lost[0]}${lost.length > 1 ? ` and ${lost.length - 1} more` : ''}; their logs are left out`);
}

/** What is at a path, without following a link. */
function kindOf(path: string): 'none' | 'dir' | 'other' {
	try {
		const st = lstatSync(path, {throwIfNoEntry: false});
		return !st ? 'none' : st.isDirectory() ? 'dir' : 'other';
	} catch {
		return 'other';
	}
}

/**
 * Whether an ingest now would read nothing and write nothing (see the top of this file).
 * `how.byDigests` is set when the logs were judged by the cursor digests, the warm index not
 * matching (healWarmIndex).
 */
export function nothingNew(opts: Pick<IngestOptions, 'home' | 'rebuild' | 'retentionDays'>, d: Discovery, how: {byDigests?: boolean} = {}, index?: WarmIndex): boolean {
	if (opts.rebuild) return false;
	const home = opts.home;
	// Another burn is ingesting, or left its lock: the ingest proper waits or takes it over.
	if (kindOf(join(home, 'ingest.lock')) !== 'none') return false;
	// A `ledger` that is not a directory, a `cursors.json` to migrate: the ingest proper mends them.
	if (kindOf(join(home, 'ledger')) !== 'dir' || kindOf(join(home, 'cursors.json')) !== 'none') return false;
	if (!copyIndexSettled(home)) return false;
	// OpenCode's JSON tree: its reader's state decides what changed.
	if (d.opencode.some((t) => t.sessions.length > 0)) return false;
	// The cursor shards' headers are read only when needed: the warm index (warm-index.ts)
	// answers for the logs when discovery found exactly what the last ingest left.
	let store: CursorStore | undefined;
	const cursors = () => (store ??= CursorStore.load(home));
	if (d.logCount > 0 && !warmIndexMatches(index ?? readWarmIndex(home), d)) {
		if (!cursors().allUnchanged(d.batches, d.loose)) return false;
		how.byDigests = true;
	}
	for (const t of d.opencode) for (const db of t.dbs) if (!dbUnchanged(cursors().get(`opencode-db:${db.path}`), db, db.wal)) return false;
	for (const db of d.dbs) {
		const st = statStamp(db.path);
		const wal = statStamp(`${db.path}-wal`);
		// A database that is gone is not read (ingest-dbs.ts).
		if (st && !dbUnchanged(cursors().get(`${db.source}-db:${db.path}`), st, wal && {size: wal.size, mtimeMs: wal.mtimeMs})) return false;
	}
	return !pruneDue(home, opts.retentionDays);
}

/**
 * Every log is as its cursor left it, but the warm index does not say so: a home from a build
 * with another index format, or one whose index an ingest could not write. Left alone, every
 * warm run would judge by the cursor digests (~20 ms on 1,300 logs, where the index takes 2).
 * So the index is written now, under the ingest lock taken only if free (never waited for),
 * after the digests are checked again under it: the index still says only what the cursors
 * say. Any failure (a busy lock, a read-only home, a full disk) leaves things as they were.
 */
async function healWarmIndex(home: string, d: Discovery): Promise<void> {
	try {
		const lock = await takeLock(home, 'ingest', 0);
		if (!('release' in lock)) return;
		try {
			if (CursorStore.load(home).allUnchanged(d.batches, d.loose)) writeWarmIndex(home, d, () => true);
		} finally {
			lock.release();
		}
		mark('ingest:warm-index');
	} catch {}
}

/** Discovery, then "nothing new" at once, or the ingest proper (ingest.ts) with that discovery. */
export async function refreshLedger(opts: IngestOptions): Promise<IngestResult> {
	const progress = opts.onProgress ?? (() => {});
	const given = takeHanded(opts.home, opts.env);
	const t0 = elapsedNow();
	// The warm index first: Claude's walk is replayed instead of listing its directories.
	const index = given ? undefined : readWarmIndex(opts.home);
	const discovery = discoverStep(opts.env, progress, given, index);
	opts.signal?.throwIfAborted();
	const t1 = elapsedNow();
	const how: {byDigests?: boolean} = {};
	// A handed discovery was not "nothing new" a moment ago (it was handed over for the ingest).
	if (!given && nothingNew(opts, discovery, how, index)) {
		mark('ingest:nothing-new');
		if (how.byDigests) await healWarmIndex(opts.home, discovery);
		const result: IngestResult = {discovery, filesChanged: 0, bytesRead: 0, records: 0, skips: emptySkips(), warnings: [], ran: true};
		noteLostDirs(result);
		const total = totalFilesOf(discovery);
		progress({step: 'ingest', state: 'start', done: 0, total});
		progress({step: 'ingest', state: 'done', elapsedMs: elapsedNow() - t1, done: total, total, bytes: 0, summary: `${plural(total, 'file')}, nothing new`});
		return result;
	}
	tuneV8();
	// In the CommonJS light start this import hands the command over (cli/handover.ts), and the
	// ES module build ingests with this discovery.
	handed[HANDED] = {home: opts.home, env: opts.env, discovery, elapsedMs: t1 - t0};
	const {ingest} = await import('./ingest.js');
	delete handed[HANDED];
	return ingest({...opts, discovery});
}
