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
 * Given the head and tail of a line too long to keep, a short line that stands for it (the
 * Claude reader keeps an assistant line's usage), or undefined to count it as oversized.
 */
export type OnHugeLine = (head: Buffer, tail: Buffer) => Buffer | undefined;

/** How much of an oversized line's start and end is kept for OnHugeLine. */
export const HUGE_HEAD_BYTES = 64 * 1024;
export const HUGE_TAIL_BYTES = 64 * 1024;

/** The longest line parsed whole: MAX_LINE_BYTES, or BURN_MAX_LINE_BYTES (tests; at least 64 KiB). */
export function maxLineBytes(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.BURN_MAX_LINE_BYTES);
	return Number.isSafeInteger(n) && n >= 64 * 1024 ? n : MAX_LINE_BYTES;
}

const lastBytes = (b: Buffer, n: number): Buffer => (b.length <= n ? b : b.subarray(b.length - n));

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
	/** While skipping an oversized line: its offset, first bytes, and last bytes so far. */
	private hugeStart = 0;
	private hugeHead: Buffer = Buffer.alloc(0);
	private hugeTail: Buffer = Buffer.alloc(0);

	constructor(
		start: number,
		private readonly onLine: OnLine,
		private readonly maxLine: number,
		private readonly onHuge?: OnHugeLine,
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
		if (this.skipping) {
			if (this.onHuge) this.hugeTail = Buffer.from(lastBytes(Buffer.concat([this.hugeTail, rest]), HUGE_TAIL_BYTES));
			return;
		}
		const size = (this.carry?.length ?? 0) + rest.length;
		if (size > this.maxLine) {
			this.skipping = true;
			if (this.onHuge) {
				const whole = this.carry ? Buffer.concat([this.carry, rest]) : rest;
				this.hugeStart = this.carry ? this.carryStart : at;
				this.hugeHead = Buffer.from(whole.subarray(0, HUGE_HEAD_BYTES));
				this.hugeTail = Buffer.from(lastBytes(whole, HUGE_TAIL_BYTES));
			}
			this.carry = null;
			return;
		}
		if (!this.carry) this.carryStart = at;
		this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
	}

	private complete(tail: Buffer, at: number): void {
		if (this.skipping) {
			this.skipping = false;
			this.huge(this.hugeHead, lastBytes(Buffer.concat([this.hugeTail, tail]), HUGE_TAIL_BYTES), this.hugeStart);
			this.hugeHead = this.hugeTail = Buffer.alloc(0);
			return;
		}
		const offset = this.carry ? this.carryStart : at;
		let line = this.carry ? Buffer.concat([this.carry, tail]) : tail;
		this.carry = null;
		if (line.length > this.maxLine) {
			this.huge(line.subarray(0, HUGE_HEAD_BYTES), lastBytes(line, HUGE_TAIL_BYTES), offset);
			return;
		}
		if (offset === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
		if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
		if (line.length > 0) this.onLine(line, offset);
	}

	/** An oversized line: what onHuge makes of its head and tail, or one more oversized line. */
	private huge(head: Buffer, tail: Buffer, offset: number): void {
		let stand: Buffer | undefined;
		if (this.onHuge) {
			const t = tail.length > 0 && tail[tail.length - 1] === 0x0d ? tail.subarray(0, tail.length - 1) : tail;
			stand = this.onHuge(head, t);
		}
		if (stand) this.onLine(stand, offset);
		else this.hugeLines++;
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
	onHuge?: OnHugeLine,
): LineScanResult {
	const fd = openRegular(path);
	try {
		const split = new LineSplitter(start, onLine, maxLine, onHuge);
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
	onHuge?: OnHugeLine,
): Promise<LineScanResult> {
	const fd = openRegular(path);
	try {
		const split = new LineSplitter(start, onLine, maxLine, onHuge);
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
