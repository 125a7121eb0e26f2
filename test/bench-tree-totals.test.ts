// The bench's realistic tree (../shared/tools/gen-claude-logs.py, as `npm run bench` makes it,
// smaller): burn's totals equal the generator's expected.json, with reader threads (as a first
// run of the 300 MB tree uses them) and without. Without ../shared, ingest-handover.test.ts
// checks our own generator's tree (threads against one thread) and hand-written fixtures.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {jsonOf, sumUsage} from './helpers/e2e.js';
import {describeShared, shared} from './helpers/shared.js';
import {tmp} from './helpers/tmp.js';

interface Expected {
	totals: {input: number; output: number; cacheRead: number; cacheCreate5m: number; cacheCreate1h: number; responses: number; toolUses: number};
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

describeShared('totals on the bench tree equal its expected.json', () => {
	it.runIf(hasPython)('with reader threads and without', () => {
		const out = tmp();
		const gen = spawnSync('python3', [shared('tools/gen-claude-logs.py'), out, '--mb', '6', '--days', '40', '--seed', '11', '--subagents'], {encoding: 'utf8'});
		expect(gen.status, gen.stderr).toBe(0);
		const want = (JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8')) as Expected).totals;
		expect(want.responses).toBeGreaterThan(200);
		const agents = {CLAUDE_CONFIG_DIR: join(out, '.claude'), CODEX_HOME: join(out, 'no-codex'), OPENCODE_DATA_DIR: join(out, 'no-opencode')};
		for (const minBytes of ['0', String(1e15)]) {
			const s = sealed({...agents, BURN_WORKER_MIN_BYTES: minBytes});
			const r = jsonOf(runCli(['--json', '--since', 'all'], s.env));
			const got = sumUsage(r.models);
			expect({input: got.input, output: got.output, cacheRead: got.cacheRead, cacheCreate5m: got.cacheCreate5m, cacheCreate1h: got.cacheCreate1h}).toEqual({
				input: want.input,
				output: want.output,
				cacheRead: want.cacheRead,
				cacheCreate5m: want.cacheCreate5m,
				cacheCreate1h: want.cacheCreate1h,
			});
			expect(r.turnsAnalyzed).toBe(want.responses);
		}
	}, 180_000);
});
