// Issue 17: a Claude project directory or `subagents/` directory that cannot be listed is
// counted as unreadable and named, not skipped without a word. Modes mean nothing to root,
// so the CLI runs as `nobody` (skipped when this process cannot switch to it).
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {AS_NOBODY, canBecomeNobody, claudeLine, hostile, runBounded, turnsOf} from './helpers/hostile.js';

describe.skipIf(!canBecomeNobody())('unreadable log directories (as nobody)', () => {
	it('a project directory and a subagents directory at mode 000 are counted and named', () => {
		const h = hostile(2);
		const projects = join(h.agents.CLAUDE_CONFIG_DIR, 'projects');
		const hidden = join(projects, '-tmp-hidden');
		mkdirSync(hidden);
		writeFileSync(join(hidden, 's-hidden.jsonl'), `${claudeLine('s-hidden', 0, new Date(Date.now() - 3_600_000).toISOString())}\n`);
		const subagents = join(projects, '-tmp-hostile-project', 's-hostile', 'subagents');
		mkdirSync(subagents, {recursive: true});
		writeFileSync(join(subagents, 'agent-a1.jsonl'), `${claudeLine('s-hostile', 9, new Date(Date.now() - 3_000_000).toISOString())}\n`);
		spawnSync('chown', ['-R', 'nobody:nogroup', h.root]);
		chmodSync(h.root, 0o755);
		chmodSync(hidden, 0o000);
		chmodSync(subagents, 0o000);
		const r = runBounded(['--json', '--since', 'all'], h.env, 30, AS_NOBODY);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
		const report = JSON.parse(r.stdout) as {leftOut: {unreadableFiles: number}};
		expect(report.leftOut.unreadableFiles).toBe(2);
		expect(r.stderr).toContain('cannot read 2 log directories');
		expect(r.stderr).toContain('their logs are left out');
		const text = runBounded(['--since', 'all', '--no-ingest'], h.env, 30, AS_NOBODY);
		expect(text.status).toBe(0);
	});

	it('a Codex sessions folder that cannot be listed is counted too', () => {
		const h = hostile(1);
		const day = join(h.agents.CODEX_HOME, 'sessions', '2026', '01', '02');
		mkdirSync(day, {recursive: true});
		spawnSync('chown', ['-R', 'nobody:nogroup', h.root]);
		chmodSync(h.root, 0o755);
		chmodSync(day, 0o000);
		const r = runBounded(['--json', '--since', 'all'], h.env, 30, AS_NOBODY);
		expect(r.status).toBe(0);
		expect((JSON.parse(r.stdout) as {leftOut: {unreadableFiles: number}}).leftOut.unreadableFiles).toBe(1);
		expect(r.stderr).toContain(`cannot read log directory ${day}`);
	});
});
