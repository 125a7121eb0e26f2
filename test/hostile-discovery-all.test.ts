// Issue 17, hangs: "Remember the directories visited (device and inode), for every source."
// The demo's logs (Claude, Codex, OpenCode, Gemini, pi) and one log of each other source, then
// a link to itself and one to its parent in every directory: discovery ends and finds the
// same logs, each once.
import {lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {prepareDemoHome} from '../source/cli/demo-home.js';
import {discoverAll} from '../source/sources/discover-all.js';

function plant(path: string, text = '{}\n'): void {
	mkdirSync(join(path, '..'), {recursive: true});
	writeFileSync(path, text);
}

/** A link to `.` and one to `..` in every directory under `dir` (links themselves not followed). */
function loopEverywhere(dir: string): number {
	let n = 0;
	const walk = (d: string) => {
		for (const name of readdirSync(d)) {
			const p = join(d, name);
			if (lstatSync(p).isDirectory()) walk(p);
		}
		symlinkSync('.', join(d, 'zz-self'));
		symlinkSync('..', join(d, 'zz-up'));
		n++;
	};
	walk(dir);
	return n;
}

const found = (env: NodeJS.ProcessEnv) => {
	const d = discoverAll(env);
	return {files: d.files.map((f) => `${f.source} ${f.path}`).sort(), opencode: d.opencode.length, dbs: d.dbs.length};
};

describe('link loops in every source', () => {
	it('every directory linked to itself and its parent: the same logs, each once', () => {
		const env = prepareDemoHome({PATH: process.env.PATH, HOME: '/nonexistent-home'}, Date.parse('2026-11-20T12:00:00Z'));
		plant(join(env.QWEN_RUNTIME_DIR!, 'projects', '-tmp-q', 'chats', 'q1.jsonl'));
		plant(join(env.COPILOT_HOME!, 'session-state', 'c1', 'events.jsonl'));
		plant(join(env.AMP_DATA_DIR!, 'threads', 'T-1.json'));
		plant(join(env.DROID_SESSIONS_DIR!, '-tmp-d', 'd1.settings.json'));
		plant(join(env.GOOSE_PATH_ROOT!, 'data', 'sessions', '20261120_120000.jsonl'));
		const before = found(env);
		const sources = new Set(before.files.map((f) => f.split(' ')[0]));
		for (const s of ['claude-code', 'codex', 'gemini', 'pi', 'qwen', 'copilot', 'amp', 'droid', 'goose']) expect(sources, s).toContain(s);
		const root = join(env.BURN_HOME!, '..');
		expect(loopEverywhere(root)).toBeGreaterThan(20);
		const after = found(env);
		expect(after).toEqual(before);
		expect(new Set(after.files).size).toBe(after.files.length);
	});
});
