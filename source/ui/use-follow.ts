import {useEffect, useRef} from 'react';
import type {DataSource, Loaded} from './use-data.js';

export interface Follow {
	/** The view follows the logs (the source can; not with `--no-ingest` or `--ledger`). */
	enabled: boolean;
	/** When the data on screen was last loaded or updated (ms), null before the first load. */
	lastUpdate: number | null;
}

/**
 * Live (issue 15): while the view is open and not paused, a change under the agents' log roots
 * (the source's watcher decides: no work while nothing changes) runs the incremental ingest;
 * when it appended something, the loaded window is reloaded quietly (`refresh`). Changes that
 * arrive during a refresh run one more; changes while paused run one on resume.
 */
export function useFollow(source: DataSource, loaded: Loaded | null, paused: boolean, refresh: (signal?: AbortSignal) => Promise<boolean>): Follow {
	const enabled = typeof source.follow === 'function' && typeof source.ingest === 'function';
	// Any load (the first, a window change, `r`, a live update) is an update.
	const lastUpdate = loaded?.at ?? null;
	const ready = loaded !== null;
	const state = useRef({dirty: false, running: false, again: false, paused, run: () => {}});

	useEffect(() => {
		if (!enabled || !ready) return;
		const s = state.current;
		const controller = new AbortController();
		const run = async () => {
			if (s.running) {
				s.again = true;
				return;
			}
			s.running = true;
			try {
				do {
					s.again = false;
					s.dirty = false;
					const changed = await source.ingest!(controller.signal);
					if (controller.signal.aborted) return;
					if (changed) await refresh(controller.signal);
				} while (s.again && !s.paused && !controller.signal.aborted);
			} catch {
				// A failed live update leaves the data as it was; the next change tries again.
			} finally {
				s.running = false;
			}
		};
		s.run = () => void run();
		const watch = source.follow!(() => {
			s.dirty = true;
			if (!s.paused) s.run();
		});
		return () => {
			s.run = () => {};
			controller.abort();
			watch.close();
		};
	}, [enabled, ready, source, refresh]);

	// Resumed: what changed while paused is read now.
	useEffect(() => {
		state.current.paused = paused;
		if (!paused && state.current.dirty) state.current.run();
	}, [paused]);

	return {enabled, lastUpdate};
}
