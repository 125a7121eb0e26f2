// End-to-end: hotspot and session reports of the built CLI on the real corpus
// (../shared/corpus, laid out as Claude Code and Codex write it), text and JSON. Those suites skip
// without ../shared; cli-reports-own.test.ts checks the same rules on our demo logs.
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runCli, type Sealed} from './helpers/cli.js';
import {
	corpusDirs,
	expectOneErrorLine,
	jsonOf,
	keptDir,
	sealedKept,
	sumUsage,
	unplacedCorpusFiles,
	USAGE_KEYS,
	writeShiftedClaudeLog,
	type UsageTotals,
} from './helpers/e2e.js';
import {describeShared, hasShared} from './helpers/shared.js';

// ── expected figures, from corpus/INDEX.md ──────────────────────────────────────────────
// Claude: "dedup totals (last line per message.id+requestId)" and "unique msgs" per file.
const CLAUDE_INDEX: Record<string, {input: number; output: number; cacheRead: number; cache5m: number; cache1h: number; msgs: number}> = {
	'#1': {input: 158, output: 3860, cacheRead: 1093509, cache5m: 99004, cache1h: 0, msgs: 31},
	'#2': {input: 6, output: 16, cacheRead: 3057, cache5m: 0, cache1h: 1045, msgs: 1},
	'#3': {input: 34, output: 15897, cacheRead: 1322997, cache5m: 118390, cache1h: 0, msgs: 17},
	'#5': {input: 56, output: 51163, cacheRead: 2187009, cache5m: 130921, cache1h: 0, msgs: 28},
	'#6': {input: 70, output: 37773, cacheRead: 2984385, cache5m: 127158, cache1h: 0, msgs: 35},
	'#7': {input: 66, output: 37145, cacheRead: 2436332, cache5m: 104767, cache1h: 0, msgs: 33},
	'#8': {input: 34, output: 30177, cacheRead: 974122, cache5m: 94565, cache1h: 0, msgs: 17},
	'#9': {input: 93, output: 953, cacheRead: 103219, cache5m: 12698, cache1h: 0, msgs: 7},
	'#10': {input: 129, output: 3629, cacheRead: 324259, cache5m: 47747, cache1h: 0, msgs: 20},
	'#11': {input: 818, output: 51933, cacheRead: 3647854, cache5m: 137976, cache1h: 0, msgs: 170},
	'#12': {input: 4, output: 82, cacheRead: 5124, cache5m: 1606, cache1h: 0, msgs: 2},
	'#14': {input: 91, output: 2266, cacheRead: 503769, cache5m: 16072, cache1h: 0, msgs: 24},
	'#16': {input: 88, output: 278, cacheRead: 44544, cache5m: 16000, cache1h: 0, msgs: 4},
	'#17': {input: 0, output: 0, cacheRead: 0, cache5m: 0, cache1h: 0, msgs: 0},
};
// Codex: "final total_token_usage" (#18, #19; #20, #22 and #23 record no usage).
const CODEX_INDEX: Record<string, {input_tokens: number; cached_input_tokens: number; output_tokens: number; reasoning_output_tokens: number; total_tokens: number}> = {
	'#18': {input_tokens: 270530, cached_input_tokens: 136832, output_tokens: 12551, reasoning_output_tokens: 9536, total_tokens: 283081},
	'#19': {input_tokens: 22539, cached_input_tokens: 20864, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: 22549},
};

function claudeExpected(...ids: string[]): UsageTotals {
	const t: UsageTotals = {input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0};
	for (const id of ids) {
		const f = CLAUDE_INDEX[id]!;
		t.input += f.input;
		t.output += f.output;
		t.cacheRead += f.cacheRead;
		t.cacheCreate5m += f.cache5m;
		t.cacheCreate1h += f.cache1h;
	}
	return t;
}

