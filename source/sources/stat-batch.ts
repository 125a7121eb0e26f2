/**
 * The logs of one directory stat'ed in one batch into a typed array (issue 17: a warm run
 * stats every log; with 50,000 of them the stats were most of its time). Discovery keeps the
 * names and this array, and makes a `LogFile` object per log only when asked (`batchFiles`):
 * a warm run with nothing new makes none, and builds no path string either.
 *
 * Measured on 50,000 logs (docs/performance.md): a synchronous loop costs the least CPU.
 * `fs.promises.stat` or callbacks with 16–64 in flight cost 3–4× the CPU and more wall on 2
 * cores (with UV_USE_IO_URING=1 too); half the stats in a helper thread cost +35 % CPU and
 * gained no wall on a loaded machine. Each stat goes through raw-stat.ts: Node's fs binding
 * without a `Stats` object where that is known to be safe, `statSync` otherwise. Stat'ing
 * relative names after a `chdir` would save some kernel path walking, but changes the whole
 * process's directory: not used.
 */
import {BIG_TREE, tuneV8} from '../core/v8-tuning.js';
import {statNamesInto} from './raw-stat.js';
import type {LogFile} from './discover.js';

/** Logs of one directory: names, and per name size, mtimeMs and ino (size -1: gone, or not a regular file). */
export interface LogBatch {
	source: LogFile['source'];
	dir: string;
	names: string[];
	stamps: Float64Array;
	/** A Claude `subagents/` directory: each log's `agent-<id>.meta.json` lies beside it (LogFile.metaPath). */
	subagents?: boolean;
	/** Per name its mtime's seconds and nanoseconds, exact (raw stats only: raw-stat.ts), for Claude's walk (claude-walk.ts). */
	times?: Float64Array;
}

/** Names stat'ed by this process (a big tree tunes V8 for the loops to come: core/v8-tuning.ts). */
let seen = 0;

export function statBatch(source: LogFile['source'], dir: string, names: string[], subagents = false): LogBatch {
	seen += names.length;
	if (seen > BIG_TREE) tuneV8();
	const stamps = new Float64Array(names.length * 3);
	const times = new Float64Array(names.length * 2);
	// No Stats object per log (raw-stat.ts); a log may go between the listing and its stat (-1).
	const exact = statNamesInto(dir, names, stamps, undefined, times);
	return {source, dir, names, stamps, ...(subagents ? {subagents} : {}), ...(exact ? {times} : {})};
}

/** How many of a batch's names are logs (regular files when stat'ed). */
export function batchCount(b: LogBatch): number {
	let n = 0;
	for (let i = 0; i < b.names.length; i++) if (b.stamps[i * 3]! >= 0) n++;
	return n;
}

/** A batch's logs as `LogFile` objects, appended to `out`. */
export function batchFiles(b: LogBatch, out: LogFile[]): void {
	for (let i = 0; i < b.names.length; i++) {
		const size = b.stamps[i * 3]!;
		if (size < 0) continue;
		const name = b.names[i]!;
		const path = `${b.dir}/${name}`;
		const file: LogFile = {source: b.source, path, size, mtimeMs: b.stamps[i * 3 + 1]!, ino: b.stamps[i * 3 + 2]!};
		// Its meta file is read when the transcript is (a warm run reads none of them).
		if (b.subagents) file.metaPath = `${b.dir}/${name.slice(0, -'.jsonl'.length)}.meta.json`;
		out.push(file);
	}
}
