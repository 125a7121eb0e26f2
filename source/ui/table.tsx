import React, {useRef} from 'react';
import {Box, Text} from 'ink';
import {shortenMiddle, truncateEnd} from '../report/format.js';
import {fitNumber, isNumberCell} from '../report/fit-number.js';
import {layoutColumns, scrollTop, type Column, type TableModel} from './table-model.js';
import {useTheme} from './theme.js';

/** A cell padded to its column. Text too long is cut; a number is rounded instead (`63k`), never cut. */
export function cell(text: string, width: number, column: Column): string {
	const t = text.length <= width ? text : isNumberCell(text) ? fitNumber(text, width) : column.truncate === 'end' ? truncateEnd(text, width) : shortenMiddle(text, width);
	return column.align === 'right' ? t.padStart(width) : t.padEnd(width);
}

export function Table({model, selected, width, height, note}: {model: TableModel; selected: number; width: number; height: number; note?: string}) {
	const theme = useTheme();
	const widths = layoutColumns(model.columns, width);
	// One row for the column titles, one for the `i–j of n` line.
	const visible = Math.max(1, height - 2);
	const prevTop = useRef(0);
	// eslint-disable-next-line react-hooks/refs -- scroll memory read in render: same props and offset give the same rows, so a repeated render is harmless
	const top = Math.min(scrollTop(selected, visible, prevTop.current), Math.max(0, model.rows.length - visible));
	// eslint-disable-next-line react-hooks/refs -- the offset the next render starts from (see above)
	prevTop.current = top;
	const rows = model.rows.slice(top, top + visible);
	const header = model.columns.map((c, i) => cell(c.title, widths[i]!, c)).join(' ');
	return (
		<Box flexDirection="column">
			<Text {...theme.heading}>
				{'  '}
				{header}
			</Text>
			{model.rows.length === 0 ? <Text {...theme.dim}>  {model.empty}</Text> : null}
			{rows.map((row, i) => {
				const isSel = top + i === selected;
				const line = row.cells.map((c, j) => cell(c, widths[j]!, model.columns[j]!)).join(' ');
				return (
					<Text key={row.key} wrap="truncate-end" {...(isSel ? theme.selected : row.role ? theme[row.role] : row.dim ? theme.dim : row.mark ? theme.accent : {})}>
						{isSel ? '▶ ' : '  '}
						{line}
					</Text>
				);
			})}
			{model.rows.length > visible || note ? (
				<Text {...theme.dim}>
					{truncateEnd(`  ${[model.rows.length > visible ? `${top + 1}–${Math.min(top + visible, model.rows.length)} of ${model.rows.length}` : '', note ?? ''].filter(Boolean).join(' · ')}`, width - 1)}
				</Text>
			) : null}
		</Box>
	);
}
