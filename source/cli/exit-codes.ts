/**
 * Outcomes to exit codes, in one place (PRODUCT.md, Contracts): 0 success (also "no data"),
 * 1 runtime failure (an unknown session id included), 2 usage error, 128 + n when a signal
 * ended the run.
 */
import {constants} from 'node:os';
import {UsageError} from './args.js';
import {SessionPickError} from '../pipeline/errors.js';
import {Interrupted} from '../core/signals.js';

export const EXIT = {ok: 0, failure: 1, usage: 2} as const;

/** 128 + the signal's number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export function signalExitCode(signal: NodeJS.Signals): number {
	return 128 + (constants.signals[signal] ?? 2);
}

export function isAbort(error: unknown): boolean {
	return error instanceof Error && error.name === 'AbortError';
}

/** The exit code of a failure, and the one line to say on stderr (none for an abort). */
export function failureOutcome(error: unknown): {code: number; message?: string} {
	if (error instanceof UsageError) return {code: EXIT.usage, message: error.message};
	// A signal stopped the run: its line was said by the handler (core/signals.ts).
	if (error instanceof Interrupted) return {code: signalExitCode(error.signal)};
	if (isAbort(error)) return {code: signalExitCode('SIGINT')};
	if (error instanceof SessionPickError) return {code: EXIT.failure, message: error.message};
	return {code: EXIT.failure, message: error instanceof Error ? error.message : String(error)};
}
