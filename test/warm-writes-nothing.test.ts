// Issue 17 (warm run on 50,000 logs): a run with nothing new writes nothing, not even the
// ingest lock (refresh.ts answers "nothing new" before taking it), and a log that is deleted
// costs one rewrite of its cursor shard, after which the warm path answers again at once.
import {lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {discoverAll} from '../source/sources/discover-all.js';
import {nothingNew, refreshLedger} from '../source/ledger/refresh.js';
import {shardOf} from '../source/ledger/cursors.js';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';
import {tmp} from './helpers/tmp.js';

/** Every entry under `dir` (and `dir` itself): inode, mtime, ctime and size, by path. */
function snapshot(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (path: string) => {
		const st = lstatSync(path);
		out[path] = `${st.ino} ${st.mtimeMs} ${st.ctimeMs} ${st.size}`;
		if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
	};
	walk(dir);
	return out;
}

describe('a warm run with nothing new writes nothing', () => {
	it('report, all-time report, ingest and status leave every file and directory of BURN_HOME as they were', () => {
		const h = hostile(3);
		const sub = join(h.agents.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-hostile-project', 's-hostile', 'subagents');
		mkdirSync(sub, {recursive: true});
		writeFileSync(join(sub, 'agent-a1.jsonl'), `${claudeLine('s-hostile', 9, new Date(Date.now() - 3_000_000).toISOString())}\n`);
		const runs: string[][] = [['--json'], ['--json', '--since', 'all'], ['ingest'], ['status']];
		// First runs: ingest, packed copies, the report cache.
		for (let i = 0; i < 2; i++) for (const args of runs) expect(runBounded(args, h.env).status).toBe(0);
		const before = snapshot(h.burnHome);
		expect(Object.keys(before).some((p) => p.includes(`${join('cursors', '')}`))).toBe(true);
		for (const args of runs) {
			const r = runBounded(args, h.env);
			expect(r.status, r.stderr).toBe(0);
			expect(snapshot(h.burnHome), `burn ${args.join(' ')}`).toEqual(before);
		}
	});
});

function tree() {
	const root = tmp('burn-quiet-');
	const project = join(root, 'claude', 'projects', '-tmp-q');
	mkdirSync(project, {recursive: true});
	const paths: string[] = [];
	for (let i = 0; i < 24; i++) {
		const p = join(project, `q${i}.jsonl`);
		writeFileSync(p, `${claudeLine(`q${i}`, 0, new Date(Date.parse('2026-11-10T12:00:00Z') + i * 60_000).toISOString())}\n`);
		paths.push(p);
	}
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	const opts = {home: join(root, 'burn'), env, contentMode: 'off' as const, retentionDays: 30, noWorkers: true};
	return {paths, env, opts};
}

const quiet = (t: ReturnType<typeof tree>) => nothingNew(t.opts, discoverAll(t.env));

describe('the warm path answers before the ingest proper', () => {
	it('a deleted log costs one rewrite of its shard, then nothing new is answered at once', async () => {
		const t = tree();
		// A log in the same cursor shard as q5: the shard is still consulted after q5 is gone.
		const dir = join(t.paths[0]!, '..');
		let k = 0;
		while (shardOf(join(dir, `mate${k}.jsonl`)) !== shardOf(t.paths[5]!)) k++;
		writeFileSync(join(dir, `mate${k}.jsonl`), `${claudeLine('mate', 0, '2026-11-10T15:00:00.000Z')}\n`);
		expect((await refreshLedger(t.opts)).filesChanged).toBe(25);
		expect(quiet(t)).toBe(true);
		rmSync(t.paths[5]!);
		// Its cursor stays (the ledger keeps what the log held); the shard's digest no longer agrees.
		expect(quiet(t)).toBe(false);
		const cursors = join(t.opts.home, 'cursors');
		const before = snapshot(cursors);
		expect((await refreshLedger(t.opts)).filesChanged).toBe(0);
		const after = snapshot(cursors);
		const changed = Object.keys(after).filter((p) => p !== cursors && after[p] !== before[p]);
		expect(changed).toHaveLength(1);
		expect(quiet(t)).toBe(true);
		// The log comes back as it was: its shard is parsed, nothing is read again.
		writeFileSync(t.paths[5]!, `${claudeLine('q5', 0, new Date(Date.parse('2026-11-10T12:05:00Z')).toISOString())}\n`);
		expect((await refreshLedger(t.opts)).filesChanged).toBeLessThanOrEqual(1);
		expect(quiet(t)).toBe(true);
	});

	it('another burn holding the ingest lock, a journal of the copy index, a cursors.json to migrate: the ingest proper runs', async () => {
		const t = tree();
		await refreshLedger(t.opts);
		expect(quiet(t)).toBe(true);
		const lock = join(t.opts.home, 'ingest.lock');
		writeFileSync(lock, JSON.stringify({pid: process.pid}));
		expect(quiet(t)).toBe(false);
		rmSync(lock);
		const journal = join(t.opts.home, 'copies', 'journal.jsonl');
		writeFileSync(journal, '');
		expect(quiet(t)).toBe(false);
		rmSync(journal);
		writeFileSync(join(t.opts.home, 'cursors.json'), JSON.stringify({version: 1, files: {}}));
		expect(quiet(t)).toBe(false);
		await refreshLedger(t.opts);
		expect(quiet(t)).toBe(true);
	});

	it('an append or a new log is never answered as nothing new', async () => {
		const t = tree();
		await refreshLedger(t.opts);
		writeFileSync(t.paths[3]!, `${readFileSync(t.paths[3]!, 'utf8')}${claudeLine('q3', 1, '2026-11-10T13:00:00.000Z')}\n`);
		expect(quiet(t)).toBe(false);
		expect((await refreshLedger(t.opts)).filesChanged).toBe(1);
		expect(quiet(t)).toBe(true);
		writeFileSync(join(t.paths[0]!, '..', 'fresh.jsonl'), `${claudeLine('fresh', 0, '2026-11-10T14:00:00.000Z')}\n`);
		expect(quiet(t)).toBe(false);
		expect((await refreshLedger(t.opts)).filesChanged).toBe(1);
	});
});
