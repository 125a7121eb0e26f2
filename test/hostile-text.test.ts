// Issue 17: text from logs and file paths reach the terminal on every stream without escape
// sequences, and without zero-width or bidi characters that misalign table columns.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';
import {sanitize} from '../source/report/format.js';

const ESC = '\x1b';
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

describe('stderr is sanitised like stdout', () => {
	it('a warning naming a path under a data directory with an OSC title sequence prints it without', () => {
		const h = hostile(1);
		const home = join(h.root, `evil${ESC}]0;pwned${String.fromCharCode(7)}${ESC}[31mred`);
		mkdirSync(join(home, 'ingest.lock', 'inside'), {recursive: true});
		const r = runBounded(['--json', '--home', home], h.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toContain('ingest.lock is a directory and cannot be removed');
		expect(r.stderr).not.toContain(ESC);
		expect(r.stderr).not.toContain(String.fromCharCode(7));
	});

	it('a usage error that echoes an argument carries no escape sequence', () => {
		const h = hostile(0);
		const r = runBounded(['--since', `${ESC}[2J${ESC}]8;;http://x${ESC}\\bad`], h.env);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/^burn: /);
		expect(r.stderr).not.toContain(ESC);
	});

	it('the no-logs message prints an agent directory without its escape sequences', () => {
		const h = hostile(0);
		const r = runBounded([], {...h.env, CLAUDE_CONFIG_DIR: join(h.root, `x${ESC}[41my`)});
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('No agent logs found');
		expect(r.stdout).not.toContain(ESC);
	});
});

describe('zero-width and bidi characters', () => {
	it('sanitize strips zero-width, invisible and bidi characters and turns line separators into spaces', () => {
		expect(sanitize('a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg\u180eh')).toBe('abcdefgh');
		expect(sanitize('x\u202ey\u2067z\u200fw\u061cv')).toBe('xyzwv');
		expect(sanitize('one\u2028two\u2029three')).toBe('one two three');
	});

	it('a project and a model full of them reach the text tables without them', () => {
		const h = hostile(0);
		const dir = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-zw');
		mkdirSync(dir, {recursive: true});
		const line = JSON.parse(claudeLine('s-zw', 0, new Date(Date.now() - 3_600_000).toISOString())) as {cwd: string; message: {model: string}};
		line.cwd = '/tmp/z\u200bw\u200b\u200b\u200b\u202eproj\u2066ect\ufeff';
		line.message.model = 'claude-\u200bsonnet-4-5\u200d';
		writeFileSync(join(dir, 's-zw.jsonl'), `${JSON.stringify(line)}\n`);
		for (const args of [['--since', 'all', '--all'], ['--session', 's-zw', '--since', 'all']]) {
			const r = runBounded(args, {...h.env, COLUMNS: '160'});
			expect(r.status).toBe(0);
			expect(r.stdout).not.toMatch(INVISIBLE);
		}
		const r = runBounded(['--since', 'all', '--all'], {...h.env, COLUMNS: '160'});
		expect(r.stdout).toContain('/tmp/zwproject');
	});
});
