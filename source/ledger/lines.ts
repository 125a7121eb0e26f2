import {closeSync, openSync, readSync} from 'node:fs';

export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

export interface LineScanResult {
	/** Offset just past the last complete line. */
	end: number;
	bytes: number;
	hugeLines: number;
}

/**
 * Streams the complete lines of a file from `start` in fixed-size chunks: never decodes the
 * whole file. Strips a trailing '\r' and a leading UTF-8 BOM. A line longer than
 * MAX_LINE_BYTES is skipped (counted) without being buffered whole. A trailing partial line
 * is left for the next pass. `onLine` gets a Buffer view valid only during the call.
 */
export function forEachLine(
	path: string,
	start: number,
	onLine: (line: Buffer, offset: number) => void,
	onChunk?: (bytesSoFar: number) => void,
	limit = Number.POSITIVE_INFINITY,
	maxLine = MAX_LINE_BYTES,
): LineScanResult {
	const fd = openSync(path, 'r');
	try {
		return scanFd(fd, start, onLine, onChunk, limit, maxLine);
	} finally {
		closeSync(fd);
	}
}

function scanFd(
	fd: number,
	start: number,
	onLine: (line: Buffer, offset: number) => void,
	onChunk: ((bytesSoFar: number) => void) | undefined,
	limit: number,
	maxLine: number,
): LineScanResult {
	let pos = start;
	let end = start;
	let hugeLines = 0;
	let carry: Buffer | null = null;
	let carryStart = start;
	let skipping = false;
	const chunk = Math.min(CHUNK, Math.max(maxLine, 64 * 1024));
	const buf = Buffer.allocUnsafe(chunk);
	for (;;) {
		const want = Math.min(chunk, limit - pos);
		if (want <= 0) break;
		const n = readSync(fd, buf, 0, want, pos);
		if (n <= 0) break;
		let i = 0;
		while (i < n) {
			const nl = buf.indexOf(0x0a, i);
			if (nl === -1 || nl >= n) {
				if (!skipping) {
					const rest = buf.subarray(i, n);
					const size = (carry?.length ?? 0) + rest.length;
					if (size > maxLine) {
						skipping = true;
						carry = null;
					} else {
						if (!carry) carryStart = pos + i;
						carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
					}
				}
				break;
			}
			const lineOffset = carry ? carryStart : pos + i;
			if (skipping) {
				hugeLines++;
				skipping = false;
			} else {
				let line = carry ? Buffer.concat([carry, buf.subarray(i, nl)]) : buf.subarray(i, nl);
				carry = null;
				if (line.length > maxLine) hugeLines++;
				else {
					if (lineOffset === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
					if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
					if (line.length > 0) onLine(line, lineOffset);
				}
			}
			i = nl + 1;
			end = pos + i;
		}
		pos += n;
		onChunk?.(pos - start);
	}
	return {end, bytes: pos - start, hugeLines};
}
