import {closeSync, openSync, readSync, writeSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';
import {join} from 'node:path';
import {UNDATED, dayOf} from './layout.js';
import {bytesTs, headKind, parseForeignLine} from './foreign-line.js';

const CHUNK = 4 * 1024 * 1024;
/** Parsed lines written back compact are batched per partition up to this many bytes. */
const PENDING_MAX = 1024 * 1024;

/** What a split found: lines read, lines placed by JSON.parse, turns that really have no time, lines that are not JSON. */
export interface SplitStats {
	lines: number;
	parsed: number;
	undatedTurns: number;
	badLines: number;
}

const blank = (line: Buffer): boolean => {
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
	}
	return true;
};

/**
 * Splits a relayburn `ledger.jsonl` into day partition files under `outDir`, copying runs of
 * consecutive lines that go to the same day straight from the read buffer (a ledger is
 * appended in time order, so runs are long): one pass, memory bounded by one chunk. A line
 * whose kind and time its bytes give (compact or spaced JSON, foreign-line.ts) is copied
 * unparsed; any other line is parsed and written back compact. Stamps are dropped; a record
 * without a timestamp goes with the latest timestamp before it (undated turns go to
 * `undated`, and are counted).
 */
export function splitLedgerByDay(file: string, outDir: string, onBytes?: (n: number) => void): SplitStats {
	const stats: SplitStats = {lines: 0, parsed: 0, undatedTurns: 0, badLines: 0};
	const fds = new Map<string, number>();
	const fdFor = (day: string) => {
		let fd = fds.get(day);
		if (fd === undefined) fds.set(day, (fd = openSync(join(outDir, `${day}.jsonl`), 'a', 0o600)));
		return fd;
	};
	const writeAll = (fd: number, buf: Buffer, start: number, end: number) => {
		let off = start;
		while (off < end) off += writeSync(fd, buf, off, end - off);
	};
	// Lines written back compact, per day, kept in order with the runs copied to that day.
	const pending = new Map<string, {parts: string[]; bytes: number}>();
	const flush = (day: string) => {
		const p = pending.get(day);
		if (!p || p.parts.length === 0) return;
		const out = Buffer.from(p.parts.join(''), 'utf8');
		p.parts = [];
		p.bytes = 0;
		writeAll(fdFor(day), out, 0, out.length);
	};
	const write = (day: string, buf: Buffer, start: number, end: number) => {
		flush(day);
		writeAll(fdFor(day), buf, start, end);
	};
	const writeLine = (day: string, text: string) => {
		let p = pending.get(day);
		if (!p) pending.set(day, (p = {parts: [], bytes: 0}));
		p.parts.push(text, '\n');
		p.bytes += text.length + 1;
		if (p.bytes > PENDING_MAX) flush(day);
	};
	const input = openRegular(file);
	let buf = Buffer.allocUnsafe(CHUNK);
	let lastTs: string | undefined;
	let pos = 0;
	let carry = 0; // bytes of a partial line kept at the start of buf
	try {
		for (;;) {
			if (carry === buf.length) {
				// One line longer than the buffer: grow it.
				const bigger = Buffer.allocUnsafe(buf.length * 2);
				buf.copy(bigger, 0, 0, carry);
				buf = bigger;
			}
			const n = readSync(input, buf, carry, buf.length - carry, pos);
			const size = carry + n;
			const eof = n <= 0;
			let i = 0;
			let runDay: string | undefined;
			let runStart = 0;
			while (i < size) {
				let nl = buf.indexOf(0x0a, i);
				if (nl === -1 || nl >= size) {
					if (!eof) break;
					nl = size; // last line without a newline
				}
				let day: string | undefined;
				let rewritten: string | undefined;
				// Searches stay inside the line (a subarray is a view, not a copy).
				const line = buf.subarray(i, nl);
				if (!blank(line)) {
					stats.lines++;
					const kind = headKind(line);
					let placed = kind === 'stamp';
					if (kind !== undefined && !placed) {
						const ts = bytesTs(line);
						day = dayOf(ts);
						if (day) {
							lastTs = ts;
							placed = true;
						}
					}
					if (!placed) {
						const p = parseForeignLine(line);
						if (!p.ok) {
							// Copied as it is: the scan counts it as a bad line.
							stats.badLines++;
							day = dayOf(lastTs) ?? UNDATED;
						} else if (p.kind !== 'stamp') {
							stats.parsed++;
							day = dayOf(p.ts);
							if (day) lastTs = p.ts;
							else if (p.kind === 'turn') {
								day = UNDATED;
								stats.undatedTurns++;
							} else day = dayOf(lastTs) ?? UNDATED;
							rewritten = p.compact;
						}
					}
				}
				if (day !== runDay || rewritten !== undefined) {
					if (runDay !== undefined) write(runDay, buf, runStart, i);
					runDay = day;
					runStart = i;
				}
				i = Math.min(size, nl + 1);
				if (day === undefined) runStart = i; // skipped (blank or stamp)
				else if (rewritten !== undefined) {
					writeLine(day, rewritten);
					runDay = undefined;
					runStart = i;
				}
			}
			if (runDay !== undefined && i > runStart) {
				write(runDay, buf, runStart, i);
				// A last line without a newline: terminate it in the partition.
				if (eof && buf[i - 1] !== 0x0a) write(runDay, Buffer.from('\n'), 0, 1);
			}
			if (eof) break;
			pos += n;
			carry = size - i;
			if (carry > 0) buf.copy(buf, 0, i, size);
			onBytes?.(pos);
		}
		for (const day of pending.keys()) flush(day);
	} finally {
		closeSync(input);
		for (const fd of fds.values()) closeSync(fd);
	}
	return stats;
}
