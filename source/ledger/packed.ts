/**
 * Packed partitions (docs/ledger.md): a derived, rebuildable copy of a day partition in the
 * packed form of packed-codec.ts, written by the first scan that reads the `.jsonl` and used
 * by later scans while the partition is unchanged (same size, mtime and inode).
 *
 *   <home>/packed/<partition>.json
 *   line 1: {"format":"burn-packed","v":3,"size":…,"mtimeMs":…,"ino":…,"bad":…,"sections":{…}}
 *   then the sections, each one JSON text at its byte range after line 1:
 *     S      the string table          F       shared objects
 *     core   turn, user_turn, relationship and compaction rows, in line order
 *     events tool_result_event rows, in line order (read only by views that need them)
 */
import {mkdirSync, renameSync, rmSync, writeFileSync, type Stats} from 'node:fs';
import {readRegular} from '../core/open-regular.js';
import {basename, join} from 'node:path';
import type {LedgerRecord, RecordKind} from '../core/records.js';
import {validateEntry} from './validate.js';
import {KIND_CODES, PackTables, RAW, lineOf, makeDecoder, packEntry} from './packed-codec.js';

const FORMAT = 'burn-packed';
/**
 * Bump when the codec's tables change or what a packed file may hold does: older packed files are
 * then rebuilt. 2: `aborted` on turns; 3: `requestId` on turns; 4: records validated (validate.ts); 5: `agentCost` on turns.
 */
const VERSION = 5;

interface Header {
	format: string;
	v: number;
	size: number;
	mtimeMs: number;
	ino: number;
	bad: number;
	/** Usage fields the `.jsonl` had that were not a non-negative integer (stored as 0). */
	badFields?: number;
	sections: Record<'S' | 'F' | 'core' | 'events', [number, number]>;
}

export function packedDir(home: string): string {
	return join(home, 'packed');
}

export function packedPathFor(home: string, partitionFile: string): string {
	return join(packedDir(home), basename(partitionFile).replace(/\.jsonl$/, '.json'));
}

const fresh = (h: Header, st: Stats): boolean =>
	h.format === FORMAT && h.v === VERSION && h.size === st.size && h.mtimeMs === st.mtimeMs && h.ino === st.ino;

/** Collects a partition's records as they are scanned, then writes them packed. */
export class PackWriter {
	private readonly tables = new PackTables();
	private readonly core: unknown[] = [];
	private readonly events: unknown[] = [];
	bad = 0;
	badFields = 0;

	add(entry: LedgerRecord, line: number): void {
		const row = packEntry(entry, line, this.tables);
		(entry.kind === 'tool_result_event' ? this.events : this.core).push(row);
	}

	/** Writes atomically (temp file + rename); a failure only means the next scan reads the `.jsonl`. */
	write(path: string, st: Stats): boolean {
		const parts = {
			S: JSON.stringify(this.tables.strings),
			F: JSON.stringify(this.tables.shared),
			core: JSON.stringify(this.core),
			events: JSON.stringify(this.events),
		};
		let at = 0;
		const sections = {} as Header['sections'];
		for (const [name, text] of Object.entries(parts) as Array<[keyof typeof parts, string]>) {
			const len = Buffer.byteLength(text);
			sections[name] = [at, at + len];
			at += len;
		}
		const header: Header = {format: FORMAT, v: VERSION, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, bad: this.bad, badFields: this.badFields, sections};
		const tmp = `${path}.${process.pid}.tmp`;
		try {
			mkdirSync(join(path, '..'), {recursive: true, mode: 0o700});
			rmSync(tmp, {force: true}); // a leftover or a planted link: `wx` then never writes through one
			writeFileSync(tmp, `${JSON.stringify(header)}\n${parts.S}${parts.F}${parts.core}${parts.events}`, {mode: 0o600, flag: 'wx'});
			renameSync(tmp, path);
			return true;
		} catch {
			rmSync(tmp, {force: true});
			return false;
		}
	}
}

export interface PackedPartition {
	/** Invalid lines the `.jsonl` had when it was packed, plus packed rows that fail validation. */
	bad: number;
	/** Bad usage fields (counted as 0). */
	badFields: number;
	/** The partition's records in line order, without the kinds skipped. */
	entries: LedgerRecord[];
}

/**
 * The packed copy of a partition, if it exists and matches the partition's current stat;
 * null otherwise (missing, stale, damaged: the caller reads the `.jsonl`).
 */
export function readPacked(path: string, st: Stats, skip: ReadonlySet<RecordKind>): PackedPartition | null {
	let buf: Buffer;
	try {
		buf = readWhole(path);
	} catch {
		return null;
	}
	try {
		const nl = buf.indexOf(0x0a);
		if (nl < 0) return null;
		const header = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
		if (!fresh(header, st)) return null;
		const section = <T>(name: keyof Header['sections']): T => {
			const [a, b] = header.sections[name];
			return JSON.parse(buf.toString('utf8', nl + 1 + a, nl + 1 + b)) as T;
		};
		const decode = makeDecoder(section<string[]>('S'), section<unknown[]>('F'));
		const core = section<unknown[][]>('core');
		const events = skip.has('tool_result_event') ? [] : section<unknown[][]>('events');
		const rows = events.length === 0 ? core : mergeByLine(core, events);
		const skipCodes = new Set([...skip].map((k) => KIND_CODES.indexOf(k)));
		const entries: LedgerRecord[] = [];
		let bad = typeof header.bad === 'number' ? header.bad : 0;
		let badFields = typeof header.badFields === 'number' ? header.badFields : 0;
		for (const row of rows) {
			const code = row[0] as number;
			if (code === RAW ? skip.has(row[2] as RecordKind) : skipCodes.has(code)) continue;
			const entry = decode(row);
			// A packed copy is ours and was made from checked records; checked again all the
			// same (it is a file on disk like any other).
			const verdict = validateEntry(entry);
			if (!verdict.ok) {
				bad++;
				continue;
			}
			badFields += verdict.badFields;
			entries.push(entry);
		}
		return {bad, badFields, entries};
	} catch {
		return null;
	}
}

/** The whole file, through openSync (so tests can count what a scan opens); regular files only. */
function readWhole(path: string): Buffer {
	return readRegular(path);
}

function mergeByLine(a: unknown[][], b: unknown[][]): unknown[][] {
	const out: unknown[][] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (j >= b.length || (i < a.length && lineOf(a[i]!) < lineOf(b[j]!))) out.push(a[i++]!);
		else out.push(b[j++]!);
	}
	return out;
}
