import {closeSync, lstatSync, openSync, readSync, readdirSync, statSync} from 'node:fs';
import {basename, join} from 'node:path';
import type {LedgerRecord, RecordKind} from '../core/records.js';
import type {ProgressSink} from '../core/progress.js';
import type {Dataset, Window} from './dataset.js';
import {DatasetBuilder, type TurnFilter} from './bucket.js';
import {UNDATED, ledgerDir, partitionOfFile} from './layout.js';
import {forEachLineAsync, yieldIfDue} from './lines.js';
import {PackWriter, packedPathFor, readPacked} from './packed.js';
import {fmtInt} from '../core/numbers.js';
import {countUndatedTurns} from './undated.js';
import {headKind} from './foreign-line.js';
import {readDrops} from './copy-drops.js';
import {validateEntry} from './validate.js';

export interface ScanOptions {
	home: string;
	window: Window;
	filter?: TurnFilter;
	onProgress?: ProgressSink;
	/** Record kinds the report does not need: skipped before JSON.parse. */
	skipKinds?: RecordKind[];
	/** Read and write packed copies of the partitions (packed.ts); default true. */
	packed?: boolean;
	/** The current UTC day (tests); its partition is not packed. Default: from the clock. */
	today?: string;
	/** Stops the scan (between chunks of a partition): it then throws the signal's reason. */
	signal?: AbortSignal;
	/** Keep what a live merge needs (the builder and where each partition was read to): `ScanResult.live`. */
	live?: boolean;
}

/** Where the scan stopped in one partition: a live merge reads on from there (live-merge.ts). */
export interface PartitionMark {
	file: string;
	partition: string;
	ino: number;
	/** Bytes read (up to the end of the last whole line). */
	end: number;
	/** The builder position of the partition's next record. */
	next: number;
	/** Not a regular file, unreadable, or gone when scanned. */
	unread: boolean;
	/** The bytes before `end` (hex): a partition rewritten in place is not merged into. */
	tail?: string;
}

const TAIL_BYTES = 32;

