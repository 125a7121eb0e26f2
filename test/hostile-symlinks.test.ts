// Issue 17: links planted in the data directory are never written through, and a data
// directory others may write into is set to 0700.
import {chmodSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hostile, runBounded, turnsOf} from './helpers/hostile.js';

/** Days around the log's turns (an hour ago), in UTC as the partitions are named. */
function days(): string[] {
	return [-1, 0, 1].map((d) => new Date(Date.now() - 3_600_000 + d * 86_400_000).toISOString().slice(0, 10));
}

describe('links planted in the data directory', () => {
	it('a ledger partition that is a symlink is refused; its target is untouched', () => {
		const h = hostile(2);
		const victim = join(h.root, 'victim.txt');
		writeFileSync(victim, 'precious\n');
		mkdirSync(join(h.burnHome, 'ledger'), {recursive: true, mode: 0o700});
		for (const day of days()) symlinkSync(victim, join(h.burnHome, 'ledger', `${day}.jsonl`));
		const r = runBounded(['--json', '--since', 'all'], h.env);
		expect(r.status).toBe(0);
		expect(readFileSync(victim, 'utf8')).toBe('precious\n');
		expect(r.stderr).toContain('is a symbolic link; burn does not write through it');
		expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
	});

	it('a content sidecar that is a symlink is refused; its target is untouched', () => {
		const h = hostile(2);
		const victim = join(h.root, 'victim.txt');
		writeFileSync(victim, 'precious\n');
		mkdirSync(join(h.burnHome, 'content'), {recursive: true, mode: 0o700});
		symlinkSync(victim, join(h.burnHome, 'content', 's-hostile.jsonl'));
		const r = runBounded(['--json', '--since', 'all'], h.env);
		expect(r.status).toBe(0);
		expect(readFileSync(victim, 'utf8')).toBe('precious\n');
		expect(r.stderr).toContain('s-hostile.jsonl is a symbolic link');
		// The ledger was written before the sidecar: the report counts the turns.
		expect(turnsOf(r)).toBe(2);
	});

	it('a data directory and ledger directory at 0777 are set to 0700, and it is said once', () => {
		const h = hostile(2);
		mkdirSync(join(h.burnHome, 'ledger'), {recursive: true});
		chmodSync(h.burnHome, 0o777);
		chmodSync(join(h.burnHome, 'ledger'), 0o777);
		const r = runBounded(['--json', '--since', 'all'], h.env);
		expect(r.status).toBe(0);
		expect(statSync(h.burnHome).mode & 0o777).toBe(0o700);
		expect(statSync(join(h.burnHome, 'ledger')).mode & 0o777).toBe(0o700);
		expect(r.stderr).toContain('(mode 0777); set to 0700');
		expect(readdirSync(join(h.burnHome, 'ledger')).length).toBeGreaterThan(0);
		const again = runBounded(['--json', '--since', 'all'], h.env);
		expect(again.stderr).not.toContain('set to 0700');
	});
});
