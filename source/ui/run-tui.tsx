import React from 'react';
import {render} from 'ink';
import {makeClipboard} from './clipboard.js';
import type {Dataset, Window} from '../ledger/dataset.js';
import {readContent} from '../ledger/content.js';
import type {LoadRequest} from '../pipeline/load.js';
import {loadViewData, type ViewData} from '../pipeline/view-data.js';
import {liveUpdate} from '../pipeline/live-update.js';
import {onSignalExit} from '../core/signals.js';
import {App} from './app.js';
import {colorEnabled} from './theme.js';
import {WINDOWS} from './state.js';
import {windowLabel as textWindowLabel} from '../report/text.js';
import {say} from '../report/say.js';
import type {DataSource} from './use-data.js';
import {join} from 'node:path';
import {liveSource} from './live-source.js';

/** What the interactive view needs from the command (source/cli/tui-input.ts builds it). */
export interface TuiInput {
	io: {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv; now: number};
	home: string;
	/** The load request for a window (the filters and the data directory as the command gave them). */
	request: (window: Window) => LoadRequest;
	/** The window as asked: its bounds, and `--since` as given (`7d`, `all`, or a raw value). */
	window: Window & {label: string};
	/** Ingest before the first load (not with `--no-ingest` or `--ledger`). */
	ingestFirst: boolean;
	/** `--ledger <dir>`: its content sidecars are read from there. */
	foreignLedger: string | null;
	projectLabel?: string;
	/** `--session`: an id or prefix, or true for the most recent. */
	session?: string | true;
	/** `--alert <dollars>`: the Live tab marks a session whose running cost crosses it. */
	alert?: number | null;
}

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';
/** How long a quit waits for an aborted load to unwind (its lock released) before it leaves anyway. */
const UNWIND_MS = 150;

/**
 * The interactive view: full screen, restored on quit, on errors and on signals. Every load
 * goes through loadViewData with an AbortSignal: quitting stops it. The notices of every load
 * are printed on stderr after the screen is restored; a load failure ends the view with exit 1.
 */
export async function runTui(input: TuiInput): Promise<number> {
	const {io, home} = input;
	const quit = new AbortController();
	const inflight = new Set<Promise<unknown>>();
	const notices: string[] = [];
	let failure: string | undefined;
	let app: ReturnType<typeof render> | undefined;
	// Live (issue 15): what each dataset given to the view was loaded from, so a live update
	// merges into it (pipeline/live-update.ts).
	const bases = new WeakMap<Dataset, {request: LoadRequest; data: ViewData}>();
	const follow = input.ingestFirst;
	const track = async (work: Promise<ViewData>, signal: AbortSignal | undefined, request: LoadRequest) => {
		inflight.add(work);
		try {
			const data = await work;
			for (const n of data.notices) if (!notices.includes(n)) notices.push(n);
			if (follow) bases.set(data.loaded.dataset, {request, data});
			return {
				dataset: data.loaded.dataset,
				priceBook: data.loaded.priceBook,
				sizes: data.sizes,
				warnings: data.notices,
				notices: data.notices,
				inventory: data.loaded.inventory,
				...(data.empty ? {empty: data.empty} : {}),
			};
		} catch (error) {
			// A failure (not a quit): the view ends, and the message is said after it (exit 1).
			if (!quit.signal.aborted && !signal?.aborted) {
				failure = error instanceof Error ? error.message : String(error);
				app?.unmount(new Error(failure));
			}
			throw error;
		} finally {
			inflight.delete(work);
		}
	};
	const source: DataSource = {
		async load(window, reingest, onProgress, signal) {
			const request = {...input.request(window), ...(follow ? {live: true} : {})};
			const work = loadViewData(
				{...request, ingest: reingest && request.ingest},
				{sizes: true, analyse: {kind: 'prepare'}, progress: onProgress, signal: signal ? AbortSignal.any([quit.signal, signal]) : quit.signal},
			);
			return track(work, signal, {...request, ingest: false});
		},
		...(follow
			? {
					async update(previous: Dataset, window: Window, signal?: AbortSignal) {
						const base = bases.get(previous);
						if (!base) return source.load(window, false, () => {}, signal);
						const both = signal ? AbortSignal.any([quit.signal, signal]) : quit.signal;
						return track(
							liveUpdate(base.request, base.data, both).then((u) => u.data),
							signal,
							base.request,
						);
					},
				}
			: {}),
		// Live (issue 15): follow the agents' logs while the view is open, when it ingests at all.
		...(input.ingestFirst
			? liveSource(() => input.request({since: null, until: null}), quit.signal, (n) => {
					if (!notices.includes(n)) notices.push(n);
				})
			: {}),
		async content(sessionId) {
			const dir = input.foreignLedger ? join(input.foreignLedger, 'content') : undefined;
			return readContent(home, [sessionId], undefined, dir).get(sessionId) ?? [];
		},
	};
	// A key of the `w` cycle stands for "up to now"; any other window (an ISO `--since`, or any
	// `--until`) is explicit: its own key, its bounds as parsed, and the text report's words.
	const {label, since, until} = input.window;
	const cycled = (WINDOWS as readonly string[]).includes(label) && !until;
	const explicit = cycled ? undefined : {since, until};
	const cycleKey = cycled ? label : until ? 'explicit' : label;
	const explicitLabel = explicit && until ? textWindowLabel(explicit, undefined, io.now) : undefined;
	const stdout = io.stdout;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(`\x1b[?25h${LEAVE_ALT}`);
	};
	// A signal that ends the process leaves the alternate screen first (core/signals.ts).
	const unregister = onSignalExit(restore, true);
	process.once('exit', restore);
	if (io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
	// The alternate screen says "loading…" until Ink's first frame overwrites it (from the top
	// left): never a blank frame in between (issue 13, defect 12).
	stdout.write(`${ENTER_ALT} burn · loading…\x1b[H`);
	try {
		const clipboard = makeClipboard(stdout.isTTY ? (seq) => stdout.write(seq) : null);
		app = render(
			<App
				clipboard={clipboard}
				source={source}
				now={io.now}
				initialWindow={cycleKey}
				explicitWindow={explicit}
				explicitLabel={explicitLabel}
				projectLabel={input.projectLabel}
				home={io.env.HOME}
				ingestFirst={input.ingestFirst}
				session={input.session}
				alert={input.alert ?? null}
				color={colorEnabled(io.env)}
			/>,
			{stdout, stderr: io.stderr, exitOnCtrlC: true, patchConsole: false},
		);
		// The App ends with an error when it cannot show what was asked (`--session` unknown or
		// ambiguous, a load that failed): said after leaving the alternate screen, exit 1.
		const exited = await app.waitUntilExit().then(
			() => undefined,
			(error: unknown) => (error instanceof Error ? error.message : String(error)),
		);
		// `q` while loading: stop the load, and let it unwind (the ingest lock is released).
		quit.abort();
		if (inflight.size > 0) await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, UNWIND_MS).unref())]);
		restore();
		for (const n of notices) say(io.stderr, n);
		// `y` during the run: printed too, for a terminal that ignored OSC 52.
		for (const c of clipboard.copied) io.stdout.write(`copied: ${c}\n`);
		const message = exited ?? failure;
		if (message === undefined) return 0;
		say(io.stderr, message);
		return 1;
	} finally {
		quit.abort();
		restore();
		unregister();
		process.off('exit', restore);
	}
}
