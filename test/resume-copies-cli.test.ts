// End-to-end (built CLI): a resumed Claude Code session's copies of earlier responses count
// once, in every window, however the logs are read: one at a time in either order, by two
// burns at once, or by an ingest killed with -9 while it reads the copies.
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {CLI, runCli, sealed} from './helpers/cli.js';
import {bytesUnder, emptyAgentDirs, jsonOf, keptDir, runCliAsync, sleep, type AgentDirs} from './helpers/e2e.js';
import {readFileSync} from 'node:fs';
import {describeShared, shared} from './helpers/shared.js';
import {resp, responseLines, sessionText, writeSession, type Resp} from './helpers/claude-resume.js';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const D1 = '2026-03-01';
const D2 = '2026-03-05';
const a1 = resp('msg_a1', `${D1}T10:00:00.000Z`, 1);
const a2 = resp('msg_a2', `${D1}T10:05:00.000Z`, 2);
const a3 = resp('msg_a3', `${D1}T10:10:00.000Z`, 3);
const b1 = resp('msg_b1', `${D2}T09:00:10.000Z`, 4);
const COPIED_AT = `${D2}T09:00:00.000Z`;

interface Fig {
	turns: number;
	usage: {input: number; output: number; cacheRead: number; cacheCreate5m: number};
}

/** What the JSON report says of each session, in the usage fields the fixtures set. */
function perSession(report: any): Record<string, Fig> {
	const out: Record<string, Fig> = {};
	for (const s of report.sessions) {
		out[s.sessionId] = {turns: s.turns, usage: {input: s.usage.input, output: s.usage.output, cacheRead: s.usage.cacheRead, cacheCreate5m: s.usage.cacheCreate5m}};
	}
	return out;
}

function fig(rs: Resp[]): Fig {
	const f: Fig = {turns: 0, usage: {input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0}};
	for (const r of rs) {
		f.turns++;
		f.usage.input += r.input;
		f.usage.output += r.output;
		f.usage.cacheRead += r.cacheRead;
		f.usage.cacheCreate5m += r.cacheCreate;
	}
	return f;
}

const report = (env: NodeJS.ProcessEnv, home: string, since: string, until?: string, ingest = true) =>
	jsonOf(runCli(['--json', '--home', home, '--since', since, ...(until ? ['--until', until] : []), ...(ingest ? [] : ['--no-ingest'])], env));

/**
 * A report after kill -9: a process killed mid-append leaves one torn ledger line, which the
 * next append closes and every scan skips and says on stderr (docs/ledger.md). Nothing else
 * may be said.
 */
function reportAfterKill(env: NodeJS.ProcessEnv, home: string, since: string, until?: string) {
	const r = runCli(['--json', '--home', home, '--since', since, ...(until ? ['--until', until] : []), '--no-ingest'], env);
	expect(r.status, r.stderr).toBe(0);
	expect(r.stderr).toMatch(/^(burn: ledger holds bad input: \d+ invalid record\(s\) skipped \(burn ingest --rebuild rewrites it from the logs\)\n)?$/);
	return JSON.parse(r.stdout);
}

function fresh(): {env: NodeJS.ProcessEnv; home: string; dirs: AgentDirs} {
	const root = keptDir();
	const dirs = emptyAgentDirs(join(root, 'agents'));
	const s = sealed(dirs);
	return {env: s.env, home: join(root, 'burn-home'), dirs};
}

describe('a resumed pair through the CLI', () => {
	for (const shape of ['1.0', '2.0'] as const) {
		for (const order of ['original first', 'copy first'] as const) {
			it(`${shape} shape, ${order}: the original's day, the copy's day, all time`, () => {
				const {env, home, dirs} = fresh();
				const texts: Record<string, string> = {
					[A]: sessionText(A, [a1, a2, a3], {shape}),
					[B]: sessionText(B, [b1], {shape, copied: [a1, a2, a3], copiedAt: COPIED_AT}),
				};
				for (const sid of order === 'original first' ? [A, B] : [B, A]) {
					writeSession(dirs.CLAUDE_CONFIG_DIR, sid, texts[sid]!);
					expect(runCli(['ingest', '--home', home], env).status).toBe(0);
				}
				const d1 = report(env, home, D1, D1);
				expect(perSession(d1)).toEqual({[A]: fig([a1, a2, a3])});
				const d2 = report(env, home, D2, D2);
				expect(perSession(d2)).toEqual({[B]: fig([b1])});
				const all = report(env, home, 'all');
				expect(perSession(all)).toEqual({[A]: fig([a1, a2, a3]), [B]: fig([b1])});
				expect(all.turnsAnalyzed).toBe(4);
				// the dollars of the three windows add up: nothing counted twice, nothing lost
				expect(d1.grandTotal + d2.grandTotal).toBeCloseTo(all.grandTotal, 12);
			});
		}
	}
});

