// Issue 17 (warm run on 50,000 logs): the warm index (ledger/warm-index.ts) answers "no log
// changed" by comparing discovery with what the last complete ingest found. It must never
// answer so when a log was appended, truncated, rewritten, added or removed, must follow the
// cursors (removed before any cursor save), and must be ignored when damaged.
import {appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, type Dirent} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {nothingNew} from '../source/ledger/refresh.js';
import {discoverAll} from '../source/sources/discover-all.js';
import {CursorStore} from '../source/ledger/cursors.js';
import {readWarmIndex, warmIndexMatches, warmIndexPath} from '../source/ledger/warm-index.js';
import {ageTree} from './helpers/age-tree.js';
import {claudeLine} from './helpers/hostile.js';
import {coldTurns, ingestTree, ledgerTurns, smallClaudeTree, treeTs} from './helpers/claude-tree.js';

const ts = treeTs;

function tree() {
	const t = smallClaudeTree('burn-widx-', 12);
	// A Codex rollout: the other sources' logs are in the index too.
	const codex = join(t.root, 'codex', 'sessions', '2026', '11', '10');
	mkdirSync(codex, {recursive: true});
	writeFileSync(join(codex, 'rollout-x.jsonl'), '');
	return t;
}

const run = ingestTree;
/** Every entry under the home with its size and mtime (what a run changed shows as a new string). */
function homeEntries(home: string): string[] {
	const out: string[] = [];
	for (const e of readdirSync(home, {recursive: true, withFileTypes: true}) as Dirent[]) {
		const path = join(e.parentPath ?? e.path, e.name);
		const st = statSync(path);
		out.push(`${path.slice(home.length + 1)} ${st.size} ${st.mtimeMs}`);
	}
	return out;
}

const check = (t: ReturnType<typeof tree>) => nothingNew({home: t.home, retentionDays: 30}, discoverAll(t.env));
/** The index against a discovery made now (Claude's directories listed). */
const matches = (t: {home: string; env: NodeJS.ProcessEnv}) => warmIndexMatches(readWarmIndex(t.home), discoverAll(t.env));
/** The index against a discovery that replays its walk first, as a warm run does (refresh.ts); `replayed`: whether the replay stood. */
function replayed(t: {home: string; env: NodeJS.ProcessEnv}): {matches: boolean; replayed: boolean} {
	const index = readWarmIndex(t.home);
	const d = discoverAll(t.env, index?.walk);
	return {matches: warmIndexMatches(index, d), replayed: d.replayed};
}
const turns = ledgerTurns;
const cold = (env: NodeJS.ProcessEnv) => coldTurns(env, 'burn-widx-cold-');

/** Damages every cursor shard's header: the digests can no longer answer, only the index can. */
function breakDigests(home: string): void {
	const dir = join(home, 'cursors');
	for (const name of readdirSync(dir)) writeFileSync(join(dir, name), 'damaged\n');
}

