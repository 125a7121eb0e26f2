import {claudeFailureRun, claudeLongRefactor, claudeOversized, claudeQuick, claudeRetryLoop, claudeWithSubagents, claudeWork} from './claude-sessions.js';
import {codexSessions} from './codex.js';
import {DAY, HOUR, MIN, Rng, type DemoDirs} from './common.js';
import {API_PROJECT, APP_PROJECT} from './content.js';
import {geminiSessions} from './gemini.js';
import {opencodeSessions} from './opencode.js';
import {piSessions} from './pi.js';

/**
 * The `--demo` data set: a deterministic, realistic set of agent session logs written as
 * real files in each agent's own format (Claude Code transcripts with subagents, Codex
 * rollouts, an OpenCode JSON storage tree), dated relative to `now`, so the normal readers
 * ingest them. It looks like a developer who pays for agents: long sessions (tens to
 * hundreds of requests) whose context grows to 100k+ tokens, a few that compact, tens of
 * dollars a week. Every window (24h, 7d, 30d, 90d, all) has data, and the waste patterns
 * (retry loop, failure run, edit revert, compaction, oversized output) each occur in the
 * last 7 days.
 */

export type {DemoDirs} from './common.js';

/** Write the demo logs under the three agents' directories. Deterministic for a given `now`. */
export function writeDemoLogs(dirs: DemoDirs, now: number): void {
	// Each session draws from its own stream, so changing one leaves the others as they were.
	let stream = 0;
	const rng = () => new Rng((0x5eed_b0b + Math.imul(++stream, 0x9e3779b9)) >>> 0);
	// Last 24 h.
	claudeRetryLoop(dirs, rng(), now - 4 * HOUR - 40 * MIN);
	claudeWithSubagents(dirs, rng(), now - 21 * HOUR);
	claudeQuick(dirs, rng(), now - 7 * HOUR - 30 * MIN);
	// Last 7 days.
	claudeWork(dirs, rng(), now - 1 * DAY - 8 * HOUR, {
		project: API_PROJECT,
		model: 'claude-opus-4-7',
		version: '2.1.112',
		branch: 'feat/webhook-retries',
		mcpTokens: 30_000,
		prompt: 'Issue #388: Stripe webhooks fail silently when our DB is down. Add a retry queue with exponential backoff and a dead-letter table.',
		issue: {number: 388, title: 'Stripe webhooks are dropped while the database is unavailable'},
		steps: 150,
	});
	claudeFailureRun(dirs, rng(), now - 2 * DAY - 3 * HOUR);
	claudeLongRefactor(dirs, rng(), now - 3 * DAY - 6 * HOUR);
	claudeOversized(dirs, rng(), now - 5 * DAY - 1 * HOUR);
	// The rest of the history, over ~80 days.
	claudeWork(dirs, rng(), now - 12 * DAY - 5 * HOUR, {project: APP_PROJECT, model: 'claude-opus-4-7', version: '2.1.90', prompt: 'Move the API client to fetch with retries and typed errors, and update every caller.', steps: 80});
	claudeWork(dirs, rng(), now - 25 * DAY - 2 * HOUR, {project: API_PROJECT, model: 'claude-opus-4-7', version: '2.1.56', ttl: '1h', prompt: 'Add cursor pagination to GET /orders and GET /invoices.', steps: 50});
	claudeWork(dirs, rng(), now - 41 * DAY - 8 * HOUR, {project: APP_PROJECT, model: 'claude-sonnet-4-5', version: '2.0.77', prompt: 'Why is the dashboard slow to load? Profile it and fix the worst of it.', steps: 38});
	claudeWork(dirs, rng(), now - 62 * DAY - 3 * HOUR, {project: API_PROJECT, model: 'claude-sonnet-4-5', version: '2.0.64', prompt: 'Write tests for the auth middleware.', steps: 36});
	claudeWork(dirs, rng(), now - 79 * DAY - 4 * HOUR, {project: APP_PROJECT, model: 'claude-sonnet-4-5', version: '2.0.31', flat: true, prompt: 'Set up vitest for the app and port the old jest tests.', steps: 36});
	codexSessions(dirs, rng(), now);
	opencodeSessions(dirs, rng(), now);
	if (dirs.geminiHome) geminiSessions(dirs.geminiHome, rng(), now);
	piSessions(dirs, rng(), now);
}
