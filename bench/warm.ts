/**
 * W1 (issue 17): warm runs (nothing new) over 50,000 small Claude logs (5,000 with
 * BENCH_QUICK=1), wall and CPU seconds (medians), goal ≤ 0.5 s, beside `node -e 0` (Node's
 * own start, the floor) from the same interleaved rounds: `burn ingest` (the warm path alone),
 * `burn --json` over the fixed 7 days before the bench's "now" (the tree's last week: a
 * default-window report that does not depend on today's date; the default window of an
 * old tree is empty, and an empty window costs an all-time count for its hint), and the
 * all-time `--json` (the report cache's hit). The tree and its first ingest are cached under
 * .bench/many-logs*; the first ingest of 50,000 files takes minutes. Runs when BENCH_ONLY
 * names MANY, or with BENCH_MANY=1 (main.ts).
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {generateManyLogs} from './gen-many-logs.js';

type Report = (id: string, what: string, value: string, goal: string, ok: boolean | undefined) => void;

/** Wall and CPU (user + system, from /usr/bin/time when present) seconds and peak RSS (MB) of one run. */
function timed(cmd: string[], env: NodeJS.ProcessEnv): {wall: number; cpu: number; rss: number} {
	const time = existsSync('/usr/bin/time');
	const t0 = performance.now();
	const r = time
		? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S %M', ...cmd], {env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
		: spawnSync(cmd[0]!, cmd.slice(1), {env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
	const wall = (performance.now() - t0) / 1000;
	if (r.status !== 0) throw new Error(`run failed (${r.status}): ${r.stderr.slice(0, 500)}`);
	const m = /CPU ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
	return {wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN, rss: m ? Number(m[3]) / 1024 : Number.NaN};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchManyLogs(o: {work: string; cli: string; quick: boolean; now: number; report: Report; rounds?: number}): void {
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
	const node = process.execPath;
	const week = ['--since', new Date(o.now - 7 * 86_400_000).toISOString(), '--until', new Date(o.now).toISOString()];
	const cases: Array<[string, string[]]> = [
		['node -e 0 (the floor: Node\'s start)', [node, '-e', '0']],
		['burn ingest', [node, o.cli, 'ingest']],
		['burn --json, the tree\'s last 7 days', [node, o.cli, '--json', '--no-tty', ...week]],
		['burn --json --since all (report cache)', [node, o.cli, '--json', '--no-tty', '--since', 'all']],
	];
	timed([node, o.cli, 'ingest'], env); // the first ingest, or nothing new
	for (const [, cmd] of cases.slice(2)) timed(cmd, env); // packed copies, the report cache
	const runs = cases.map(() => [] as Array<ReturnType<typeof timed>>);
	for (let r = 0; r < Math.max(3, o.rounds ?? 5); r++) cases.forEach(([, cmd], k) => runs[k]!.push(timed(cmd, env)));
	const files = (100 * perProject).toLocaleString('en');
	cases.forEach(([what], k) => {
		const wall = median(runs[k]!.map((x) => x.wall));
		const cpu = median(runs[k]!.map((x) => x.cpu));
		const rss = Math.max(...runs[k]!.map((x) => x.rss));
		const floor = k === 0;
		o.report('W1', `warm, nothing new, ${files} logs: ${what}`, `${wall.toFixed(3)} s`, `${floor ? '' : 'goal ≤ 0.5 s; '}CPU ${cpu.toFixed(2)} s, ${rss.toFixed(0)} MB`, floor ? undefined : wall <= 0.5);
	});
}
