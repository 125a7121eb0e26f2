// Issue 15 (`burn status` warm): Claude discovery records its walk, and a warm run replays it
// (one stat per entry, no directory listed) instead of discovering again. A replay may stand
// only when discovery would find exactly the same: these tests change the tree in every way
// that changes what discovery finds and check the replay refuses, that a walk with a directory
// younger than SETTLE_MS (the racy case) or one discovery could not repeat is never replayed,
// and that what a replay gives equals what discovery finds.
import {appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {discoverClaude} from '../source/sources/discover.js';
import {discoverAll} from '../source/sources/discover-all.js';
import {replayWalk, SETTLE_MS, walkBatches, walkRoots, type WalkData} from '../source/sources/claude-walk.js';
import {claudeLine} from './helpers/hostile.js';
import {smallClaudeTree, treeTs} from './helpers/claude-tree.js';
import {ageTree} from './helpers/age-tree.js';

function settledTree() {
	const t = smallClaudeTree('burn-walk-', 6);
	// A session directory without subagents/ (a probe that finds nothing) and a plain file.
	mkdirSync(join(t.dirs[1]!, 's1', 'tool-results'), {recursive: true});
	writeFileSync(join(t.dirs[0]!, 'notes.txt'), 'x');
	const aged = ageTree(t.root);
	return {...t, aged};
}

const walkOf = (env: NodeJS.ProcessEnv): WalkData => discoverClaude(env).walk.data();
const stands = (walk: WalkData, env: NodeJS.ProcessEnv) => replayWalk(walk, env) !== undefined;
const line = (n: number) => `${claudeLine('w', n, treeTs(n), 5)}\n`;

describe('Claude walk', () => {
	it('on a settled tree: replayable, it stands, and what it gives equals what discovery finds', () => {
		const t = settledTree();
		const found = discoverClaude(t.env);
		const walk = found.walk.data();
		expect(walk.replay).toBe(true);
		expect(walk.text).toContain(`A${join(t.dirs[1]!, 's1', 'subagents')}\0`);
		expect(replayWalk(walk, t.env)).toEqual({claudeLogs: 7});
		expect(walkBatches(walk)).toEqual(found.logs);
		expect(walkRoots(walk)).toEqual(found.roots);
		// Through discoverAll, as a warm run does: the same logs, files and roots, replayed.
		const fresh = discoverAll(t.env);
		const again = discoverAll(t.env, walk);
		expect(again.replayed).toBe(true);
		expect(fresh.replayed).toBe(false);
		expect(again.logCount).toBe(fresh.logCount);
		expect(again.files).toEqual(fresh.files);
		expect(again.roots).toEqual(fresh.roots);
		expect(again.sourcesFound).toEqual(fresh.sourcesFound);
		expect(again.claudeWalk()).toBe(walk);
	});

	// Every change that changes what discovery finds makes the replay refuse. `stats`: the
	// change shows in the stat of a log or of a probed path, so the replay refuses even with
	// every directory's mtime put back as it was; the others show only in a directory's mtime.
	const changes: Array<[string, (t: ReturnType<typeof settledTree>) => void, {stats: boolean}]> = [
		['an append', (t) => appendFileSync(t.paths[2]!, line(1)), {stats: true}],
		['a rewrite to the same size with another mtime', (t) => utimesSync(t.paths[3]!, 1_000_000, 1_000_000), {stats: true}],
		['a log replaced by another file (new inode)', (t) => {
			writeFileSync(`${t.paths[4]!}.tmp`, '');
			renameSync(`${t.paths[4]!}.tmp`, t.paths[4]!);
		}, {stats: true}],
		['a log removed', (t) => rmSync(t.paths[5]!), {stats: true}],
		['a log renamed', (t) => renameSync(t.paths[5]!, join(t.dirs[1]!, 'renamed.jsonl')), {stats: true}],
		['subagents/ made in an old session directory', (t) => {
			mkdirSync(join(t.dirs[1]!, 's1', 'subagents'));
			writeFileSync(join(t.dirs[1]!, 's1', 'subagents', 'agent-n.jsonl'), line(4));
		}, {stats: true}],
		['subagents/ removed', (t) => rmSync(t.sub, {recursive: true}), {stats: true}],
		['a project directory swapped for a link to another', (t) => {
			const other = join(t.root, 'elsewhere');
			mkdirSync(other);
			writeFileSync(join(other, 'o.jsonl'), line(6));
			rmSync(t.dirs[1]!, {recursive: true});
			symlinkSync(other, t.dirs[1]!);
		}, {stats: true}],
		['the projects directory replaced', (t) => {
			const projects = join(t.env.CLAUDE_CONFIG_DIR!, 'projects');
			renameSync(projects, `${projects}.old`);
			mkdirSync(projects);
		}, {stats: true}],
		['a new log in an old project', (t) => writeFileSync(join(t.dirs[1]!, 'new.jsonl'), line(2)), {stats: false}],
		['a new project', (t) => {
			mkdirSync(join(t.env.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-new'));
			writeFileSync(join(t.env.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-new', 'n.jsonl'), line(3));
		}, {stats: false}],
		['a new subagent transcript', (t) => writeFileSync(join(t.sub, 'agent-x2.jsonl'), line(5)), {stats: false}],
	];
	for (const [name, change, {stats}] of changes) {
		it(`${name}: the replay refuses, and discovery finds the change`, () => {
			const t = settledTree();
			const walk = walkOf(t.env);
			expect(stands(walk, t.env)).toBe(true);
			change(t);
			expect(stands(walk, t.env)).toBe(false);
			const d = discoverAll(t.env, walk);
			expect(d.replayed).toBe(false);
			expect(d.claudeWalk().text === walk.text && d.claudeWalk().values.join() === walk.values.join()).toBe(false);
			// Every directory put back to the time it had when the walk was made.
			ageTree(t.root, 0, t.aged);
			expect(stands(walk, t.env)).toBe(!stats);
		});
	}

	it(`a directory changed less than ${SETTLE_MS / 1000} s before the discovery: never replayed (the racy case)`, () => {
		const t = settledTree();
		const now = Date.now() / 1000;
		utimesSync(t.dirs[0]!, now - 2, now - 2);
		const walk = walkOf(t.env);
		expect(walk.replay).toBe(false);
		expect(stands(walk, t.env)).toBe(false);
		// Settled since: a later discovery's walk replays.
		ageTree(t.root);
		expect(walkOf(t.env).replay).toBe(true);
	});

	it('a directory entered twice (a link to one seen before) or unreadable: not replayable', () => {
		const t = settledTree();
		symlinkSync(t.dirs[0]!, join(t.env.CLAUDE_CONFIG_DIR!, 'projects', 'zz-link'));
		ageTree(t.root);
		expect(walkOf(t.env).replay).toBe(false);
		rmSync(join(t.env.CLAUDE_CONFIG_DIR!, 'projects', 'zz-link'));
		ageTree(t.root);
		expect(walkOf(t.env).replay).toBe(true);
		if (process.getuid?.() === 0) return; // root lists any directory
		chmodSync(t.dirs[1]!, 0);
		try {
			const found = discoverClaude(t.env);
			expect(found.unreadableDirs).toEqual([t.dirs[1]]);
			expect(found.walk.data().replay).toBe(false);
		} finally {
			chmodSync(t.dirs[1]!, 0o755);
		}
	});

	it('another set of Claude roots, or a damaged walk: not replayed', () => {
		const t = settledTree();
		const walk = walkOf(t.env);
		const other = {...t.env, CLAUDE_CONFIG_DIR: `${t.env.CLAUDE_CONFIG_DIR},${join(t.root, 'second')}`};
		expect(discoverAll(other, walk).replayed).toBe(false);
		expect(discoverAll(t.env, walk).replayed).toBe(true);
		const damaged: WalkData[] = [
			{...walk, values: walk.values.subarray(1)},
			{...walk, values: Float64Array.from([...walk.values, 0])},
			{...walk, text: walk.text.slice(0, -1)},
			{...walk, text: walk.text.replace('\0F', '\0X')},
			{...walk, replay: false},
		];
		for (const w of damaged) expect(stands(w, t.env)).toBe(false);
	});
});
