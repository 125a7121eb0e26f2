import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, it} from 'vitest';

/**
 * `../shared` beside the repository: real logs and a golden relayburn ledger from other public
 * repositories. CI has it; a user's clone does not. Nothing from it is ever copied into the
 * repository; tests that compare against it run only when it is there, and say so otherwise.
 * `BURN_SHARED_DIR` points elsewhere (a git worktree has no ../shared beside it).
 */
export const SHARED_DIR = process.env.BURN_SHARED_DIR ? resolve(process.env.BURN_SHARED_DIR) : resolve(import.meta.dirname, '../../../shared');
export const shared = (...parts: string[]) => resolve(SHARED_DIR, ...parts);

/** True when `../shared` (with its fixtures and corpus) sits beside the repository. */
export const hasShared = existsSync(resolve(SHARED_DIR, 'fixtures')) && existsSync(resolve(SHARED_DIR, 'corpus'));

const told = new Set<string>();

/**
 * `describe` for a suite that reads `../shared`: runs when it is present, otherwise is skipped
 * with one line on stderr naming the suite and why. A skipped suite's body is not run at all
 * (it may read ../shared while collecting its tests); it shows as one skipped test.
 */
export function describeShared(name: string, body: () => void): void {
	if (hasShared) {
		describe(name, body);
		return;
	}
	if (!told.has(name)) {
		told.add(name);
		process.stderr.write(`skipped (no ../shared beside the repository: real logs and the golden ledger live there): ${name}\n`);
	}
	describe.skip(`${name} [needs ../shared]`, () => {
		it('skipped: needs ../shared beside the repository', () => {});
	});
}

/** `it` for one test that reads `../shared` inside a suite that does not: skipped (and said) without it. */
export function itShared(name: string, fn: () => void | Promise<void>, timeout?: number): void {
	if (hasShared) {
		it(name, fn, timeout);
		return;
	}
	if (!told.has(name)) {
		told.add(name);
		process.stderr.write(`skipped (no ../shared beside the repository: real logs and the golden ledger live there): ${name}\n`);
	}
	it.skip(`${name} [needs ../shared]`, () => {});
}
