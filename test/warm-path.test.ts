// Issue 17 (warm run on 50,000 logs): a warm ingest skips the cursor shards whose digest says
// their logs are unchanged (cursors.ts), and retention sweeps at most once per day of cutoff.
// Whatever changes between two runs, the warm ledger reads as a cold one over the same logs.
import {appendFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
// Through the warm path's check (refresh.ts, ingestTree), as every caller: a change must never be answered as nothing new.
import {CursorStore} from '../source/ledger/cursors.js';
import {pruneContentIfDue} from '../source/ledger/retention.js';
import {tmp} from './helpers/tmp.js';
import {claudeLine} from './helpers/hostile.js';
import {coldTurns, ingestTree, ledgerTurns, smallClaudeTree, treeTs} from './helpers/claude-tree.js';

const ts = treeTs;

const tree = () => smallClaudeTree('burn-warm-', 30);

const run = ingestTree;
const turns = ledgerTurns;
const cold = (env: NodeJS.ProcessEnv) => coldTurns(env);

describe('warm path: digests of cursor shards', () => {
	it('a warm run with nothing new reads no log and parses no shard', async () => {
		const t = tree();
		expect((await run(t.home, t.env)).filesChanged).toBe(31);
		// Damage every shard's heads line but keep its header (and digest): an unchanged tree
		// never parses them, so nothing is read again.
		for (const name of readdirSync(join(t.home, 'cursors'))) {
			const path = join(t.home, 'cursors', name);
			const text = readFileSync(path, 'utf8');
			const nl = text.indexOf('\n');
			writeFileSync(path, `${text.slice(0, nl + 1)}${'x'.repeat(text.length - nl - 1)}`);
		}
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		// A change in one shard parses that shard (damaged: its logs are read again, counted once).
		appendFileSync(t.paths[3]!, `${claudeLine('s3', 2, ts(33), 99)}\n`);
		const r = await run(t.home, t.env);
		expect(r.filesChanged).toBeGreaterThanOrEqual(1);
		expect(await turns(t.home)).toEqual(await cold(t.env));
	});

	const cases: Array<[string, (t: ReturnType<typeof tree>) => void, 'seen' | 'nothing']> = [
		['append', (t) => appendFileSync(t.paths[4]!, `${claudeLine('s4', 2, ts(44), 77)}\n`), 'seen'],
		['append to a subagent transcript', (t) => appendFileSync(join(t.dirs[0]!, 's0', 'subagents', 'agent-x1.jsonl'), `${claudeLine('s0', 8, ts(6), 5)}\n`), 'seen'],
		['add a file in an old directory', (t) => writeFileSync(join(t.dirs[1]!, 'new.jsonl'), `${claudeLine('new', 0, ts(400), 31)}\n`), 'seen'],
		['add a subagent transcript to an old session', (t) => {
			const sub = join(t.dirs[1]!, 's1', 'subagents');
			mkdirSync(sub, {recursive: true});
			writeFileSync(join(sub, 'agent-y2.jsonl'), `${claudeLine('s1', 7, ts(12), 3)}\n`);
		}, 'seen'],
		['rotate: rename a log and start a new one at its path', (t) => {
			renameSync(t.paths[5]!, `${t.paths[5]!}.old.jsonl`);
			writeFileSync(t.paths[5]!, `${claudeLine('s5', 5, ts(55), 12)}\n`);
		}, 'seen'],
		['touch without change', (t) => {
			const future = new Date(Date.now() + 60_000);
			utimesSync(t.paths[6]!, future, future);
		}, 'nothing'],
	];
	for (const [name, change, expectRead] of cases) {
		it(`${name}: the warm ledger equals a cold one`, async () => {
			const t = tree();
			await run(t.home, t.env);
			change(t);
			const r = await run(t.home, t.env);
			if (expectRead === 'seen') expect(r.filesChanged).toBeGreaterThanOrEqual(1);
			else expect(r.filesChanged).toBe(0);
			expect(await turns(t.home)).toEqual(await cold(t.env));
			// and a third run finds nothing new
			expect((await run(t.home, t.env)).filesChanged).toBe(0);
		});
	}

	it('an append after a touch into the future (the mtime goes back, the file grows) reads only the new bytes', async () => {
		const t = tree();
		await run(t.home, t.env);
		const later = new Date(Date.now() + 60_000);
		utimesSync(t.paths[2]!, later, later);
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		const line = `${claudeLine('s2', 7, ts(27), 55)}\n`;
		appendFileSync(t.paths[2]!, line);
		const r = await run(t.home, t.env);
		expect(r.filesChanged).toBe(1);
		expect(r.bytesRead).toBe(Buffer.byteLength(line));
		expect(await turns(t.home)).toEqual(await cold(t.env));
	});

	it('truncate and delete: the warm ledger keeps what the logs held (logs that go away keep counting)', async () => {
		const t = tree();
		await run(t.home, t.env);
		const before = await turns(t.home);
		writeFileSync(t.paths[8]!, `${claudeLine('s8', 0, ts(80), 18)}\n`);
		rmSync(t.paths[9]!);
		const r = await run(t.home, t.env);
		expect(r.filesChanged).toBe(1);
		expect(await turns(t.home)).toEqual(before);
		appendFileSync(t.paths[8]!, `${claudeLine('s8', 4, ts(84), 44)}\n`);
		expect((await run(t.home, t.env)).filesChanged).toBe(1);
		expect(await turns(t.home)).toEqual({...before, 's8/msg_s8_4': 44});
	});

	it('shards written before digests are rewritten once with one; the next warm run writes nothing', async () => {
		const t = tree();
		await run(t.home, t.env);
		const dir = join(t.home, 'cursors');
		for (const name of readdirSync(dir)) {
			const text = readFileSync(join(dir, name), 'utf8');
			writeFileSync(join(dir, name), text.replace(/^(#burn-cursors 2 \d+) [^\n]*\n/, '$1\n'));
		}
		// A data directory of that age had no warm index either (warm-index.ts).
		rmSync(join(t.home, 'warm-index'));
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		const names = readdirSync(dir);
		for (const name of names) expect(readFileSync(join(dir, name), 'utf8')).toMatch(/^#burn-cursors 2 \d+ [0-9a-f]{16} \d+\n/);
		const mtimes = names.map((n) => statSync(join(dir, n)).mtimeMs);
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		expect(names.map((n) => statSync(join(dir, n)).mtimeMs)).toEqual(mtimes);
		expect(CursorStore.load(t.home).size).toBe(31);
	});
});

describe('warm path: retention sweeps at most once per day of cutoff', () => {
	const DAY = 86_400_000;
	it('sweeps when due, not again the same day, again when the cutoff moved a day or the setting changed', () => {
		const home = tmp('burn-ret-');
		mkdirSync(join(home, 'ledger'), {recursive: true});
		mkdirSync(join(home, 'content'), {recursive: true});
		writeFileSync(join(home, 'ledger', '2026-03-01.jsonl'), '{}\n');
		const end = Date.parse('2026-03-02T00:00:00Z');
		const put = (name: string, mtime: number) => {
			writeFileSync(join(home, 'content', name), '{}\n');
			utimesSync(join(home, 'content', name), new Date(mtime), new Date(mtime));
		};
		put('old.jsonl', end - 100 * DAY);
		expect(pruneContentIfDue(home, 90, end)).toBe(1);
		put('old2.jsonl', end - 100 * DAY);
		// Same cutoff: not swept again.
		expect(pruneContentIfDue(home, 90, end)).toBe(-1);
		expect(readdirSync(join(home, 'content'))).toEqual(['old2.jsonl']);
		// Another setting: swept.
		expect(pruneContentIfDue(home, 60, end)).toBe(1);
		put('old3.jsonl', end - 100 * DAY);
		// A newer day in the ledger moves the cutoff by a day: swept.
		writeFileSync(join(home, 'ledger', '2026-03-02.jsonl'), '{}\n');
		expect(pruneContentIfDue(home, 60, end + 2 * DAY)).toBe(1);
		expect(readdirSync(join(home, 'content'))).toEqual([]);
	});

	it('a damaged mark sweeps again', () => {
		const home = tmp('burn-ret-');
		mkdirSync(join(home, 'ledger'), {recursive: true});
		mkdirSync(join(home, 'content'), {recursive: true});
		writeFileSync(join(home, 'ledger', '2026-03-01.jsonl'), '{}\n');
		writeFileSync(join(home, 'retention.json'), '{"v":1,');
		writeFileSync(join(home, 'content', 'a.jsonl'), '{}\n');
		utimesSync(join(home, 'content', 'a.jsonl'), new Date(0), new Date(0));
		expect(pruneContentIfDue(home, 90, Date.parse('2026-03-02T00:00:00Z'))).toBe(1);
	});
});
