/**
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT in every mode (issue 13, defect 13): what must be undone
 * is undone (the interactive view leaves the alternate screen, `--demo` removes its temporary
 * directory through its 'exit' hook), one line is said, and the exit status is 128 + the
 * signal's number. `burn watch` and `burn status` handle their own.
 */
import {constants} from 'node:os';

export const EXIT_SIGNALS = ['SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGTERM'] as const;

const cleanups = new Map<() => void, boolean>();

/**
 * Runs `fn` first when a signal ends the process; returns the function that unregisters it.
 * `immediate`: the process exits right after (the interactive view: once the alternate screen
 * is left, nothing more may be drawn), without the grace that lets a load unwind.
 */
export function onSignalExit(fn: () => void, immediate = false): () => void {
	cleanups.set(fn, immediate);
	return () => cleanups.delete(fn);
}

/** The reason a signal aborts the run with: an AbortError that names its signal. */
export class Interrupted extends Error {
	override name = 'AbortError';
	constructor(readonly signal: NodeJS.Signals) {
		super(`interrupted (${signal})`);
	}
}

/** How long the run may take to unwind (release the ingest lock) after a signal. */
const GRACE_MS = 150;

/**
 * Installs the handlers; `say` writes the one line, `abort` stops the run's work (it unwinds
 * and releases what it holds). The process exits 128 + n after a short grace, or at once on a
 * second signal. Returns the uninstaller.
 */
export function installSignalHandlers(say: (line: string) => void, abort: (reason: Interrupted) => void = () => {}): () => void {
	let signalled = false;
	const handler = (signal: NodeJS.Signals) => {
		const code = 128 + (constants.signals[signal] ?? 2);
		if (signalled) process.exit(code);
		signalled = true;
		const now = [...cleanups.values()].some(Boolean);
		for (const fn of [...cleanups.keys()].reverse()) {
			try {
				fn();
			} catch {}
		}
		try {
			say(`interrupted (${signal})`);
		} catch {}
		if (now) process.exit(code);
		process.exitCode = code;
		abort(new Interrupted(signal));
		// 'exit' hooks (the demo directory) run on the way out.
		setTimeout(() => process.exit(code), GRACE_MS);
	};
	for (const s of EXIT_SIGNALS) process.on(s, handler);
	return () => {
		for (const s of EXIT_SIGNALS) process.off(s, handler);
	};
}
