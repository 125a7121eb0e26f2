/**
 * Databases of the sources added after OpenCode that are read as a whole (Goose's
 * `sessions.db`): a database whose file and `-wal` kept their stat costs two stats; a changed
 * one is read with the state of the last read (running totals: also on `--rebuild`, because
 * the ledger already holds the differences counted before).
 */
import type {SkipCounts} from '../core/records.js';
import {addSkips, emptySkips} from '../core/records.js';
import {READER_VERSION} from '../sources/reader.js';
import type {Discovery} from '../sources/discover-all.js';
import {readGooseDb, type GooseDbState} from '../sources/goose/db.js';
import {readCopilotStore, type CopilotStoreState} from '../sources/copilot/store.js';
import type {ProjectResolver} from '../sources/project.js';
import {appendRecords} from './append.js';
import type {CursorStore} from './cursors.js';
import {annotateProjects} from './read-log.js';
import {dbUnchanged, statStamp as stat} from './db-cursor.js';

interface DbState {
	wal?: {size: number; mtimeMs: number};
	reader: GooseDbState | CopilotStoreState;
}

export function ingestDbs(home: string, dbs: Discovery['dbs'], cursors: CursorStore, resolver: ProjectResolver, onItem: () => void): {records: number; changed: number; skips: SkipCounts; warnings: string[]} {
	const result = {records: 0, changed: 0, skips: emptySkips(), warnings: [] as string[]};
	for (const db of dbs) {
		const key = `${db.source}-db:${db.path}`;
		const st = stat(db.path);
		const walSt = stat(`${db.path}-wal`);
		const wal = walSt ? {size: walSt.size, mtimeMs: walSt.mtimeMs} : undefined;
		const cursor = cursors.get(key);
		const prev = cursor?.state as DbState | undefined;
		const unchanged = dbUnchanged(cursor, st, wal);
		if (st && !unchanged) {
			try {
				const out =
					db.source === 'copilot'
						? readCopilotStore(db.path, prev?.reader as CopilotStoreState | undefined, new Set(db.journals ?? []))
						: readGooseDb(db.path, prev?.reader as GooseDbState | undefined);
				annotateProjects(out.records, resolver);
				appendRecords(home, out.records);
				addSkips(result.skips, out.skips);
				result.records += out.records.length;
				if (out.records.length > 0) result.changed++;
				const state: DbState = {reader: out.state, ...(wal ? {wal} : {})};
				cursors.set(key, {source: db.source, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, offset: 0, rv: READER_VERSION, state});
			} catch (error) {
				result.skips.unreadableFiles++;
				result.warnings.push(`skipped ${db.path}: ${(error as Error).message}`);
			}
		}
		onItem();
	}
	return result;
}
