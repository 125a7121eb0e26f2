// Issue 17: a response stamped past year 9999 (or before year 0001) must not vanish into a
// partition no window reads: it is undated, counted, and shown with --since all.
import {appendFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded, turnsOf} from './helpers/hostile.js';

describe('timestamps past what a day partition holds', () => {
	it('years 10000 and -1 are undated: counted with --since all, never in a lost partition', () => {
		const h = hostile(1);
		const log = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 's-hostile.jsonl');
		appendFileSync(log, `${claudeLine('s-hostile', 7, '+010000-01-01T00:00:00.000Z')}\n${claudeLine('s-hostile', 8, '-000001-06-01T00:00:00.000Z')}\n`);
		const r = runBounded(['--json', '--since', 'all'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(3);
		expect(JSON.parse(r.stdout).undated).toBe(2);
		expect(readdirSync(join(h.burnHome, 'ledger')).filter((n) => !/^(\d{4}-\d{2}-\d{2}|undated)\.jsonl$/.test(n))).toEqual([]);
	});
});
