/**
 * `npm run bench`: speed and memory figures beside their goals (issues 2, 5 and 16), ours beside
 * ccusage 20 from the same interleaved rounds (medians; wall and user+sys CPU seconds; peak RSS).
 * Generated data is cached under .bench/ (gitignored). BENCH_QUICK=1 runs on smaller data;
 * BENCH_ONLY=P3,P4 runs only the named cases (UI E1 E2 P3 P4 P4B L1 L2 L5 L6 L7 P2 P5 P1 P1B P2B MANY P5G);
 * BENCH_ROUNDS=n changes the 5 rounds; BENCH_WORK=<dir> puts the trees and homes there; BENCH_TREE=realistic
 * runs the tree cases on the realistic tree alone. MANY (the warm path over many logs, warm.ts) runs only
 * when named, or with BENCH_MANY=1; P5G (findings' memory on a 2 GB tree made and removed for it) only
 * when named.
 */
import {spawnSync} from 'node:child_process';
import {closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {join, resolve} from 'node:path';
import {generateClaudeTree} from './gen-claude-tree.js';
import {generateRelayburnLedger} from './gen-ledger.js';
import {measureEstimator} from './estimator.js';
import {measureWatchLatency} from './watch-latency.js';
import {measureUiMoves} from './ui-move.js';
import {measureLiveTree, measureLiveUi} from './live-ui.js';
import {measureLiveMerge} from './live-merge.js';
import type {Window} from '../source/ledger/dataset.js';
import {benchManyLogs} from './warm.js';
import {generatePiTree} from './gen-agents.js';
import {generateMoreAgents, MORE_AGENTS} from './gen-more-agents.js';

const ROOT = resolve(import.meta.dirname, '..');
/** The installed `burn` (the CommonJS light start; the rest is handed to dist/cli.js). */
const CLI = join(ROOT, 'dist', 'cli.cjs');
/** BENCH_WORK: where the trees and homes go (default .bench/ in the checkout; big trees belong under /tmp). */
const WORK = process.env.BENCH_WORK ?? join(ROOT, '.bench');
const QUICK = process.env.BENCH_QUICK === '1';
const DAY = 86_400_000;
// A fixed "now" so cached data and windows agree across runs.
const NOW = Date.parse('2026-11-20T12:00:00.000Z');

interface Timed {
	seconds: number;
	/** user + system CPU seconds of the child and the children it waited for. */
	cpu: number;
	rssMb: number;
	status: number | null;
	stdout: string;
	stderr: string;
}

const rssHook = join(WORK, 'rss-hook.mjs');

/** L1's floor: list `<CLAUDE_CONFIG_DIR>/projects/<project>/` and each session's `subagents/`, stat every log. */
const STAT_WALK = `const fs = require('fs');
const root = process.env.CLAUDE_CONFIG_DIR + '/projects';
for (const p of fs.readdirSync(root, {withFileTypes: true})) {
	if (!p.isDirectory()) continue;
	const dir = root + '/' + p.name;
	for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
		if (e.name.endsWith('.jsonl')) fs.statSync(dir + '/' + e.name);
		else if (e.isDirectory()) {
			let agents = [];
			try { agents = fs.readdirSync(dir + '/' + e.name + '/subagents'); } catch {}
			for (const a of agents) if (a.endsWith('.jsonl')) fs.statSync(dir + '/' + e.name + '/subagents/' + a);
		}
	}
}
`;
const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);

/**
 * Runs a command, timing wall, CPU (user+sys) and peak RSS (/usr/bin/time, else a Node exit
 * hook, which then also runs in every timed Node process). Its stdout goes to a file, as
 * hyperfine sends it to /dev/null: the figure is the tool's, not this process reading a pipe
 * (through a pipe the all-time report's 5.9 MB of JSON cost burn ~0.1 s of waiting for this
 * reader, against ccusage's 0.5 MB). Read back after the clock stops.
 */
