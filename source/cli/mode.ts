import type {CliOptions} from './args.js';
import type {Io} from './io.js';

export type Mode = 'json' | 'text' | 'tui';

/** CI as Ink sees it (is-in-ci): Ink then draws no interactive frame, so the UI would stay blank. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
	const on = (key: string) => key in env && env[key] !== '0' && env[key] !== 'false';
	return on('CI') || on('CONTINUOUS_INTEGRATION');
}

/**
 * The interactive view needs a terminal on stdin (its keys, raw mode) and on stdout, and no CI;
 * anything else gets the text report (issue 13, defect 2: `burn < /dev/null`, `CI=true`).
 */
export function pickMode(opts: CliOptions, io: Io): Mode {
	if (opts.json) return 'json';
	if (!opts.tty || !io.stdout.isTTY || !io.stdin?.isTTY || inCi(io.env)) return 'text';
	return 'tui';
}