/** Codex `cached_input_tokens` is part of `input_tokens`; reasoning is part of output. */
function codexExpected(...ids: string[]): UsageTotals {
	const t: UsageTotals = {input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0};
	for (const id of ids) {
		const f = CODEX_INDEX[id]!;
		t.input += f.input_tokens - f.cached_input_tokens;
		t.cacheRead += f.cached_input_tokens;
		t.output += f.output_tokens;
		t.reasoning += f.reasoning_output_tokens;
	}
	return t;
}

const addUsage = (a: UsageTotals, b: UsageTotals): UsageTotals => Object.fromEntries(USAGE_KEYS.map((k) => [k, a[k] + b[k]])) as UsageTotals;

const ALL_CLAUDE = Object.keys(CLAUDE_INDEX);
const ALL_CODEX = Object.keys(CODEX_INDEX);
const CLAUDE_MSGS = Object.values(CLAUDE_INDEX).reduce((n, f) => n + f.msgs, 0);

const S = {
	vibeA: 'e9f146fa-3b20-48d0-9be4-d99ca901cae4', // #1, first session of the file
	vibeB: 'b162b1ae-97bc-475f-9b5f-ffbf55ca5b3f', // #1, second session
	agentHistory: '06090cb1-3e64-433a-bc7e-a621c0f596d2', // #2
	bitcoin: '2b9d8116-e1de-4038-a101-5fd575fdcb0e', // parent of #3–#8
	viewer1: '1af7fc5e-8455-4414-9ccd-011d40f70b2a', // #9
	viewer2: '5c0375b4-57a5-4f26-b12d-d022ee4e51b7', // #10
	viewer3: 'fe5e1c67-53e7-4862-81ae-d0e013e3270b', // #11
	phoenix: '00000000-0000-4000-8000-000000000001', // parent of #12
	sniffly1: 'ba79134d-b6e9-4867-af0c-6941038c9e4b', // #14
	sniffly2: 'fed8ce56-bc79-401f-a83e-af084253362f', // #16
	codexVibe: '01996135-afde-7911-97f0-d863511eca56', // #18
	codexHistory: '019e9625-802f-7e91-840a-cfe88d14117a', // #19
};
const CLAUDE_SESSIONS = [S.vibeA, S.vibeB, S.agentHistory, S.bitcoin, S.viewer1, S.viewer2, S.viewer3, S.phoenix, S.sniffly1, S.sniffly2];
const CODEX_SESSIONS = [S.codexVibe, S.codexHistory];

// PRODUCT.md, Contracts: JSON.
const TOP_KEYS = ['window', 'turnsAnalyzed', 'grandTotal', 'attributedTotal', 'unattributedTotal', 'attributionDegraded', 'excluded', 'unpriced', 'undated', 'sessions', 'files', 'bashVerbs', 'bash', 'subagents', 'mcpServers', 'fidelity'];
const SESSION_KEYS = ['sessionId', 'source', 'project', 'firstTs', 'lastTs', 'turns', 'usage', 'cost', 'unpricedTokens', 'attributedCost', 'unattributedCost', 'attributionMethod', 'threads'];
const THREAD_KEYS = ['threadId', 'agentType', 'usage', 'cost'];
const ROW_TABLES = ['files', 'bashVerbs', 'bash', 'subagents', 'mcpServers'] as const;

type Report = any;

let env: Sealed & {root: string};
let all: Report;

beforeAll(() => {
	if (!hasShared) return; // every suite of the corpus below is skipped then
	env = sealedKept();
	Object.assign(env.env, corpusDirs(join(env.root, 'agents')));
	all = jsonOf(runCli(['--json', '--since', 'all'], env.env));
});

const report = (...args: string[]): Report => jsonOf(runCli(['--json', ...args], env.env));
const ids = (r: Report) => (r.sessions as Array<{sessionId: string}>).map((s) => s.sessionId).sort();
const session = (r: Report, id: string) => (r.sessions as Array<{sessionId: string}>).find((s) => s.sessionId === id) as any;
const costSum = (r: Report) => (r.sessions as Array<{cost: number | null}>).reduce((n, s) => n + (s.cost ?? 0), 0);