/** The `TAIL_BYTES` before `end` of a file, hex ('' at offset 0, undefined when unreadable). */
export function tailBefore(file: string, end: number): string | undefined {
	if (end <= 0) return '';
	const n = Math.min(TAIL_BYTES, end);
	const buf = Buffer.alloc(n);
	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		return readSync(fd, buf, 0, n, end - n) === n ? buf.toString('hex') : undefined;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** The scan's state kept for live merges (live-merge.ts). */
export interface LiveScan {
	builder: DatasetBuilder;
	marks: PartitionMark[];
	badLines: number;
	badFields: number;
	/** Undated turns counted outside the window (the undated partition when the window leaves it out). */
	undatedOutside: number;
}

export interface ScanResult {
	dataset: Dataset;
	/** Files the scan opened (tests assert the window is respected). */
	filesRead: string[];
	badLines: number;
	/** Usage fields that were not a non-negative integer (counted as 0). */
	badFields: number;
	/** Partitions of the window that are not regular files or cannot be read: their days are left out. */
	unreadable: string[];
	live?: LiveScan;
}

/** 2^31 positions per partition: a day's records never reach another day's (live merges add records to any partition). */
const PART_SPAN = 2 ** 31;
const DAY_MS = 86_400_000;
/** Days from 0001-01-01 on (partitions run from 0001 to 9999): every position stays below 2^53. */
const FIRST_DAY = -62_135_596_800_000 / DAY_MS;

/** The first builder position of a partition's records: partitions in scan order (days, then undated). */
export function partitionBase(partition: string): number {
	if (partition === UNDATED) return 3_660_000 * PART_SPAN;
	const ms = Date.parse(`${partition}T00:00:00Z`);
	return Number.isNaN(ms) ? 3_660_000 * PART_SPAN : (Math.round(ms / DAY_MS) - FIRST_DAY) * PART_SPAN;
}

const KINDS = new Set(['turn', 'user_turn', 'tool_result_event', 'relationship', 'compaction']);
export const BAD = Symbol('bad line');

/**
 * One ledger line: the entry, BAD (not JSON, or a record validate.ts rejects), or null (a kind
 * no view reads). Bad usage fields (now 0) are added to `counts.badFields`.
 */
export function parseLedgerLine(line: Buffer, counts: {badFields: number}): LedgerRecord | typeof BAD | null {
	let parsed: {v?: unknown; kind?: unknown; record?: unknown};
	try {
		parsed = JSON.parse(line.toString('utf8'));
	} catch {
		return BAD;
	}
	if (!parsed || parsed.v !== 1 || typeof parsed.kind !== 'string' || !KINDS.has(parsed.kind)) return null;
	const rec = parsed.record as {sessionId?: unknown} | undefined;
	if (!rec || typeof rec !== 'object' || typeof rec.sessionId !== 'string') return BAD;
	const verdict = validateEntry(parsed as {kind: string; record: unknown});
	if (!verdict.ok) return BAD;
	counts.badFields += verdict.badFields;
	return parsed as LedgerRecord;
}

/**
 * The partitions a window needs: its days plus the day after `until` (a tool result can land
 * seconds after the last in-window turn). `since: null` reads everything, undated included.
 */
export function partitionsFor(home: string, window: Window): string[] {
	let names: string[];
	try {
		names = readdirSync(ledgerDir(home));
	} catch {
		return [];
	}
	const present = new Map<string, string>();
	for (const name of names) {
		const p = partitionOfFile(name);
		if (p) present.set(p, join(ledgerDir(home), name));
	}
	if (window.since === null) {
		const days = [...present.keys()].filter((p) => p !== UNDATED).sort();
		const untilDay = window.until ? new Date(Date.parse(window.until) + 86_400_000).toISOString().slice(0, 10) : undefined;
		const picked = days.filter((d) => !untilDay || d <= untilDay).map((d) => present.get(d)!);
		const undated = present.get(UNDATED);
		return undated ? [...picked, undated] : picked;
	}
	const sinceMs = Date.parse(window.since);
	const lastDay = [...present.keys()].filter((p) => p !== UNDATED).sort().at(-1);
	const untilMs = window.until
		? Date.parse(window.until) + 86_400_000
		: Math.max(Date.now(), lastDay ? Date.parse(`${lastDay}T00:00:00Z`) : 0);
	// The days present between the two (never an enumeration of every day: a window may span millennia).
	const dayOfMs = (ms: number) => (Number.isFinite(ms) ? new Date(Math.max(-62_135_596_800_000, Math.min(ms, 253_402_300_799_999))).toISOString().slice(0, 10) : '');
	const [fromDay, toDay] = [dayOfMs(sinceMs), dayOfMs(untilMs)];
	return [...present.keys()]
		.filter((d) => d !== UNDATED && d >= fromDay && d <= toDay)
		.sort()
		.map((d) => present.get(d)!);
}

function ledgerIsNotADirectory(home: string): boolean {
	try {
		return !lstatSync(ledgerDir(home)).isDirectory() && !statSync(ledgerDir(home)).isDirectory();
	} catch {
		return false;
	}
}

/** One pass over the window's partitions, bucketed by session into a dataset. */
export async function scanLedger(opts: ScanOptions): Promise<ScanResult> {
	const progress = opts.onProgress ?? (() => {});
	const t0 = performance.now();
	const files = partitionsFor(opts.home, opts.window);
	const stats = files.map((f) => {
		try {
			return statSync(f);
		} catch {
			return undefined;
		}
	});
	const sizes = stats.map((st) => st?.size ?? 0);
	const totalBytes = sizes.reduce((a, b) => a + b, 0);
	const builder = new DatasetBuilder(opts.window, opts.filter);
	// Copies of responses that a copy in another session wins (decided at ingest: copies.ts).
	const drops = readDrops(opts.home, files.map((f) => partitionOfFile(basename(f))!).filter(Boolean));
	if (drops) builder.dropCopies(drops);
	progress({step: 'scan', state: 'start', bytes: 0, totalBytes, records: 0});
	let base = 0;
	let badLines = 0;
	let badFields = 0;
	let lastEmit = 0;
	const filesRead: string[] = [];
	// A ledger line starts `{"v":1,"kind":"<kind>"` (a foreign one may have spaces between the
	// tokens): read from the bytes, a kind the report does not need is skipped unparsed.
	const skipSet = new Set<RecordKind>(opts.skipKinds ?? []);
	const today = opts.today ?? new Date().toISOString().slice(0, 10);
	const emit = (bytes: number, label: string) => {
		opts.signal?.throwIfAborted();
		const now = performance.now();
		if (now - lastEmit > 50) {
			lastEmit = now;
			progress({step: 'scan', state: 'update', bytes, totalBytes, records: builder.records, label});
		}
	};
	const unreadable: string[] = [];
	const marks: PartitionMark[] = [];
	for (const [i, file] of files.entries()) {
		opts.signal?.throwIfAborted();
		filesRead.push(file);
		const st = stats[i];
		const partition = partitionOfFile(basename(file))!;
		builder.seek(partitionBase(partition));
		const mark: PartitionMark = {file, partition, ino: st?.ino ?? 0, end: 0, next: builder.position, unread: !st};
		if (opts.live) marks.push(mark);
		// A directory or a FIFO where a partition should be: its day is left out, and said.
		if (st && !st.isFile()) {
			unreadable.push(file);
			mark.unread = true;
			continue;
		}
		const packedFile = packedPathFor(opts.home, file);
		const packed = st && opts.packed !== false ? readPacked(packedFile, st, skipSet) : null;
		if (packed) {
			badLines += packed.bad;
			badFields += packed.badFields;
			for (const entry of packed.entries) builder.add(entry);
			mark.end = sizes[i]!;
			mark.next = builder.position;
			base += sizes[i]!;
			emit(base, file);
			await yieldIfDue();
			continue;
		}
		// No packed copy yet (or a stale one): parse the lines, and pack them for the next scan;
		// except today's partition, which the next ingest will change again (packing it on every
		// run would cost more than it saves).
		const pack = st && opts.packed !== false && partitionOfFile(basename(file)) !== today ? new PackWriter() : null;
		let lineNo = 0;
		const counts = {badFields: 0};
		try {
			const read = await forEachLineAsync(
				file,
				0,
				(line) => {
					const at = lineNo++;
					if (!pack && skipSet.size > 0) {
						const kind = headKind(line);
						if (kind !== undefined && skipSet.has(kind as RecordKind)) return;
					}
					const entry = parseLedgerLine(line, counts);
					if (entry === BAD) {
						badLines++;
						if (pack) pack.bad++;
						return;
					}
					if (!entry) return;
					pack?.add(entry, at);
					if (!skipSet.has(entry.kind)) builder.add(entry);
				},
				(n) => emit(base + n, file),
			);
			// A last line without its newline that is still there, unchanged, once the rest is read:
			// torn (a killed writer, a cut file), not an append in progress (appends write whole
			// lines). It is lost: counted and said, never dropped in silence (issue 17).
			if (st && read.end < st.size && statSync(file, {throwIfNoEntry: false})?.size === st.size) badLines++;
			// Packed only when the whole file was read as it was stat'ed (no append or torn line since).
			if (pack && st && read.end === st.size) {
				pack.badFields = counts.badFields;
				pack.write(packedFile, st);
			}
			mark.end = read.end;
			mark.next = builder.position;
		} catch (error) {
			// A partition that vanished or cannot be read: the rest of the window still counts.
			opts.signal?.throwIfAborted();
			mark.unread = true;
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(file);
		}
		badFields += counts.badFields;
		base += sizes[i]!;
	}
	if (opts.live) for (const m of marks) if (!m.unread) m.tail = tailBefore(m.file, m.end);
	// No partition at all: a `ledger` that is a file (or a FIFO) would make an empty report without a word.
	if (files.length === 0 && ledgerIsNotADirectory(opts.home)) unreadable.push(ledgerDir(opts.home));
	builder.bytes = totalBytes;
	const dataset = builder.finish();
	// A window leaves the undated partition unread: its turns are still counted, and said.
	const undatedOutside = files.some((f) => basename(f) === `${UNDATED}.jsonl`) ? 0 : countUndatedTurns(opts.home);
	dataset.undatedTurns += undatedOutside;
	dataset.stats.badLines = badLines;
	progress({
		step: 'scan',
		state: 'done',
		elapsedMs: performance.now() - t0,
		bytes: totalBytes,
		totalBytes,
		records: builder.records,
		sessions: dataset.sessions.length,
		summary: `${(totalBytes / 1e6).toFixed(1)} MB · ${fmtInt(builder.records)} records · ${fmtInt(dataset.sessions.length)} sessions`,
	});
	return {dataset, filesRead, badLines, badFields, unreadable, ...(opts.live ? {live: {builder, marks, badLines, badFields, undatedOutside}} : {})};
}
