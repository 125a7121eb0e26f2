/**
 * Words for the money (issue 14): one line per column for the help, and a sentence that
 * interprets one cell of a hotspot row for the status line. Pure strings; both faces use them.
 */
import type {HotspotRowBase} from '../analysis/report-types.js';
import {fmtInt, fmtPct, fmtUsd, plural} from './format.js';

export type MoneyColumn = 'initial' | 'riding' | 'turns' | 'cost' | 'share' | 'attributed' | 'unattributed';

/** The columns the help explains: the money ones, and the call count before them. */
export type HelpColumn = 'calls' | MoneyColumn;

/**
 * One line per column, for the help overlay and docs, each starting with the column's title
 * as the tables write it (`turns:`, `cost:`).
 */
export const COLUMN_HELP: Record<HelpColumn, string> = {
	calls: 'calls: the tool calls behind the row (reads, edits, commands, spawns, MCP calls)',
	initial: 'initial: what the turn after each call paid to read its result as new content',
	riding: 'riding: what the result cost again while it sat in the cache, read by every later turn of the thread',
	turns: 'turns: how many later turns carried the result in their cache reads (a session\'s or model\'s own turns on Sessions and Models)',
	cost: 'cost: initial + riding (a session\'s or model\'s whole spend on Sessions and Models)',
	share: 'share: this row\'s part of all attributed dollars in the window (of all spend on Models)',
	attributed: 'attributed: dollars traced to a tool result (initial + riding); the rest is unattributed',
	unattributed: 'unattributed: output, system prompt, your messages, tools burn cannot see, and cache reads no result took',
};

/** What the row stands for, in a sentence: "this file's text", "this command's output"… */
export type RowNoun = 'file' | 'verb' | 'command' | 'subagent' | 'server';

const SUBJECT: Record<RowNoun, string> = {
	file: "this file's text",
	verb: "these commands' output",
	command: "this command's output",
	subagent: "this subagent's report",
	server: "this server's results",
};

/**
 * The status line for a selected cell, e.g. "riding: this file's text sat in the cache for
 * 1,954 later turns, $0.92".
 */
export function explainCell(column: MoneyColumn, noun: RowNoun, row: HotspotRowBase): string {
	const subject = SUBJECT[noun];
	switch (column) {
		case 'initial':
			return `initial: reading ${subject} the first time cost ${fmtUsd(row.initialCost)} (${fmtInt(row.initialTokens)} tokens of new input)`;
		case 'riding':
			return row.ridingTurns > 0
				? `riding: ${subject} sat in the cache for ${plural(row.ridingTurns, 'later turn')}, ${fmtUsd(row.persistenceCost)}`
				: `riding: ${subject} rode in no later turn (the session ended, or the context was compacted)`;
		case 'turns':
			return `turns: ${plural(row.ridingTurns, 'later turn')} read ${subject} again from the cache`;
		case 'cost':
			return `cost: ${fmtUsd(row.initialCost)} initial + ${fmtUsd(row.persistenceCost)} riding = ${fmtUsd(row.totalCost)}`;
		case 'share':
			return `share: ${fmtPct(row.share)} of the attributed dollars in this window`;
		case 'attributed':
		case 'unattributed':
			return COLUMN_HELP[column];
	}
}

/**
 * Why a turn's tool cost can look larger than the turn: riding cost is paid in later turns.
 * Null when the calls' cost fits in the turn's.
 */
export function ridingNote(callsCost: number, turnCost: number | null): string | null {
	if (turnCost === null || callsCost <= turnCost + 1e-12) return null;
	return `the calls cost ${fmtUsd(callsCost)}, more than this turn's ${fmtUsd(turnCost)}: their riding cost is paid by later turns that read the results from the cache`;
}
