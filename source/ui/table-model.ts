import {SEVERITIES} from '../analysis/patterns/types.js';

export interface Column {
	title: string;
	/** Fixed width, or 'flex' for the one column that takes the rest (paths, commands). */
	width: number | 'flex';
	align: 'left' | 'right';
	/** How a cell too long for the column is cut: in the middle (paths, the default) or at the end (text). */
	truncate?: 'middle' | 'end';
	/**
	 * How `o` sorts the column: by number (largest first), as text (A→Z; dates in time
	 * order), or by a rank (the first value first: a finding's severity). Absent: numbers
	 * when right-aligned, text when left-aligned, whatever the rows of a window hold.
	 */
	sort?: ColumnSort;
}

export type ColumnSort = 'number' | 'text' | {rank: readonly string[]};

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

/** A finding's severity, most severe first (`minor`: the Findings tab's row of small ones). */
export const BY_SEVERITY: ColumnSort = {rank: [...SEVERITIES, 'minor']};

/** How a column sorts: as it says, else by its alignment (numbers are right-aligned). */
export function sortOf(column: Column): ColumnSort {
	return column.sort ?? (column.align === 'right' ? 'number' : 'text');
}

/** The name a sort is kept by: the title without its `(in …)` part, which moves with the window. */
export const sortKey = (column: Column): string => column.title.replace(/ \(in .*\)$/, '');

/** The index of the column a sort names in this table, or -1 (a column the table does not have now). */
export function sortedColumn(columns: Column[], name: string | undefined): number {
	return name === undefined ? -1 : columns.findIndex((c) => sortKey(c) === name);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Nov 21 14:02` or `Nov 21 2025 14:02` (fmtDateTime) as a number in time order; null otherwise. */
function dateNumber(cell: string): number | null {
	const m = /^([a-z]{3}) (\d{1,2})(?: (\d{4}))? (\d\d):(\d\d)$/.exec(cell);
	const month = m ? MONTHS.indexOf(m[1]!) : -1;
	if (!m || month < 0) return null;
	return ((Number(m[3] ?? 0) * 12 + month) * 31 + Number(m[2])) * 1440 + Number(m[4]) * 60 + Number(m[5]);
}

/**
 * Rows sorted by one column as the column sorts (sortOf): numbers largest first, text A→Z,
 * a rank first to last; `reverse` flips it. Cells that are not of the kind (`–`, `unpriced`,
 * empty) go last either way. Stable.
 */
export function sortRows(rows: TableRow[], column: Column, col: number, reverse: boolean): TableRow[] {
	const how = sortOf(column);
	const cell = (r: TableRow) => (r.cells[col] ?? '').trim().toLowerCase();
	let value: (r: TableRow) => number | string | null;
	if (how === 'number') value = (r) => cellNumber(cell(r));
	else if (how === 'text') value = (r) => dateNumber(cell(r)) ?? (cell(r) || null);
	else {
		const rank = how.rank.map((x) => x.toLowerCase());
		value = (r) => (rank.includes(cell(r)) ? rank.indexOf(cell(r)) : null);
	}
	const keyed = rows.map((r, i) => ({r, i, v: value(r)}));
	// Numbers: the largest first; text and ranks: the first first.
	const sign = (how === 'number' ? -1 : 1) * (reverse ? -1 : 1);
	keyed.sort((a, b) => {
		if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
		const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : typeof a.v === 'number' ? -1 : typeof b.v === 'number' ? 1 : a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
		return sign * d || a.i - b.i;
	});
	return keyed.map((k) => k.r);
}

/**
 * `sort: cost ↓` for the header of a sorted table: ↓ when the largest (numbers) or the first
 * of a rank (high severity) leads, ↑ when A→Z or the earliest date does; reversed, the other.
 */
export function sortLabel(column: Column, reverse: boolean): string {
	const down = (sortOf(column) !== 'text') !== reverse;
	return `sort: ${sortKey(column)} ${down ? '↓' : '↑'}`;
}