function runCmd(cmd: string, args: string[], env: NodeJS.ProcessEnv, node: boolean): Timed {
	const statFile = join(WORK, `stat-${process.pid}.txt`);
	const outFile = join(WORK, `out-${process.pid}.txt`);
	rmSync(statFile, {force: true});
	const full = node && !HAS_TIME ? ['--import', `file://${rssHook}`, ...args] : args;
	const out = openSync(outFile, 'w');
	const t0 = performance.now();
	const opts = {encoding: 'utf8' as const, maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', out, 'pipe'] as ['ignore', number, 'pipe']};
	let r: ReturnType<typeof spawnSync>;
	try {
		r = HAS_TIME
			? spawnSync(TIME, ['-f', '%U %S %M', '-o', statFile, cmd, ...full], {env, ...opts})
			: spawnSync(cmd, full, {env: {...env, BURN_BENCH_RSS: statFile}, ...opts});
	} finally {
		closeSync(out);
	}
	const seconds = (performance.now() - t0) / 1000;
	const stdout = readFileSync(outFile, 'utf8');
	rmSync(outFile, {force: true});
	let cpu = Number.NaN;
	let rssMb = Number.NaN;
	try {
		const [u, s, kb] = readFileSync(statFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
		cpu = u! + s!;
		rssMb = kb! / 1024;
	} catch {}
	return {seconds, cpu, rssMb, status: r.status, stdout, stderr: String(r.stderr)};
}

function runTimed(args: string[], env: NodeJS.ProcessEnv, script = CLI): Timed {
	return runCmd(process.execPath, [script, ...args], env, true);
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

type Summary = Timed & {all: number[]};

function summarize(runs: Timed[]): Summary {
	const bad = runs.find((r) => r.status !== 0);
	if (bad) throw new Error(`run failed (${bad.status}): ${bad.stderr.slice(0, 500)}`);
	const secs = runs.map((r) => r.seconds);
	const m = median(secs);
	const pick = runs[secs.indexOf(m)]!;
	return {...pick, seconds: m, cpu: median(runs.map((r) => r.cpu)), rssMb: Math.max(...runs.map((r) => r.rssMb)), all: secs};
}

function repeat(n: number, fn: () => Timed): Summary {
	const runs: Timed[] = [];
	for (let i = 0; i < n; i++) runs.push(fn());
	return summarize(runs);
}

/** Runs each function once per round, in turn, for `n` rounds: the load of a shared machine hits all alike. */
function interleave(n: number, fns: Array<() => Timed>): Summary[] {
	const runs: Timed[][] = fns.map(() => []);
	for (let i = 0; i < n; i++) fns.forEach((fn, k) => runs[k]!.push(fn()));
	return runs.map(summarize);
}

/** BENCH_ONLY=P3,P4: run only these cases (all when unset). */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim().toUpperCase())) : undefined;
const want = (...ids: string[]) => !ONLY || ids.some((id) => ONLY.has(id));
const ROUNDS = QUICK ? 1 : Number(process.env.BENCH_ROUNDS ?? 5);

const rows: string[] = [];
function report(id: string, what: string, value: string, goal: string, ok: boolean | undefined): void {
	const mark = ok === undefined ? ' ' : ok ? '✔' : '✘';
	const line = `${mark} ${id.padEnd(4)} ${what.padEnd(58)} ${value.padStart(16)}   ${goal}`;
	rows.push(line);
	console.log(line);
}

function sealedEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const home = join(WORK, 'empty-home');
	mkdirSync(home, {recursive: true});
	return {
		PATH: process.env.PATH,
		HOME: home,
		CLAUDE_CONFIG_DIR: join(home, 'no-claude'),
		CODEX_HOME: join(home, 'no-codex'),
		OPENCODE_DATA_DIR: join(home, 'no-opencode'),
		TZ: 'UTC',
		...extra,
	};
}

async function floorPass(file: string): Promise<number> {
	const t0 = performance.now();
	const rl = createInterface({input: createReadStream(file), crlfDelay: Infinity});
	for await (const line of rl) {
		if (line) JSON.parse(line);
	}
	return (performance.now() - t0) / 1000;
}

function ensureTree(name: string, targetBytes: number, days: number): {dir: string; bytes: number} {
	const dir = join(WORK, name);
	const marker = join(dir, 'done.json');
	if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as {dir: string; bytes: number};
	rmSync(dir, {recursive: true, force: true});
	console.log(`  generating ${name} (${Math.round(targetBytes / 1e6)} MB Claude Code tree over ${days} days)…`);
	const r = generateClaudeTree(join(dir, 'claude'), {targetBytes, days, now: NOW, seed: 7});
	const out = {dir: join(dir, 'claude'), bytes: r.bytes};
	writeFileSync(marker, JSON.stringify(out));
	return out;
}

