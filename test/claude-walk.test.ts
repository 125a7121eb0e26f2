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
const stands = (walk: WalkData, env: NodeJS.ProcessEnv) => replayWalk(walk, env)?.changed === false;
const line = (n: number) => `${claudeLine('w', n, treeTs(n), 5)}\n`;

describe('Claude walk', () => {
	it('on a settled tree: replayable, it stands, and what it gives equals what discovery finds', () => {
		const t = settledTree();
		const found = discoverClaude(t.env);
		const walk = found.walk.data();
		expect(walk.replay).toBe(true);
		expect(walk.text).toContain(`A${join(t.dirs[1]!, 's1', 'subagents')}\0`);
		expect(replayWalk(walk, t.env)).toEqual({claudeLogs: 7, changed: false, walk});
		expect(walkBatches(walk)).toEqual(found.logs);
		expect(walkRoots(walk)).toEqual(found.roots);
		// Through discoverAll, as a warm run does: the same logs, files and roots, replayed.
		const fresh = discoverAll(t.env);
		const again = discoverAll(t.env, walk);
		expect(again.replayed).toBe(true);
		expect(fresh.replayed).toBe(false);
		expect(again.walkDiffers || fresh.walkDiffers).toBe(false);
		// The walk found now, built as text and numbers, equals the one replayed.
		expect(fresh.claudeWalk()).toEqual(walk);
		expect(again.logCount).toBe(fresh.logCount);
		expect(again.files).toEqual(fresh.files);
		expect(again.roots).toEqual(fresh.roots);
		expect(again.sourcesFound).toEqual(fresh.sourcesFound);
		expect(again.claudeWalk()).toBe(walk);
	});

	// Every change to the tree. `now`: what the replay makes of it: 'log' (only a log's stat
	// changed: the replay gives exactly the walk discovery records now, with no directory
	// listed) or 'dir' (a directory or probe differs: it refuses, and discovery lists again).
	// `putBack`: the same with every directory's mtime put back as it was (forged): 'refuse'
	// (a probe or a directory's identity still tells), 'log' (a log's stat still tells), or
	// 'same' (only the directory's mtime told: why a replay trusts only settled directories).
	type Outcome = {now: 'log' | 'dir'; putBack: 'refuse' | 'log' | 'same'};
	const changes: Array<[string, (t: ReturnType<typeof settledTree>) => void, Outcome]> = [
		['an append', (t) => appendFileSync(t.paths[2]!, line(1)), {now: 'log', putBack: 'log'}],
		['a rewrite to the same size with another mtime', (t) => utimesSync(t.paths[3]!, 1_000_000, 1_000_000), {now: 'log', putBack: 'log'}],
		['a log replaced by another file (new inode)', (t) => {
			writeFileSync(`${t.paths[4]!}.tmp`, '');
			renameSync(`${t.paths[4]!}.tmp`, t.paths[4]!);
		}, {now: 'dir', putBack: 'log'}],
		['a log removed', (t) => rmSync(t.paths[5]!), {now: 'dir', putBack: 'log'}],
		['a log renamed', (t) => renameSync(t.paths[5]!, join(t.dirs[1]!, 'renamed.jsonl')), {now: 'dir', putBack: 'log'}],
		['subagents/ made in an old session directory', (t) => {
			mkdirSync(join(t.dirs[1]!, 's1', 'subagents'));
			writeFileSync(join(t.dirs[1]!, 's1', 'subagents', 'agent-n.jsonl'), line(4));
		}, {now: 'dir', putBack: 'refuse'}],
		['subagents/ removed', (t) => rmSync(t.sub, {recursive: true}), {now: 'dir', putBack: 'refuse'}],
		['a project directory swapped for a link to another', (t) => {
			const other = join(t.root, 'elsewhere');
			mkdirSync(other);
			writeFileSync(join(other, 'o.jsonl'), line(6));
			rmSync(t.dirs[1]!, {recursive: true});
			symlinkSync(other, t.dirs[1]!);
		}, {now: 'dir', putBack: 'refuse'}],
		['the projects directory replaced', (t) => {
			const projects = join(t.env.CLAUDE_CONFIG_DIR!, 'projects');
			renameSync(projects, `${projects}.old`);
			mkdirSync(projects);
		}, {now: 'dir', putBack: 'refuse'}],
		['a new log in an old project', (t) => writeFileSync(join(t.dirs[1]!, 'new.jsonl'), line(2)), {now: 'dir', putBack: 'same'}],
		['a new project', (t) => {
			mkdirSync(join(t.env.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-new'));
			writeFileSync(join(t.env.CLAUDE_CONFIG_DIR!, 'projects', '-tmp-new', 'n.jsonl'), line(3));
		}, {now: 'dir', putBack: 'same'}],
		['a new subagent transcript', (t) => writeFileSync(join(t.sub, 'agent-x2.jsonl'), line(5)), {now: 'dir', putBack: 'same'}],
	];
	const outcome = (walk: WalkData, env: NodeJS.ProcessEnv): 'refuse' | 'log' | 'same' => {
		const r = replayWalk(walk, env);
		return !r ? 'refuse' : r.changed ? 'log' : 'same';
	};
	for (const [name, change, {now, putBack}] of changes) {
		it(`${name}: the replay ${now === 'log' ? 'gives the log as it is now' : 'refuses'}, and equals what discovery finds`, () => {
			const t = settledTree();
			const walk = walkOf(t.env);
			expect(outcome(walk, t.env)).toBe('same');
			change(t);
			expect(outcome(walk, t.env)).toBe(now === 'log' ? 'log' : 'refuse');
			const d = discoverAll(t.env, walk);
			const found = discoverClaude(t.env);
			// Either way the kept walk is known to differ (warm-index.ts needs no compare) ...
			expect(d.walkDiffers).toBe(true);
			expect(d.replayed).toBe(now === 'log');
			// ... and Claude's part is what discovery finds now, logs and walk alike.
			expect(d.batches).toEqual(found.logs);
			expect(d.claudeWalk()).toEqual(found.walk.data());
			// Every directory put back to the time it had when the walk was made.
			ageTree(t.root, 0, t.aged);
			expect(outcome(walk, t.env)).toBe(putBack);
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
