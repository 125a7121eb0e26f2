// Issue 17, hangs: symbolic links that loop back (`sessions/a -> .`) must not make discovery
// explode; every directory is walked once (device + inode), for every source.
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';

const ingested = (stdout: string) => /^ingested (\d+) new\/changed file\(s\)/m.exec(stdout)?.[1];

describe('symbolic link loops in agent directories', () => {
	it('Codex sessions/ with 7 links to "." : one rollout, found once', () => {
		const h = hostile(0);
		const sessions = join(h.agents.CODEX_HOME, 'sessions');
		const day = join(sessions, '2026', '01', '02');
		mkdirSync(day, {recursive: true});
		writeFileSync(join(day, 'rollout-2026-01-02T03-04-05-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl'), 'not json\n');
		for (let i = 0; i < 7; i++) symlinkSync('.', join(sessions, `loop${i}`));
		symlinkSync('../..', join(day, 'up'));
		const r = runBounded(['ingest'], h.env, 60);
		expect(r.status).toBe(0);
		expect(ingested(r.stdout)).toBe('1');
	});

	it('Claude projects/ with links to itself and to a project: each transcript found once', () => {
		const h = hostile(2);
		const projects = join(h.agents.CLAUDE_CONFIG_DIR, 'projects');
		symlinkSync('.', join(projects, 'loop'));
		symlinkSync('-tmp-hostile-project', join(projects, 'alias'));
		const pdir = join(projects, '-tmp-hostile-project');
		symlinkSync('.', join(pdir, 'self'));
		mkdirSync(join(pdir, 's-hostile', 'subagents'), {recursive: true});
		writeFileSync(join(pdir, 's-hostile', 'subagents', 'agent-a1.jsonl'), `${claudeLine('s-hostile', 9, new Date().toISOString())}\n`);
		symlinkSync('..', join(pdir, 's-hostile', 'subagents', 'back'));
		const r = runBounded(['ingest'], h.env, 60);
		expect(r.status).toBe(0);
		expect(ingested(r.stdout)).toBe('2');
	});

	it('OpenCode storage/session with a link to itself: discovery ends', () => {
		const h = hostile(0);
		const session = join(h.agents.OPENCODE_DATA_DIR, 'storage', 'session');
		mkdirSync(join(session, 'global'), {recursive: true});
		symlinkSync('.', join(session, 'loop'));
		symlinkSync('global', join(session, 'again'));
		writeFileSync(join(session, 'global', 'ses_1.json'), JSON.stringify({id: 'ses_1', time: {created: Date.now()}}));
		const r = runBounded(['ingest'], h.env, 60);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^ingested /m);
	});
});
