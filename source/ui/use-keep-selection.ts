import {useEffect, useRef, type Dispatch} from 'react';
import type {Action} from './state.js';
import type {TableModel} from './table-model.js';

/**
 * Live: when new data arrives (`loadedAt` changes), the selection stays on the same row (by its
 * key) even when rows were added above it or the order changed (the Live tab is newest first,
 * the Sessions tab by cost). A tab, filter or screen change keeps the reducer's own rules.
 */
export function useKeepSelection(table: TableModel | null, selected: number, loadedAt: number | undefined, dispatch: Dispatch<Action>): void {
	const last = useRef<{key?: string; at?: number; table?: TableModel | null}>({});
	useEffect(() => {
		const rows = table?.rows ?? [];
		const prev = last.current;
		const updated = prev.at !== undefined && loadedAt !== prev.at && prev.table !== table;
		if (updated && prev.key !== undefined && rows[selected]?.key !== prev.key) {
			const j = rows.findIndex((r) => r.key === prev.key);
			if (j >= 0) {
				last.current = {key: prev.key, at: loadedAt, table};
				dispatch({type: 'move', delta: j - selected, count: rows.length});
				return;
			}
		}
		last.current = {key: rows[selected]?.key, at: loadedAt, table};
	}, [table, selected, loadedAt, dispatch]);
}
