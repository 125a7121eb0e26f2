// Issue 17, "Damaged ledger lines are dropped silently": a partition truncated mid-line, or
// with garbage inside, loses turns; burn counts and says what it skipped (one stderr line,
// exit 0), the other turns still count, and `burn ingest --rebuild` restores them from the logs.
import {readFileSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hostile, runBounded, turnsOf} from './helpers/hostile.js';

const day = () => new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
const said = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('burn: '));

describe('damaged ledger lines', () => {
	for (const [name, damage] of [
		['truncated mid-line', (path: string) => truncateSync(path, readFileSync(path).length - 40)],
		[
			'garbage inside',
			(path: string) => {
				const lines = readFileSync(path, 'utf8').split('\n');
				lines.splice(1, 0, '\u0000\u0000garbage{{{ not json', '{"v":1,"kind":"turn","record":');
				writeFileSync(path, lines.join('\n'));
			},
		],
	] as const) {
		it(`a partition ${name}: the loss is counted and said in one line; --rebuild restores every turn`, () => {
			const h = hostile(4);
			expect(runBounded(['ingest'], h.env).status).toBe(0);
			const full = turnsOf(runBounded(['--json', '--since', '7d', '--no-ingest'], h.env));
			expect(full).toBe(4);
			damage(join(h.burnHome, 'ledger', `${day()}.jsonl`));
			const r = runBounded(['--json', '--since', '7d', '--no-ingest'], h.env);
			expect(r.status).toBe(0);
			const lines = said(r.stderr);
			expect(lines.some((l) => /ledger holds bad input: \d+ invalid record\(s\) skipped/.test(l)), r.stderr).toBe(true);
			expect(lines.join('\n')).toContain('--rebuild');
			// Garbage costs no good turn; a cut costs the turn it cut.
			expect(turnsOf(r)).toBe(name === 'garbage inside' ? 4 : 3);
			expect(runBounded(['ingest', '--rebuild'], h.env).status).toBe(0);
			const after = runBounded(['--json', '--since', '7d', '--no-ingest'], h.env);
			expect(turnsOf(after)).toBe(4);
			expect(said(after.stderr)).toEqual([]);
		});
	}
});
