/** Plain-text tables: fixed columns sized to their content, one flex column takes the rest. */
import {shortenMiddle, truncateEnd} from './format.js';

export interface TextColumn {
	title: string;
	align: 'left' | 'right';
	/** The column that shrinks to fit the width (paths, commands). */
	flex?: boolean;
	/** How a too-long flex cell is cut: in the middle (paths) or at the end (text). */
	cut?: 'middle' | 'end';
}

const GAP = '  ';
const MARGIN = '  ';
const MIN_FLEX = 8;

function pad(text: string, width: number, align: 'left' | 'right'): string {
	return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** Lines of a table (header first), each at most `width` characters when the fixed columns allow. */
export function renderTable(columns: TextColumn[], rows: string[][], width: number): string[] {
	const natural = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
	const flexAt = columns.findIndex((c) => c.flex);
	const widths = natural.slice();
	if (flexAt >= 0) {
		const others = natural.reduce((n, w, i) => (i === flexAt ? n : n + w), 0);
		const room = width - MARGIN.length - others - GAP.length * (columns.length - 1);
		widths[flexAt] = Math.max(Math.min(natural[flexAt]!, room), Math.min(natural[flexAt]!, MIN_FLEX), columns[flexAt]!.title.length);
	}
	const line = (cells: string[]): string =>
		(
			MARGIN +
			columns
				.map((c, i) => {
					let text = cells[i] ?? '';
					if (text.length > widths[i]!) text = c.cut === 'end' ? truncateEnd(text, widths[i]!) : shortenMiddle(text, widths[i]!);
					return pad(text, widths[i]!, c.align);
				})
				.join(GAP)
		).trimEnd();
	return [line(columns.map((c) => c.title)), ...rows.map(line)];
}