describe('many forks of one long session (generated), read by concurrent and killed ingests', () => {
	const N = 400;
	const FORKS = 12;
	const long: Resp[] = [];
	// Long answers make the logs big enough for a kill to land in the middle of an ingest.
	const pad = 'x'.repeat(1500);
	for (let i = 0; i < N; i++) long.push({...resp(`msg_o${i}`, new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString(), (i % 17) + 1)});
	const forkId = (k: number) => `f0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
	const own = (k: number) => resp(`msg_f${k}`, new Date(Date.UTC(2026, 2, 2 + k, 9)).toISOString(), 20 + k);
	const want: Record<string, Fig> = {[A]: fig(long)};
	for (let k = 0; k < FORKS; k++) want[forkId(k)] = fig([own(k)]);
	let agents: AgentDirs;
	let reference: Record<string, Fig>;

	beforeAll(() => {
		agents = emptyAgentDirs(join(keptDir(), 'agents'));
		const padded = (text: string) => text.replace(/"answer /g, `"${pad} answer `);
		writeSession(agents.CLAUDE_CONFIG_DIR, A, padded(sessionText(A, long)));
		for (let k = 0; k < FORKS; k++) {
			writeSession(agents.CLAUDE_CONFIG_DIR, forkId(k), padded(sessionText(forkId(k), [own(k)], {shape: k % 2 ? '1.0' : '2.0', copied: long, copiedAt: own(k).ts})));
		}
		const s = sealed(agents);
		reference = perSession(report(s.env, join(keptDir(), 'ref-home'), 'all'));
	}, 120_000);

	it('a clean ingest counts each response once, in the session it was made in', () => {
		expect(reference).toEqual(want);
	});

	it('two `burn ingest` at the same time', async () => {
		const s = sealed(agents);
		const [x, y] = await Promise.all([runCliAsync(['ingest'], s.env), runCliAsync(['ingest'], s.env)]);
		for (const r of [x, y]) expect(r.status, r.stderr).toBe(0);
		expect(perSession(report(s.env, s.burnHome, 'all', undefined, false))).toEqual(want);
	});

	it('kill -9 while the copies are ingested, then ingest again', async () => {
		const s = sealed(agents);
		const ledger = join(s.burnHome, 'ledger');
		let killed = 0;
		for (const step of [1, 2, 3]) {
			const start = bytesUnder(ledger) + bytesUnder(join(s.burnHome, 'copies'));
			const child = spawn(process.execPath, [CLI, 'ingest'], {env: s.env, stdio: 'ignore'});
			const exit = new Promise<{signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (_code, signal) => resolve({signal})));
			let done = false;
			void exit.then(() => (done = true));
			while (!done) {
				if (bytesUnder(ledger) + bytesUnder(join(s.burnHome, 'copies')) - start > step * 400_000) {
					child.kill('SIGKILL');
					break;
				}
				await sleep(2);
			}
			if ((await exit).signal === 'SIGKILL') killed++;
		}
		expect(killed, 'no ingest was still running when the kill came').toBeGreaterThan(0);
		const again = runCli(['ingest'], s.env);
		expect(again.status, again.stderr).toBe(0);
		expect(perSession(reportAfterKill(s.env, s.burnHome, 'all'))).toEqual(want);
		// each fork's own day holds only the fork's own response
		const k = 3;
		const dayK = own(k).ts.slice(0, 10);
		expect(perSession(reportAfterKill(s.env, s.burnHome, dayK, dayK))).toEqual({[forkId(k)]: fig([own(k)])});
	}, 120_000);
});

describeShared('a resumed pair built from a real 1.0.98 log (corpus #11) matches INDEX.md', () => {
	const REAL = 'fe5e1c67-53e7-4862-81ae-d0e013e3270b';
	const COPY = '0c0c0c0c-0000-4000-8000-000000000011';
	const src = () => readFileSync(shared(`corpus/claude/claude-code-viewer/mock-global-claude-dir/projects/sample-project/${REAL}.jsonl`), 'utf8');
	// INDEX.md #11, "dedup totals (last line per message.id+requestId)" and "unique msgs"
	const INDEX_11 = {turns: 170, usage: {input: 818, output: 51933, cacheRead: 3647854, cacheCreate5m: 137976}};
	const ownOfCopy = resp('msg_copy_own', '2025-09-05T10:30:00.000Z', 3);
	for (const shape of ['1.0', '2.0'] as const) {
		it(`${shape} shape: the original keeps INDEX's figures, the copy only its own response`, () => {
			const {env, home, dirs} = fresh();
			let n = 0;
			// The copy: every line of the real log under the new session id; in the 1.0 shape
			// stamped with the time of the copy (a millisecond apart, in order).
			const copied = src()
				.split('\n')
				.filter((l) => l.trim())
				.map((l) => {
					let line = l.split(`"sessionId":"${REAL}"`).join(`"sessionId":"${COPY}"`);
					if (shape === '1.0') line = line.replace(/"timestamp":"[^"]+"/, () => `"timestamp":"${new Date(Date.UTC(2025, 8, 5, 10, 0, 0, n++)).toISOString()}"`);
					return line;
				});
			const copyText = `${[...copied, ...responseLines(COPY, ownOfCopy, '1.0.98')].join('\n')}\n`;
			writeSession(dirs.CLAUDE_CONFIG_DIR, COPY, copyText, '-path-to-Demo');
			expect(runCli(['ingest', '--home', home], env).status).toBe(0);
			writeSession(dirs.CLAUDE_CONFIG_DIR, REAL, src(), '-path-to-Demo');
			const all = perSession(report(env, home, 'all'));
			expect(all[REAL]).toEqual(INDEX_11);
			expect(all[COPY]).toEqual(fig([ownOfCopy]));
			expect(perSession(report(env, home, '2025-09-05', '2025-09-05'))).toEqual({[COPY]: fig([ownOfCopy])});
			expect(perSession(report(env, home, '2025-09-03', '2025-09-03'))).toEqual({[REAL]: INDEX_11});
		});
	}
});
