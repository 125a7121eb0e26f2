// Cursors in shards (issue 17, Memory): a warm ingest with nothing new writes no cursor file,
// an append rewrites only the shard of that log, and a cursors.json of an older version is
// migrated on read.
import {appendFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ingest} from '../source/ledger/ingest.js';
import {scanLedger} from '../source/ledger/scan.js';
import {CursorStore, shardOf} from '../source/ledger/cursors.js';
import {tmp} from './helpers/tmp.js';
import {claudeLine} from './helpers/hostile.js';

function setup(files: number) {
	const root = tmp();
	const claude = join(root, 'claude');
	const project = join(claude, 'projects', '-tmp-shards');
	mkdirSync(project, {recursive: true});
	const home = join(root, 'burn');
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	const t0 = Date.parse('2026-11-20T12:00:00.000Z');
	const paths: string[] = [];
	for (let i = 0; i < files; i++) {
		const p = join(project, `s${i}.jsonl`);
		writeFileSync(p, `${claudeLine(`s${i}`, 0, new Date(t0 + i * 1000).toISOString())}\n`);
		paths.push(p);
	}
	return {home, env, paths, t0};
}

const run = (home: string, env: NodeJS.ProcessEnv) => ingest({home, env, contentMode: 'off', retentionDays: 30, noWorkers: true});

/** name → [inode, mtimeMs, size] of every cursor file. */
function cursorFiles(home: string): Map<string, [number, number, number]> {
	const dir = join(home, 'cursors');
	const out = new Map<string, [number, number, number]>();
	for (const name of readdirSync(dir)) {
		const st = statSync(join(dir, name));
		out.set(name, [st.ino, st.mtimeMs, st.size]);
	}
	return out;
}

async function outputOf(home: string): Promise<number> {
	const {dataset} = await scanLedger({home, window: {since: null, until: null}});
	let n = 0;
	for (const s of dataset.sessions) for (const t of s.turns) n += t.usage.output;
	return n;
}

describe('cursor shards', () => {
	it('a warm ingest with nothing new rewrites no cursor file', async () => {
		const {home, env} = setup(40);
		await run(home, env);
		const before = cursorFiles(home);
		expect(before.size).toBeGreaterThan(1);
		const r = await run(home, env);
		expect(r.filesChanged).toBe(0);
		expect(cursorFiles(home)).toEqual(before);
	});

	it('an append rewrites only the shard of the appended log', async () => {
		const {home, env, paths, t0} = setup(40);
		await run(home, env);
		const before = cursorFiles(home);
		const target = paths[7]!;
		appendFileSync(target, `${claudeLine('s7', 1, new Date(t0 + 9999).toISOString(), 50)}\n`);
		const r = await run(home, env);
		expect(r.filesChanged).toBe(1);
		const after = cursorFiles(home);
		const changed = [...after].filter(([name, v]) => JSON.stringify(before.get(name)) !== JSON.stringify(v)).map(([name]) => name);
		expect(changed).toEqual([`${shardOf(target).toString(16).padStart(2, '0')}.tsv`]);
		expect(CursorStore.load(home).get(target)?.offset).toBe(statSync(target).size);
		// the other cursors still read: a third run finds nothing new
		expect((await run(home, env)).filesChanged).toBe(0);
		expect(await outputOf(home)).toBe(40 * 20 + 50);
	});

	it('migrates a cursors.json of an older version: nothing read again, the file removed', async () => {
		const {home, env} = setup(12);
		await run(home, env);
		// Write the same cursors in the old single-file form, as an older burn left them.
		const store = CursorStore.load(home);
		const files: Record<string, unknown> = {};
		for (const key of store.keys()) {
			const c = store.get(key)!;
			files[key] = {...c, tail: c.tail, state: c.state};
		}
		writeFileSync(join(home, 'cursors.json'), JSON.stringify({version: 1, files}));
		for (const name of readdirSync(join(home, 'cursors'))) writeFileSync(join(home, 'cursors', name), '');
		const r = await run(home, env);
		expect(r.filesChanged).toBe(0);
		expect(existsSync(join(home, 'cursors.json'))).toBe(false);
		expect(CursorStore.load(home).size).toBe(12);
		expect(await outputOf(home)).toBe(12 * 20);
	});

	it('a damaged shard makes its logs be read again, counted once', async () => {
		const {home, env} = setup(12);
		await run(home, env);
		const names = readdirSync(join(home, 'cursors'));
		writeFileSync(join(home, 'cursors', names[0]!), '#burn-cursors 2 99\n[[');
		const r = await run(home, env);
		expect(r.filesChanged).toBeGreaterThan(0);
		expect(await outputOf(home)).toBe(12 * 20);
	});
});
