import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative} from 'node:path';
import {afterAll, expect} from 'vitest';
import {CLI, type RunResult, type Sealed} from './cli.js';
import {shared} from './shared.js';
import {writeDemoLogs} from '../../source/demo/generate.js';
import {emptyUsage} from '../../source/core/records.js';

// ── directories that live for a whole test file (tmp() removes its dirs after each test) ──

const kept: string[] = [];

/** A temporary directory removed after the last test of the file. */
export function keptDir(prefix = 'burn-e2e-'): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	kept.push(dir);
	return dir;
}

afterAll(() => {
	while (kept.length) rmSync(kept.pop()!, {recursive: true, force: true});
});

/** Like sealed(), but the directories stay until the end of the file (for beforeAll set-ups). */
export function sealedKept(extra: NodeJS.ProcessEnv = {}): Sealed & {root: string} {
	const root = keptDir();
	const home = join(root, 'home');
	const burnHome = join(root, 'burn');
	mkdirSync(home, {recursive: true});
	const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: home, BURN_HOME: burnHome, TZ: 'UTC', LANG: 'C.UTF-8', ...extra};
	return {root, home, burnHome, env};
}

// ── the real corpus, laid out the way the agents write it ──

const CLAUDE = shared('corpus/claude');
const CODEX = shared('corpus/codex');

/** corpus/claude file → path under `<CLAUDE_CONFIG_DIR>/projects/`. */
export const CLAUDE_LAYOUT: Record<string, string> = {
	// #1 holds two sessions (e9f146fa…, then b162b1ae…)
	'VibeCodingTracker/examples/test_conversation.jsonl': '-home-wei-repo-claude-code/e9f146fa-3b20-48d0-9be4-d99ca901cae4.jsonl',
	'agent-history/tests/fixtures/real_sessions/claude/session-01.jsonl': '-tmp-agent-history-real-agent-claude-workspace/06090cb1-3e64-433a-bc7e-a621c0f596d2.jsonl',
	// #3–#8: subagent transcripts (agentId) of parent session 2b9d8116 (parent transcript not in the corpus)
	'bitcoin_tax/design/no-testimony/CONSULT-architect-fable.md.extracted.jsonl': '-scratch-code-bitcoin-tax/2b9d8116-e1de-4038-a101-5fd575fdcb0e/subagents/agent-a1bee4ee26b0c17ef.jsonl',
	'bitcoin_tax/design/no-testimony/reviews/SPEC-doctrine-opus-r2.md.extracted.jsonl': '-scratch-code-bitcoin-tax/2b9d8116-e1de-4038-a101-5fd575fdcb0e/subagents/agent-a7b1cd4effbcbdebe.jsonl',
	'bitcoin_tax/design/no-testimony/reviews/SPEC-engineering-opus-r1.md.extracted.jsonl': '-scratch-code-bitcoin-tax/2b9d8116-e1de-4038-a101-5fd575fdcb0e/subagents/agent-a84b7406ef53120af.jsonl',
	'bitcoin_tax/design/no-testimony/reviews/SPEC-engineering-opus-r2.md.extracted.jsonl': '-scratch-code-bitcoin-tax/2b9d8116-e1de-4038-a101-5fd575fdcb0e/subagents/agent-ae58f1d220d8c3940.jsonl',
	'bitcoin_tax/reviews/prepublish-0.15.0-fable.md.extracted.jsonl': '-scratch-code-bitcoin-tax/2b9d8116-e1de-4038-a101-5fd575fdcb0e/subagents/agent-a3904c35fbed0ead8.jsonl',
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl': '-path-to-Demo/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': '-path-to-Demo/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl',
	'claude-code-viewer/mock-global-claude-dir/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl': '-path-to-Demo/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl',
	// #12 + #13: a 2.1.x subagent transcript with its meta sidecar
	'phoenix/apps/tuval/src/claude/history/fixtures/agent-a1b2c3d4e5f60718a.jsonl': '-tmp-tuval-capture/00000000-0000-4000-8000-000000000001/subagents/agent-a1b2c3d4e5f60718a.jsonl',
	'phoenix/apps/tuval/src/claude/history/fixtures/agent-a1b2c3d4e5f60718a.meta.json': '-tmp-tuval-capture/00000000-0000-4000-8000-000000000001/subagents/agent-a1b2c3d4e5f60718a.meta.json',
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl': '-Users-chip-dev-ai-music/ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl',
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/fed8ce56-bc79-401f-a83e-af084253362f.jsonl': '-Users-chip-dev-ai-music/fed8ce56-bc79-401f-a83e-af084253362f.jsonl',
	'sniffly/tests/mock-data/-Users-chip-dev-ai-music/ff71dbed-a4f2-4284-a4fc-fe2fb90de929.jsonl': '-Users-chip-dev-ai-music/ff71dbed-a4f2-4284-a4fc-fe2fb90de929.jsonl',
};

