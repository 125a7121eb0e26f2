/**
 * A kept report on disk (report-cache.ts): `{"v":…,"key":…}\n` (the head), then stdout's bytes
 * as they were written. A hit reads the head and a few bytes of the body, and copies the body
 * to stdout without holding it: in 64 KB pieces through one buffer, each written to file
 * descriptor 1 synchronously (Io.out, cli/start.ts) before the next is read. The all-time report is
 * ~6 MB; reading it into one new buffer cost ~20 ms of CPU on this VM (the kernel mapping its
 * fresh pages) against ~5 ms through a reused one, and a blocking write is the pipe's own
 * backpressure. Without Io.out (the tests' in-memory streams) the body is read whole and
 * written once, as before.
 */
import {closeSync, fstatSync, readSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';

const PIECE = 64 * 1024;
/** A head longer than this is not ours (the key holds the environment: a few KB). */
const MAX_HEAD = 4 * 1024 * 1024;

/** An open kept file: its head (parsed), and where the body starts and ends. Close it (close()). */
export interface KeptFile {
	head: Record<string, unknown>;
	fd: number;
	body: number;
	size: number;
}

/** The kept file at `path` with its head parsed, or undefined (none, not ours, unreadable). */
export function openKept(path: string): KeptFile | undefined {
	let fd: number;
	try {
		fd = openRegular(path);
	} catch {
		return undefined;
	}
	try {
		const size = fstatSync(fd).size;
		let buf = Buffer.allocUnsafe(Math.min(PIECE, size));
		let got = 0;
		for (;;) {
			while (got < buf.length) {
				const n = readSync(fd, buf, got, buf.length - got, got);
				if (n === 0) break;
				got += n;
			}
			const nl = buf.subarray(0, got).indexOf(10);
			if (nl >= 0) {
				const head = JSON.parse(buf.toString('utf8', 0, nl)) as unknown;
				if (!head || typeof head !== 'object' || Array.isArray(head)) break;
				return {head: head as Record<string, unknown>, fd, body: nl + 1, size};
			}
			// The file ended, or the head is too long to be ours.
			if (got < buf.length || got >= Math.min(size, MAX_HEAD)) break;
			const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, size));
			buf.copy(bigger, 0, 0, got);
			buf = bigger;
		}
	} catch {}
	closeSync(fd);
	return undefined;
}

export function closeKept(kept: KeptFile): void {
	try {
		closeSync(kept.fd);
	} catch {}
}

/** `length` bytes of the body from `at` (fewer at its end). */
export function bodyBytes(kept: KeptFile, at: number, length: number): Buffer {
	const start = kept.body + at;
	const n = Math.max(0, Math.min(length, kept.size - start));
	const buf = Buffer.alloc(n);
	let got = 0;
	while (got < n) {
		const r = readSync(kept.fd, buf, got, n - got, start + got);
		if (r === 0) break;
		got += r;
	}
	return got === n ? buf : buf.subarray(0, got);
}

/** The body's bytes `[at, at + cut)` replaced by `put` (a later window start put in place). */
export interface Splice {
	at: number;
	cut: number;
	put: Buffer;
}

/** The body's bytes from `from` to `to`, to `write` in pieces through one buffer (see the top of this file). */
function copyRange(kept: KeptFile, from: number, to: number, write: (piece: Uint8Array) => void, buf: Buffer): void {
	let at = kept.body + from;
	const end = kept.body + to;
	while (at < end) {
		const n = readSync(kept.fd, buf, 0, Math.min(buf.length, end - at), at);
		if (n === 0) throw new Error('the report cache entry ended early');
		write(buf.subarray(0, n));
		at += n;
	}
}

/** Writes the body (with the splice) to a synchronous writer, piece by piece. */
export function pipeBody(kept: KeptFile, splice: Splice | undefined, write: (piece: Uint8Array) => void): void {
	const length = kept.size - kept.body;
	const buf = Buffer.allocUnsafe(Math.min(PIECE, Math.max(1, length)));
	if (!splice) return copyRange(kept, 0, length, write, buf);
	copyRange(kept, 0, splice.at, write, buf);
	write(splice.put);
	copyRange(kept, splice.at + splice.cut, length, write, buf);
}

/** The body (with the splice) in one buffer. */
export function wholeBody(kept: KeptFile, splice: Splice | undefined): Buffer {
	const body = bodyBytes(kept, 0, kept.size - kept.body);
	if (!splice) return body;
	return Buffer.concat([body.subarray(0, splice.at), splice.put, body.subarray(splice.at + splice.cut)]);
}
