/**
 * Issue 15: latency from a response appended to a Claude log to its turn printed by
 * `burn watch --json`, over `n` appends (each a response and the tool_result line that
 * completes it). Writes into `<claudeDir>/projects/-bench-live/` and removes it afterwards.
 */
import {spawn} from 'node:child_process';
import {appendFileSync, mkdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';

export async function measureWatchLatency(cli: string, env: NodeJS.ProcessEnv, claudeDir: string, n: number): Promise<{p50: number; p95: number}> {
	const dir = join(claudeDir, 'projects', '-bench-live');
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	const child = spawn(process.execPath, [cli, 'watch', '--json'], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
	child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
	const until = async (ok: () => boolean, ms: number) => {
		const end = Date.now() + ms;
		while (!ok()) {
			if (Date.now() > end) throw new Error(`burn watch: timed out (${err.trim()})`);
			await new Promise((r) => setTimeout(r, 5));
		}
	};
	const session = 'bebebebe-0000-4000-8000-000000000015';
	const file = join(dir, `${session}.jsonl`);
	const lat: number[] = [];
	try {
		await until(() => err.includes('new turns'), 120_000);
		for (let i = 0; i < n; i++) {
			const base = {sessionId: session, timestamp: new Date().toISOString(), cwd: '/tmp/bench-live', isSidechain: false, version: '2.0.14'};
			const a = {...base, type: 'assistant', uuid: `a${i}`, parentUuid: i ? `u${i - 1}` : null, requestId: `req_l${i}`, message: {id: `msg_l${i}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{type: 'tool_use', id: `tu${i}`, name: 'Bash', input: {command: 'ls'}}], stop_reason: null, usage: {input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}}};
			const u = {...base, type: 'user', uuid: `u${i}`, parentUuid: `a${i}`, message: {role: 'user', content: [{type: 'tool_result', tool_use_id: `tu${i}`, content: 'ok'}]}};
			const before = out.length;
			const t0 = performance.now();
			appendFileSync(file, `${JSON.stringify(a)}\n${JSON.stringify(u)}\n`);
			await until(() => out.indexOf('\n', before) !== -1, 30_000);
			lat.push(performance.now() - t0);
		}
	} finally {
		child.kill('SIGINT');
		rmSync(dir, {recursive: true, force: true});
	}
	lat.sort((x, y) => x - y);
	return {p50: lat[Math.floor(n * 0.5)]!, p95: lat[Math.min(n - 1, Math.floor(n * 0.95))]!};
}