/** corpus/codex file → path under `<CODEX_HOME>/`. */
export const CODEX_LAYOUT: Record<string, string> = {
	'VibeCodingTracker/examples/test_conversation_oai.jsonl': 'sessions/2025/09/19/rollout-2025-09-19T09-02-12-01996135-afde-7911-97f0-d863511eca56.jsonl',
	'agent-history/tests/fixtures/real_sessions/codex/session-01.jsonl': 'sessions/2026/06/05/rollout-2026-06-05T04-58-20-019e9625-802f-7e91-840a-cfe88d14117a.jsonl',
	'claude-code-transcripts/tests/sample_codex_session.jsonl': 'sessions/2025/12/28/rollout-2025-12-28T12-18-30-019b64e5-57fa-7463-b644-fba7e456f905.jsonl',
	'codex-session-view/public/demos/example-session-metadata.jsonl': 'sessions/2025/11/23/rollout-2025-11-23T19-24-17-019ab22c-95af-7160-b11d-8f552d0ce721.jsonl',
	'codex-session-viewer/docs/example.jsonl': 'sessions/2025/09/10/rollout-2025-09-10T18-58-38-cf4def41-21e0-4b91-adb4-5397c1492084.jsonl',
};

/** Every file under `dir` (relative paths, sorted). */
export function listFiles(dir: string, base = dir, out: string[] = []): string[] {
	for (const e of readdirSync(dir, {withFileTypes: true})) {
		const p = join(dir, e.name);
		if (e.isDirectory()) listFiles(p, base, out);
		else out.push(relative(base, p));
	}
	return out.sort();
}

/** The corpus files the layouts do not place (should be none). */
export function unplacedCorpusFiles(): string[] {
	return [
		...listFiles(CLAUDE).filter((f) => !(f in CLAUDE_LAYOUT)).map((f) => `claude/${f}`),
		...listFiles(CODEX).filter((f) => !(f in CODEX_LAYOUT)).map((f) => `codex/${f}`),
	];
}

/** A type alias (not an interface) so it can be spread into a NodeJS.ProcessEnv. */
export type AgentDirs = {
	CLAUDE_CONFIG_DIR: string;
	CODEX_HOME: string;
	OPENCODE_DATA_DIR: string;
};

/** Empty agent directories under `root` (so nothing of the machine's own leaks in). */
export function emptyAgentDirs(root: string): AgentDirs {
	const dirs = {CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'opencode')};
	for (const d of Object.values(dirs)) mkdirSync(d, {recursive: true});
	return dirs;
}

/**
 * Agent directories under `root` holding the demo logs of our own generator (source/demo), all
 * three sources, with the last activity at `now`: data of our own for end-to-end tests.
 */
export function demoAgentDirs(root: string, now = Date.parse('2026-11-20T12:00:00.000Z')): AgentDirs {
	const dirs = emptyAgentDirs(root);
	writeDemoLogs({claudeConfigDir: dirs.CLAUDE_CONFIG_DIR, codexHome: dirs.CODEX_HOME, opencodeDataDir: dirs.OPENCODE_DATA_DIR}, now);
	return dirs;
}

/** Copies the whole corpus of ../shared into agent directories under `root`; returns the env overrides. */
export function corpusDirs(root: string): AgentDirs {
	const dirs = emptyAgentDirs(root);
	for (const [src, dest] of Object.entries(CLAUDE_LAYOUT)) copyInto(join(CLAUDE, src), join(dirs.CLAUDE_CONFIG_DIR, 'projects', dest));
	for (const [src, dest] of Object.entries(CODEX_LAYOUT)) copyInto(join(CODEX, src), join(dirs.CODEX_HOME, dest));
	return dirs;
}

function copyInto(src: string, dest: string): void {
	mkdirSync(dirname(dest), {recursive: true});
	copyFileSync(src, dest);
}

/**
 * Writes a copy of a Claude corpus log with every `"timestamp"` moved so that the last one
 * falls at `lastAt` (spacing kept). For tests that need sessions inside a relative window.
 */
