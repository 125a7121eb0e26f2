/**
 * Issue 15: the open interactive view that follows the logs, in a real pseudo-terminal (tmux)
 * on a sealed home with one Claude log: its CPU over 10 s with nothing happening (fs.watch,
 * and the stat poll alone), and its resident memory after 10,000 turns appended while it is
 * open (in batches, each waited for on screen), next to its memory before them.
 * CPU and memory are read from /proc/<pid> of the burn process.
 */
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

export interface LiveUiFigures {
	idleCpuWatch: number;
	idleCpuPoll: number;
	idleSeconds: number;
	rssBeforeMb: number;
	rssAfterMb: number;
	rssSamples: Array<{turns: number; rssMb: number}>;
	turns: number;
	/** Median wait from a batch appended to its turns on screen. */
	batchMedianMs: number;
}

const SESSION = 'bebebebe-0000-4000-8000-0000000000c1';
const TICK = 100; // clock ticks per second of /proc/<pid>/stat (USER_HZ)

function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICK;
}

function rssMb(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : Number.NaN;
}

function line(i: number, ts: string): string {
	return `${JSON.stringify({type: 'assistant', uuid: `a${i}`, parentUuid: i ? `a${i - 1}` : null, sessionId: SESSION, timestamp: ts, cwd: '/tmp/bench-live-ui', isSidechain: false, version: '2.0.14', requestId: `req_${i}`, message: {id: `msg_${i}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'tool_use', id: `tu${i}`, name: 'Bash', input: {command: 'ls'}}], stop_reason: 'tool_use', usage: {input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0}}})}\n`;
}

class Pane {
	constructor(readonly name: string) {}
	capture(): string {
		return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], {encoding: 'utf8'});
	}
	async until(ok: (s: string) => boolean, ms: number, what: string): Promise<string> {
		const end = Date.now() + ms;
		for (;;) {
			const s = this.capture();
			if (ok(s)) return s;
			if (Date.now() > end) throw new Error(`live-ui bench: timed out waiting for ${what}; screen:\n${s}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	/** The burn process (the pane's process, or the child of the pane's shell). */
	burnPid(): number {
		const shell = Number(execFileSync('tmux', ['display', '-p', '-t', this.name, '#{pane_pid}'], {encoding: 'utf8'}).trim());
		// `exec` in the pane's script: the pane's process is burn itself.
		const cmd = readFileSync(`/proc/${shell}/cmdline`, 'utf8');
		// burn sets its process title (`burn`).
		if (/cli\.c?js/.test(cmd) || cmd.startsWith('burn')) return shell;
		const kids = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).map(Number).filter(Boolean);
		if (kids.length !== 1) throw new Error(`live-ui bench: expected one child of the pane's shell, found ${kids.length} (pane process: ${cmd.replace(/\0/g, ' ').trim()})`);
		return kids[0]!;
	}
	kill(): void {
		spawnSync('tmux', ['kill-session', '-t', this.name]);
	}
}

async function open(cli: string, work: string, tag: string, poll: boolean): Promise<{pane: Pane; log: string}> {
	const root = join(work, `live-ui-${tag}`);
	rmSync(root, {recursive: true, force: true});
	const home = join(root, 'home');
	const claude = join(root, 'claude');
	const log = join(claude, 'projects', '-bench-live-ui', `${SESSION}.jsonl`);
	mkdirSync(join(claude, 'projects', '-bench-live-ui'), {recursive: true});
	mkdirSync(home, {recursive: true});
	writeFileSync(log, line(0, new Date().toISOString()));
	const env: Record<string, string> = {HOME: home, BURN_HOME: join(root, 'burn'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'opencode'), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', TZ: 'UTC', ...(poll ? {BURN_WATCH_POLL: '1'} : {}), ...(process.env.BENCH_LIVE_NODE_OPTIONS ? {NODE_OPTIONS: process.env.BENCH_LIVE_NODE_OPTIONS} : {})};
	const script = join(root, 'run.sh');
	const exports = Object.entries(env).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`).join('\n');
	writeFileSync(script, `#!/bin/sh\nunset CI\n${exports}\nexec '${process.execPath}' '${cli}'\n`, {mode: 0o755});
	const name = `burn-bench-live-${process.pid}-${tag}`;
	execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '120', '-y', '30', `env -i sh ${script}`]);
	const pane = new Pane(name);
	await pane.until((s) => s.includes('● live') && / 1 turns? · /.test(s), 120_000, 'the first table');
	return {pane, log};
}

async function idleCpu(pane: Pane, seconds: number): Promise<number> {
	const pid = pane.burnPid();
	// The idle window starts one second after the first table is on screen (its last frames).
	await new Promise((r) => setTimeout(r, 1000));
	const c0 = cpuSeconds(pid);
	await new Promise((r) => setTimeout(r, seconds * 1000));
	return cpuSeconds(pid) - c0;
}

