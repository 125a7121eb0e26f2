/**
 * W1 (issue 17): a warm run (nothing new) over 50,000 small Claude logs (5,000 with
 * BENCH_QUICK=1), wall and CPU seconds, goal ≤ 0.5 s. The tree and its first ingest are cached
 * under .bench/many-logs*; the first ingest of 50,000 files takes minutes. Runs when
 * BENCH_ONLY names MANY, or with BENCH_MANY=1 (main.ts).
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {generateManyLogs} from './gen-many-logs.js';

type Report = (id: string, what: string, value: string, goal: string, ok: boolean | undefined) => void;

/** Wall and CPU (user + system, from /usr/bin/time when present) seconds of one run. */
function timed(cli: string, args: string[], env: NodeJS.ProcessEnv): {wall: number; cpu: number} {
	const time = existsSync('/usr/bin/time');
	const t0 = performance.now();
	const r = time
		? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, cli, ...args], {env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
		: spawnSync(process.execPath, [cli, ...args], {env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
	const wall = (performance.now() - t0) / 1000;
	if (r.status !== 0) throw new Error(`run failed (${r.status}): ${r.stderr.slice(0, 500)}`);
	const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
	return {wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchManyLogs(o: {work: string; cli: string; quick: boolean; now: number; report: Report}): void {
	const perProject = o.quick ? 50 : 500;
	const dir = join(o.work, o.quick ? 'many-logs-quick' : 'many-logs');
	const claude = generateManyLogs(dir, {projects: 100, perProject, days: 120, now: o.now});
	mkdirSync(join(dir, 'empty-home'), {recursive: true});
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: join(dir, 'empty-home'),
		BURN_HOME: join(dir, 'burn'),
		CLAUDE_CONFIG_DIR: claude,
		CODEX_HOME: join(dir, 'no-codex'),
		OPENCODE_DATA_DIR: join(dir, 'no-opencode'),
		TZ: 'UTC',
	};
	timed(o.cli, ['ingest'], env); // the first ingest, or nothing new
	const runs = Array.from({length: 5}, () => timed(o.cli, ['--json', '--no-tty'], env));
	const wall = median(runs.map((r) => r.wall));
	const cpu = median(runs.map((r) => r.cpu));
	const files = 100 * perProject;
	o.report('W1', `warm burn --json, nothing new, ${files.toLocaleString('en')} logs`, `${wall.toFixed(3)} s`, `goal ≤ 0.5 s (CPU ${cpu.toFixed(2)} s)`, wall <= 0.5);
}