export function writeShiftedClaudeLog(src: string, dest: string, lastAt: number): void {
	const text = readFileSync(join(CLAUDE, src), 'utf8');
	const re = /"timestamp":"([^"]+)"/g;
	let last = -Infinity;
	for (const m of text.matchAll(re)) last = Math.max(last, Date.parse(m[1]!));
	const delta = lastAt - last;
	mkdirSync(dirname(dest), {recursive: true});
	writeFileSync(dest, text.replace(re, (_, ts: string) => `"timestamp":"${new Date(Date.parse(ts) + delta).toISOString()}"`));
}

// ── running the CLI ──

export interface AsyncRunResult extends RunResult {
	signal: NodeJS.Signals | null;
}

/** Runs the built CLI without waiting (for concurrent runs); no TTY. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<AsyncRunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		child.on('error', reject);
		child.on('close', (status, signal) => resolve({status, signal, stdout, stderr}));
	});
}

/** Single-quotes a word for sh. */
export const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `node dist/cli.cjs` (the installed `burn`) as a shell command line. */
export const cliCommand = (args: string[]) => [process.execPath, CLI, ...args].map(shq).join(' ');

let ptyOk: boolean | undefined;
/** util-linux `script` can give the CLI a pseudo-terminal. */
export function hasPty(): boolean {
	ptyOk ??= spawnSync('script', ['-qec', 'true', '/dev/null'], {stdio: 'ignore'}).status === 0;
	return ptyOk;
}

/**
 * Runs the CLI with stdout on a pseudo-terminal; stderr goes to `stderrFile`, or to the same
 * terminal (mixed into `stdout`) when none is given.
 */
export function runCliInPty(args: string[], env: NodeJS.ProcessEnv, stderrFile?: string): {status: number | null; stdout: string} {
	const command = stderrFile === undefined ? cliCommand(args) : `${cliCommand(args)} 2>${shq(stderrFile)}`;
	const r = spawnSync('script', ['-qec', command, '/dev/null'], {
		env: {COLUMNS: '120', LINES: '40', ...env},
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 110_000,
	});
	return {status: r.status, stdout: r.stdout};
}

// ── checking output ──

/** A usage or runtime error: exactly one line on stderr, prefixed `burn:`. */
export function expectOneErrorLine(stderr: string): void {
	expect(stderr).toMatch(/^burn: [^\n]+\n$/);
}

/** Parses stdout as JSON after checking the run succeeded quietly. */
export function jsonOf<T = any>(r: RunResult): T {
	expect(r.stderr).toBe('');
	expect(r.status).toBe(0);
	return JSON.parse(r.stdout) as T;
}

export const USAGE_KEYS = ['input', 'output', 'reasoning', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'] as const;
export type UsageTotals = Record<(typeof USAGE_KEYS)[number], number>;

export const zeroUsage = (): UsageTotals => emptyUsage();

/** Sums `usage` objects. */
export function sumUsage(items: Array<{usage: Partial<UsageTotals>}>): UsageTotals {
	const t = zeroUsage();
	for (const it of items) for (const k of USAGE_KEYS) t[k] += it.usage[k] ?? 0;
	return t;
}

/** Per-session usage and turns, keyed by session id (for comparing two ledgers). */
export function sessionFigures(report: {sessions: Array<{sessionId: string; turns: number; usage: UsageTotals; cost: number | null}>}) {
	return Object.fromEntries(report.sessions.map((s) => [s.sessionId, {turns: s.turns, usage: s.usage, cost: s.cost}]));
}

export interface Entry {
	rel: string;
	dir: boolean;
	mode: number;
	size: number;
	mtimeMs: number;
}

/** Every file and directory under `dir` with its mode, size and mtime. */
export function snapshot(dir: string): Entry[] {
	const out: Entry[] = [];
	const walk = (d: string) => {
		for (const e of readdirSync(d, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			const p = join(d, e.name);
			const st = statSync(p);
			out.push({rel: relative(dir, p), dir: st.isDirectory(), mode: st.mode & 0o777, size: st.isDirectory() ? 0 : st.size, mtimeMs: st.mtimeMs});
			if (st.isDirectory()) walk(p);
		}
	};
	walk(dir);
	return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Total bytes of the files under `dir` (0 when it does not exist). */
export function bytesUnder(dir: string): number {
	let n = 0;
	let entries;
	try {
		entries = readdirSync(dir, {withFileTypes: true});
	} catch {
		return 0;
	}
	for (const e of entries) {
		const p = join(dir, e.name);
		try {
			n += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
		} catch {}
	}
	return n;
}
