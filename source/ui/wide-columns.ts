/**
 * Wide terminals use the width for more columns instead of padding (issue 14): reads and edits
 * of a file, the sessions a hotspot came from, and a share bar. Pure: a table in, a table out.
 */
import type {HotspotRef, HotspotsReport} from '../analysis/report-types.js';
import {fmtInt} from '../report/format.js';
import type {TabName} from './state.js';
import type {Column, TableModel} from './table-model.js';

/** From this table width: sessions (and reads/edits for files). */
export const WIDE = 130;
/** From this table width: a share bar too. */
export const WIDER = 165;

const BAR = 10;

/** `████▌     ` for a share of the largest row. */
export function shareBar(share: number, max: number): string {
	const eighths = max > 0 ? Math.round((share / max) * BAR * 8) : 0;
	const full = Math.floor(eighths / 8);
	const part = ' ▏▎▍▌▋▊▉'[eighths % 8]!;
	return ('█'.repeat(full) + (full < BAR && eighths % 8 ? part : '')).padEnd(BAR);
}

interface Row {
	refs: HotspotRef[];
	share: number;
	reads?: number;
	edits?: number;
}

function rowsOf(report: HotspotsReport, tab: TabName): Row[] | null {
	switch (tab) {
		case 'Files':
			return report.files;
		case 'Commands':
			return report.bashVerbs;
		case 'Subagents':
			return report.subagents;
		case 'MCP':
			return report.mcpServers;
		default:
			return null;
	}
}

/** The hotspot table with the extra columns that fit `width` (rows in the report's order). */
export function widen(model: TableModel, report: HotspotsReport, tab: TabName, width: number): TableModel {
	const rows = rowsOf(report, tab);
	if (!rows || width < WIDE || rows.length !== model.rows.length) return model;
	const files = tab === 'Files';
	const bar = width >= WIDER;
	const max = Math.max(0, ...rows.map((r) => r.share));
	const at = model.columns.findIndex((c) => c.title === 'turns') + 1;
	const extra: Column[] = [
		...(files ? [{title: 'reads', width: 5, align: 'right' as const}, {title: 'edits', width: 5, align: 'right' as const}] : []),
		{title: 'sess', width: 4, align: 'right'},
	];
	return {
		...model,
		columns: [...model.columns.slice(0, at), ...extra, ...model.columns.slice(at), ...(bar ? [{title: 'share bar', width: BAR, align: 'left' as const}] : [])],
		rows: model.rows.map((r, i) => {
			const h = rows[i]!;
			const cells = [...(files ? [fmtInt(h.reads ?? 0), fmtInt(h.edits ?? 0)] : []), fmtInt(new Set(h.refs.map((x) => x.sessionId)).size)];
			return {...r, cells: [...r.cells.slice(0, at), ...cells, ...r.cells.slice(at), ...(bar ? [shareBar(h.share, max)] : [])]};
		}),
	};
}
