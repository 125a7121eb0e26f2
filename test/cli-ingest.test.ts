// End-to-end: `burn ingest` and the ledger it keeps — summaries, incremental reads, rebuilds,
// concurrent and killed runs (nothing counted twice, nothing lost), permissions, content off.
import {spawn, spawnSync} from 'node:child_process';
import {appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {generateClaudeTree} from '../bench/gen-claude-tree.js';
import {CLI, runCli, sealed} from './helpers/cli.js';
import {OWN_CLAUDE_LOG, OWN_CLAUDE_SESSION, OWN_CLAUDE_TOTALS} from './helpers/own-ledger.js';
import {
	bytesUnder,
	cliCommand,
	demoAgentDirs,
	emptyAgentDirs,
	jsonOf,
	keptDir,
	runCliAsync,
	sessionFigures,
	sleep,
	snapshot,
	sumUsage,
	type AgentDirs,
} from './helpers/e2e.js';

const SUMMARY = /^ingested (\d+) new\/changed file\(s\), (\d+) record\(s\), (\d+\.\d) MB\n$/;
const NOTHING_NEW = 'ingested 0 new/changed file(s), 0 record(s), 0.0 MB\n';
const WAITING = /^burn: waiting for another burn \(pid \d+\) to finish ingesting…\n$/;
/** Log files of our demo data (source/demo) as ingest counts them, and its sessions. */
const DEMO_LOGS = 19;
const DEMO_SESSIONS = 19;

/** The agent dirs holding our demo logs, shared by the tests of this file (never written to). */
let demo: AgentDirs;
/** A generated ~30 MB Claude tree and the report of one clean ingest of it. */
let big: AgentDirs;
let bigReference: any;

beforeAll(() => {
	demo = demoAgentDirs(join(keptDir(), 'agents'));
	const root = keptDir();
	big = emptyAgentDirs(join(root, 'agents'));
	const made = generateClaudeTree(big.CLAUDE_CONFIG_DIR, {targetBytes: 30e6, days: 30, now: Date.now()});
	expect(made.bytes).toBeGreaterThan(29e6);
	const ref = sealed(big);
	// tmp() dirs go after each test: keep the reference home under the kept root instead
	ref.env.BURN_HOME = join(root, 'reference-home');
	const r = runCli(['ingest'], ref.env);
	expect(r.status).toBe(0);
	bigReference = jsonOf(runCli(['--json', '--since', 'all', '--no-ingest'], ref.env));
	expect(bigReference.sessions.length).toBeGreaterThan(50);
}, 240_000);

const reportOf = (env: NodeJS.ProcessEnv) => jsonOf(runCli(['--json', '--since', 'all', '--no-ingest'], env));

/** Same sessions, same per-session usage and turns, same dollars as the clean ingest. */
function expectSameAsReference(r: any, reference: any): void {
	expect(r.sessions.length).toBe(reference.sessions.length);
	const got = sessionFigures(r);
	const want = sessionFigures(reference);
	for (const id of Object.keys(want)) {
		expect(got[id]?.turns, id).toBe(want[id]!.turns);
		expect(got[id]?.usage, id).toEqual(want[id]!.usage);
	}
	expect(sumUsage(r.sessions)).toEqual(sumUsage(reference.sessions));
	expect(r.turnsAnalyzed).toBe(reference.turnsAnalyzed);
	expect(r.grandTotal).toBeCloseTo(reference.grandTotal, 9);
	expect(r.attributedTotal).toBeCloseTo(reference.attributedTotal, 9);
}

describe('burn ingest on our demo logs', () => {
	it('prints a summary; a second run reads nothing new; the report needs no more ingest', () => {
		const s = sealed(demo);
		const first = runCli(['ingest'], s.env);
		expect(first.status).toBe(0);
		expect(first.stderr).toBe('');
		const m = SUMMARY.exec(first.stdout);
		expect(m, first.stdout).not.toBeNull();
		expect(Number(m![1])).toBe(DEMO_LOGS);
		expect(Number(m![2])).toBeGreaterThan(0);
		expect(Number(m![3])).toBeGreaterThan(7);
		expect(Number(m![3])).toBeLessThan(8);
		const second = runCli(['ingest'], s.env);
		expect(second).toEqual({status: 0, stdout: NOTHING_NEW, stderr: ''});
		// a report ingests first too: still nothing to read, same figures with and without it
		const withIngest = jsonOf(runCli(['--json', '--since', 'all'], s.env));
		expectSameAsReference(reportOf(s.env), withIngest);
		expect(runCli(['ingest'], s.env).stdout).toBe(NOTHING_NEW);
	});

	it('ingest --rebuild re-reads every log and counts nothing twice', () => {
		const s = sealed(demo);
		expect(runCli(['ingest'], s.env).status).toBe(0);
		const before = reportOf(s.env);
		const r = runCli(['ingest', '--rebuild'], s.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(Number(SUMMARY.exec(r.stdout)?.[1])).toBe(DEMO_LOGS);
		expectSameAsReference(reportOf(s.env), before);
		expect(runCli(['ingest'], s.env).stdout).toBe(NOTHING_NEW);
	});

	it('--no-ingest reads the ledger as it is', () => {
		const s = sealed(demo);
		const empty = reportOf(s.env);
		expect(empty.sessions).toEqual([]);
		expect(runCli(['ingest'], s.env).status).toBe(0);
		expect(reportOf(s.env).sessions.length).toBe(DEMO_SESSIONS);
	});

	it('--home wins over BURN_HOME', () => {
		const s = sealed(demo);
		const other = join(s.home, 'other-home');
		expect(runCli(['ingest', '--home', other], s.env).status).toBe(0);
		expect(existsSync(join(other, 'ledger'))).toBe(true);
		expect(existsSync(s.burnHome)).toBe(false);
		expect(jsonOf(runCli(['--json', '--since', 'all', '--no-ingest', '--home', other], s.env)).sessions.length).toBe(DEMO_SESSIONS);
	});

	it('an appended log is read from its last complete line (also a half-written one)', () => {
		const s = sealed();
		Object.assign(s.env, emptyAgentDirs(join(s.home, '..', 'agents')));
		const src = readFileSync(OWN_CLAUDE_LOG);
		const dest = join(s.env.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-ours-app', `${OWN_CLAUDE_SESSION}.jsonl`);
		mkdirSync(join(dest, '..'), {recursive: true});
		// cut in the middle of a line, about half-way through the file
		const cut = Math.floor(src.length / 2);
		writeFileSync(dest, src.subarray(0, cut));
		expect(Number(SUMMARY.exec(runCli(['ingest'], s.env).stdout)?.[1])).toBe(1);
		const part = reportOf(s.env);
		expect(part.sessions).toHaveLength(1);
		appendFileSync(dest, src.subarray(cut));
		expect(Number(SUMMARY.exec(runCli(['ingest'], s.env).stdout)?.[1])).toBe(1);
		const whole = reportOf(s.env);
		// worked by hand in claude-own.test.ts
		const {turns, ...usage} = OWN_CLAUDE_TOTALS;
		expect(whole.sessions[0].usage).toEqual({...usage, reasoning: 0});
		expect(whole.sessions[0].turns).toBe(turns);
		expect(whole.sessions[0].turns).toBeGreaterThan(part.sessions[0].turns);
	});
});

describe('the data directory', () => {
	it('BURN_HOME is 0700, every directory in it 0700 and every file 0600 (even with umask 000)', () => {
		const s = sealed(demo);
		const r = spawnSync('sh', ['-c', `umask 000; exec ${cliCommand(['ingest'])}`], {env: s.env, encoding: 'utf8', timeout: 60_000});
		expect(r.status, r.stderr).toBe(0);
		const r2 = spawnSync('sh', ['-c', `umask 000; exec ${cliCommand(['--json', '--since', 'all'])}`], {env: s.env, encoding: 'utf8', timeout: 60_000});
		expect(r2.status, r2.stderr).toBe(0);
		expect(statSync(s.burnHome).mode & 0o777).toBe(0o700);
		const entries = snapshot(s.burnHome);
		expect(entries.some((e) => e.rel.startsWith('ledger') && !e.dir)).toBe(true);
		for (const e of entries) expect(e.mode.toString(8), e.rel).toBe(e.dir ? '700' : '600');
	});

	it('content sidecars are written by default, and not at all with BURN_CONTENT=off', () => {
		const on = sealed(demo);
		expect(runCli(['ingest'], on.env).status).toBe(0);
		expect(existsSync(join(on.burnHome, 'content'))).toBe(true);
		const off = sealed({...demo, BURN_CONTENT: 'off'});
		expect(runCli(['ingest'], off.env).status).toBe(0);
		const report = jsonOf(runCli(['--json', '--since', 'all'], off.env));
		expect(existsSync(join(off.burnHome, 'content'))).toBe(false);
		expect(existsSync(join(off.burnHome, 'ledger'))).toBe(true);
		// the figures do not depend on the content sidecars' presence
		expect(sumUsage(report.sessions)).toEqual(sumUsage(reportOf(on.env).sessions));
	});

	it('config.json {"content": "off"} turns content off too; BURN_CONTENT=full wins over it', () => {
		const a = sealed(demo);
		mkdirSync(a.burnHome, {mode: 0o700});
		writeFileSync(join(a.burnHome, 'config.json'), '{"content": "off"}');
		expect(runCli(['ingest'], a.env).status).toBe(0);
		expect(existsSync(join(a.burnHome, 'content'))).toBe(false);
		const b = sealed({...demo, BURN_CONTENT: 'full'});
		mkdirSync(b.burnHome, {mode: 0o700});
		writeFileSync(join(b.burnHome, 'config.json'), '{"content": "off"}');
		expect(runCli(['ingest'], b.env).status).toBe(0);
		expect(existsSync(join(b.burnHome, 'content'))).toBe(true);
	});
});

describe('concurrent and killed ingests (a generated ~30 MB Claude tree)', () => {
	it('two `burn ingest` started at the same time on one BURN_HOME count each token once', async () => {
		const s = sealed(big);
		const [a, b] = await Promise.all([runCliAsync(['ingest'], s.env), runCliAsync(['ingest'], s.env)]);
		for (const r of [a, b]) {
			expect(r.status, r.stderr).toBe(0);
			expect(r.stdout).toMatch(SUMMARY);
			if (r.stderr) expect(r.stderr).toMatch(WAITING);
		}
		// between them, every log was read once
		const files = [a, b].map((r) => Number(SUMMARY.exec(r.stdout)![1]));
		expect(Math.max(...files)).toBeGreaterThan(0);
		expectSameAsReference(reportOf(s.env), bigReference);
		expect(runCli(['ingest'], s.env).stdout).toBe(NOTHING_NEW);
	});

	it('two reports started at the same time on a fresh BURN_HOME print the same figures', async () => {
		const s = sealed(big);
		const runs = await Promise.all([runCliAsync(['--json', '--since', 'all'], s.env), runCliAsync(['--json', '--since', 'all'], s.env)]);
		for (const r of runs) {
			expect(r.status, r.stderr).toBe(0);
			if (r.stderr) expect(r.stderr).toMatch(WAITING);
			expectSameAsReference(JSON.parse(r.stdout), bigReference);
		}
	});

	it('kill -9 in the middle of an ingest, then ingest again: totals equal a clean ingest', async () => {
		const s = sealed(big);
		const ledger = join(s.burnHome, 'ledger');
		let killed = 0;
		// two kills at growing amounts of ledger written, each before the ingest could finish
		for (const step of [1, 2]) {
			const start = bytesUnder(ledger);
			const child = spawn(process.execPath, [CLI, 'ingest'], {env: s.env, stdio: 'ignore'});
			const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})));
			let done = false;
			void exit.then(() => (done = true));
			while (!done) {
				if (bytesUnder(ledger) - start > step * 1_000_000) {
					child.kill('SIGKILL');
					break;
				}
				await sleep(2);
			}
			const r = await exit;
			if (r.signal === 'SIGKILL') killed++;
		}
		expect(killed, 'no ingest was still running when the kill came').toBeGreaterThan(0);
		const again = runCli(['ingest'], s.env);
		expect(again.status, again.stderr).toBe(0);
		expect(again.stderr).toBe('');
		expect(again.stdout).toMatch(SUMMARY);
		expectSameAsReference(reportOf(s.env), bigReference);
		expect(runCli(['ingest'], s.env).stdout).toBe(NOTHING_NEW);
	});
});
