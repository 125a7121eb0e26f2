import {readFileSync} from 'node:fs';
import type {LineReaderFactory, ReaderOutput} from '../../source/sources/reader.js';

export interface ReadLinesOptions<S> {
	/** ReaderContext.path (default: the file's path, or '/tmp/test-session.jsonl' for bytes). */
	path?: string;
	contentMode?: 'full' | 'off';
	/** Byte offset this pass starts at (default 0). */
	startOffset?: number;
	/** Treat the data as ending here (simulates a file that has only been written this far). */
	endOffset?: number;
	/** State returned by the previous pass. */
	state?: S;
}

export interface ReadLinesResult<S> extends ReaderOutput<S> {
	/** Offset just past the last complete line fed (where the next pass starts). */
	end: number;
	/** Number of lines fed to the reader. */
	lines: number;
}

/**
 * Feeds bytes to a reader the way the ingest driver does: complete '\n'-terminated lines
 * only (a trailing partial line is left for the next pass), a trailing '\r' and a leading
 * BOM stripped, empty lines skipped, each with the byte offset of its first byte.
 */
export function readLines<S>(factory: LineReaderFactory<S>, data: Buffer | string, opts: ReadLinesOptions<S> = {}): ReadLinesResult<S> {
	const all = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	const start = opts.startOffset ?? 0;
	const bytes = all.subarray(0, Math.min(all.length, opts.endOffset ?? all.length));
	const reader = factory(
		{path: opts.path ?? '/tmp/test-session.jsonl', contentMode: opts.contentMode ?? 'off', startOffset: start},
		opts.state,
	);
	let pos = start;
	let end = start;
	let lines = 0;
	while (pos < bytes.length) {
		const nl = bytes.indexOf(0x0a, pos);
		if (nl === -1) break;
		let line = bytes.subarray(pos, nl);
		if (pos === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
		if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
		if (line.length > 0) {
			// A copy, so a reader that keeps the buffer past the call is caught by the tests.
			const copy = Buffer.from(line);
			reader.line(copy, pos);
			copy.fill(0);
			lines++;
		}
		pos = nl + 1;
		end = pos;
	}
	return {...reader.finish(), end, lines};
}

/** readLines over a file on disk; `path` defaults to the file's own path. */
export function readFileLines<S>(factory: LineReaderFactory<S>, file: string, opts: ReadLinesOptions<S> = {}): ReadLinesResult<S> {
	return readLines(factory, readFileSync(file), {path: file, ...opts});
}

/** Offsets at which each complete line starts (for choosing split points). */
export function lineStarts(data: Buffer): number[] {
	const out: number[] = [];
	let pos = 0;
	while (pos < data.length) {
		const nl = data.indexOf(0x0a, pos);
		if (nl === -1) break;
		out.push(pos);
		pos = nl + 1;
	}
	return out;
}
