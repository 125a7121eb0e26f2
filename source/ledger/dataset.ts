import type {
	CompactionRecord,
	RelationshipRecord,
	SkipCounts,
	SourceKind,
	ToolResultEventRecord,
	TurnRecord,
	UserTurnRecord,
} from '../core/records.js';

/** The window of a report: ISO bounds (inclusive), null = open. */
export interface Window {
	since: string | null;
	until: string | null;
}

/**
 * Everything one report needs about one session, bucketed by the single ledger scan.
 * Turns are deduplicated (most complete version per id) and in stable order.
 */
export interface SessionData {
	sessionId: string;
	source: SourceKind;
	/** In-window turns (undated ones only with `--since all`), ordered by (ts, turnIndex, ledger position). */
	turns: TurnRecord[];
	userTurns: UserTurnRecord[];
	toolResultEvents: ToolResultEventRecord[];
	compactions: CompactionRecord[];
	relationships: RelationshipRecord[];
}

export interface Dataset {
	window: Window;
	/** Sessions in first-seen order. */
	sessions: SessionData[];
	/** Turns without a timestamp: counted only with `--since all` (then they are in `sessions`). */
	undatedTurns: number;
	/** In-window responses without usage (`TurnRecord.aborted`): not turns, left out of `sessions`. */
	abortedTurns: number;
	/** Their times (ms, NaN when undated), so a narrower window in memory can count its own. */
	abortedAt?: number[];
	/** Ledger figures for the progress panel and notes. */
	stats: {
		records: number;
		bytes: number;
		/** Record versions replaced by a more complete version of the same record. */
		duplicateVersions: number;
		/**
		 * In-window turns left out because a copy of the same response in another session wins
		 * (resumed or forked sessions; one per session copy, whatever its number of versions).
		 */
		copiesDropped: number;
		/** Ledger lines that are not valid records (skipped). */
		badLines?: number;
		/** Bad input skipped by this run's ingest (the pipeline sets it). */
		skipped?: SkipCounts;
	};
}