describe('warm index', () => {
	it('is written by a complete ingest and alone answers a warm run (the cursor digests are not needed)', async () => {
		const t = tree();
		expect((await run(t.home, t.env)).filesChanged).toBeGreaterThan(0);
		expect(existsSync(warmIndexPath(t.home))).toBe(true);
		expect(matches(t)).toBe(true);
		breakDigests(t.home);
		expect(CursorStore.load(t.home).allUnchanged(discoverAll(t.env).batches, [])).toBe(false);
		expect(check(t)).toBe(true);
		// Without the index the damaged digests send the run to the ingest proper.
		rmSync(warmIndexPath(t.home));
		expect(check(t)).toBe(false);
	});

	// [change, whether the run after it reads a log]
	const changes: Array<[string, (t: ReturnType<typeof tree>) => void, boolean]> = [
		['an append', (t) => appendFileSync(t.paths[3]!, `${claudeLine('s3', 2, ts(33), 99)}\n`), true],
		['an append to a subagent transcript', (t) => appendFileSync(join(t.sub, 'agent-x1.jsonl'), `${claudeLine('s0', 8, ts(6), 5)}\n`), true],
		['a truncation', (t) => truncateSync(t.paths[4]!, 10), true],
		['a rewrite to the same size', (t) => writeFileSync(t.paths[5]!, `${[0, 1].map((n) => claudeLine('s5', n, ts(50 + n), 51)).join('\n')}\n`), true],
		['a new log in an old directory', (t) => writeFileSync(join(t.dirs[1]!, 'new.jsonl'), `${claudeLine('new', 0, ts(400), 31)}\n`), true],
		['a new project directory', (t) => {
			const d = join(t.env.CLAUDE_CONFIG_DIR, 'projects', '-tmp-c');
			mkdirSync(d);
			writeFileSync(join(d, 'c.jsonl'), `${claudeLine('c', 0, ts(500), 8)}\n`);
		}, true],
		['a Codex rollout appended', (t) => appendFileSync(join(t.root, 'codex', 'sessions', '2026', '11', '10', 'rollout-x.jsonl'), '\n'), true],
		['a log removed', (t) => rmSync(t.paths[6]!), false],
	];
	for (const [name, change, reads] of changes) {
		it(`${name}: the index no longer matches, replayed or not, the run sees it, and its ingest writes a new index`, async () => {
			const t = tree();
			// Directories last changed an hour ago: the walk kept replays (claude-walk.ts).
			ageTree(t.root);
			await run(t.home, t.env);
			expect(replayed(t)).toEqual({matches: true, replayed: true});
			const before = await turns(t.home);
			change(t);
			expect(matches(t)).toBe(false);
			expect(replayed(t).matches).toBe(false);
			breakDigests(t.home);
			const r = await run(t.home, t.env);
			if (reads) expect(r.filesChanged).toBeGreaterThanOrEqual(1);
			// Only additions: the ledger equals a cold one (a log cut or gone keeps what it held).
			if (name.startsWith('an append') || name.startsWith('a new') || name.startsWith('a Codex')) expect(await turns(t.home)).toEqual(await cold(t.env));
			else expect(Object.keys(await turns(t.home))).toEqual(expect.arrayContaining(Object.keys(before)));
			expect(matches(t)).toBe(true);
			expect(check(t)).toBe(true);
			// The index written after a change to a directory is compared, not replayed, until
			// an ingest finds its directories settled.
			expect(replayed(t).matches).toBe(true);
			ageTree(t.root);
			appendFileSync(t.paths[0]!, `${claudeLine('s0', 7, ts(700), 3)}\n`);
			ageTree(t.root);
			await run(t.home, t.env);
			expect(replayed(t)).toEqual({matches: true, replayed: true});
		});
	}

	it('every cursor save removes it first; an ingest that is not complete leaves none', async () => {
		const t = tree();
		await run(t.home, t.env);
		const cursors = CursorStore.load(t.home);
		// A cursor saved as it was (a made-up key would fall, 1 time in 20, into a shard some
		// log of the tree uses, and then rightly send the run to the ingest proper).
		cursors.set(t.paths[0]!, cursors.get(t.paths[0]!)!);
		cursors.save(t.home);
		expect(existsSync(warmIndexPath(t.home))).toBe(false);
		// Nothing new by the digests: the warm run reads nothing and writes the index back (under
		// the lock, the digests checked again), and only the index: the next run is answered by it.
		const before = homeEntries(t.home);
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		expect(existsSync(warmIndexPath(t.home))).toBe(true);
		expect(homeEntries(t.home).filter((e) => !before.includes(e)).map((e) => e.split(' ')[0])).toEqual(['warm-index']);
		expect(existsSync(join(t.home, 'ingest.lock'))).toBe(false);
		expect(check(t)).toBe(true);
		appendFileSync(t.paths[1]!, `${claudeLine('s1', 3, ts(13), 9)}\n`);
		await run(t.home, t.env);
		expect(existsSync(warmIndexPath(t.home))).toBe(true);
		// An unreadable log gets no cursor: not settled, no index.
		mkdirSync(join(t.dirs[0]!, 'dir.jsonl'));
		writeFileSync(join(t.dirs[1]!, 'locked.jsonl'), `${claudeLine('l', 0, ts(600), 4)}\n`, {mode: 0});
		const r = await run(t.home, t.env);
		if (process.getuid?.() !== 0) {
			expect(r.skips.unreadableFiles).toBe(1);
			expect(existsSync(warmIndexPath(t.home))).toBe(false);
		}
	});

	it('damaged, foreign or of other readers: matches nothing, and the run is still right', async () => {
		const t = tree();
		await run(t.home, t.env);
		const path = warmIndexPath(t.home);
		const good = readFileSync(path);
		const nl = good.indexOf(10);
		const header = JSON.parse(good.toString('utf8', 0, nl)) as {rv: number[]};
		const otherReaders = Buffer.concat([Buffer.from(JSON.stringify({...header, rv: header.rv.map((v) => v + 1)})), good.subarray(nl)]);
		const variants: Array<() => void> = [
			() => writeFileSync(path, good.subarray(0, good.length - 5)),
			() => writeFileSync(path, Buffer.concat([good, Buffer.from('x')])),
			() => writeFileSync(path, otherReaders),
			() => writeFileSync(path, 'garbage'),
			() => mkdirSync(path),
		];
		for (const damage of variants) {
			rmSync(path, {recursive: true, force: true});
			damage();
			expect(readWarmIndex(t.home)).toBeUndefined();
			expect(matches(t)).toBe(false);
			expect(replayed(t)).toEqual({matches: false, replayed: false});
		}
		rmSync(path, {recursive: true, force: true});
		writeFileSync(path, good);
		expect(matches(t)).toBe(true);
	});

	it('a tree of thousands of logs replays, and its replay still sees an append, a rename and a new log', async () => {
		const t = smallClaudeTree('burn-widx-big-', 2);
		const many = join(t.dirs[1]!, '..', '-tmp-many');
		mkdirSync(many);
		const line = `${claudeLine('m', 0, ts(1), 3)}\n`;
		for (let i = 0; i < 3000; i++) writeFileSync(join(many, `m${i}.jsonl`), line);
		ageTree(t.root);
		await run(t.home, t.env);
		const head = JSON.parse(readFileSync(warmIndexPath(t.home), 'utf8').split('\n')[0]!) as {logs: number; replay: boolean};
		expect(head.logs).toBeGreaterThan(3000);
		expect(head.replay).toBe(true);
		expect(replayed(t)).toEqual({matches: true, replayed: true});
		// An append changes no directory: the replay gives the log as it is now (no listing), and it does not match.
		appendFileSync(join(many, 'm7.jsonl'), line);
		expect(replayed(t)).toEqual({matches: false, replayed: true});
		await run(t.home, t.env);
		expect(replayed(t).matches).toBe(true);
		renameSync(join(many, 'm8.jsonl'), join(many, 'm8b.jsonl'));
		expect(replayed(t)).toEqual({matches: false, replayed: false});
		ageTree(t.root);
		await run(t.home, t.env);
		expect(replayed(t)).toEqual({matches: true, replayed: true});
		writeFileSync(join(many, 'new.jsonl'), line);
		expect(replayed(t)).toEqual({matches: false, replayed: false});
	}, 60_000);
});