/** Every hotspot row refers only to sessions of the report. */
function expectRowsWithin(r: Report): void {
	const known = new Set(ids(r));
	for (const table of ROW_TABLES) {
		for (const row of r[table] as Array<{refs?: Array<{sessionId: string}>}>) {
			for (const ref of row.refs ?? []) expect(known.has(ref.sessionId), `${table} → ${ref.sessionId}`).toBe(true);
		}
	}
}

describeShared('the corpus layout', () => {
	it('places every Claude and Codex file of shared/corpus', () => {
		expect(unplacedCorpusFiles()).toEqual([]);
	});
});

describeShared('burn --json --since all on the corpus', () => {
	it('has the contract keys, each with the right type', () => {
		for (const k of TOP_KEYS) expect(all, k).toHaveProperty(k);
		expect(all.window).toEqual({since: null, until: null});
		for (const k of ['turnsAnalyzed', 'grandTotal', 'attributedTotal', 'unattributedTotal', 'undated']) {
			expect(typeof all[k], k).toBe('number');
			expect(Number.isFinite(all[k]), k).toBe(true);
		}
		expect(typeof all.attributionDegraded).toBe('boolean');
		expect(all.excluded).toEqual({turns: expect.any(Number), cost: expect.any(Number)});
		expect(all.unpriced).toEqual({turns: expect.any(Number), tokens: expect.any(Number), models: expect.any(Array)});
		for (const t of ROW_TABLES) expect(Array.isArray(all[t]), t).toBe(true);
		expect(typeof all.fidelity).toBe('object');
	});

	it('session entries have the contract keys; numbers are numbers, token counts integers', () => {
		expect(all.sessions.length).toBeGreaterThan(0);
		for (const s of all.sessions) {
			for (const k of SESSION_KEYS) expect(s, `${s.sessionId}.${k}`).toHaveProperty(k);
			expect(typeof s.sessionId).toBe('string');
			expect(['claude-code', 'codex', 'opencode']).toContain(s.source);
			expect(Number.isNaN(Date.parse(s.firstTs))).toBe(false);
			expect(Number.isNaN(Date.parse(s.lastTs))).toBe(false);
			expect(s.firstTs <= s.lastTs).toBe(true);
			expect(Number.isInteger(s.turns)).toBe(true);
			expect(Object.keys(s.usage).sort()).toEqual([...USAGE_KEYS].sort());
			for (const k of USAGE_KEYS) expect(Number.isInteger(s.usage[k]) && s.usage[k] >= 0, `${s.sessionId}.usage.${k}`).toBe(true);
			expect(s.cost === null || typeof s.cost === 'number').toBe(true);
			for (const k of ['unpricedTokens', 'attributedCost', 'unattributedCost']) expect(typeof s[k], `${s.sessionId}.${k}`).toBe('number');
			expect(typeof s.attributionMethod).toBe('string');
			for (const t of s.threads) {
				for (const k of THREAD_KEYS) expect(t, `${s.sessionId} thread.${k}`).toHaveProperty(k);
				for (const k of USAGE_KEYS) expect(Number.isInteger(t.usage[k])).toBe(true);
			}
		}
	});

	it('hotspot rows keep relayburn row keys, numeric fields as numbers', () => {
		expect(all.files.length).toBeGreaterThan(0);
		expect(all.bashVerbs.length).toBeGreaterThan(0);
		expect(all.bash.length).toBeGreaterThan(0);
		for (const f of all.files) {
			expect(typeof f.path).toBe('string');
			for (const k of ['toolCallCount', 'initialTokens', 'persistenceTokens', 'ridingTurns', 'totalCost']) expect(typeof f[k], `files.${k}`).toBe('number');
		}
		for (const table of ['bashVerbs', 'bash', 'subagents', 'mcpServers'] as const) {
			for (const row of all[table]) {
				for (const k of ['initialTokens', 'persistenceTokens', 'ridingTurns', 'totalCost']) expect(typeof row[k], `${table}.${k}`).toBe('number');
			}
		}
		expectRowsWithin(all);
	});

	it('the sessions are exactly the corpus sessions that carry usage', () => {
		expect(ids(all)).toEqual([...CLAUDE_SESSIONS, ...CODEX_SESSIONS].sort());
	});

	it('per-session usage adds up to INDEX.md: Claude dedup totals + Codex final totals', () => {
		const claude = all.sessions.filter((s: any) => s.source === 'claude-code');
		const codex = all.sessions.filter((s: any) => s.source === 'codex');
		expect(sumUsage(claude)).toEqual(claudeExpected(...ALL_CLAUDE));
		expect(sumUsage(codex)).toEqual(codexExpected(...ALL_CODEX));
		expect(sumUsage(all.sessions)).toEqual(addUsage(claudeExpected(...ALL_CLAUDE), codexExpected(...ALL_CODEX)));
		// one turn per distinct Claude response
		expect(claude.reduce((n: number, s: any) => n + s.turns, 0)).toBe(CLAUDE_MSGS);
		expect(all.turnsAnalyzed).toBe(all.sessions.reduce((n: number, s: any) => n + s.turns, 0));
	});

	it('per-session usage matches the files each session came from', () => {
		expect(sumUsage([session(all, S.vibeA), session(all, S.vibeB)])).toEqual(claudeExpected('#1'));
		expect(session(all, S.agentHistory).usage).toEqual(claudeExpected('#2'));
		expect(session(all, S.viewer3).usage).toEqual(claudeExpected('#11'));
		expect(session(all, S.sniffly2).usage).toEqual(claudeExpected('#16'));
		expect(session(all, S.codexVibe).usage).toEqual(codexExpected('#18'));
		expect(session(all, S.codexHistory).usage).toEqual(codexExpected('#19'));
	});

	it('subagent transcripts roll up into their parent session as threads', () => {
		const b = session(all, S.bitcoin);
		expect(b.usage).toEqual(claudeExpected('#3', '#5', '#6', '#7', '#8'));
		expect(b.threads.map((t: any) => t.threadId).sort()).toEqual(['a1bee4ee26b0c17ef', 'a3904c35fbed0ead8', 'a7b1cd4effbcbdebe', 'a84b7406ef53120af', 'ae58f1d220d8c3940']);
		expect(sumUsage(b.threads)).toEqual(b.usage);
		const p = session(all, S.phoenix);
		expect(p.project).toBe('/tmp/tuval-capture');
		expect(p.usage).toEqual(claudeExpected('#12'));
		expect(p.threads).toHaveLength(1);
		// agentType from agent-<id>.meta.json
		expect(p.threads[0]).toMatchObject({threadId: 'a1b2c3d4e5f60718a', agentType: 'probe-plugin:probe-grep'});
	});

	it('dollars: grand total > 0, equals the priced sessions, and splits into attributed + unattributed', () => {
		expect(all.grandTotal).toBeGreaterThan(0);
		expect(all.attributedTotal).toBeGreaterThan(0);
		expect(all.grandTotal).toBeCloseTo(costSum(all), 6);
		expect(all.attributedTotal + all.unattributedTotal).toBeCloseTo(all.grandTotal, 6);
		expect(all.attributedTotal).toBeLessThanOrEqual(all.grandTotal);
	});

	it('aide-gpt-5 is unpriced: counted in `unpriced`, its session cost is null, never $0', () => {
		expect(all.unpriced.models).toContain('aide-gpt-5');
		expect(all.unpriced.turns).toBe(1);
		expect(all.unpriced.tokens).toBe(CODEX_INDEX['#18']!.total_tokens);
		const s = session(all, S.codexVibe);
		expect(s.cost).toBeNull();
		expect(s.unpricedTokens).toBe(CODEX_INDEX['#18']!.total_tokens);
	});

	it('nothing is undated or excluded in the corpus', () => {
		expect(all.undated).toBe(0);
		expect(all.excluded).toEqual({turns: 0, cost: 0});
	});
});

