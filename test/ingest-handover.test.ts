// Issue 16: reader threads hand ledger and content lines to the main thread as transferred
// UTF-8 Buffers, and tool results' toolUseResult is cut out before JSON.parse. Nothing may
// change: the content the turn view shows (sidecars) equals what the previous build wrote,
// threads or none; a log deleted after ingest keeps its content.
import {copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateClaudeTree} from '../bench/gen-claude-tree.js';
import {ingest} from '../source/ledger/ingest.js';
import {readContent} from '../source/ledger/content.js';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs, jsonOf} from './helpers/e2e.js';
import {tmp} from './helpers/tmp.js';
import {hostile, runBounded, turnsOf} from './helpers/hostile.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/claude');
/** Sidecars the build before issue 16 wrote for the logs of FIXTURES (lines sorted). */
const GOLDEN = resolve(import.meta.dirname, 'fixtures/claude-content');

/** Every sidecar of a data directory: session id → its lines, sorted (threads append in any order). */
function sidecars(home: string): Record<string, string[]> {
	const dir = join(home, 'content');
	const out: Record<string, string[]> = {};
	for (const name of readdirSync(dir).sort()) {
		out[name] = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).sort();
	}
	return out;
}

function golden(): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const name of readdirSync(GOLDEN).sort()) out[name] = readFileSync(join(GOLDEN, name), 'utf8').split('\n').filter(Boolean).sort();
	return out;
}

/** Agent dirs holding our hand-written Claude logs. */
function fixtureAgents() {
	const agents = emptyAgentDirs(join(tmp(), 'agents'));
	const project = join(agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-ours');
	mkdirSync(project, {recursive: true});
	for (const name of readdirSync(FIXTURES)) if (name.endsWith('.jsonl')) copyFileSync(join(FIXTURES, name), join(project, name));
	return {agents, project};
}

describe('content sidecars after issue 16', () => {
	it('equal what the previous build wrote, with reader threads and without', async () => {
		const want = golden();
		expect(Object.keys(want).length).toBe(2);
		const {agents} = fixtureAgents();
		// in this process, no threads
		const home = join(tmp(), 'burn');
		const env = {HOME: tmp(), ...agents};
		const r = await ingest({home, env, contentMode: 'full', retentionDays: 36500, noWorkers: true});
		expect(r.filesChanged).toBe(2);
		expect(sidecars(home)).toEqual(want);
		// the built CLI, reader threads forced on these small logs
		const s = sealed({...agents, BURN_WORKER_MIN_BYTES: '0'});
		expect(runCli(['ingest'], s.env).status).toBe(0);
		expect(sidecars(s.burnHome)).toEqual(want);
	});

	it('a log deleted after ingest still shows its content', async () => {
		const {agents, project} = fixtureAgents();
		const s = sealed({...agents, BURN_WORKER_MIN_BYTES: '0'});
		// the fixture's torn line is told on stderr
		const report = () => {
			const r = runCli(['--json', '--since', 'all'], s.env);
			expect(r.status).toBe(0);
			return JSON.parse(r.stdout) as {turnsAnalyzed: number};
		};
		const before = report();
		const sessions = Object.keys(golden()).map((n) => n.replace(/\.jsonl$/, ''));
		const read = () => readContent(s.burnHome, sessions);
		const contentBefore = read();
		expect([...contentBefore.values()].every((recs) => recs.length > 0)).toBe(true);
		rmSync(join(project, 'tool-results.jsonl'));
		const after = report();
		expect(after.turnsAnalyzed).toBe(before.turnsAnalyzed);
		expect(read()).toEqual(contentBefore);
		expect(sidecars(s.burnHome)).toEqual(golden());
	});

	it('a content sidecar that is a symlink is refused by reader threads too; the ledger lines before it are kept', () => {
		const h = hostile(2, {BURN_WORKER_MIN_BYTES: '0'});
		// a second log, so that ingest runs reader threads
		copyFileSync(join(FIXTURES, 'own-session.jsonl'), join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 'own-session.jsonl'));
		const victim = join(h.root, 'victim.txt');
		writeFileSync(victim, 'precious\n');
		mkdirSync(join(h.burnHome, 'content'), {recursive: true, mode: 0o700});
		symlinkSync(victim, join(h.burnHome, 'content', 's-hostile.jsonl'));
		const r = runBounded(['--json', '--since', 'all'], h.env);
		expect(r.status).toBe(0);
		expect(readFileSync(victim, 'utf8')).toBe('precious\n');
		expect(r.stderr).toContain('s-hostile.jsonl is a symbolic link');
		const turns = turnsOf(r);
		// the hostile log's 2 turns always; the other log's 4 when its thread finished first
		expect([2, 6]).toContain(turns);
	});

	it('reader threads and a single thread give the same ledger and content on a generated tree', () => {
		const agents = emptyAgentDirs(join(tmp(), 'agents'));
		generateClaudeTree(agents.CLAUDE_CONFIG_DIR, {targetBytes: 4e6, days: 20, now: Date.parse('2026-11-20T12:00:00Z'), seed: 5});
		const threads = sealed({...agents, BURN_WORKER_MIN_BYTES: '0'});
		const single = sealed({...agents, BURN_WORKER_MIN_BYTES: String(1e15)});
		const a = jsonOf(runCli(['--json', '--since', 'all'], threads.env));
		const b = jsonOf(runCli(['--json', '--since', 'all'], single.env));
		expect(a.turnsAnalyzed).toBeGreaterThan(100);
		expect(a.sessions).toEqual(b.sessions);
		expect(a.grandTotal).toBe(b.grandTotal);
		const ca = sidecars(threads.burnHome);
		expect(Object.keys(ca).length).toBeGreaterThan(5);
		expect(ca).toEqual(sidecars(single.burnHome));
	}, 120_000);
});
