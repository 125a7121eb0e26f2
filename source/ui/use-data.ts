import {useCallback, useEffect, useRef, useState} from 'react';
import type {ProgressEvent} from '../core/progress.js';
import type {ContentRecord} from '../core/records.js';
import type {Dataset, Window} from '../ledger/dataset.js';
import type {Empty} from '../analysis/empty.js';
import {windowCovers} from '../analysis/narrow.js';
import type {PriceBook} from '../analysis/pricing-types.js';
import type {Inventory} from '../sources/inventory.js';
import {applyProgress, initialProgress, type ProgressModel} from './progress-model.js';

/** What the container gets from the pipeline: the UI never reads a file itself. */
export interface DataSource {
	/**
	 * discover → ingest (when asked) → scan → sizes → analysis, for a window (pipeline/view-data.ts).
	 * `signal` aborts when the load is no longer wanted (another window, or the view quits).
	 */
	load(
		window: Window,
		reingest: boolean,
		onProgress: (e: ProgressEvent) => void,
		signal?: AbortSignal,
	): Promise<{
		dataset: Dataset;
		priceBook: PriceBook;
		sizes: Map<string, number>;
		warnings: string[];
		/** Every warning and notice of the load (skipped input, config and price warnings, a busy lock, unpriced models, left-out lines). */
		notices?: string[];
		/** Set when the window holds no activity: why. */
		empty?: Empty;
		inventory?: Inventory;
	}>;
	/** Text of one session (content sidecar), for the turn view. */
	content(sessionId: string): Promise<ContentRecord[]>;
	/**
	 * Live (issue 15): calls `onChange` when the agents' logs may have changed (absent: the view
	 * does not follow, as with `--no-ingest` or `--ledger`).
	 */
	follow?(onChange: () => void): {close(): void};
	/** Live: ingest what was appended (the lock held only while appending); true when the ledger changed. */
	ingest?(signal?: AbortSignal): Promise<boolean>;
	/**
	 * Live: the data of `window` after what was appended to the ledger since `previous` (a
	 * dataset this source gave) was loaded: merged into it, only the changed sessions analysed
	 * again (pipeline/live-update.ts). The same dataset back when nothing in the window changed.
	 * Absent: the window is loaded again.
	 */
	update?(previous: Dataset, window: Window, signal?: AbortSignal): ReturnType<DataSource['load']>;
}

export interface Loaded {
	dataset: Dataset;
	priceBook: PriceBook;
	sizes: Map<string, number>;
	warnings: string[];
	/** Every warning and notice of the load, one line each (a status line, and stderr after exit). */
	notices: string[];
	/**
	 * Set when the window holds no activity: no logs anywhere (where burn looked), or activity
	 * only outside the window (how many sessions, how much, the latest activity's ISO time).
	 */
	empty?: Empty;
	/** Installed agents, skills and commands (ghost detector), when the source read them. */
	inventory?: Inventory;
	/** The window the data was loaded for. */
	window: Window;
	/** When it was loaded (ms): the header's live mark says it. */
	at?: number;
}

/** How long the finished panel stays up: one frame of Ink's renderer. */
const FINAL_FRAME_MS = 40;

export type Phase = {kind: 'loading'; progress: ProgressModel} | {kind: 'ready'} | {kind: 'error'; message: string};

/**
 * Loads data for a window; a window the loaded data covers is served from memory (the fast
 * path), a wider one reloads with the progress panel (the slow path).
 */
export function useData(source: DataSource, window: Window, ingestFirst: boolean) {
	const [loaded, setLoaded] = useState<Loaded | null>(null);
	const [phase, setPhase] = useState<Phase>({kind: 'loading', progress: initialProgress()});
	const [reloadToken, setReloadToken] = useState(0);
	const firstLoad = useRef(true);
	const needs = !loaded || !windowCovers(loaded.window, window) || reloadToken > 0;

	useEffect(() => {
		if (!needs) return;
		let cancelled = false;
		const reingest = firstLoad.current ? ingestFirst : reloadToken > 0;
		firstLoad.current = false;
		let model = initialProgress(reingest ? [] : ['discover', 'ingest']);
		setPhase({kind: 'loading', progress: model});
		let pending = false;
		let finished = false;
		let drawn = 0;
		const draw = () => {
			if (cancelled || finished) return;
			drawn = Date.now();
			setPhase({kind: 'loading', progress: model});
		};
		// A step starting or ending is drawn at once (parts of the pipeline run synchronously and
		// would starve a timer); updates at most every 40 ms, the last one by a timer.
		const onProgress = (e: ProgressEvent) => {
			model = applyProgress(model, e);
			if (e.state !== 'update' || Date.now() - drawn >= 40) {
				draw();
				return;
			}
			if (pending) return;
			pending = true;
			setTimeout(() => {
				pending = false;
				draw();
			}, 40);
		};
		const controller = new AbortController();
		let shown: ReturnType<typeof setTimeout> | undefined;
		source.load(window, reingest, onProgress, controller.signal).then(
			(r) => {
				if (cancelled) return;
				// The panel's last frame shows every step done before the table replaces it (one
				// frame of Ink's renderer, which draws at most every ~33 ms).
				draw();
				finished = true;
				shown = setTimeout(() => {
					if (cancelled) return;
					setReloadToken(0);
					setLoaded({...r, notices: r.notices ?? r.warnings, window, at: Date.now()});
					setPhase({kind: 'ready'});
				}, FINAL_FRAME_MS);
			},
			(error: unknown) => {
				finished = true;
				if (!cancelled) setPhase({kind: 'error', message: error instanceof Error ? error.message : String(error)});
			},
		);
		return () => {
			cancelled = true;
			if (shown) clearTimeout(shown);
			// Another window, or the view quit: stop the load (ingest, scan, analysis).
			controller.abort();
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the window's bounds, not its object (new each render); source and ingestFirst never change
	}, [needs, window.since, window.until, reloadToken]);

	const reload = useCallback(() => setReloadToken((n) => n + 1), []);
	// Live: the loaded window again, without the progress panel; the state (selection, filters,
	// drill level) is the reducer's and stays. Skipped when a slow load replaced the data meanwhile.
	const current = useRef<Loaded | null>(null);
	const shown = needs ? null : loaded;
	useEffect(() => {
		current.current = shown;
	}, [shown]);
	const refresh = useCallback(
		async (signal?: AbortSignal): Promise<boolean> => {
			const was = current.current;
			if (!was) return false;
			const r = source.update ? await source.update(was.dataset, was.window, signal) : await source.load(was.window, false, () => {}, signal);
			if (signal?.aborted || current.current !== was) return false;
			// Nothing of the window changed: the screen stays as it is (no re-derivation).
			if (r.dataset === was.dataset) return false;
			setLoaded({...r, notices: r.notices ?? r.warnings, window: was.window, at: Date.now()});
			return true;
		},
		[source],
	);
	return {loaded: needs ? null : loaded, phase: needs && phase.kind === 'ready' ? {kind: 'loading', progress: initialProgress()} as Phase : phase, reload, refresh};
}