describeShared('filters on the corpus', () => {
	it('--source codex: every figure is Codex only', () => {
		const r = report('--since', 'all', '--source', 'codex');
		expect(ids(r)).toEqual([...CODEX_SESSIONS].sort());
		expect(sumUsage(r.sessions)).toEqual(codexExpected(...ALL_CODEX));
		expect(r.grandTotal).toBeCloseTo(costSum(r), 9);
		expect(r.grandTotal).toBeCloseTo(session(all, S.codexHistory).cost, 9);
		expect(r.unpriced.models).toEqual(['aide-gpt-5']);
		expect(r.files.filter((f: any) => f.path.startsWith('/scratch') || f.path.startsWith('/path/to'))).toEqual([]);
		expect(r.mcpServers).toEqual([]);
		expectRowsWithin(r);
	});

	it('--source claude-code: every figure is Claude only; the two sources add up to all', () => {
		const r = report('--since', 'all', '--source', 'claude-code');
		expect(ids(r)).toEqual([...CLAUDE_SESSIONS].sort());
		expect(sumUsage(r.sessions)).toEqual(claudeExpected(...ALL_CLAUDE));
		expect(r.turnsAnalyzed).toBe(CLAUDE_MSGS);
		expect(r.unpriced).toEqual({turns: 0, tokens: 0, models: []});
		expect(r.mcpServers.map((m: any) => m.server)).toContain('context7'); // #1 calls mcp__context7__*
		expectRowsWithin(r);
		const codex = report('--since', 'all', '--source', 'codex');
		expect(r.grandTotal + codex.grandTotal).toBeCloseTo(all.grandTotal, 6);
		expect(r.turnsAnalyzed + codex.turnsAnalyzed).toBe(all.turnsAnalyzed);
	});

	it('--source claude-code,codex is the same as no filter', () => {
		const r = report('--since', 'all', '--source', 'claude-code,codex');
		expect(ids(r)).toEqual(ids(all));
		expect(r.grandTotal).toBeCloseTo(all.grandTotal, 9);
	});

	it('--provider openai: the Codex sessions; --provider anthropic: the Claude ones', () => {
		const openai = report('--since', 'all', '--provider', 'openai');
		expect(ids(openai)).toEqual([...CODEX_SESSIONS].sort());
		expect(sumUsage(openai.sessions)).toEqual(codexExpected(...ALL_CODEX));
		const anthropic = report('--since', 'all', '--provider', 'anthropic');
		expect(ids(anthropic)).toEqual([...CLAUDE_SESSIONS].sort());
		expect(anthropic.grandTotal + openai.grandTotal).toBeCloseTo(all.grandTotal, 6);
	});

	it('--project with a cwd from the logs', () => {
		const demo = report('--since', 'all', '--project', '/path/to/Demo');
		expect(ids(demo)).toEqual([S.viewer1, S.viewer2, S.viewer3].sort());
		expect(sumUsage(demo.sessions)).toEqual(claudeExpected('#9', '#10', '#11'));
		expectRowsWithin(demo);
		const codex = report('--since', 'all', '--project', '/proj/ds906659/gai/claude-code');
		expect(ids(codex)).toEqual([S.codexVibe]);
		const none = report('--since', 'all', '--project', '/no/such/project');
		expect(none.sessions).toEqual([]);
		expect(none.grandTotal).toBe(0);
	});

	it('--since/--until: a window of one (UTC) day holds only that day’s turns', () => {
		const r = report('--since', '2026-08-01', '--until', '2026-08-01');
		expect(r.window).toEqual({since: '2026-08-01T00:00:00.000Z', until: '2026-08-01T23:59:59.999Z'});
		expect(ids(r)).toEqual([S.bitcoin]);
		expect(sumUsage(r.sessions)).toEqual(claudeExpected('#3', '#5', '#6', '#7', '#8'));
	});

	it('the default window (7d) holds none of these old logs', () => {
		const r = report();
		expect(r.sessions).toEqual([]);
		expect(r.grandTotal).toBe(0);
	});
});

