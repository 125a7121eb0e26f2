/**
 * The log watcher (live/log-watch.ts): a recursive fs.watch on Linux walks the tree
 * asynchronously, so an append while it walks is never told; the watcher calls once after it
 * has had time to settle, whatever happened (the viewer's ingest then finds the append, or
 * nothing). Every wait has a deadline.
 */
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {watchLogs} from '../source/live/log-watch.js';
import {tmp} from './helpers/tmp.js';

function env() {
	const root = tmp('burn-log-watch-');
	mkdirSync(join(root, 'claude', 'projects', '-p'), {recursive: true});
	return {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) return false;
		await new Promise((r) => setTimeout(r, 10));
	}
	return true;
}

describe('the log watcher with fs.watch', () => {
	it('calls once after it settles, with nothing changed (an append during the walk is caught up)', async () => {
		let calls = 0;
		const w = watchLogs(env(), () => calls++, {settleMs: 50, poll: false});
		try {
			expect(w.mode).toBe('watch');
			expect(await until(() => calls === 1, 10_000)).toBe(true);
		} finally {
			w.close();
		}
	});

	it('not after it is closed', async () => {
		let calls = 0;
		const w = watchLogs(env(), () => calls++, {settleMs: 50, poll: false});
		w.close();
		// A later watcher's settle call marks the time by which the first one's would have come.
		let later = 0;
		const w2 = watchLogs(env(), () => later++, {settleMs: 100, poll: false});
		try {
			expect(await until(() => later === 1, 10_000)).toBe(true);
			expect(calls).toBe(0);
		} finally {
			w2.close();
		}
	});
});
