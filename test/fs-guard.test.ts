// The guard of test/setup/fs-guard.ts can fail: a path outside the repository throws, through
// the default export and through ESM named imports, and is recorded for afterEach.
import fs, {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {FS_GUARD, type GuardState} from './setup/fs-guard.js';
import {allowedRoots, isAllowed, isAncestorOfRoot} from './setup/fs-guard-rules.js';

const installed = (globalThis as unknown as Record<symbol, GuardState | undefined>)[FS_GUARD];
const state: GuardState = installed ?? {roots: [], violations: []};
/** Takes the violations this test made on purpose (so afterEach does not fail it). */
const taken = () => state.violations.splice(0);
const OUTSIDE = '/etc/hostname';

describe('fs guard', () => {
	it('is installed', () => {
		expect(installed).toBeDefined();
	});

	it('a path outside the repository throws, whichever way fs was imported', async () => {
		expect(() => readFileSync(OUTSIDE)).toThrow(/fs-guard: .*readFileSync\(\/etc\/hostname\)/);
		expect(() => fs.readFileSync(OUTSIDE)).toThrow(/fs-guard/);
		expect(() => statSync('/usr')).toThrow(/fs-guard/);
		expect(() => existsSync(join(process.env.HOME ?? '/root', '.claude'))).toThrow(/fs-guard/);
		await expect(readFile(OUTSIDE)).rejects.toThrow(/fs-guard/);
		expect(taken()).toHaveLength(5);
	});

	it('a swallowed violation is still recorded', () => {
		try {
			readFileSync(OUTSIDE);
		} catch {
			// the code under test might catch it; the record stays
		}
		expect(taken()).toEqual([`fs-guard: a test used a path outside the repository: readFileSync(${OUTSIDE})`]);
	});

	it('the repository, the temporary directory and /dev/null are allowed', () => {
		expect(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')).toContain('"name"');
		const dir = mkdtempSync(join(tmpdir(), 'burn-guard-'));
		writeFileSync(join(dir, 'f'), 'x');
		expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('x');
		rmSync(dir, {recursive: true});
		expect(existsSync('/dev/null')).toBe(true);
		expect(state.violations).toEqual([]);
	});

	it('a git-root probe (stat of <dir>/.git) is allowed anywhere; reading past it is not', () => {
		expect(() => statSync('/.git')).toThrow(/ENOENT/);
		expect(state.violations).toEqual([]);
		expect(() => readFileSync('/.git/config')).toThrow(/fs-guard/);
		expect(taken()).toHaveLength(1);
	});

	it('a stat of a directory on the way to a root is allowed (discovery fences its walks); listing or reading it is not', () => {
		expect(isAncestorOfRoot('/', ['/work/repo'])).toBe(true);
		expect(isAncestorOfRoot('/work', ['/work/repo'])).toBe(true);
		expect(isAncestorOfRoot('/work/re', ['/work/repo'])).toBe(false);
		expect(isAncestorOfRoot('/etc', ['/work/repo'])).toBe(false);
		expect(statSync('/').isDirectory()).toBe(true);
		expect(state.violations).toEqual([]);
		expect(() => readdirSync('/')).toThrow(/fs-guard/);
		expect(taken()).toHaveLength(1);
	});

	it('a root is a directory, not a string prefix; symlinked roots are allowed by their real path too', () => {
		const roots = allowedRoots(['/work/repo'], (p) => (p === '/work/repo' ? '/data/repo' : p));
		expect(isAllowed('/work/repo', roots)).toBe(true);
		expect(isAllowed('/work/repo/test/x.ts', roots)).toBe(true);
		expect(isAllowed('/data/repo/x', roots)).toBe(true);
		expect(isAllowed('/work/repo-other/x', roots)).toBe(false);
		expect(isAllowed('/work', roots)).toBe(false);
		expect(isAllowed('/dev/null', roots)).toBe(true);
	});
});
