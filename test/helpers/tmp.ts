import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';

const dirs: string[] = [];

/** A temporary directory removed after the test. */
export function tmp(prefix = 'burn-test-'): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	dirs.push(dir);
	return dir;
}

afterEach(() => {
	while (dirs.length) rmSync(dirs.pop()!, {recursive: true, force: true});
});
