/** Pieces shared by the plain-text reports: options, styles, titled tables. */
import type {ModelRow} from '../analysis/report-types.js';
import type {Empty, FilteredOut} from '../analysis/empty.js';
import {fmtInt, fmtPct, fmtTokens, sanitize, fmtCostCol} from './format.js';
import {renderTable, type TextColumn} from './table.js';

export interface TextOptions {
	/** Rows per table (default 10; Infinity for `--all`). */
	limit?: number;
	color?: boolean;
	/** Terminal width (default 100). */
	width?: number;
	/** The user's home directory, shown as `~`. */
	home?: string;
	/** How the user asked for the window (`7d`, `24h`, …): shown as `last 7 days`. */
	sinceLabel?: string;
	/** The clock that decides whether dates need their year (default: the real one). */
	now?: number;
	/** Why a window without activity is empty (what lies outside it), when known. */
	empty?: Empty;
	/** A filter that matched nothing, and what lies there without it. */
	filtered?: FilteredOut;
}

export interface Style {
	bold(s: string): string;
	dim(s: string): string;
	warn(s: string): string;
}

export function styleFor(color: boolean | undefined): Style {
	if (!color) return {bold: (s) => s, dim: (s) => s, warn: (s) => s};
	return {
		bold: (s) => `\x1b[1m${s}\x1b[22m`,
		dim: (s) => `\x1b[2m${s}\x1b[22m`,
		warn: (s) => `\x1b[33m${s}\x1b[39m`,
	};
}

export const DEFAULT_LIMIT = 10;

export const num = (title: string): TextColumn => ({title, align: 'right'});

/** The table heading, the table or its empty line, and a "more" line when rows were cut. */
export function section<R>(
	title: string,
	rows: R[],
	columns: TextColumn[],
	cells: (row: R, i: number) => string[],
	empty: string,
	opts: TextOptions,
	st: Style,
): string[] {
	const limit = opts.limit ?? DEFAULT_LIMIT;
	const shown = rows.slice(0, Math.max(0, limit));
	const out = ['', st.bold(title)];
	if (rows.length === 0) {
		out.push(`  ${empty}`);
		return out;
	}
	out.push(...renderTable(columns, shown.map(cells), opts.width ?? 100));
	if (rows.length > shown.length) out.push(st.dim(`  … ${fmtInt(rows.length - shown.length)} more (--all shows every row)`));
	return out;
}

export function modelSection(models: ModelRow[], opts: TextOptions, st: Style): string[] {
	return section<ModelRow>(
		'Models',
		models,
		[num('#'), {title: 'model', align: 'left', flex: true, cut: 'end'}, num('turns'), num('input'), num('cache w'), num('cache r'), num('output'), num('cost'), num('share')],
		(m, i) => [
			String(i + 1),
			sanitize(m.model),
			fmtInt(m.turns),
			fmtTokens(m.usage.input),
			fmtTokens(m.usage.cacheCreate5m + m.usage.cacheCreate1h),
			fmtTokens(m.usage.cacheRead),
			fmtTokens(m.usage.output),
			fmtCostCol(m.cost),
			m.cost === null ? '' : fmtPct(m.share),
		],
		'(no turns)',
		opts,
		st,
	);
}
