import type {ContentRecord, LedgerRecord, SkipCounts} from '../core/records.js';

/**
 * A line reader turns the complete lines of one log file into records. The ingest driver
 * owns framing: it reads the file from the cursor's offset in chunks, splits on '\n',
 * strips a trailing '\r' and a leading BOM, skips (and counts) lines over the size limit,
 * and hands every complete line to `line()`. Readers do no I/O.
 */
export interface LineReader<S> {
	/** One complete line (no newline). `offset` is the byte offset of its first byte. */
	line(bytes: Buffer, offset: number): void;
	/** Called once after the last complete line of this pass. */
	finish(): ReaderOutput<S>;
}

export interface ReaderOutput<S> {
	records: LedgerRecord[];
	/** Text for the content sidecars (empty when content mode is off). */
	content: ContentRecord[];
	/** State to store in the file's cursor and hand back on the next pass. */
	state: S;
	skips: SkipCounts;
	/**
	 * Where the next pass must start, when the reader wants to re-read some complete lines
	 * (e.g. Codex re-reads an uncommitted task). Default: just past the last complete line.
	 */
	resumeOffset?: number;
}

export interface ReaderContext {
	/** Absolute path of the file (becomes `sessionPath`; its basename may be the session id). */
	path: string;
	contentMode: 'full' | 'off';
	/** Byte offset this pass starts at (0 for a new or rewritten file). */
	startOffset: number;
	/** The file's modification time (ms), for sources whose records have no time of their own (Droid). */
	mtimeMs?: number;
}

export type LineReaderFactory<S> = (ctx: ReaderContext, state: S | undefined) => LineReader<S>;

/**
 * Version of the readers; stamped on every record as `rv` and on every cursor (see
 * docs/ledger.md). 2: Claude turns carry `requestId` (copies across sessions).
 */
export const READER_VERSION = 2;

/** First reader version with Codex running counters: older Codex cursors are read again. */
export const CODEX_COUNTERS_RV = 2;

/** Claude records written by a reader before this version carry no `requestId` (ledger/copy-pass.ts reads their logs again for the copy index). */
export const COPY_KEYS_RV = 2;

/**
 * Version of the OpenCode readers' pass state: a state of another version is dropped and the
 * database read again from the start. Kept apart from READER_VERSION so that a change to
 * another source's reader (2: Claude `requestId`) does not re-append every OpenCode message.
 */
export const OPENCODE_READER_VERSION = 1;
