import {closeSync, constants, fstatSync, openSync, readSync, writeSync} from 'node:fs';
import type {LedgerRecord} from '../core/records.js';
import {ensurePrivateDir} from '../core/home.js';
import {UNDATED, dayOf, ledgerDir, partitionPath, recordTs} from './layout.js';
import {clearPartitionObstacle} from './obstacles.js';

/** Serialises one ledger line in the relayburn 1.x shape `{"v":1,"kind":K,"record":R}`. */
export function ledgerLine(entry: LedgerRecord): string {
	return `{"v":1,"kind":"${entry.kind}","record":${JSON.stringify(entry.record)}}\n`;
}

/** Ledger lines grouped by partition, ready to append (text, or its UTF-8). */
export type PartitionLines = Record<string, string | Uint8Array>;

/**
 * Groups records by the UTC day of their own timestamp. A record without a timestamp of its
 * own goes to the partition of `contextTs` (the latest time seen in the same log) when it is
 * not a turn, so a session's user turns and events stay beside its turns; undated turns go
 * to `undated`.
 */
export function serializeRecords(entries: LedgerRecord[], contextTs?: string): Record<string, string> {
	const groups: Record<string, string[]> = {};
	let lastTs = contextTs;
	for (const entry of entries) {
		const ts = recordTs(entry);
		let day = dayOf(ts);
		if (day) lastTs = ts;
		else if (entry.kind !== 'turn') day = dayOf(lastTs);
		(groups[day ?? UNDATED] ??= []).push(ledgerLine(entry));
	}
	const out: Record<string, string> = {};
	for (const [k, lines] of Object.entries(groups)) out[k] = lines.join('');
	return out;
}

/**
 * Appends serialised lines, one write per partition. Before appending, a partition whose
 * last line was torn by a killed writer gets a newline, so the torn line stays one bad
 * (skipped) line and never swallows the next record.
 */
export function writePartitions(home: string, lines: PartitionLines, notes?: string[]): number {
	let bytes = 0;
	let made = false;
	for (const [partition, text] of Object.entries(lines)) {
		if (text.length === 0) continue;
		if (!made) {
			ensurePrivateDir(ledgerDir(home));
			made = true;
		}
		const path = partitionPath(home, partition);
		try {
			bytes += appendLines(path, text);
		} catch (error) {
			// A directory or a FIFO where the partition should be: moved aside once, then appended to a new file.
			const code = (error as NodeJS.ErrnoException).code;
			const moved = code === 'EISDIR' || code === 'ENOTREG' ? clearPartitionObstacle(path) : undefined;
			if (!moved) throw error;
			notes?.push(moved);
			bytes += appendLines(path, text);
		}
	}
	return bytes;
}

/** serializeRecords + writePartitions. */
export function appendRecords(home: string, entries: LedgerRecord[], contextTs?: string): {bytes: number} {
	if (entries.length === 0) return {bytes: 0};
	return {bytes: writePartitions(home, serializeRecords(entries, contextTs))};
}

/** `a+` that refuses a symbolic link: a link planted in the data directory is never written through. */
const APPEND = constants.O_RDWR | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW;

export function appendLines(path: string, text: string | Uint8Array): number {
	let fd: number;
	try {
		fd = openSync(path, APPEND, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw Object.assign(new Error(`${path} is a symbolic link; burn does not write through it (remove it)`), {code: 'ELOOP', path});
		throw error;
	}
	try {
		const st = fstatSync(fd);
		// A FIFO or device planted as a partition would block the write: refuse it.
		if (!st.isFile()) throw Object.assign(new Error(`ledger partition ${path} is not a regular file`), {code: 'ENOTREG', path});
		const size = st.size;
		let prefix = '';
		if (size > 0) {
			const last = Buffer.alloc(1);
			readSync(fd, last, 0, 1, size - 1);
			if (last[0] !== 0x0a) prefix = '\n';
		}
		const buf = typeof text === 'string' ? Buffer.from(prefix + text) : text;
		if (typeof text !== 'string' && prefix) writeSync(fd, prefix);
		let off = 0;
		while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
		return buf.length + (typeof text === 'string' ? 0 : prefix.length);
	} finally {
		closeSync(fd);
	}
}
