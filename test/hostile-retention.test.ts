// Issue 17: content retention counts back from the newest record in the ledger, not from the
// wall clock, so a clock far ahead of the logs prunes nothing.
import {existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded} from './helpers/hostile.js';
import {pruneContent, retentionReference} from '../source/ledger/content.js';
import {tmp} from './helpers/tmp.js';

const DAY = 86_400_000;

describe('content retention', () => {
	it('logs and sidecars 400 days behind the clock keep their sidecars (end to end)', () => {
		const h = hostile(0);
		const dir = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-old');
		mkdirSync(dir, {recursive: true});
		const t0 = Date.now() - 400 * DAY;
		writeFileSync(join(dir, 's-old.jsonl'), `${[0, 1].map((i) => claudeLine('s-old', i, new Date(t0 + i * 1000).toISOString())).join('\n')}\n`);
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		const sidecar = join(h.burnHome, 'content', 's-old.jsonl');
		expect(existsSync(sidecar)).toBe(true);
		// As if written when the logs were: the wall clock now reads 400 days later.
		utimesSync(sidecar, new Date(t0 + DAY), new Date(t0 + DAY));
		const r = runBounded(['ingest'], h.env);
		expect(r.status).toBe(0);
		expect(existsSync(sidecar)).toBe(true);
	});

	it('prunes what is older than the retention before the newest record, never against a clock far ahead', () => {
		const home = tmp('burn-retention-');
		mkdirSync(join(home, 'ledger'), {recursive: true});
		mkdirSync(join(home, 'content'), {recursive: true});
		writeFileSync(join(home, 'ledger', '2026-03-01.jsonl'), '{}\n');
		writeFileSync(join(home, 'ledger', 'undated.jsonl'), '{}\n');
		const newestEnd = Date.parse('2026-03-02T00:00:00Z');
		const put = (name: string, mtime: number) => {
			writeFileSync(join(home, 'content', name), '{}\n');
			utimesSync(join(home, 'content', name), new Date(mtime), new Date(mtime));
		};
		put('recent.jsonl', newestEnd - 10 * DAY);
		put('old.jsonl', newestEnd - 100 * DAY);
		expect(retentionReference(home, newestEnd + 400 * DAY)).toBe(newestEnd);
		expect(retentionReference(home, newestEnd - DAY)).toBe(newestEnd - DAY);
		expect(pruneContent(home, 90, newestEnd + 400 * DAY)).toBe(1);
		expect(readdirSync(join(home, 'content'))).toEqual(['recent.jsonl']);
	});

	it('prunes nothing when the ledger holds no dated record', () => {
		const home = tmp('burn-retention-');
		mkdirSync(join(home, 'content'), {recursive: true});
		writeFileSync(join(home, 'content', 'a.jsonl'), '{}\n');
		utimesSync(join(home, 'content', 'a.jsonl'), new Date(0), new Date(0));
		expect(pruneContent(home, 90)).toBe(0);
		expect(existsSync(join(home, 'content', 'a.jsonl'))).toBe(true);
	});
});
