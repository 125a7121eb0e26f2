/** The ledger (or cursors, content) could not be written: stops the ingest, not the report. */
export class LedgerWriteError extends Error {
	readonly code: string | undefined;
	constructor(readonly cause: unknown) {
		const e = cause as NodeJS.ErrnoException;
		super(`cannot write the ledger: ${e?.code === 'ENOSPC' ? 'no space left on device' : e?.code === 'EROFS' ? 'read-only file system' : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied' : e?.code === 'EDQUOT' ? 'disk quota exceeded' : (e?.message ?? String(cause))}`);
		this.code = e?.code;
	}
}

/** Runs a write to the data directory; any failure becomes a LedgerWriteError. */
export function ledgerWrite<T>(write: () => T): T {
	try {
		return write();
	} catch (error) {
		throw error instanceof LedgerWriteError ? error : new LedgerWriteError(error);
	}
}