function ensureLedger(name: string, olderSessions: number, historyDays: number): {dir: string; bytes: number} {
	const dir = join(WORK, name);
	const marker = join(dir, 'done.json');
	if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as {dir: string; bytes: number};
	rmSync(dir, {recursive: true, force: true});
	console.log(`  generating relayburn ledger ${name}…`);
	const r = generateRelayburnLedger(join(dir, 'ledger.jsonl'), {
		windowSessions: QUICK ? 40 : 169,
		windowTurns: QUICK ? 1500 : 6614,
		olderSessions,
		now: NOW,
		windowDays: 7,
		historyDays,
		seed: 11,
	});
	const out = {dir, bytes: r.bytes};
	writeFileSync(marker, JSON.stringify(out));
	return out;
}

const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
const secs = (s: number) => `${s.toFixed(3)} s`;
const cpuOf = (t: Timed) => `(CPU ${t.cpu.toFixed(2)} s)`;

/** One figure of ours beside the competitor's from the same rounds; the goal is a ratio of wall times. */
function versus(id: string, what: string, b: Timed, c: Timed | undefined, goal: number): void {
	report(id, what, `${secs(b.seconds)} ${cpuOf(b)}`, c ? `ccusage 20 ${secs(c.seconds)} ${cpuOf(c)}` : '(ccusage not installed)', undefined);
	if (!c) return;
	const wall = b.seconds / c.seconds;
	report(id, '  ours / ccusage, wall (CPU)', `${wall.toFixed(2)}× (${(b.cpu / c.cpu).toFixed(2)}×)`, `goal ≤ ${goal.toFixed(2)}×`, wall <= goal);
}

/** ccusage 20 (a launcher and a native binary from the npm registry, a dev dependency). */
function ccusageCommand(): {cmd: string; args: string[]; node: boolean} | undefined {
	if (process.env.BENCH_NO_CCUSAGE === '1') return undefined;
	const launcher = join(ROOT, 'node_modules', 'ccusage', 'src', 'cli.js');
	if (!existsSync(launcher)) return undefined;
	return {cmd: process.execPath, args: [launcher], node: false};
}

/**
 * The realistic tree of ../shared/tools/gen-claude-logs.py (when that checkout is beside the
 * repository), generated once under .bench/; its expected.json is checked by
 * test/bench-tree-totals.test.ts.
 */
function ensureSharedTree(): {dir: string; bytes: number} | undefined {
	const tool = join(ROOT, '..', 'shared', 'tools', 'gen-claude-logs.py');
	const dir = join(WORK, 'shared-tree');
	const marker = join(WORK, 'shared-tree.done.json');
	if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as {dir: string; bytes: number};
	if (!existsSync(tool)) return undefined;
	rmSync(dir, {recursive: true, force: true});
	console.log('  generating the realistic tree (gen-claude-logs.py --mb 300 --days 120 --seed 11 --subagents)…');
	const r = spawnSync('python3', [tool, dir, '--mb', '300', '--days', '120', '--seed', '11', '--subagents'], {stdio: ['ignore', 'ignore', 'inherit']});
	if (r.status !== 0) return undefined;
	const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {stats: {bytes: number}};
	const out = {dir: join(dir, '.claude'), bytes: expected.stats.bytes};
	writeFileSync(marker, JSON.stringify(out));
	return out;
}

/**
 * P5g (issue 17, Memory): the findings report's peak RSS beside the plain report's, all-time
 * on a generated 2 GB Claude tree (200 MB with BENCH_QUICK=1). The tree and its data
 * directory are made for this case and removed after it (several GB; minutes to make).
 */
