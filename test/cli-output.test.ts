// End-to-end: how the built CLI writes its output — plain text when stdout is not a terminal,
// colours and NO_COLOR on a pseudo-terminal, progress only on a terminal, pipes that close
// early, and readers that are slow.
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {CLI, runCli, type Sealed} from './helpers/cli.js';
import {cliCommand, demoAgentDirs, hasPty, jsonOf, runCliInPty, sealedKept, sleep} from './helpers/e2e.js';

const ESC = /\x1b/;

let env: Sealed & {root: string};
let expected: any;

beforeAll(() => {
	env = sealedKept();
	Object.assign(env.env, demoAgentDirs(join(env.root, 'agents')));
	expected = jsonOf(runCli(['--json', '--since', 'all'], env.env));
});

describe('no TTY', () => {
	it('stdout not a terminal: plain text report, no escape bytes, no progress on stderr', () => {
		const r = runCli(['--since', 'all'], env.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^burn · all time · /);
		expect(r.stdout).not.toMatch(ESC);
		expect(r.stderr).toBe('');
	});

	it('--no-tty prints the same text', () => {
		const plain = runCli(['--since', 'all'], env.env);
		const r = runCli(['--since', 'all', '--no-tty'], env.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toBe(plain.stdout);
		expect(r.stderr).toBe('');
	});

	it('NO_COLOR and --no-color change nothing in plain output', () => {
		const plain = runCli(['--since', 'all', '--no-tty'], env.env).stdout;
		expect(runCli(['--since', 'all', '--no-tty'], {...env.env, NO_COLOR: '1'}).stdout).toBe(plain);
		expect(runCli(['--since', 'all', '--no-color'], env.env).stdout).toBe(plain);
	});

	it('burn ingest without a TTY prints only its summary (no progress lines)', () => {
		const r = runCli(['ingest'], env.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^ingested \d+ new\/changed file\(s\), \d+ record\(s\), [\d.]+ MB\n$/);
		expect(r.stderr).toBe('');
	});
});

describe.skipIf(!hasPty())('on a pseudo-terminal (util-linux script)', () => {
	const errFile = () => join(env.root, `stderr-${Math.random().toString(36).slice(2)}.txt`);

	it('--no-tty on a terminal: plain text, with colour', () => {
		const r = runCliInPty(['--since', 'all', '--no-tty', '--limit', '3'], env.env, errFile());
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('burn · all time');
		expect(r.stdout).toMatch(ESC); // colour is on when stdout is a terminal …
	});

	it('… and NO_COLOR turns every escape byte off', () => {
		const r = runCliInPty(['--since', 'all', '--no-tty', '--limit', '3'], {...env.env, NO_COLOR: '1'}, errFile());
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('burn · all time');
		expect(r.stdout).not.toMatch(ESC);
	});

	it('… as does --no-color', () => {
		const r = runCliInPty(['--since', 'all', '--no-tty', '--no-color', '--limit', '3'], env.env, errFile());
		expect(r.status).toBe(0);
		expect(r.stdout).not.toMatch(ESC);
	});

	it('progress goes to stderr when stderr is a terminal (and not under CI)', () => {
		const r = runCliInPty(['--since', 'all', '--no-tty', '--limit', '1'], env.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('scanning ledger');
		const ci = runCliInPty(['--since', 'all', '--no-tty', '--limit', '1'], {...env.env, CI: '1'});
		expect(ci.status).toBe(0);
		expect(ci.stdout).toContain('burn · all time');
		expect(ci.stdout).not.toContain('scanning ledger');
	});

	it('--json on a terminal: plain JSON, no escape bytes', () => {
		const err = errFile();
		const r = runCliInPty(['--json', '--since', 'all'], env.env, err);
		expect(r.status).toBe(0);
		expect(r.stdout).not.toMatch(ESC);
		expect(JSON.parse(r.stdout.replace(/\r\n/g, '\n')).grandTotal).toBeCloseTo(expected.grandTotal, 9);
		expect(readFileSync(err, 'utf8')).toBe(''); // stderr is a file here: no progress
	});
});

describe('pipes', () => {
	it('`burn --json --since all | head -c 100` exits quietly (no EPIPE stack)', () => {
		const out = JSON.stringify(expected, null, 2);
		expect(out.length).toBeGreaterThan(256 * 1024); // far more than a pipe buffer
		const r = spawnSync('sh', ['-c', `{ ${cliCommand(['--json', '--since', 'all'])}; echo "burn-exit=$?" >&2; } | head -c 100`], {
			env: env.env,
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(r.status).toBe(0);
		expect(r.stdout).toHaveLength(100);
		expect(r.stdout.startsWith('{\n')).toBe(true);
		expect(r.stderr).toBe('burn-exit=0\n');
	});

	it('text output through `head -n 3` exits quietly too', () => {
		const r = spawnSync('sh', ['-c', `{ ${cliCommand(['--since', 'all', '--all'])}; echo "burn-exit=$?" >&2; } | head -n 3`], {
			env: env.env,
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(r.status).toBe(0);
		expect(r.stdout.split('\n')).toHaveLength(4);
		expect(r.stderr).toBe('burn-exit=0\n');
	});

	it('a slow reader receives the complete JSON', async () => {
		const child = spawn(process.execPath, [CLI, '--json', '--since', 'all'], {env: env.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
		// One permanent 'readable' listener keeps the stream paused: nothing is read but by us.
		let ended = false;
		let wake: (() => void) | null = null;
		const poke = () => {
			const w = wake;
			wake = null;
			w?.();
		};
		child.stdout.on('readable', poke);
		child.stdout.on('end', () => {
			ended = true;
			poke();
		});
		const more = () => new Promise<void>((resolve) => (ended ? resolve() : (wake = resolve)));
		// Small reads with a pause after each: the writer keeps finding the pipe full.
		const chunks: Buffer[] = [];
		let reads = 0;
		for (;;) {
			const chunk = (child.stdout.read(4096) ?? child.stdout.read()) as Buffer | null;
			if (chunk) {
				chunks.push(chunk);
				reads++;
				await sleep(2);
				continue;
			}
			if (ended) break;
			await more();
		}
		expect(await exited).toBe(0);
		expect(stderr).toBe('');
		expect(reads).toBeGreaterThan(20);
		const j = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		expect(j.grandTotal).toBe(expected.grandTotal);
		expect(j.sessions).toEqual(expected.sessions);
		expect(j.files).toEqual(expected.files);
	});
});