describeShared('text report on the corpus (no TTY)', () => {
	let text: string;
	beforeAll(() => {
		const r = runCli(['--since', 'all'], env.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		text = r.stdout;
	});

	it('has the header with window and sources, the totals of the JSON, and the tables', () => {
		expect(text.split('\n')[0]).toBe('burn · all time · claude-code, codex');
		expect(text).toContain(`$${all.grandTotal.toFixed(2)} spent`);
		expect(text).toContain(`${all.turnsAnalyzed} turns`);
		expect(text).toContain(`${all.sessions.length} sessions`);
		expect(text).toMatch(/unpriced: 1 turn, .*aide-gpt-5/);
		for (const section of ['Sessions', 'Files', 'Commands by verb', 'Commands']) expect(text).toMatch(new RegExp(`^${section}$`, 'm'));
		expect(text).not.toMatch(/\x1b/);
	});

	it('--limit and --all set the rows per table', () => {
		const sessionRows = (t: string) => {
			const block = t.split(/\n\n/).find((b) => b.startsWith('Sessions\n'))!;
			return block.split('\n').filter((l) => /^\s+\d+\s+[0-9a-f]{8}\s/.test(l)).length;
		};
		expect(sessionRows(text)).toBe(10); // default
		const two = runCli(['--since', 'all', '--limit', '2'], env.env).stdout;
		expect(sessionRows(two)).toBe(2);
		expect(two).toMatch(/… 10 more/);
		const every = runCli(['--since', 'all', '--all'], env.env).stdout;
		expect(sessionRows(every)).toBe(12);
	});
});

describeShared('--session', () => {
	it('prints that session as text', () => {
		const r = runCli(['--session', S.viewer3], env.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^session ${S.viewer3} · claude-code · /path/to/Demo · `));
		expect(r.stdout).toContain('170 turns');
		expect(r.stdout).not.toMatch(/\x1b/);
	});

	it('prints that session as JSON, whole session by default (no --since needed)', () => {
		const j = report('--session', S.viewer3);
		expect(j.sessionId).toBe(S.viewer3);
		expect(j.source).toBe('claude-code');
		expect(j.window).toEqual({since: null, until: null});
		expect(j.turns).toBe(CLAUDE_INDEX['#11']!.msgs);
		expect(j.usage).toEqual(claudeExpected('#11'));
		expect(j.cost).toBeCloseTo(session(all, S.viewer3).cost, 9);
	});

	it('a unique prefix works and gives the same report', () => {
		const full = runCli(['--session', S.viewer3], env.env);
		const prefix = runCli(['--session', 'fe5e1c'], env.env);
		expect(prefix.status).toBe(0);
		expect(prefix.stdout).toBe(full.stdout);
		expect(report('--session', 'fe5e1c').sessionId).toBe(S.viewer3);
	});

	it('an unknown id: exit 1 with one line on stderr, nothing on stdout', () => {
		for (const args of [['--session', 'deadbeef'], ['--session', 'deadbeef', '--json']]) {
			const r = runCli(args, env.env);
			expect(r.status).toBe(1);
			expect(r.stdout).toBe('');
			expectOneErrorLine(r.stderr);
			expect(r.stderr).toContain('deadbeef');
		}
	});

	it('an ambiguous prefix: exit 1 with one line', () => {
		const r = runCli(['--session', '0'], env.env); // 00000000…, 019e9625…, 01996135…, 06090cb1…
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expectOneErrorLine(r.stderr);
		expect(r.stderr).toMatch(/ambiguous/);
	});

	it('--session alone with --since all: the most recent session', () => {
		const j = report('--session', '--since', 'all');
		expect(j.sessionId).toBe(S.bitcoin); // last turn 2026-08-01T05:02
		const t = runCli(['--session', '--since', 'all'], env.env);
		expect(t.status).toBe(0);
		expect(t.stdout).toMatch(new RegExp(`^session ${S.bitcoin} `));
	});

	it('--session alone with nothing in the default window: exit 0 and says so', () => {
		const r = runCli(['--session'], env.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/No session in this window/);
	});
});

describeShared('--session alone in the default window', () => {
	it('picks the most recent session of the last 7 days', () => {
		// Two recent sessions: copies of #9 and #16 with their timestamps moved into the last hours.
		const s = sealedKept();
		const fresh = keptDir();
		const claudeDir = join(fresh, 'claude');
		const now = Date.now();
		writeShiftedClaudeLog(
			'claude-code-viewer/mock-global-claude-dir/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
			join(claudeDir, 'projects', '-path-to-Demo', `${S.viewer1}.jsonl`),
			now - 3 * 3600_000,
		);
		writeShiftedClaudeLog('sniffly/tests/mock-data/-Users-chip-dev-ai-music/fed8ce56-bc79-401f-a83e-af084253362f.jsonl', join(claudeDir, 'projects', '-Users-chip-dev-ai-music', `${S.sniffly2}.jsonl`), now - 3600_000);
		s.env.CLAUDE_CONFIG_DIR = claudeDir;
		s.env.CODEX_HOME = join(fresh, 'codex');
		s.env.OPENCODE_DATA_DIR = join(fresh, 'opencode');
		const j = jsonOf(runCli(['--session', '--json'], s.env));
		expect(j.sessionId).toBe(S.sniffly2);
		expect(j.usage).toEqual(claudeExpected('#16'));
		const t = runCli(['--session'], s.env);
		expect(t.status).toBe(0);
		expect(t.stdout).toMatch(new RegExp(`^session ${S.sniffly2} `));
		expect(existsSync(join(s.burnHome, 'ledger'))).toBe(true);
	});
});

describe('--demo', () => {
	it('exits 0 with a text report (no TTY) and never touches BURN_HOME or the agent dirs', () => {
		const s = sealedKept();
		const tmpRoot = keptDir(); // the demo's own temporary data lives under TMPDIR
		const agents = join(s.root, 'agents');
		const e = {...s.env, TMPDIR: tmpRoot, CLAUDE_CONFIG_DIR: join(agents, 'claude'), CODEX_HOME: join(agents, 'codex'), OPENCODE_DATA_DIR: join(agents, 'opencode')};
		const r = runCli(['--demo'], e);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^burn · /);
		expect(r.stdout).toMatch(/\$[\d.]+ spent/);
		expect(r.stdout).toMatch(/^Sessions$/m);
		expect(r.stdout).not.toMatch(/\x1b/);
		expect(existsSync(s.burnHome)).toBe(false);
		expect(existsSync(agents)).toBe(false);
		expect(readdirSync(s.home)).toEqual([]);
	});

	it('--demo --json: valid JSON with spend and sessions; BURN_HOME still untouched', () => {
		const s = sealedKept();
		const j = jsonOf(runCli(['--demo', '--json'], {...s.env, TMPDIR: keptDir()}));
		expect(j.grandTotal).toBeGreaterThan(0);
		expect(j.sessions.length).toBeGreaterThan(0);
		expect(new Set(j.sessions.map((x: any) => x.source)).size).toBeGreaterThan(1);
		expect(existsSync(s.burnHome)).toBe(false);
	});

	it('--demo --home <dir> does not touch that directory either', () => {
		const s = sealedKept();
		const other = join(s.root, 'other-home');
		expect(runCli(['--demo', '--home', other], {...s.env, TMPDIR: keptDir()}).status).toBe(0);
		expect(existsSync(other)).toBe(false);
		expect(existsSync(s.burnHome)).toBe(false);
	});
});

describe('--demo cleanup', () => {
	// prepareDemoHome creates $TMPDIR/burn-demo-XXXXXX (logs and a ledger); it must be gone
	// when the run ends.
	it('removes its temporary directory when it exits', () => {
		const s = sealedKept();
		const tmpRoot = keptDir();
		expect(runCli(['--demo', '--json'], {...s.env, TMPDIR: tmpRoot}).status).toBe(0);
		expect(readdirSync(tmpRoot)).toEqual([]);
	});
});