export async function measureLiveUi(cli: string, work: string, turns = 10_000, batch = 100, idleSeconds = 10): Promise<LiveUiFigures> {
	const watch = await open(cli, work, 'watch', false);
	let figures: LiveUiFigures;
	try {
		const idleCpuWatch = await idleCpu(watch.pane, idleSeconds);
		const pid = watch.pane.burnPid();
		const rssBeforeMb = rssMb(pid);
		const samples: Array<{turns: number; rssMb: number}> = [];
		const waits: number[] = [];
		let written = 1;
		while (written < turns + 1) {
			let text = '';
			const n = Math.min(batch, turns + 1 - written);
			for (let i = 0; i < n; i++) text += line(written + i, new Date().toISOString());
			written += n;
			const t0 = performance.now();
			appendFileSync(watch.log, text);
			const want = new RegExp(` ${written.toLocaleString('en-US')} turns · `);
			await watch.pane.until((s) => want.test(s), 60_000, `${written} turns`);
			waits.push(performance.now() - t0);
			if ((written - 1) % (turns / 10) === 0) samples.push({turns: written - 1, rssMb: rssMb(pid)});
		}
		waits.sort((a, b) => a - b);
		figures = {idleCpuWatch, idleCpuPoll: Number.NaN, idleSeconds, rssBeforeMb, rssAfterMb: rssMb(pid), rssSamples: samples, turns, batchMedianMs: waits[Math.floor(waits.length / 2)]!};
	} finally {
		watch.pane.kill();
	}
	const poll = await open(cli, work, 'poll', true);
	try {
		figures.idleCpuPoll = await idleCpu(poll.pane, idleSeconds);
	} finally {
		poll.pane.kill();
	}
	return figures;
}

export interface LiveTreeFigures {
	/** Appended response → its turn counted in the header, ms. */
	p50: number;
	p95: number;
	appends: number;
	/** CPU seconds over `idleSeconds` with nothing appended: the open UI, and `burn watch` beside it. */
	idleCpuUi: number;
	idleCpuWatch: number;
	idleSeconds: number;
}

const TREE_SESSION = 'bebebebe-0000-4000-8000-0000000000e5';

function treeLine(i: number): string {
	return line(i, new Date().toISOString()).replaceAll(SESSION, TREE_SESSION).replace(/"uuid":"a/g, '"uuid":"t').replace(/"msg_/g, '"msg_t').replace(/"req_/g, '"req_t');
}

/**
 * The open UI on a large tree (`env` names it and an ingested BURN_HOME): latency from one
 * response appended to a log to its turn counted in the header, over `n` appends (p50, p95);
 * then its CPU and that of a `burn watch` started beside it, over `idleSeconds` with nothing
 * appended. Appends under `<claudeDir>/projects/-bench-live-tree/`, removed afterwards.
 */
export async function measureLiveTree(cli: string, env: NodeJS.ProcessEnv, claudeDir: string, work: string, n: number, idleSeconds: number): Promise<LiveTreeFigures> {
	const dir = join(claudeDir, 'projects', '-bench-live-tree');
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	const log = join(dir, `${TREE_SESSION}.jsonl`);
	writeFileSync(log, treeLine(0));
	const all: Record<string, string> = {...(env as Record<string, string>), TERM: 'xterm-256color', LANG: 'C.UTF-8'};
	const script = join(work, 'live-tree.sh');
	const exports = Object.entries(all).filter(([, v]) => v !== undefined).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`).join('\n');
	writeFileSync(script, `#!/bin/sh\nunset CI\n${exports}\nexec '${process.execPath}' '${cli}' "$@"\n`, {mode: 0o755});
	const name = `burn-bench-live-tree-${process.pid}`;
	execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '160', '-y', '40', `env -i sh ${script}`]);
	const pane = new Pane(name);
	const count = (s: string) => Number(/ ([\d,]+) turns · /.exec(s)?.[1]?.replace(/,/g, '') ?? Number.NaN);
	let watch: ReturnType<typeof spawn> | undefined;
	try {
		let screen = await pane.until((s) => s.includes('● live') && Number.isFinite(count(s)), 600_000, 'the first table on the tree');
		const lat: number[] = [];
		for (let i = 1; i <= n; i++) {
			const before = count(screen);
			const t0 = performance.now();
			appendFileSync(log, treeLine(i));
			screen = await pane.until((s) => count(s) === before + 1, 60_000, `append ${i} on screen`);
			lat.push(performance.now() - t0);
		}
		lat.sort((a, b) => a - b);
		watch = spawn('sh', [script, 'watch'], {stdio: ['ignore', 'ignore', 'pipe']});
		let err = '';
		watch.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
		const end = Date.now() + 600_000;
		while (!err.includes('new turns')) {
			if (Date.now() > end) throw new Error(`live tree bench: burn watch did not start (${err.trim()})`);
			await new Promise((r) => setTimeout(r, 50));
		}
		// `sh` execs node: the child's pid is burn's.
		const watchPid = watch.pid!;
		const uiPid = pane.burnPid();
		await new Promise((r) => setTimeout(r, 1000));
		const u0 = cpuSeconds(uiPid);
		const w0 = cpuSeconds(watchPid);
		await new Promise((r) => setTimeout(r, idleSeconds * 1000));
		return {p50: lat[Math.floor(n * 0.5)]!, p95: lat[Math.min(n - 1, Math.floor(n * 0.95))]!, appends: n, idleCpuUi: cpuSeconds(uiPid) - u0, idleCpuWatch: cpuSeconds(watchPid) - w0, idleSeconds};
	} finally {
		watch?.kill('SIGINT');
		pane.kill();
		rmSync(dir, {recursive: true, force: true});
	}
}
