/**
 * Tells when the agents' logs may have changed, so a viewer re-ingests only then: `fs.watch`
 * (recursive, inotify) on each discovery root where it works, and where it does not (no
 * recursive watch, too many directories, `BURN_WATCH_POLL=1` for network filesystems) a cheap
 * stat poll of the roots, their directories and the recently written logs. While nothing
 * changes it does no work with fs.watch, and one round of stats a second with the poll.
 */
import {readdirSync, statSync, watch, type FSWatcher} from 'node:fs';
import {dirname, join} from 'node:path';
import {discoverAll} from '../sources/discover-all.js';

export interface LogWatch {
	/** How it follows: `watch` (fs.watch on every root), `poll` (stats), or `none` (no root exists). */
	readonly mode: 'watch' | 'poll' | 'none';
	close(): void;
}

export interface LogWatchOptions {
	/** Coalesce a burst of events (a response written over several lines) into one call. */
	debounceMs?: number;
	pollMs?: number;
	/** Stat poll instead of fs.watch. Default: `env.BURN_WATCH_POLL === '1'`. */
	poll?: boolean;
	/** Told after each poll round that found nothing changed (tests count idle rounds). */
	onIdleRound?: () => void;
	/** With fs.watch: one call this long after the start (see below); default 1500 ms. */
	settleMs?: number;
}

/** Logs written within this long are polled. */
const HOT_MS = 6 * 3_600_000;
/** At most this many logs (the most recently written) are polled. */
const HOT_MAX = 64;
/** At most this many directories per root are polled. */
const MAX_DIRS = 1000;

/** Calls `onChange` (debounced) after something under the agents' log roots changed. */
export function watchLogs(env: NodeJS.ProcessEnv, onChange: () => void, opts: LogWatchOptions = {}): LogWatch {
	const debounceMs = opts.debounceMs ?? 60;
	const discovery = discoverAll(env);
	const roots = [...new Set(discovery.roots.filter((r) => r.exists).map((r) => r.path))];
	let closed = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const fire = () => {
		if (closed || timer) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (!closed) onChange();
		}, debounceMs);
	};

	const watchers: FSWatcher[] = [];
	let poller: ReturnType<typeof setInterval> | undefined;
	const startPoll = () => {
		if (poller || closed) return;
		let stamps = pollStamps(roots, discovery.files);
		poller = setInterval(() => {
			let changed = false;
			for (const [p, s] of stamps) {
				if (stamp(p) !== s) {
					changed = true;
					break;
				}
			}
			if (!changed) return opts.onIdleRound?.();
			// Re-list: a new session file or directory is polled from now on.
			stamps = pollStamps(roots, discoverAll(env).files);
			fire();
		}, opts.pollMs ?? 1000);
		poller.unref?.();
	};

	const usePoll = opts.poll ?? env.BURN_WATCH_POLL === '1';
	if (!usePoll) {
		for (const root of roots) {
			try {
				const w = watch(root, {recursive: true, persistent: false}, fire);
				w.on('error', () => {
					// Too many directories, a root removed: the poll takes over.
					w.close();
					startPoll();
				});
				watchers.push(w);
			} catch {
				startPoll();
			}
		}
	} else if (roots.length) startPoll();
	// A recursive fs.watch on Linux walks the tree asynchronously (one inotify watch per
	// directory): what is appended while it walks (seconds on a tree of thousands of
	// directories) is never told. One call once it has had time to finish catches that up
	// (the ingest it runs costs a stat per log and finds nothing when nothing was appended).
	let settle: ReturnType<typeof setTimeout> | undefined;
	if (watchers.length > 0) {
		settle = setTimeout(fire, opts.settleMs ?? 1500);
		settle.unref?.();
	}

	return {
		mode: roots.length === 0 ? 'none' : poller ? 'poll' : 'watch',
		close() {
			closed = true;
			if (timer) clearTimeout(timer);
			if (settle) clearTimeout(settle);
			if (poller) clearInterval(poller);
			for (const w of watchers) w.close();
		},
	};
}

/** The paths the poll stats: the roots, their directories, and the recently written logs with their directories. */
function pollStamps(roots: string[], files: Array<{path: string; mtimeMs: number}>): Map<string, string> {
	const paths = new Set<string>();
	for (const root of roots) {
		paths.add(root);
		for (const d of subdirs(root).slice(0, MAX_DIRS)) paths.add(d);
	}
	const recent = files
		.filter((f) => f.mtimeMs >= Date.now() - HOT_MS)
		.sort((a, b) => b.mtimeMs - a.mtimeMs)
		.slice(0, HOT_MAX);
	for (const f of recent) {
		// The log, its directory (a new session file), and a Claude session's own directory and
		// `subagents/` (a new subagent transcript).
		const session = f.path.replace(/\.jsonl$/, '');
		for (const p of [f.path, dirname(f.path), session, join(session, 'subagents')]) paths.add(p);
	}
	return new Map([...paths].map((p) => [p, stamp(p)]));
}

/** The directories directly under `dir` ([] when it cannot be listed). */
export function subdirs(dir: string): string[] {
	try {
		return readdirSync(dir, {withFileTypes: true})
			.filter((e) => e.isDirectory())
			.map((e) => join(dir, e.name));
	} catch {
		return [];
	}
}

/** What a stat poll compares: size, mtime and inode ('-' when gone). */
export function stamp(path: string): string {
	try {
		const st = statSync(path);
		return `${st.size}:${st.mtimeMs}:${st.ino}`;
	} catch {
		return '-';
	}
}
