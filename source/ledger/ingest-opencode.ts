import type {SkipCounts} from '../core/records.js';
import {addSkips, emptySkips} from '../core/records.js';
import {READER_VERSION} from '../sources/reader.js';
import type {ProjectResolver} from '../sources/project.js';
import {targetItems, type OpencodeTarget} from '../sources/opencode/targets.js';
import {opencodeDbMessageIds, readOpencodeDb, type OpencodeDbState} from '../sources/opencode/read-db.js';
import {readOpencodeJson, type OpencodeJsonState} from '../sources/opencode/read-json.js';
import type {OpencodeOutput} from '../sources/opencode/output.js';
import {appendRecords} from './append.js';
import {appendContent} from './content.js';
import type {CursorStore} from './cursors.js';
import {dbUnchanged} from './db-cursor.js';

interface Options {
	home: string;
	contentMode: 'full' | 'off';
	rebuild?: boolean;
}

interface DbCursorState {
	wal?: {size: number; mtimeMs: number};
	reader: OpencodeDbState;
}

/**
 * OpenCode is not line-based: a database (and the older JSON tree) is read as a whole, with
 * the reader's state deciding what changed. A database whose file and `-wal` kept their
 * stat costs two stats.
 */
export function ingestOpencode(
	opts: Options,
	targets: OpencodeTarget[],
	cursors: CursorStore,
	resolver: ProjectResolver,
	onItems: (n: number) => void,
): {records: number; changed: number; skips: SkipCounts; warnings: string[]} {
	const result = {records: 0, changed: 0, skips: emptySkips(), warnings: [] as string[]};
	const commit = (out: OpencodeOutput<unknown>) => {
		appendRecords(opts.home, out.records);
		if (opts.contentMode === 'full') appendContent(opts.home, out.content);
		addSkips(result.skips, out.skips);
		result.records += out.records.length;
		if (out.records.length > 0) result.changed++;
		for (const w of out.warnings ?? []) result.warnings.push(`opencode: ${w}`);
	};
	for (const target of targets) {
		for (const db of target.dbs) {
			const key = `opencode-db:${db.path}`;
			const cursor = opts.rebuild ? undefined : cursors.get(key);
			const prev = cursor?.state as DbCursorState | undefined;
			const unchanged = dbUnchanged(cursor, db, db.wal);
			if (!unchanged) {
				try {
					const sameFile = cursor && cursor.ino === db.ino;
					const out = readOpencodeDb(db.path, sameFile ? prev?.reader : undefined, opts.contentMode, {resolver});
					commit(out);
					const state: DbCursorState = {reader: out.state, ...(db.wal ? {wal: db.wal} : {})};
					cursors.set(key, {source: 'opencode', ino: db.ino, size: db.size, mtimeMs: db.mtimeMs, offset: 0, rv: READER_VERSION, state});
				} catch (error) {
					result.skips.unreadableFiles++;
					result.warnings.push(`skipped ${db.path}: ${(error as Error).message}`);
				}
			}
			onItems(1);
		}
		if (target.sessions.length > 0) {
			const key = `opencode-json:${target.root}`;
			const cursor = opts.rebuild ? undefined : cursors.get(key);
			try {
				let dbIds = new Set<string>();
				for (const db of target.dbs) {
					const r = opencodeDbMessageIds(db.path);
					for (const id of r.ids) dbIds.add(id);
				}
				const out = readOpencodeJson(target.sessions, cursor?.state as OpencodeJsonState | undefined, opts.contentMode, dbIds, {resolver});
				dbIds = new Set();
				commit(out);
				// Rewritten only when the reader's state moved (a warm run writes no cursor).
				if (!cursor || cursor.rv !== READER_VERSION || JSON.stringify(cursor.state) !== JSON.stringify(out.state)) {
					cursors.set(key, {source: 'opencode', ino: 0, size: 0, mtimeMs: 0, offset: 0, rv: READER_VERSION, state: out.state});
				}
			} catch (error) {
				result.skips.unreadableFiles++;
				result.warnings.push(`skipped ${target.root}: ${(error as Error).message}`);
			}
			onItems(target.sessions.length);
		}
	}
	return result;
}

export {targetItems};