function findingsOnBigTree(): void {
	const dir = join(WORK, QUICK ? 'tree-p5g-quick' : 'tree-p5g');
	rmSync(dir, {recursive: true, force: true});
	try {
		const bytes = QUICK ? 200e6 : 2e9;
		console.log(`  generating a ${Math.round(bytes / 1e6)} MB Claude Code tree for P5g (removed after)…`);
		const tree = generateClaudeTree(join(dir, 'claude'), {targetBytes: bytes, days: 120, now: NOW, seed: 17});
		const env = sealedEnv({CLAUDE_CONFIG_DIR: join(dir, 'claude'), BURN_HOME: join(dir, 'home')});
		const first = runTimed(['ingest'], env);
		report('P5g', `first ingest of the ${mb(tree.bytes)} tree (${tree.files.toLocaleString('en-US')} logs)`, `${secs(first.seconds)} ${cpuOf(first)}`, `peak RSS ${first.rssMb.toFixed(0)} MB`, undefined);
		const plain = () => runTimed(['--json', '--no-ingest', '--since', 'all'], env);
		const findings = () => runTimed(['--findings', '--json', '--no-ingest', '--since', 'all'], env);
		const [p, f] = interleave(QUICK ? 1 : 2, [plain, findings]);
		const ratio = f!.rssMb / p!.rssMb;
		report('P5g', `peak RSS, --findings --json / plain --json, all-time, ${mb(tree.bytes)} tree`, `${ratio.toFixed(2)}×`, `goal ≤ 2× (${f!.rssMb.toFixed(0)} vs ${p!.rssMb.toFixed(0)} MB; ${secs(f!.seconds)} vs ${secs(p!.seconds)})`, ratio <= 2);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

async function main(): Promise<void> {
	if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
	mkdirSync(WORK, {recursive: true});
	writeFileSync(
		rssHook,
		"import {writeFileSync} from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); if (process.env.BURN_BENCH_RSS) writeFileSync(process.env.BURN_BENCH_RSS, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}`); });\n",
	);
	console.log(`burn bench${QUICK ? ' (quick)' : ''} · node ${process.version} · ${new Date().toISOString()}`);
	console.log('  (figures are medians of several runs; ✔ = goal met)\n');
	// BENCH_ONLY=agents: only the cases of the sources of issue 18 (pi tree with branch copies; the other seven agents).
	if (process.env.BENCH_ONLY === 'agents') return agentsCase();

	const only = process.env.BENCH_ONLY;
	// Issue 15: the open UI following the logs, idle CPU and memory after 10,000 appended turns.
	// BENCH_ONLY=live-ui runs only this (it needs tmux).
	if (only === 'live-ui' || (!only && spawnSync('tmux', ['-V']).status === 0)) {
		const lu = await measureLiveUi(CLI, WORK, Number(process.env.BENCH_LIVE_TURNS) || (QUICK ? 2_000 : 10_000));
		const pct = (cpu: number) => `${((cpu / lu.idleSeconds) * 100).toFixed(2)} %`;
		report('L3', `live UI idle ${lu.idleSeconds} s, CPU of one core: fs.watch (stat poll)`, `${pct(lu.idleCpuWatch)} (${pct(lu.idleCpuPoll)})`, `goal ≤ 1 % (${lu.idleCpuWatch.toFixed(2)} s, ${lu.idleCpuPoll.toFixed(2)} s cpu)`, lu.idleCpuWatch / lu.idleSeconds <= 0.01 && lu.idleCpuPoll / lu.idleSeconds <= 0.01);
		report('L4', `live UI RSS after ${lu.turns.toLocaleString('en-US')} appended turns (before)`, `${lu.rssAfterMb.toFixed(0)} MB (${lu.rssBeforeMb.toFixed(0)} MB)`, `by 10 %: ${lu.rssSamples.map((x) => x.rssMb.toFixed(0)).join(' ')} MB; batch → screen median ${(lu.batchMedianMs / 1000).toFixed(2)} s`, undefined);
		if (only === 'live-ui') return;
	}
	// The UI: one cursor move on a table of 100,000 rows (issue 13). BENCH_ONLY=ui runs only this.
	if (want('UI', 'U1')) {
		const ui = await measureUiMoves(Number(process.env.BENCH_UI_ROWS) || (QUICK ? 20_000 : 100_000));
		// Judged on the CPU time of the move (render + Ink's frame): on a busy machine the wall time mostly measures the wait for a core.
		report('U1', `UI cursor move, ${ui.rows.toLocaleString('en-US')} rows, cpu (wall), median of ${ui.moves}`, `${ui.cpuMedianMs.toFixed(1)} ms (${ui.medianMs.toFixed(1)} ms)`, `goal ≤ 16 ms (wall p95 ${ui.p95Ms.toFixed(0)} ms; first table ${(ui.firstTableMs / 1000).toFixed(1)} s)`, ui.cpuMedianMs <= 16);
	}

	// Token estimator (issue 2).
	if (want('E1', 'E2')) {
		const est = measureEstimator(join(ROOT, '..', 'shared', 'corpus'));
		report('E1', 'token estimator throughput', `${est.mbPerSec.toFixed(0)} MB/s`, 'goal ≥ 200 MB/s', est.mbPerSec >= 200);
		report('E2', 'token estimator aggregate error vs cl100k (corpus)', `${(est.aggregateError * 100).toFixed(1)} %`, 'goal within ±10 %', Math.abs(est.aggregateError) <= 0.1);
	}

	// (c) Claude Code trees: first run and warm runs beside ccusage 20 (issues 2, 5, 16).
	const trees: Array<{name: string; dir: string; bytes: number}> = [];
	const treeCases = want('P3', 'P4', 'P4B', 'L1', 'L2', 'L5', 'L6', 'L7', 'P2', 'P5');
	if (treeCases) {
		// BENCH_TREE=realistic: only the realistic tree (the cases of our tree run on it).
		const onlyRealistic = process.env.BENCH_TREE === 'realistic';
		if (!onlyRealistic) trees.push({name: 'our tree', ...ensureTree(QUICK ? 'tree-quick' : 'tree', QUICK ? 40e6 : 300e6, 120)});
		const shared = QUICK && !onlyRealistic ? undefined : ensureSharedTree();
		if (shared) trees.push({name: 'realistic tree', ...shared});
	}
	const ccusage = treeCases ? ccusageCommand() : undefined;
	for (const [i, tree] of trees.entries()) {
		const home = join(WORK, `home-c${i}`);
		// Both generators write <dir>/projects/…, so <dir> is a Claude config root.
		const env = sealedEnv({CLAUDE_CONFIG_DIR: tree.dir, BURN_HOME: home});
		const cc = () => runCmd(ccusage!.cmd, [...ccusage!.args, 'session', '--json', '--offline'], env, ccusage!.node);
		const label = `${tree.name} ${mb(tree.bytes)}`;
		if (want('P3')) {
			const cold = () => {
				rmSync(home, {recursive: true, force: true});
				return runTimed(['--since', 'all', '--json'], env);
			};
			const [b, c] = interleave(ROUNDS, ccusage ? [cold, cc] : [cold]);
			versus('P3', `first run, ${label}: ingest + --since all --json`, b!, c, 1.0);
			report('P3', `  peak RSS of that first run`, `${b!.rssMb.toFixed(0)} MB`, `goal ≤ 200 MB${c ? ` (ccusage ${c.rssMb.toFixed(0)} MB)` : ''}`, b!.rssMb <= 200);
		}
		if (!existsSync(join(home, 'ledger'))) runTimed(['ingest'], env);
		if (want('P4', 'P4B')) {
			const warmAll = () => runTimed(['--since', 'all', '--json'], env);
			const warmDefault = () => runTimed(['--json'], env);
			const [all, def, c] = interleave(ROUNDS, ccusage ? [warmAll, warmDefault, cc] : [warmAll, warmDefault]);
			versus('P4', `warm all-time, ${label}, nothing new`, all!, c, 0.25);
			report('P4b', `warm default window, ${label}`, `${secs(def!.seconds)} ${cpuOf(def!)}`, 'goal ≤ 0.15 s', def!.seconds <= 0.15);
			// Without the report cache: what a run costs when the ledger changed since the last one.
			const off = {...env, BURN_REPORT_CACHE: 'off'};
			const [allOff, defOff] = interleave(Math.min(ROUNDS, 3), [() => runTimed(['--since', 'all', '--json'], off), () => runTimed(['--json'], off)]);
			report('P4', `  with BURN_REPORT_CACHE=off: all-time ${cpuOf(allOff!)}`, secs(allOff!.seconds), `default window ${secs(defOff!.seconds)} ${cpuOf(defOff!)}`, undefined);
		}
		if (i > 0) continue; // the cases below run on our tree only
		// Issue 15: `burn status` for shell prompts (ingest of nothing new, then today's partitions).
		if (want('L1')) {
			const nodeOnly = () => runCmd(process.execPath, ['-e', '0'], env, true);
			// The floor of a design that looks at every log: a plain CommonJS script that lists the
			// tree's directories and stats each log, nothing else (no ledger, no output).
			const walk = join(WORK, 'stat-walk.cjs');
			writeFileSync(walk, STAT_WALK);
			const walkOnly = () => runCmd(process.execPath, [walk], env, true);
			const [status, statusLedger, bare, floor] = interleave(ROUNDS, [() => runTimed(['status'], env), () => runTimed(['status', '--no-ingest'], env), nodeOnly, walkOnly]);
			report('L1', `status warm on the ${label}, nothing new ${cpuOf(status!)}`, secs(status!.seconds), 'goal ≤ 0.1 s', status!.seconds <= 0.1);
			report('L1', `  status --no-ingest ${cpuOf(statusLedger!)}; node -e 0 ${cpuOf(bare!)}`, secs(statusLedger!.seconds), `node -e 0: ${secs(bare!.seconds)}`, undefined);
			report('L1', `  floor: a bare script listing and stat'ing every log ${cpuOf(floor!)}`, secs(floor!.seconds), `status above it: ${((status!.seconds - floor!.seconds) * 1000).toFixed(0)} ms`, undefined);
		}
		if (want('L2')) {
			const live = await measureWatchLatency(CLI, env, tree.dir, QUICK ? 20 : 100);
			report('L2', `burn watch: appended response → printed turn, p50 (p95)`, `${secs(live.p50 / 1000)} (${secs(live.p95 / 1000)})`, 'goal p95 ≤ 1 s', live.p95 <= 1000);
		}
		// Issue 15 on the tree: the open UI (an appended response → its turn in the header), then
		// the UI and `burn watch` idle side by side; needs tmux.
		if (want('L5', 'L6') && spawnSync('tmux', ['-V']).status === 0) {
			const lt = await measureLiveTree(CLI, env, tree.dir, WORK, QUICK ? 20 : 100, QUICK ? 10 : 60);
			report('L5', `live UI: appended response → turn on screen, p50 (p95) of ${lt.appends}`, `${secs(lt.p50 / 1000)} (${secs(lt.p95 / 1000)})`, 'goal p95 ≤ 1 s', lt.p95 <= 1000);
			const pct = (cpu: number) => `${((cpu / lt.idleSeconds) * 100).toFixed(2)} %`;
			report('L6', `idle ${lt.idleSeconds} s on the tree, CPU of one core: UI (watch)`, `${pct(lt.idleCpuUi)} (${pct(lt.idleCpuWatch)})`, `goal ≤ 1 % each (${lt.idleCpuUi.toFixed(2)} s, ${lt.idleCpuWatch.toFixed(2)} s cpu)`, lt.idleCpuUi / lt.idleSeconds <= 0.01 && lt.idleCpuWatch / lt.idleSeconds <= 0.01);
		}
		// Issue 15: one live update, the incremental merge vs the full reload it replaced (in-process CPU).
		if (want('L7')) {
			const windows: Array<[string, Window]> = [
				['7d', {since: new Date(Date.now() - 7 * DAY).toISOString(), until: null}],
				['all', {since: null, until: null}],
			];
			for (const [label, window] of windows) {
				const lm = await measureLiveMerge(home, env, tree.dir, label, window, QUICK ? 5 : 20);
				const hows = Object.entries(lm.hows).map(([k, v]) => `${v} ${k}`).join(', ');
				report(
					'L7',
					`live update CPU, window ${label} (${lm.sessions.toLocaleString('en-US')} sessions, ${lm.turns.toLocaleString('en-US')} turns): merge vs full reload`,
					`${lm.mergeMs.toFixed(0)} ms vs ${lm.fullMs.toFixed(0)} ms`,
					`${(lm.fullMs / Math.max(lm.mergeMs, 0.001)).toFixed(0)}× less; screen derivation after it ${lm.deriveMs.toFixed(0)} ms (${Object.entries(lm.deriveParts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}); ${hows}; merged = fresh: ${lm.same ? 'yes' : 'NO'}`,
					lm.same && lm.mergeMs < lm.fullMs,
				);
			}
		}
		if (want('P2', 'P5')) {
			const week = repeat(5, () => runTimed(['--json', '--no-ingest', '--since', new Date(NOW - 7 * DAY).toISOString(), '--until', new Date(NOW).toISOString()], env));
			const allTime = repeat(3, () => runTimed(['--json', '--no-ingest', '--since', 'all'], env));
			report('P2', 'fixed 7-day window vs all-time on the tree', `${(week.seconds / allTime.seconds).toFixed(3)}×`, `goal ≤ 0.25 (${secs(week.seconds)} vs ${secs(allTime.seconds)})`, week.seconds / allTime.seconds <= 0.25);
			// Findings read content sidecars one session at a time (issue 17, Memory).
			const findings = repeat(QUICK ? 1 : 2, () => runTimed(['--findings', '--json', '--no-ingest', '--since', 'all'], env));
			const rssRatio = findings.rssMb / allTime.rssMb;
			report('P5', 'peak RSS, --findings --json / plain --json, all-time on the tree', `${rssRatio.toFixed(2)}×`, `goal ≤ 2× (${findings.rssMb.toFixed(0)} vs ${allTime.rssMb.toFixed(0)} MB)`, rssRatio <= 2);
		}
	}
	// The warm path over many small logs (issue 17): only when named (BENCH_ONLY=many) or BENCH_MANY=1.
	if (process.env.BENCH_MANY === '1' || ONLY?.has('MANY')) benchManyLogs({work: WORK, cli: CLI, quick: QUICK, now: NOW, report, rounds: ROUNDS});
	// Issue 17, Memory: --findings on a 2 GB tree (generated, not kept). Only when named: BENCH_ONLY=p5g.
	if (ONLY?.has('P5G')) findingsOnBigTree();
	if (!want('P1', 'P1B', 'P2B')) {
		writeFileSync(join(WORK, 'last-run.txt'), `${rows.join('\n')}\n`);
		return;
	}

	// (a) relayburn-shaped ledger; (b) the same window with 10× the history.
	const a = ensureLedger(QUICK ? 'ledger-a-quick' : 'ledger-a', QUICK ? 300 : 2600, 120);
	// The floor is measured in the same rounds as P1 (below), so both see the same load.
	const floors: number[] = [await floorPass(join(a.dir, 'ledger.jsonl'))];
	let floor = floors[0]!;
	const lhome = join(WORK, 'home-a');
	const since = new Date(NOW - 7 * DAY).toISOString();
	const until = new Date(NOW).toISOString();
	const lenv = sealedEnv({BURN_HOME: lhome});
	if (want('P1B') || !existsSync(lhome)) {
		const first = repeat(QUICK || !want('P1B') ? 1 : 3, () => {
			rmSync(lhome, {recursive: true, force: true});
			return runTimed(['--json', '--ledger', a.dir, '--since', since, '--until', until], lenv);
		});
		report('P1b', 'first --ledger read of (a), nothing cached', `${(first.seconds / floor).toFixed(2)}× floor`, `goal ≤ 1.0× (${secs(first.seconds)})`, first.seconds / floor <= 1);
		report('P5', 'peak RSS, first --ledger read', `${first.rssMb.toFixed(0)} MB`, 'goal ≤ 250 MB', first.rssMb <= 250);
	}
	const p1Runs: Timed[] = [];
	for (let i = 0; i < Math.max(ROUNDS, 5); i++) {
		floors.push(await floorPass(join(a.dir, 'ledger.jsonl')));
		p1Runs.push(runTimed(['--json', '--ledger', a.dir, '--since', since, '--until', until], lenv));
	}
	floor = median(floors);
	report('', `naive floor: readline + JSON.parse over (a), ${mb(a.bytes)}`, secs(floor), '', undefined);
	const p1 = summarize(p1Runs);
	report('P1', 'burn --json, 7-day window, our ledger built from (a)', `${secs(p1.seconds)} ${cpuOf(p1)}`, `goal ≤ 0.2× floor (${(p1.seconds / floor).toFixed(3)}×)`, p1.seconds / floor <= 0.2);
	// The same without the report cache: the scan and the analysis of every run.
	const p1Miss = repeat(Math.max(ROUNDS, 3), () => runTimed(['--json', '--ledger', a.dir, '--since', since, '--until', until], {...lenv, BURN_REPORT_CACHE: 'off'}));
	report('P1', '  the same with BURN_REPORT_CACHE=off', `${secs(p1Miss.seconds)} ${cpuOf(p1Miss)}`, `${(p1Miss.seconds / floor).toFixed(3)}× floor`, undefined);
	report('P5', 'peak RSS, P1', `${p1.rssMb.toFixed(0)} MB`, 'goal ≤ 200 MB', p1.rssMb <= 200);
	const turns = (JSON.parse(p1.stdout) as {turnsAnalyzed?: number}).turnsAnalyzed;
	report('', `  (window analysed: ${turns} turns)`, '', '', undefined);
	// Where one P1 run spends its time (BURN_TRACE marks: ms since the process started).
	const traced = runTimed(['--json', '--ledger', a.dir, '--since', since, '--until', until], {...lenv, BURN_TRACE: '1'});
	const phases = /trace: (.*)/.exec(traced.stderr)?.[1];
	if (phases) for (const part of phases.split(' · ')) report('', `    ${part}`, '', '', undefined);

	if (process.env.BENCH_SKIP_B !== '1' && want('P2B')) {
		const b = ensureLedger(QUICK ? 'ledger-b-quick' : 'ledger-b', QUICK ? 3000 : 26000, QUICK ? 1200 : 1200);
		const bhome = join(WORK, 'home-b');
		const benv = sealedEnv({BURN_HOME: bhome});
		rmSync(bhome, {recursive: true, force: true});
		runTimed(['--json', '--ledger', b.dir, '--since', since, '--until', until], benv);
		const p2 = repeat(7, () => runTimed(['--json', '--ledger', b.dir, '--since', since, '--until', until], benv));
		report('P2b', `time on (b) ${mb(b.bytes)} / time on (a)`, `${(p2.seconds / p1.seconds).toFixed(2)}×`, `goal ≤ 1.2 (${secs(p2.seconds)} vs ${secs(p1.seconds)})`, p2.seconds / p1.seconds <= 1.2);
	}
	writeFileSync(join(WORK, 'last-run.txt'), `${rows.join('\n')}\n`);
}

/** Cold ingest of a pi tree whose branches copy their parents (copy index at work), then a warm run. */
function agentsCase(): void {
	const dir = join(WORK, QUICK ? 'pi-quick' : 'pi');
	const marker = join(dir, 'done.json');
	let tree: {bytes: number; files: number};
	if (existsSync(marker)) tree = JSON.parse(readFileSync(marker, 'utf8')) as typeof tree;
	else {
		rmSync(dir, {recursive: true, force: true});
		console.log('  generating a pi sessions tree…');
		tree = generatePiTree(join(dir, 'agent'), {targetBytes: QUICK ? 10e6 : 60e6, now: NOW, seed: 18});
		writeFileSync(marker, JSON.stringify(tree));
	}
	const home = join(WORK, 'home-pi');
	const env = sealedEnv({PI_CODING_AGENT_DIR: join(dir, 'agent'), BURN_HOME: home});
	const cold = repeat(QUICK ? 1 : 3, () => {
		rmSync(home, {recursive: true, force: true});
		return runTimed(['ingest'], env);
	});
	const rate = tree.bytes / 1e6 / cold.seconds;
	report('A1', `cold ingest of ${mb(tree.bytes)} pi tree (${tree.files} files, half branches)`, `${rate.toFixed(0)} MB/s`, `goal ≥ 100 MB/s (${secs(cold.seconds)})`, rate >= 100);
	const warm = repeat(5, () => runTimed(['--json', '--since', 'all'], env));
	const copies = (JSON.parse(warm.stdout) as {leftOut?: {crossSessionCopies?: number}}).leftOut?.crossSessionCopies ?? 0;
	report('A2', 'warm run on the pi tree, all time (burn --json)', secs(warm.seconds), `goal ≤ 0.5 s (${copies} copies counted once)`, warm.seconds <= 0.5);
	moreAgentsCase();
	writeFileSync(join(WORK, 'last-run-agents.txt'), `${rows.join('\n')}\n`);
}

/** Cold ingest of a tree of Gemini, Qwen, Kimi, Copilot, Amp, Droid and Goose sessions, its totals checked. */
function moreAgentsCase(): void {
	const dir = join(WORK, QUICK ? 'more-agents-quick' : 'more-agents');
	rmSync(dir, {recursive: true, force: true});
	console.log('  generating Gemini, Qwen, Kimi, Copilot, Amp, Droid and Goose sessions…');
	const tree = generateMoreAgents(join(dir, 'home'), {sessions: QUICK ? 8 : 40, responses: 60, now: NOW, seed: 18});
	const burnHome = join(dir, 'burn');
	const env = {...sealedEnv({BURN_HOME: burnHome}), HOME: join(dir, 'home')};
	const cold = repeat(QUICK ? 1 : 3, () => {
		rmSync(burnHome, {recursive: true, force: true});
		return runTimed(['ingest'], env);
	});
	const rate = tree.bytes / 1e6 / cold.seconds;
	const n = Object.values(tree.expected).reduce((a, e) => a + e.sessions, 0);
	report('A3', `cold ingest of ${mb(tree.bytes)}, 7 agents (${n} sessions)`, `${rate.toFixed(0)} MB/s`, `goal ≥ 100 MB/s (${secs(cold.seconds)}, ${cold.cpu.toFixed(2)} s CPU)`, rate >= 100);
	const warm = repeat(5, () => runTimed(['--json', '--since', 'all'], env));
	const rowsOf = (JSON.parse(warm.stdout) as {sessions: Array<{source: string; usage: {input: number; output: number; cacheRead: number}}>}).sessions;
	const exact = MORE_AGENTS.every((a) => {
		const got = rowsOf.filter((r) => r.source === a).reduce((x, r) => x + r.usage.input + r.usage.output + r.usage.cacheRead, 0);
		const e = tree.expected[a];
		return got === e.input + e.output + e.cacheRead;
	});
	report('A4', 'warm run on the 7-agent tree, all time (burn --json)', secs(warm.seconds), `goal ≤ 0.5 s; totals ${exact ? 'equal' : 'DIFFER from'} the generator's`, warm.seconds <= 0.5 && exact);
}

await main();
