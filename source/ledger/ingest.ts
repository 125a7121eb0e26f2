import {closeSync, readSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';
import type {SkipCounts} from '../core/records.js';
import {addSkips, emptySkips} from '../core/records.js';
import {ensurePrivateDir} from '../core/home.js';
import type {ProgressSink} from '../core/progress.js';
import {CODEX_COUNTERS_RV, READER_VERSION} from '../sources/reader.js';
import type {Discovery} from '../sources/discover-all.js';
import type {LogFile} from '../sources/discover.js';
import {ProjectResolver} from '../sources/project.js';
import {writePartitions} from './append.js';
import {contentDir, writeContent} from './content.js';
import {pruneContentIfDue} from './retention.js';
import {CursorStore, type CursorHead, type FileCursor} from './cursors.js';
import {readLogFileAsync, type ReadResult} from './read-log.js';
import {ReaderPool, workerScript} from './worker-pool.js';
import {lockWaitMs, takeLock} from './lock.js';
import {CopyIndex} from './copies.js';
import {copyKeysPass} from './copy-pass.js';
import {purgeInvalidRecords} from './purge.js';
import {clearLedgerObstacle, clearPartitionObstacles} from './obstacles.js';
import {LedgerWriteError, ledgerWrite} from './write-error.js';
import {ingestOpencode} from './ingest-opencode.js';
import {discoverStep, noteLostDirs, totalFilesOf} from './refresh.js';
import {fmtInt, plural} from '../core/numbers.js';
import {mark} from '../core/trace.js';
import {KEEP_STATE_ON_REWRITE} from '../sources/whole-file.js';
import {ingestDbs} from './ingest-dbs.js';
import {removeWarmIndex, writeWarmIndex} from './warm-index.js';

export interface IngestOptions {
	home: string;
	env: NodeJS.ProcessEnv;
	contentMode: 'full' | 'off';
	retentionDays: number;
	/** Re-read every log from the start with the current readers. */
	rebuild?: boolean;
	onProgress?: ProgressSink;
	/** Told once when another burn holds the ingest lock. */
	onWait?: (pid: number) => void;
	/** Never use reader threads (tests). */
	noWorkers?: boolean;
	/** Stops the ingest between files and chunks (it throws the reason; the lock is released). */
	signal?: AbortSignal;
	/** Discovery already made (refresh.ts, with its progress step): not made again. */
	discovery?: Discovery;
}

/** Reader threads pay off only for large cold ingests (2 cores here). */
const WORKER_MIN_BYTES = 48 * 1024 * 1024;
const WORKERS = 2;

/** BURN_WORKER_MIN_BYTES moves the threshold (tests run the threads on small trees). */
function workerMinBytes(env: NodeJS.ProcessEnv): number {
	const n = Number(env.BURN_WORKER_MIN_BYTES);
	return env.BURN_WORKER_MIN_BYTES !== undefined && Number.isFinite(n) && n >= 0 ? n : WORKER_MIN_BYTES;
}

export interface IngestResult {
	discovery: Discovery;
	filesChanged: number;
	bytesRead: number;
	records: number;
	skips: SkipCounts;
	warnings: string[];
	/** False when another process held the lock for too long and ingest was skipped. */
	ran: boolean;
}

const TAIL = 32;

function tailOf(path: string, offset: number): string | undefined {
	if (offset <= 0) return undefined;
	const n = Math.min(TAIL, offset);
	const buf = Buffer.alloc(n);
	const fd = openRegular(path);
	try {
		readSync(fd, buf, 0, n, offset - n);
	} finally {
		closeSync(fd);
	}
	return buf.toString('hex');
}

export type Plan = {kind: 'skip'} | {kind: 'read'; offset: number; state: unknown};

const SKIP: Plan = {kind: 'skip'};

/** A log exactly as its cursor saw it (same inode, size and mtime): skipped without building the cursor (planFile's first skip). */
export function unchanged(file: LogFile, head: CursorHead | undefined): boolean {
	if (!head || head.ino !== file.ino || head.size !== file.size || head.mtimeMs !== file.mtimeMs || file.size < head.offset) return false;
	return file.source !== 'codex' || head.rv >= CODEX_COUNTERS_RV;
}

/** Unchanged files cost a stat; appended ones resume; rewritten or truncated ones restart. */
export function planFile(file: LogFile, cursor: FileCursor | undefined, rebuild: boolean): Plan {
	if (!cursor) return {kind: 'read', offset: 0, state: undefined};
	// Running totals: the ledger holds the differences already counted; only growth is new.
	if (rebuild) return {kind: 'read', offset: 0, state: KEEP_STATE_ON_REWRITE.has(file.source) ? cursor.state : undefined};
	// Codex rollouts read before the running-counter rule (docs/codex-counters.md) may have
	// counted a counter twice: read them again; the new versions win (newer reader version).
	if (file.source === 'codex' && !(cursor.rv >= CODEX_COUNTERS_RV)) return {kind: 'read', offset: 0, state: undefined};
	// An mtime that went back without the file growing: rewritten (a copy restored). One that
	// went back while the file grew is an append after a touch into the future (the clock of
	// `touch`, a sync tool): the tail check below decides, so old turns are not read again.
	if (cursor.ino !== file.ino || file.size < cursor.offset || (file.mtimeMs < cursor.mtimeMs && file.size <= cursor.size)) {
		// Running totals (whole-file.ts) keep the last totals seen across a rewrite by rename.
		return {kind: 'read', offset: 0, state: KEEP_STATE_ON_REWRITE.has(file.source) ? cursor.state : undefined};
	}
	if (file.size === cursor.size && file.mtimeMs === cursor.mtimeMs) return {kind: 'skip'};
	if (file.size === cursor.offset) return {kind: 'skip'};
	try {
		if (cursor.tail && tailOf(file.path, cursor.offset) !== cursor.tail) return {kind: 'read', offset: 0, state: undefined};
	} catch {
		return {kind: 'read', offset: 0, state: undefined};
	}
	return {kind: 'read', offset: cursor.offset, state: cursor.state};
}

export async function ingest(opts: IngestOptions): Promise<IngestResult> {
	const progress = opts.onProgress ?? (() => {});
	const discovery = opts.discovery ?? discoverStep(opts.env, progress);
	const totalFiles = totalFilesOf(discovery);
	const result: IngestResult = {discovery, filesChanged: 0, bytesRead: 0, records: 0, skips: emptySkips(), warnings: [], ran: true};
	noteLostDirs(result);
	const t1 = performance.now();
	progress({step: 'ingest', state: 'start', done: 0, total: totalFiles});
	ensurePrivateDir(opts.home);
	const signal = opts.signal;
	signal?.throwIfAborted();
	const lock = await takeLock(opts.home, 'ingest', lockWaitMs(opts.env), (pid) => opts.onWait?.(pid ?? 0), signal);
	if ('busy' in lock) {
		result.ran = false;
		result.warnings.push(`nothing new ingested: ${lock.busy}; showing the ledger as it is`);
		progress({step: 'ingest', state: 'done', elapsedMs: performance.now() - t1, summary: 'skipped (ledger busy)'});
		return result;
	}
	const release = lock.release;
	mark('ingest:lock');
	try {
		// Before anything changes: the warm index may only say what this ingest leaves (warm-index.ts).
		ledgerWrite(() => removeWarmIndex(opts.home));
		// A `ledger` that is a file (or a FIFO) is moved aside and the ledger rebuilt from the logs;
		// before a rebuild, partitions that are directories or FIFOs are moved aside (obstacles.ts).
		const movedLedger = ledgerWrite(() => clearLedgerObstacle(opts.home));
		if (movedLedger) result.warnings.push(movedLedger);
		const rebuild = !!opts.rebuild || !!movedLedger;
		if (rebuild) result.warnings.push(...ledgerWrite(() => clearPartitionObstacles(opts.home)));
		// Copies across sessions: decided here, at ingest, for every window (copies.ts).
		const copies = CopyIndex.open(opts.home, rebuild, progress);
		// What the index learnt is on disk before the cursors that cover it (copies.ts): a
		// journal line while ingest runs, the decided index at the end.
		const save = (final = false) => {
			if (final) copies.flush();
			else copies.checkpoint();
			cursors.save(opts.home);
		};
		mark('ingest:copies');
		const cursors = CursorStore.load(opts.home);
		mark('ingest:cursors');
		// The warm path: a shard whose digest says its logs are as its cursors saw them is not
		// even parsed (cursors.ts); the copy-key pass needs every Claude cursor after an index rebuild.
		const fresh = rebuild || copies.built ? undefined : cursors.unchangedShards(discovery.files);
		cursors.upgrade();
		const plans = discovery.files.map((file, i) => {
			if (fresh && fresh.unchanged[fresh.shardOfFile[i]!]) return {file, plan: SKIP, fresh: true};
			return {file, plan: !rebuild && unchanged(file, cursors.head(file.path)) ? SKIP : planFile(file, cursors.get(file.path), rebuild)};
		});
		mark('ingest:plan');
		await copyKeysPass(plans, cursors, copies, (label) => progress({step: 'ingest', state: 'update', done: 0, total: totalFiles, label}));
		const toRead = plans.filter((p) => p.plan.kind === 'read');
		const totalBytes = toRead.reduce((n, p) => n + p.file.size - (p.plan.kind === 'read' ? p.plan.offset : 0), 0);
		const resolver = new ProjectResolver();
		let done = plans.length - toRead.length;
		let lastSave = performance.now();
		let saveMs = 0;
		progress({step: 'ingest', state: 'update', done, total: totalFiles, bytes: 0, totalBytes});
		let stopped = false;
		const useWorkers = totalBytes >= workerMinBytes(opts.env) && toRead.length > 1 && !opts.noWorkers;
		const script = useWorkers ? workerScript() : undefined;
		// Threads append content sidecars themselves: their directory exists before they start.
		if (script && opts.contentMode === 'full') ledgerWrite(() => ensurePrivateDir(contentDir(opts.home)));
		const pool = script ? new ReaderPool(script, WORKERS) : undefined;
		// A read in a reader thread is not interruptible: stop waiting for it (the pool is closed).
		const whenAborted = signal && pool ? new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), {once: true})) : undefined;
		whenAborted?.catch(() => {});
		const commit = (file: LogFile, offset0: number, read: ReadResult) => {
			ledgerWrite(() => {
				writePartitions(opts.home, read.ledger, result.warnings);
				copies.observe(read.copies);
				if (read.contentError) throw Object.assign(new Error(read.contentError.message), {code: read.contentError.code});
				if (opts.contentMode === 'full') writeContent(opts.home, read.content);
			});
			addSkips(result.skips, read.skips);
			result.skips.hugeLines += read.hugeLines;
			result.records += read.records;
			result.bytesRead += read.end - offset0;
			result.filesChanged++;
			const offset = read.resumeOffset ?? read.end;
			cursors.set(file.path, {
				source: file.source,
				ino: file.ino,
				size: file.size,
				mtimeMs: file.mtimeMs,
				offset,
				tail: tailOf(file.path, offset),
				rv: READER_VERSION,
				state: read.state,
			});
		};
		const failed = (file: LogFile, error: unknown) => {
			signal?.throwIfAborted();
			result.skips.unreadableFiles++;
			result.warnings.push(`skipped ${file.path}: ${(error as Error).message}`);
		};
		const tick = () => {
			signal?.throwIfAborted();
			done++;
			progress({step: 'ingest', state: 'update', done, total: totalFiles, bytes: result.bytesRead, totalBytes});
			// Cursors are saved at least every second, but never so often that saving takes
			// more than a twentieth of the time (a cold ingest rewrites every cursor shard).
			if (performance.now() - lastSave > Math.max(1000, 20 * saveMs)) {
				const s0 = performance.now();
				ledgerWrite(() => save());
				lastSave = performance.now();
				saveMs = lastSave - s0;
			}
		};
		try {
			if (pool) {
				// Reader threads parse; this thread appends, in completion order (reads are
				// order-independent: the ledger keeps the most complete version of each record).
				// Largest files first, so no thread is left with a big file at the end.
				const bySize = [...toRead].sort((a, b) => b.file.size - a.file.size);
				await Promise.all(
					bySize.map(async ({file, plan}) => {
						if (plan.kind !== 'read') return;
						try {
							const reading = pool.read(file, plan.offset, plan.state, opts.contentMode, opts.contentMode === 'full' ? opts.home : undefined);
							const read = await (whenAborted ? Promise.race([reading, whenAborted]) : reading);
							if (stopped) return; // the ledger could not be written: no more appends
							commit(file, plan.offset, read);
						} catch (error) {
							if (stopped) return;
							if (error instanceof LedgerWriteError) {
								stopped = true;
								throw error;
							}
							failed(file, error);
						}
						tick();
					}),
				);
			} else {
				for (const {file, plan} of toRead) {
					if (plan.kind !== 'read') continue;
					const base = result.bytesRead;
					try {
						commit(
							file,
							plan.offset,
							await readLogFileAsync(file, plan.offset, plan.state, opts.contentMode, (n) => {
								signal?.throwIfAborted();
								progress({step: 'ingest', state: 'update', done, total: totalFiles, bytes: base + n, totalBytes, label: file.path});
							}),
						);
					} catch (error) {
						if (error instanceof LedgerWriteError) throw error;
						failed(file, error);
					}
					tick();
				}
			}
		} finally {
			// Stopped: the threads are terminated without waiting (the lock is released at once).
			if (signal?.aborted) void pool?.close();
			else await pool?.close();
		}
		for (const p of plans) {
			if (p.fresh) continue;
			// Unchanged files: remember the new mtime/size so the next run is a pure stat
			// (a cursor that did not move is not rewritten).
			// (read again: the copy-key pass may have replaced it)
			const h = p.plan.kind === 'skip' ? cursors.head(p.file.path) : undefined;
			if (h && (h.size !== p.file.size || h.mtimeMs !== p.file.mtimeMs)) {
				cursors.set(p.file.path, {...cursors.get(p.file.path)!, size: p.file.size, mtimeMs: p.file.mtimeMs});
			}
		}
		signal?.throwIfAborted();
		const oc = ingestOpencode({...opts, rebuild}, discovery.opencode, cursors, resolver, (n) => {
			done += n;
			progress({step: 'ingest', state: 'update', done, total: totalFiles, bytes: result.bytesRead, totalBytes});
		});
		result.records += oc.records;
		result.filesChanged += oc.changed;
		addSkips(result.skips, oc.skips);
		result.warnings.push(...oc.warnings);
		const more = ingestDbs(opts.home, discovery.dbs, cursors, resolver, () => {
			done++;
			progress({step: 'ingest', state: 'update', done, total: totalFiles, bytes: result.bytesRead, totalBytes});
		});
		result.records += more.records;
		result.filesChanged += more.changed;
		addSkips(result.skips, more.skips);
		result.warnings.push(...more.warnings);
		ledgerWrite(() => save(true));
		mark('ingest:save');
		if (rebuild) {
			const purged = ledgerWrite(() => purgeInvalidRecords(opts.home));
			if (purged.dropped + purged.repaired > 0) {
				result.warnings.push(`--rebuild removed ${purged.dropped} invalid ledger line(s) and repaired ${purged.repaired} record(s) in ${purged.partitions} partition(s)`);
			}
		}
		pruneContentIfDue(opts.home, opts.retentionDays);
		signal?.throwIfAborted();
		// Every log settled (its cursor saw this stat): the next warm run compares its discovery
		// with this one instead of reading the cursor shards (warm-index.ts). Not written: the digests decide.
		const files = discovery.files;
		try {
			writeWarmIndex(opts.home, discovery, (i) => !!plans[i]!.fresh || cursors.settled(files[i]!.path, files[i]!.source, files[i]!.ino, files[i]!.size, files[i]!.mtimeMs));
		} catch {
			// A full disk: no index; the next run uses the digests.
		}
		mark('ingest:warm-index');
	} catch (error) {
		// A full disk, a read-only data directory: the ingest stops; the report shows the ledger as it is.
		if (!(error instanceof LedgerWriteError)) throw error;
		result.ran = false;
		result.warnings.push(`nothing more ingested: ${error.message}; showing the ledger as it is`);
	} finally {
		release();
	}
	const secs = (performance.now() - t1) / 1000;
	const mb = result.bytesRead / 1e6;
	progress({
		step: 'ingest',
		state: 'done',
		elapsedMs: performance.now() - t1,
		done: totalFiles,
		total: totalFiles,
		bytes: result.bytesRead,
		summary:
			// The count the panel showed (`i/N`) is the count it finishes with.
			`${plural(totalFiles, 'file')}, ` +
			(result.filesChanged === 0
				? 'nothing new'
				: `${fmtInt(result.filesChanged)} new/changed, ${mb.toFixed(1)} MB${secs > 0.05 ? `   ${Math.round(mb / secs)} MB/s` : ''}`),
	});
	return result;
}
