import {closeSync, readSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';

export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

export interface LineScanResult {
	/** Offset just past the last complete line. */
	end: number;
	bytes: number;
	hugeLines: number;
}

type OnLine = (line: Buffer, offset: number) => void;

/**
 * Splits chunks of a file into complete lines: strips a trailing '\r' and a leading UTF-8
 * BOM, skips (and counts) lines longer than `maxLine` without buffering them whole, and
 * leaves a trailing partial line for the next pass.
 */
class LineSplitter {
	end: number;
	hugeLines = 0;
	private carry: Buffer | null = null;
	private carryStart = 0;
	private skipping = false;

	constructor(
		start: number,
		private readonly onLine: OnLine,
		private readonly maxLine: number,
	) {
		this.end = start;
	}

	/** `buf[0..n)` holds the bytes at file offset `pos`. */
	push(buf: Buffer, n: number, pos: number): void {
		let i = 0;
		while (i < n) {
			const nl = buf.indexOf(0x0a, i);
			if (nl === -1 || nl >= n) {
				this.keep(buf.subarray(i, n), pos + i);
				return;
			}
			this.complete(buf.subarray(i, nl), pos + i);
			i = nl + 1;
			this.end = pos + i;
		}
	}

	private keep(rest: Buffer, at: number): void {
		if (this.skipping) return;
		const size = (this.carry?.length ?? 0) + rest.length;
		if (size > this.maxLine) {
			this.skipping = true;
			this.carry = null;
			return;
		}
		if (!this.carry) this.carryStart = at;
		this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
	}

	private complete(tail: Buffer, at: number): void {
		if (this.skipping) {
			this.hugeLines++;
			this.skipping = false;
			return;
		}
		const offset = this.carry ? this.carryStart : at;
		let line = this.carry ? Buffer.concat([this.carry, tail]) : tail;
		this.carry = null;
		if (line.length > this.maxLine) {
			this.hugeLines++;
			return;
		}
		if (offset === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
		if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
		if (line.length > 0) this.onLine(line, offset);
	}
}

function chunkSize(maxLine: number): number {
	return Math.min(CHUNK, Math.max(maxLine, 64 * 1024));
}

/** Reads `[start, limit)` of an open file chunk by chunk into one reused buffer. */
function* chunks(fd: number, start: number, limit: number, size: number): Generator<{buf: Buffer; n: number; pos: number}> {
	const buf = Buffer.allocUnsafe(size);
	let pos = start;
	for (;;) {
		const want = Math.min(buf.length, limit - pos);
		if (want <= 0) return;
		const n = readSync(fd, buf, 0, want, pos);
		if (n <= 0) return;
		yield {buf, n, pos};
		pos += n;
	}
}

/**
 * Streams the complete lines of a file from `start` in fixed-size chunks: never decodes the
 * whole file. `onLine` gets a Buffer view valid only during the call.
 */
export function forEachLine(
	path: string,
	start: number,
	onLine: OnLine,
	onChunk?: (bytesSoFar: number) => void,
	limit = Number.POSITIVE_INFINITY,
	maxLine = MAX_LINE_BYTES,
): LineScanResult {
	const fd = openRegular(path);
	try {
		const split = new LineSplitter(start, onLine, maxLine);
		let end = start;
		for (const {buf, n, pos} of chunks(fd, start, limit, chunkSize(maxLine))) {
			split.push(buf, n, pos);
			end = pos + n;
			onChunk?.(end - start);
		}
		return {end: split.end, bytes: end - start, hugeLines: split.hugeLines};
	} finally {
		closeSync(fd);
	}
}

let lastYield = 0;

/** Lets the event loop run (spinners, key presses) when the current work has held it ~30 ms. */
export async function yieldIfDue(): Promise<void> {
	const now = performance.now();
	if (now - lastYield < 30) return;
	await new Promise((r) => setImmediate(r));
	lastYield = performance.now();
}

/** forEachLine that yields to the event loop between chunks (for the interactive UI). */
export async function forEachLineAsync(
	path: string,
	start: number,
	onLine: OnLine,
	onChunk?: (bytesSoFar: number) => void,
	limit = Number.POSITIVE_INFINITY,
	maxLine = MAX_LINE_BYTES,
): Promise<LineScanResult> {
	const fd = openRegular(path);
	try {
		const split = new LineSplitter(start, onLine, maxLine);
		let end = start;
		for (const {buf, n, pos} of chunks(fd, start, limit, Math.min(chunkSize(maxLine), 1024 * 1024))) {
			split.push(buf, n, pos);
			end = pos + n;
			onChunk?.(end - start);
			await yieldIfDue();
		}
		return {end: split.end, bytes: end - start, hugeLines: split.hugeLines};
	} finally {
		closeSync(fd);
	}
}
