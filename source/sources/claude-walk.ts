/**
 * Claude discovery as a replayable walk (issue 15: `burn status` warm on ~1,000 logs in ~330
 * directories). Discovery lists directories and stats what it finds; a warm run must stat every
 * log again (an append changes a log, not its directory), but it need not list a directory
 * whose own stat says nothing was added, removed or renamed in it: each of those changes the
 * directory's mtime. So discovery records its walk: every directory it listed (with device,
 * inode and mtime to the nanosecond), every path it probed and found no directory at (a
 * session without `subagents/`), and every log with its stat. The warm index
 * (ledger/warm-index.ts) keeps it; the next run replays it, one stat per entry, from one
 * string and one array of numbers, and when every stat gives what it gave, Claude discovery
 * would find exactly what it found: the same directories with the same entries, the same logs
 * with the same stats. Listing ~330 directories, their `Dirent`s and names, and comparing the
 * listing with the index cost a warm status line ~10 ms and two young-generation collections.
 *
 * A walk is replayable only when a replay can stand for it:
 * - every directory listed was at least SETTLE_MS older than the discovery that listed it. A
 *   filesystem stamps times at a coarse tick (a jiffy on Linux, 1–2 s on some), so an entry
 *   made just after the listing, in the tick of the directory's last change, would leave its
 *   mtime as it was (git's "racy" index entries). A walk with a younger directory is compared
 *   whole instead (warm-index.ts), as before;
 * - no directory was listed but unreadable, and none skipped as already entered (a link to a
 *   directory seen before), and device and inode numbers are exact as doubles (below 2^53).
 * A directory or probe that differs in a replay (another inode or mtime, a probe that finds a
 * directory now) is not a verdict: discovery runs as before. A log that differs (an append, a
 * rewrite in place) changes no directory: the replay gives the walk with that log's stat as it
 * is now, what discovery would have found, and the ingest reads it (the live case: one stat
 * per entry, not a replay and then a discovery).
 */
import type {SourceRoot} from './discover.js';
import {mtimeMsOf, rawStatter, STAT, S_IF, type DirState} from './raw-stat.js';
import type {LogBatch} from './stat-batch.js';

/** How much older than the discovery a directory's mtime must be for a replay to stand for its listing. */
export const SETTLE_MS = 10_000;

/** Kinds of a walk's entries: the first character of each token. */
const DIR = 'D';
const SUBAGENTS = 'S';
const ABSENT = 'A';
const FILE = 'F';
/** Token terminator: no path holds a NUL. */
const END = '\0';

/** A walk as the warm index keeps it: NUL-terminated tokens (kind + path) and their numbers. */
export interface WalkData {
	text: string;
	/** D and S: dev, ino, mtime s, mtime ns; F: size (-1: not a regular file), mtime s, mtime ns, ino; A: none. */
	values: Float64Array;
	/** Whether a replay may stand for it (see the top of this file). */
	replay: boolean;
	/** The Claude roots' `projects` directories it started from, and whether each existed. */
	roots: Array<[string, boolean]>;
}

type Step = {kind: typeof DIR | typeof SUBAGENTS; path: string; state: DirState} | {kind: typeof ABSENT; path: string} | {kind: typeof FILE; batch: LogBatch};

/** What one Claude discovery did, in order (discover.ts records; warm-index.ts keeps `data()`). */
export class ClaudeWalk {
	private readonly steps: Step[] = [];
	private readonly settledBefore: number;
	private replay = true;
	readonly roots: Array<[string, boolean]> = [];

	constructor(now = Date.now()) {
		this.settledBefore = now - SETTLE_MS;
	}

	/** A directory about to be listed, as stat'ed before the listing. */
	dir(path: string, state: DirState, subagents = false): void {
		this.steps.push({kind: subagents ? SUBAGENTS : DIR, path, state});
		if (!(mtimeMsOf(state.sec, state.nsec) < this.settledBefore) || !Number.isSafeInteger(state.dev) || !Number.isSafeInteger(state.ino)) this.replay = false;
	}

	/** A path probed for a directory, where there was none. */
	absent(path: string): void {
		this.steps.push({kind: ABSENT, path});
	}

	/** The logs of the directory recorded last (without exact times, from statSync: nothing for a replay to compare). */
	logs(batch: LogBatch): void {
		this.steps.push({kind: FILE, batch});
		if (!batch.times) this.replay = false;
	}

	/** Something a replay could not repeat: a directory unreadable, or skipped as seen before. */
	unrepeatable(): void {
		this.replay = false;
	}

	/** The walk as text and numbers (built on demand: a warm run whose replay stood never builds it). */
	data(): WalkData {
		let count = 0;
		for (const s of this.steps) count += s.kind === FILE ? 4 * s.batch.names.length : s.kind === ABSENT ? 0 : 4;
		const values = new Float64Array(count);
		const parts: string[] = [];
		let v = 0;
		for (const s of this.steps) {
			if (s.kind === FILE) {
				const {dir, names, stamps, times} = s.batch;
				// One native join per directory (50,000 logs: a template string each cost ~30 ms).
				parts.push(`${FILE}${dir}/${names.join(`${END}${FILE}${dir}/`)}`);
				for (let i = 0; i < names.length; i++, v += 4) {
					const size = stamps[i * 3]!;
					values[v] = size < 0 ? -1 : size;
					if (size >= 0 && times) {
						values[v + 1] = times[i * 2]!;
						values[v + 2] = times[i * 2 + 1]!;
						values[v + 3] = stamps[i * 3 + 2]!;
					}
				}
			} else if (s.kind === ABSENT) parts.push(`${ABSENT}${s.path}`);
			else {
				parts.push(`${s.kind}${s.path}`);
				values[v++] = s.state.dev;
				values[v++] = s.state.ino;
				values[v++] = s.state.sec;
				values[v++] = s.state.nsec;
			}
		}
		return {text: parts.length ? `${parts.join(END)}${END}` : '', values, replay: this.replay, roots: this.roots};
	}
}

