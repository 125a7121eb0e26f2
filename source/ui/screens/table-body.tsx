import React, {createContext, useContext} from 'react';
import {sanitize} from '../../report/format.js';
import {Table} from '../table.js';
import type {TableModel} from '../table-model.js';

/** The status line of the selected cell (explainCell, marks, a copy), said on the table's last line. */
export const NoteContext = createContext('');

/** A table screen's rows; rows hidden by the text filter are not "no rows in this window". */
export function TableBody({table, unfilteredRows, filter, selected, width, height}: {table: TableModel; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	const empty = unfilteredRows > 0 && table.rows.length === 0 ? `no rows match /${sanitize(filter)} (esc clears)` : table.empty;
	// `/`: how many rows match, said on the count line.
	const q = filter.trim();
	const matches = q && table.rows.length ? `${table.rows.length} of ${unfilteredRows} match /${sanitize(q)}` : '';
	const note = [matches, useContext(NoteContext).trim()].filter(Boolean).join(' · ');
	return <Table model={{...table, empty}} selected={selected} width={width} height={height} note={note || undefined} />;
}
