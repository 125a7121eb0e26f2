/**
 * Live merges (issue 15): the records appended to the ledger since a scan, added to that
 * scan's dataset without reading the window again. The scan keeps its builder and where it
 * stopped in each partition (scan.ts `live`); a merge reads each partition from there to its
 * last whole line, adds the records at the positions a fresh scan would give them (so every
 * dedup rule decides as in one pass: bucket.ts), and finishes again, which rebuilds only the
 * sessions that got records. What it cannot merge exactly it says, and the caller loads the
 * window afresh: a partition rewritten, truncated, gone or unreadable; a copy decision that
 * changed a turn already loaded.
 */
import {statSync} from 'node:fs';
import {basename} from 'node:path';
import type {RecordKind} from '../core/records.js';
import type {Dataset, Window} from './dataset.js';
import {readDrops} from './copy-drops.js';
import {headKind} from './foreign-line.js';
import {UNDATED, partitionOfFile, partitionPath} from './layout.js';
import {forEachLineAsync} from './lines.js';
import {BAD, parseLedgerLine, partitionBase, partitionsFor, tailBefore, type LiveScan, type PartitionMark} from './scan.js';
import {countUndatedTurns} from './undated.js';

export type MergeOutcome =
	| {kind: 'merged'; dataset: Dataset; records: number; partitions: number; badLines: number; badFields: number}
	/** Nothing was appended: the dataset as it was. */
	| {kind: 'same'; dataset: Dataset}
	/** Cannot merge exactly: load the window afresh (the reason is for the trace). */
	| {kind: 'full'; reason: string};

interface UndatedSig {
	ino: number;
	size: number;
	mtimeMs: number;
}

function undatedSig(home: string): UndatedSig | null {
	try {
		const st = statSync(partitionPath(home, UNDATED));
		return {ino: st.ino, size: st.size, mtimeMs: st.mtimeMs};
	} catch {
		return null;
	}
}

const sameSig = (a: UndatedSig | null, b: UndatedSig | null): boolean => (a === null || b === null ? a === b : a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);

/** One scan's dataset, kept mergeable. Not shared between windows: one per loaded window. */
export class LiveLedger {
	private readonly marks: Map<string, PartitionMark>;
	private badLines: number;
	private badFields: number;
	private undatedOutside: number;
	private undated: UndatedSig | null;
	/** A merge that failed part-way leaves the builder half-merged: every later call says so. */
	private broken: string | null = null;
	private dataset: Dataset;

	constructor(
		private readonly home: string,
		private readonly window: Window,
		private readonly scan: LiveScan,
		dataset: Dataset,
		private readonly skipKinds: readonly RecordKind[] = [],
	) {
		this.marks = new Map(scan.marks.map((m) => [m.file, m]));
		this.badLines = scan.badLines;
		this.badFields = scan.badFields;
		this.undatedOutside = scan.undatedOutside;
		this.undated = undatedSig(home);
		this.dataset = dataset;
	}

	/** Bad ledger lines and bad usage fields so far (the load's "skipped" notice). */
	get bad(): {lines: number; fields: number} {
		return {lines: this.badLines, fields: this.badFields};
	}

	/** Reads what was appended since the scan (or the last merge) and merges it. */
	async merge(signal?: AbortSignal): Promise<MergeOutcome> {
		if (this.broken) return {kind: 'full', reason: this.broken};
		const files = partitionsFor(this.home, this.window);
		const listed = new Set(files);
		for (const m of this.marks.values()) {
			if (!listed.has(m.file)) return {kind: 'full', reason: `partition ${m.partition} gone`};
			if (m.unread) return {kind: 'full', reason: `partition ${m.partition} was unreadable`};
		}
		// What each partition needs: the known ones from where the last read stopped, new ones whole.
		const reads: Array<{mark: PartitionMark; size: number}> = [];
		let bytes = 0;
		for (const file of files) {
			let st;
			try {
				st = statSync(file);
			} catch {
				return {kind: 'full', reason: `partition ${basename(file)} cannot be read`};
			}
			if (!st.isFile()) return {kind: 'full', reason: `partition ${basename(file)} is not a regular file`};
			bytes += st.size;
			const known = this.marks.get(file);
			if (known) {
				if (known.ino !== st.ino) return {kind: 'full', reason: `partition ${known.partition} replaced`};
				if (st.size < known.end) return {kind: 'full', reason: `partition ${known.partition} truncated`};
				if (st.size === known.end) continue;
				if (tailBefore(file, known.end) !== known.tail) return {kind: 'full', reason: `partition ${known.partition} rewritten`};
				reads.push({mark: known, size: st.size});
				continue;
			}
			const partition = partitionOfFile(basename(file));
			if (!partition) return {kind: 'full', reason: `unexpected partition ${file}`};
			reads.push({mark: {file, partition, ino: st.ino, end: 0, next: partitionBase(partition), unread: false, tail: ''}, size: st.size});
		}
		const undated = undatedSig(this.home);
		const undatedMoved = !listed.has(partitionPath(this.home, UNDATED)) && !sameSig(undated, this.undated);
		if (reads.length === 0 && !undatedMoved) return {kind: 'same', dataset: this.dataset};
		const builder = this.scan.builder;
		// Copy decisions (copies.ts) may have moved with the append: new ones apply to the new
		// records; one that changes a turn already held needs the versions a fresh pass keeps.
		const drops = readDrops(this.home, files.map((f) => partitionOfFile(basename(f))!).filter(Boolean));
		if (builder.dropsChangeHeld(drops)) return {kind: 'full', reason: 'a copy decision changed a loaded turn'};
		builder.dropCopies(drops);
		const skip = new Set<RecordKind>(this.skipKinds);
		let records = 0;
		let badLines = 0;
		const counts = {badFields: 0};
		try {
			for (const {mark} of reads) {
				signal?.throwIfAborted();
				builder.seek(mark.next);
				const read = await forEachLineAsync(mark.file, mark.end, (line) => {
					if (skip.size > 0) {
						const kind = headKind(line);
						if (kind !== undefined && skip.has(kind as RecordKind)) return;
					}
					const entry = parseLedgerLine(line, counts);
					if (entry === BAD) {
						badLines++;
						return;
					}
					if (!entry || skip.has(entry.kind)) return;
					builder.add(entry);
					records++;
				});
				mark.end = read.end;
				mark.next = builder.position;
				mark.tail = tailBefore(mark.file, mark.end);
				this.marks.set(mark.file, mark);
			}
		} catch (error) {
			// Records of the partitions read so far are in the builder: this ledger cannot merge any more.
			this.broken = `a merge stopped part-way (${(error as Error).message})`;
			throw error;
		}
		this.badLines += badLines;
		this.badFields += counts.badFields;
		if (undatedMoved) this.undatedOutside = countUndatedTurns(this.home);
		this.undated = undated;
		builder.bytes = bytes;
		const dataset = builder.finish();
		dataset.undatedTurns += this.undatedOutside;
		dataset.stats.badLines = this.badLines;
		this.dataset = dataset;
		return {kind: 'merged', dataset, records, partitions: reads.length, badLines: this.badLines, badFields: this.badFields};
	}
}
