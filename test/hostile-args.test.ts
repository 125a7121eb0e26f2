// Issue 17: unbounded ranges and bad data directories. Each is one plain line on stderr and an
// exit code (2: usage, 1: runtime), never a hang, a spin or a raw errno.
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseTime, parseUntil} from '../source/cli/time.js';
import {expectOneErrorLine} from './helpers/e2e.js';
import {AS_NOBODY, canBecomeNobody, hostile, runBounded, turnsOf} from './helpers/hostile.js';
import {spawnSync} from 'node:child_process';

describe('ranges past what a date can hold', () => {
	for (const [flag, value] of [
		['--since', '36500000d'],
		['--since', '9999999999h'],
		['--since', '99999999999999999999999w'],
		['--until', '9999999999h'],
		['--since', '3000000m'],
	] as const) {
		it(`${flag} ${value}: exit 2, one line`, () => {
			const h = hostile();
			const r = runBounded([flag, value, '--json'], h.env, 20);
			expect(r.status).toBe(2);
			expect(r.stdout).toBe('');
			expectOneErrorLine(r.stderr);
			expect(r.stderr).toContain(value);
		});
	}

	it('the widest window a date can hold still works (years 0001 to 9999)', () => {
		const h = hostile();
		const r = runBounded(['--since', '0001-01-01', '--until', '9999-12-31', '--json'], h.env, 30);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('parseTime: years 0001 and 9999 are themselves, outside is refused', () => {
		const now = Date.UTC(2026, 0, 1);
		expect(new Date(parseTime('0050-06-01T12:00:00Z', now)!).getUTCFullYear()).toBe(50);
		expect(new Date(parseTime('0050-06-01', now)!).getFullYear()).toBe(50);
		expect(new Date(parseTime('0050-06-01 10:00', now)!).getFullYear()).toBe(50);
		expect(parseTime('9999-12-31T23:59:59Z', now)).toBe(253_402_300_799_000);
		expect(parseUntil('9999-12-31', now)).toBeDefined();
		expect(parseTime('740000d', now)).toBeUndefined();
		expect(parseTime('730000d', now)).toBeDefined();
	});
});

describe('bad data directories', () => {
	it('--home /proc/x: one line, exit 1, no spin', () => {
		const h = hostile();
		const r = runBounded(['--home', '/proc/burn-hostile/x', '--json'], h.env, 20);
		expect(r.status).toBe(1);
		expectOneErrorLine(r.stderr);
		expect(r.stderr).toContain('cannot use /proc/burn-hostile/x as the data directory');
	});

	it('--home that is a file: one line, exit 1, no raw errno', () => {
		const h = hostile();
		const file = join(h.root, 'afile');
		writeFileSync(file, 'x');
		const r = runBounded(['--home', file, '--json'], h.env, 20);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe(`burn: cannot use ${file} as the data directory: a file with that name is in the way\n`);
	});

	it('--home under a file: one line, exit 1, names the file', () => {
		const h = hostile();
		const file = join(h.root, 'afile');
		writeFileSync(file, 'x');
		const r = runBounded(['--home', join(file, 'burn', 'deeper'), '--json'], h.env, 20);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe(`burn: cannot use ${join(file, 'burn', 'deeper')} as the data directory: ${file} is a file, not a directory\n`);
	});

	it.skipIf(!canBecomeNobody())('--home under a directory burn may not write (as nobody): one line, exit 1', () => {
		const h = hostile();
		const locked = join(h.root, 'locked');
		mkdirSync(locked, {mode: 0o555});
		chmodSync(h.root, 0o755);
		spawnSync('chown', ['-R', 'nobody:nogroup', h.home]);
		const r = runBounded(['--home', join(locked, 'burn'), '--json'], h.env, 20, AS_NOBODY);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe(`burn: cannot use ${join(locked, 'burn')} as the data directory: permission denied\n`);
	});
});
