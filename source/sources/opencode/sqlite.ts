import {createRequire} from 'node:module';

/**
 * The few better-sqlite3 calls the OpenCode reader makes, typed here (the package ships no
 * types). better-sqlite3 is loaded lazily, on the first database opened, so runs without an
 * OpenCode database never load the native addon.
 */
export interface SqliteStatement {
	all(...params: unknown[]): unknown[];
	get(...params: unknown[]): unknown;
	run(...params: unknown[]): unknown;
}

interface NativeDb {
	prepare(sql: string): SqliteStatement;
	close(): void;
}

type NativeCtor = new (
	path: string,
	options: {readonly: boolean; fileMustExist: boolean; timeout?: number},
) => NativeDb;

let ctor: NativeCtor | undefined;

function load(): NativeCtor {
	if (!ctor) {
		const req = createRequire(import.meta.url);
		ctor = req('better-sqlite3') as NativeCtor;
	}
	return ctor;
}

/**
 * A read-only connection. Every SQL text goes through `prepare` here, so a test can log the
 * statements (and prove `control_account` is never touched). Statements are cached.
 */
export class ReadonlyDb {
	private readonly db: NativeDb;
	private readonly cache = new Map<string, SqliteStatement>();

	constructor(
		path: string,
		private readonly onSql?: (sql: string) => void,
	) {
		const Database = load();
		// readonly: never writes, never creates the file; OpenCode may be writing (WAL mode),
		// and a read-only connection still sees rows that are only in the -wal file.
		this.db = new Database(path, {readonly: true, fileMustExist: true, timeout: 2000});
	}

	prepare(sql: string): SqliteStatement {
		let st = this.cache.get(sql);
		if (!st) {
			this.onSql?.(sql);
			st = this.db.prepare(sql);
			this.cache.set(sql, st);
		}
		return st;
	}

	/** Column names of a table; undefined when the table does not exist. */
	columns(table: string): Set<string> | undefined {
		const rows = this.prepare('SELECT name FROM pragma_table_info(?)').all(table) as {name: string}[];
		return rows.length ? new Set(rows.map((r) => r.name)) : undefined;
	}

	close(): void {
		this.db.close();
	}
}
