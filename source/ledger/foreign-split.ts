import {closeSync, openSync, readSync, writeSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';
import {join} from 'node:path';
import {UNDATED, dayOf} from './layout.js';

const CHUNK = 4 * 1024 * 1024;
const TS_KEY = Buffer.from('"ts":"');
const STAMP = Buffer.from('"kind":"stamp"');
const TURN = Buffer.from('"kind":"turn"');
/** `"kind":"…"` sits in the first bytes of a ledger line (`{"v":1,"kind":…`): look only there. */
const HEAD = 32;

/** The `ts` of a ledger line without parsing it (record lines carry no raw text, so the first `"ts":"` is the record's). */
function lineTs(line: Buffer): string | undefined {
	const at = line.indexOf(TS_KEY);
	if (at === -1) return undefined;
	const from = at + TS_KEY.length;
	const close = line.indexOf(0x22, from);
	if (close === -1 || close - from > 40) return undefined;
	return line.toString('latin1', from, close);
}

/**
 * Splits a relayburn `ledger.jsonl` into day partition files under `outDir`, copying runs of
 * consecutive lines that go to the same day straight from the read buffer (a ledger is
 * appended in time order, so runs are long): one pass, no JSON.parse, no per-line copies,
 * memory bounded by one chunk. Stamps are dropped; a record without a timestamp goes with
 * the latest timestamp before it (undated turns go to `undated`).
 */
export function splitLedgerByDay(file: string, outDir: string, onBytes?: (n: number) => void): void {
	const fds = new Map<string, number>();
	const fdFor = (day: string) => {
		let fd = fds.get(day);
		if (fd === undefined) fds.set(day, (fd = openSync(join(outDir, `${day}.jsonl`), 'a', 0o600)));
		return fd;
	};
	const write = (day: string, buf: Buffer, start: number, end: number) => {
		const fd = fdFor(day);
		let off = start;
		while (off < end) off += writeSync(fd, buf, off, end - off);
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
				// Searches stay inside the line (a subarray is a view, not a copy).
				const line = buf.subarray(i, nl);
				const head = line.subarray(0, HEAD);
				if (line.length > 0 && head.indexOf(STAMP) === -1) {
					const ts = lineTs(line);
					day = dayOf(ts);
					if (day) lastTs = ts;
					else day = head.indexOf(TURN) !== -1 ? UNDATED : (dayOf(lastTs) ?? UNDATED);
				}
				if (day !== runDay) {
					if (runDay !== undefined) write(runDay, buf, runStart, i);
					runDay = day;
					runStart = i;
				}
				i = Math.min(size, nl + 1);
				if (day === undefined) runStart = i; // skipped (blank or stamp)
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
	} finally {
		closeSync(input);
		for (const fd of fds.values()) closeSync(fd);
	}
}
