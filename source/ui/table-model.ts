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
	if (selected >= prevTop + visible) return selected - visible + 1;
	return prevTop;
}
