import {closeSync, openSync, readSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type {TurnRecord, UserTurnRecord} from '../core/records.js';
import {ledgerDir, partitionOfFile} from '../ledger/layout.js';
import {validateEntry} from '../ledger/validate.js';

export type TailEntry = {kind: 'turn'; record: TurnRecord} | {kind: 'user_turn'; record: UserTurnRecord};

/**
 * Follows the ledger's partitions: what any burn process appended since the last read. The
 * ledger stays the one truth: `watch` prints what the ingest (its own or another process's)
 * wrote, never what it read from the logs itself.
 */
export class LedgerTail {
	private readonly offsets = new Map<string, number>();

	constructor(private readonly home: string) {}

	/** Starts at the current end of every partition: only what comes next is new. */
	skipToEnd(): void {
		for (const [path, size] of this.sizes()) this.offsets.set(path, size);
	}

	private sizes(): Map<string, number> {
		const out = new Map<string, number>();
		let names: string[];
		try {
			names = readdirSync(ledgerDir(this.home));
		} catch {
			return out;
		}
		for (const name of names) {
			if (!partitionOfFile(name)) continue;
			const path = join(ledgerDir(this.home), name);
			try {
				out.set(path, statSync(path).size);
			} catch {}
		}
		return out;
	}

	/** The turn and user-turn records appended since the last call (whole lines only). */
	read(): TailEntry[] {
		const out: TailEntry[] = [];
		for (const [path, size] of this.sizes()) {
			const from = this.offsets.get(path) ?? 0;
			// A partition rewritten shorter (a rebuild): follow from its new end.
			if (size < from) this.offsets.set(path, size);
			if (size <= from) continue;
			const buf = Buffer.alloc(size - from);
			const n = readAt(path, buf, from);
			if (n === 0) continue;
			const end = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
			if (end === 0) continue; // a line still being written: read it next time
			this.offsets.set(path, from + end);
			for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
				const entry = parseTailLine(line);
				if (entry) out.push(entry);
			}
		}
		return out;
	}
}

/** Bytes read at `from`; 0 when the partition cannot be read (gone, or not ours to read). */
function readAt(path: string, buf: Buffer, from: number): number {
	try {
		const fd = openSync(path, 'r');
		try {
			return readSync(fd, buf, 0, buf.length, from);
		} finally {
			closeSync(fd);
		}
	} catch {
		return 0;
	}
}

function parseTailLine(line: string): TailEntry | null {
	if (!line.includes('"turn"') && !line.includes('"user_turn"')) return null;
	let parsed: {v?: unknown; kind?: unknown; record?: unknown};
	try {
		parsed = JSON.parse(line) as typeof parsed;
	} catch {
		return null;
	}
	if (parsed?.v !== 1 || (parsed.kind !== 'turn' && parsed.kind !== 'user_turn')) return null;
	if (!validateEntry({kind: parsed.kind, record: parsed.record}).ok) return null;
	return parsed as TailEntry;
}
