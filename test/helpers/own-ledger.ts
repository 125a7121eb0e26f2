import {resolve} from 'node:path';

/**
 * Our own small relayburn-format ledger (hand-written, values of our own; see
 * test/attribution-own.test.ts for every figure worked by hand). Tests that would otherwise need
 * the golden ledger in ../shared use it, so a plain clone still checks the same rules.
 */
export const OWN_LEDGER = resolve(import.meta.dirname, '../fixtures/ledger/ledger.jsonl');

/** Figures of OWN_LEDGER under the test price book (helpers/analysis.ts), worked by hand. */
export const OWN = {
	grandTotal: 0.038795,
	attributedTotal: 0.017895,
	unattributedTotal: 0.0209,
	excludedCost: 0.008,
	turnsAnalyzed: 8,
	sessionA: 'aaaaaaaa-0000-4000-8000-00000000000a',
	sessionB: 'bbbbbbbb-0000-4000-8000-00000000000b',
	sessionC: 'sess_cccccccc000000000000000000000c',
	sessionD: 'ses_dddddddd00000000000000000000000d',
	project: '/tmp/ours/app',
} as const;

/** A Claude Code session log we wrote by hand (claude-own.test.ts describes it line by line). */
export const OWN_CLAUDE_LOG = resolve(import.meta.dirname, '../fixtures/claude/own-session.jsonl');
export const OWN_CLAUDE_SESSION = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';
/** Its totals, by hand: 4 responses (one over two lines, one written twice). */
export const OWN_CLAUDE_TOTALS = {input: 30, output: 305, cacheRead: 14100, cacheCreate5m: 4300, cacheCreate1h: 900, turns: 4};