/**
 * Replays a recorded walk (see the top of this file). Undefined when it cannot stand for a
 * discovery now: not replayable, no raw stats here (a replay reads the stat array directly), or
 * a directory or probe that does not stat as it did (an entry may have come or gone: discovery
 * must list again). Otherwise Claude discovery would find the same directories with the same
 * entries, and `walk` is what it would record: the one kept when every log stats as it did
 * (`changed` false), else the same with the logs' stats as they are now (an append, a rewrite
 * in place: the live case, answered without listing anything).
 */
export function replayWalk(walk: WalkData, env: NodeJS.ProcessEnv = process.env): {claudeLogs: number; changed: boolean; walk: WalkData} | undefined {
	const {text, values} = walk;
	if (!walk.replay) return undefined;
	const firstFile = text.indexOf(`${END}${FILE}`);
	const stat = rawStatter(firstFile < 0 ? '' : text.slice(firstFile + 2, text.indexOf(END, firstFile + 1)), env);
	if (!stat) return undefined;
	const {MODE, SIZE, MTIME_S, MTIME_NS, INO, DEV} = STAT;
	// Numbers compared as their bits, two 32-bit words each: reading a Float64Array element in
	// code that runs once makes a heap number each time (~140 bytes per entry, which cost the
	// status line a young-generation collection); an Int32Array element is a small integer.
	const want = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
	let got: Int32Array | undefined;
	let gotOf: Float64Array | undefined;
	const same = (k: number, w: number): boolean => got![2 * k] === want[2 * w] && got![2 * k + 1] === want[2 * w + 1];
	/** The logs' stats as they are now, from the first that differs on. */
	let fresh: Float64Array | undefined;
	let logs = 0;
	let v = 0;
	let pos = 0;
	while (pos < text.length) {
		const end = text.indexOf(END, pos);
		if (end < 0) return undefined;
		const kind = text[pos];
		const r = stat(text.slice(pos + 1, end));
		if (r && r !== gotOf) {
			gotOf = r;
			got = new Int32Array(r.buffer, r.byteOffset, r.length * 2);
		}
		const type = r ? r[MODE]! & S_IF.FMT : 0;
		if (kind === FILE) {
			if (v + 4 > values.length) return undefined;
			if (type === S_IF.REG) logs++;
			const asKept = type === S_IF.REG ? same(SIZE, v) && same(MTIME_S, v + 1) && same(MTIME_NS, v + 2) && same(INO, v + 3) : values[v] === -1;
			if (!asKept) {
				fresh ??= values.slice();
				if (type === S_IF.REG) fresh.set([r![SIZE]!, r![MTIME_S]!, r![MTIME_NS]!, r![INO]!], v);
				else fresh.set([-1, 0, 0, 0], v);
			}
			v += 4;
		} else if (kind === DIR || kind === SUBAGENTS) {
			if (v + 4 > values.length) return undefined;
			if (type !== S_IF.DIR || !same(DEV, v) || !same(INO, v + 1) || !same(MTIME_S, v + 2) || !same(MTIME_NS, v + 3)) return undefined;
			v += 4;
		} else if (kind === ABSENT) {
			if (type === S_IF.DIR) return undefined;
		} else return undefined;
		pos = end + 1;
	}
	if (v !== values.length) return undefined;
	return {claudeLogs: logs, changed: fresh !== undefined, walk: fresh ? {...walk, values: fresh} : walk};
}

/** The Claude batches a walk found (stat-batch.ts), rebuilt from it: per directory with logs, its names and stats. */
export function walkBatches(walk: WalkData): LogBatch[] {
	const {text, values} = walk;
	const out: LogBatch[] = [];
	let dir = '';
	let subagents = false;
	let names: string[] = [];
	let stamps: number[] = [];
	let times: number[] = [];
	const flush = () => {
		if (names.length > 0) out.push({source: 'claude-code', dir, names, stamps: Float64Array.from(stamps), ...(subagents ? {subagents} : {}), times: Float64Array.from(times)});
		names = [];
		stamps = [];
		times = [];
	};
	let v = 0;
	for (let pos = 0; pos < text.length; ) {
		const end = text.indexOf(END, pos);
		const kind = text[pos];
		if (kind === FILE) {
			names.push(text.slice(pos + 2 + dir.length, end));
			const size = values[v]!;
			// mtimeMs as a stat gives it (raw-stat.ts rawInto), bit for bit; a log that was not a regular file: -1, 0, 0.
			stamps.push(size, size < 0 ? 0 : mtimeMsOf(values[v + 1]!, values[v + 2]!), size < 0 ? 0 : values[v + 3]!);
			times.push(values[v + 1]!, values[v + 2]!);
			v += 4;
		} else if (kind === DIR || kind === SUBAGENTS) {
			flush();
			dir = text.slice(pos + 1, end);
			subagents = kind === SUBAGENTS;
			v += 4;
		}
		pos = end + 1;
	}
	flush();
	return out;
}

/** The roots of a walk as discovery reports them. */
export function walkRoots(walk: WalkData): SourceRoot[] {
	return walk.roots.map(([path, exists]) => ({source: 'claude-code', path, exists}));
}
