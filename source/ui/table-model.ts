export interface Column {
	title: string;
	/** Fixed width, or 'flex' for the one column that takes the rest (paths, commands). */
	width: number | 'flex';
	align: 'left' | 'right';
	/** How a cell too long for the column is cut: in the middle (paths, the default) or at the end (text). */
	truncate?: 'middle' | 'end';
}

export interface TableRow {
	/** Stable key: drill-down and selection use it. */
	key: string;
	cells: string[];
	/** Lower-cased text the `/` filter matches against. */
	search: string;
	/** Dim the row (e.g. unpriced). */
	dim?: boolean;
	/** A theme role for the row (a finding's severity, a change up or down). */
	role?: 'error' | 'warn' | 'dim' | 'ok' | 'accent';
	/** Marked (a turn that involves the hotspot, finding or model drilled from): `◆`. */
	mark?: boolean;
}

export interface TableModel {
	columns: Column[];
	rows: TableRow[];
	/** Said when there are no rows. */
	empty: string;
}

export function filterRows(rows: TableRow[], text: string): TableRow[] {
	const q = text.trim().toLowerCase();
	if (!q) return rows;
	return rows.filter((r) => r.search.includes(q));
}

/** Column widths for a terminal width: fixed columns as given, the flex one takes the rest. */
export function layoutColumns(columns: Column[], width: number): number[] {
	const gaps = columns.length + 1;
	const fixed = columns.reduce((n, c) => n + (c.width === 'flex' ? 0 : c.width), 0);
	const flex = Math.max(8, width - fixed - gaps - 2);
	return columns.map((c) => (c.width === 'flex' ? flex : c.width));
}

/** The first visible row so that `selected` stays on screen. */
export function scrollTop(selected: number, visible: number, prevTop = 0): number {
	if (visible <= 0) return 0;
	if (selected < prevTop) return selected;
	// A far jump (a session opened at its marks, `n` across the timeline): the row in the middle, with turns around it.
	if (selected >= prevTop + 2 * visible) return Math.max(0, selected - Math.floor(visible / 2));
	if (selected >= prevTop + visible) return selected - visible + 1;
	return prevTop;
}

const SUFFIX: Record<string, number> = {k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9};

/** A cell as a number to sort on (`$1.20`, `63k`, `12%`, `1,954`, `↳3`); null when it is text. */
export function cellNumber(cell: string): number | null {
	const m = /^[^\d\-−+]*([-−+]?)\$?([\d,]*\.?\d+)\s*([kKMBG]?)%?$/.exec(cell.trim());
	if (!m) return null;
	const n = Number(m[2]!.replace(/,/g, '')) * (SUFFIX[m[3]!] ?? 1);
	return m[1] === '-' || m[1] === '−' ? -n : n;
}

/** Columns worth sorting on: all but the row number. */
export function sortableColumns(columns: Column[]): number[] {
	return columns.map((_, i) => i).filter((i) => columns[i]!.title !== '#');
}

/** Rows sorted by one column: numbers largest first, text A→Z (`reverse` flips it); stable. */
export function sortRows(rows: TableRow[], col: number, reverse: boolean): TableRow[] {
	const keyed = rows.map((r, i) => ({r, i, n: cellNumber(r.cells[col] ?? ''), t: (r.cells[col] ?? '').toLowerCase()}));
	const numeric = keyed.some((k) => k.n !== null);
	keyed.sort((a, b) => {
		let d = numeric ? (b.n ?? -Infinity) - (a.n ?? -Infinity) : a.t < b.t ? -1 : a.t > b.t ? 1 : 0;
		if (Number.isNaN(d)) d = 0;
		return (reverse ? -d : d) || a.i - b.i;
	});
	return keyed.map((k) => k.r);
}

/** `sort: cost ↓` for the header of a sorted table. */
export function sortLabel(columns: Column[], col: number, reverse: boolean, numeric = true): string {
	const title = columns[col]?.title ?? '';
	const down = numeric !== reverse;
	return `sort: ${title.replace(/ \(in .*\)$/, '')} ${down ? '↓' : '↑'}`;
}
