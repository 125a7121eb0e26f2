import React from 'react';
import {sanitize} from '../../report/format.js';
import {Table} from '../table.js';
import type {TableModel} from '../table-model.js';

/** A table screen's rows; rows hidden by the text filter are not "no rows in this window". */
export function TableBody({table, unfilteredRows, filter, selected, width, height}: {table: TableModel; unfilteredRows: number; filter: string; selected: number; width: number; height: number}) {
	const empty = unfilteredRows > 0 && table.rows.length === 0 ? `no rows match /${sanitize(filter)} (esc clears)` : table.empty;
	// `/`: how many rows match, said on the count line.
	const q = filter.trim();
	const matches = q && table.rows.length ? `${table.rows.length} of ${unfilteredRows} match /${sanitize(q)}` : undefined;
	return <Table model={{...table, empty}} selected={selected} width={width} height={height} note={matches} />;
}
