// The CommonJS light start (dist/cli.cjs, source/cli/handover.ts): what it serves itself and
// what it hands to the ES module build (dist/cli.js) must come out exactly as the ES module
// build alone makes it: stdout, stderr and the exit code, on the first run (an ingest), a warm
// run, a report-cache miss after a warm check, and every other command.
import {spawnSync} from 'node:child_process';
import {appendFileSync, cpSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {refreshLedger} from '../source/ledger/refresh.js';
import {discoverAll} from '../source/sources/discover-all.js';
import {CLI, CLI_ESM} from './helpers/cli.js';
import {ingestTree, smallClaudeTree, treeTs} from './helpers/claude-tree.js';
import {claudeLine, hostile} from './helpers/hostile.js';
import {tmp} from './helpers/tmp.js';

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

function runWith(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
	const r = spawnSync(process.execPath, [script, ...args], {env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** The JSON report's start moves with the clock between two runs. */
const steady = (r: Run): Run => ({...r, stdout: r.stdout.replace(/"since": "[^"]+"/, '"since": …')});

/** Runs the same commands with dist/cli.cjs and with dist/cli.js, each in its own data directory over the same logs. */
function sideBySide(commands: string[][], turns = 3): Array<{args: string[]; cjs: Run; esm: Run}> {
	const h = hostile(turns);
	// Turns half an hour old: hostile() puts them an hour back, at the edge of the status line's
	// last-hour rate, which a turn could cross between the two runs of a command.
	const t0 = Date.now() - 1_800_000;
	const lines = Array.from({length: turns}, (_, i) => claudeLine('s-hostile', i, new Date(t0 + i * 1000).toISOString()));
	writeFileSync(join(h.agents.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-hostile-project', 's-hostile.jsonl'), `${lines.join('\n')}\n`);
	const a = {...h.env, BURN_HOME: join(h.root, 'burn-cjs')};
	const b = {...h.env, BURN_HOME: join(h.root, 'burn-esm')};
	return commands.map((args) => ({args, cjs: steady(runWith(CLI, args, a)), esm: steady(runWith(CLI_ESM, args, b))}));
}

describe('the CommonJS light start and its handover', () => {
	it('every command comes out as the ES module build makes it: first run, warm runs, other commands', () => {
		const runs = sideBySide([
			['--json'], // first run: ingest (handed over), report made afresh (handed over)
			['--json'], // warm: served from the report cache by cli.cjs
			['--json', '--since', 'all'], // a miss after a warm check (handed over)
			['--json', '--since', 'all'],
			['--no-tty'],
			['--no-tty'],
			['status'],
			['status', '--json', '--budget', '0.0000001'],
			['status', '--no-ingest'],
			['ingest'],
			['--json', '--findings'],
			['--help'],
			['--version'],
			['--since', 'soon'],
			['--json', '--session', 'nope'],
		]);
		for (const {args, cjs, esm} of runs) {
			const label = args.join(' ');
			expect(cjs.status, `${label}: ${cjs.stderr}`).toBe(esm.status);
			expect(cjs.stdout, label).toBe(esm.stdout);
			expect(cjs.stderr, label).toBe(esm.stderr);
		}
		// The checks can fail: the runs said something, and exit 2 and 3 came back.
		expect(runs[0]!.cjs.stdout).toContain('"turnsAnalyzed": 3');
		expect(runs[7]!.cjs.status).toBe(3);
		expect(runs[13]!.cjs.status).toBe(2);
		expect(runs[13]!.cjs.stderr).toContain('--since');
	});

	it('a new log after a warm run: cli.cjs hands the ingest over and the report counts it', () => {
		const h = hostile(2);
		const env = {...h.env};
		expect(JSON.parse(runWith(CLI, ['--json'], env).stdout).turnsAnalyzed).toBe(2);
		const dir = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project');
		appendFileSync(join(dir, 's-hostile.jsonl'), `${claudeLine('s-hostile', 7, new Date(Date.now() - 60_000).toISOString())}\n`);
		writeFileSync(join(dir, 's-new.jsonl'), `${claudeLine('s-new', 0, new Date(Date.now() - 30_000).toISOString())}\n`);
		const r = runWith(CLI, ['--json'], env);
		expect(r.status, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout).turnsAnalyzed).toBe(4);
		// Served by cli.cjs from the ledger the handed-over ingest wrote: today's turns.
		const s = runWith(CLI, ['status', '--json'], env);
		const today = (JSON.parse(s.stdout) as {turns: number}).turns;
		expect(today).toBe(JSON.parse(runWith(CLI_ESM, ['status', '--json', '--no-ingest'], env).stdout).turns);
		expect(today).toBeGreaterThanOrEqual(2);
	});
});

describe('a discovery handed over with the command (ledger/refresh.ts)', () => {
	it('the full build ingests with the discovery the light start made, once, for the same home and environment', async () => {
		const t = smallClaudeTree('burn-handed-', 4);
		await ingestTree(t.home, t.env);
		appendFileSync(t.paths[0]!, `${claudeLine('s0', 5, treeTs(50), 9)}\n`);
		const discovery = discoverAll(t.env);
		// A log added after that discovery: an ingest with it does not see the new log yet.
		writeFileSync(join(t.dirs[1]!, 'late.jsonl'), `${claudeLine('late', 0, treeTs(60), 9)}\n`);
		const key = Symbol.for('burn.handed-discovery');
		const g = globalThis as Record<symbol, unknown>;
		g[key] = {home: t.home, env: t.env, discovery, elapsedMs: 1};
		const first = await refreshLedger({home: t.home, env: t.env, contentMode: 'full', retentionDays: 30, noWorkers: true});
		expect(g[key]).toBeUndefined();
		expect(first.discovery).toBe(discovery);
		expect(first.filesChanged).toBe(1);
		// Taken once: the next run discovers afresh and reads the late log.
		const next = await refreshLedger({home: t.home, env: t.env, contentMode: 'full', retentionDays: 30, noWorkers: true});
		expect(next.filesChanged).toBe(1);
		expect(next.discovery).not.toBe(discovery);
		// Another home (or environment object) is not given it.
		g[key] = {home: t.home, env: t.env, discovery, elapsedMs: 1};
		const other = tmp('burn-handed-other-');
		cpSync(t.home, other, {recursive: true});
		const elsewhere = await refreshLedger({home: other, env: t.env, contentMode: 'full', retentionDays: 30, noWorkers: true});
		expect(elsewhere.discovery).not.toBe(discovery);
		expect(g[key]).toBeUndefined();
	});
});
