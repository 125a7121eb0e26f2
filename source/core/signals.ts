/**
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT in every mode (issue 13, defect 13): what must be undone
 * is undone (the interactive view leaves the alternate screen, `--demo` removes its temporary
 * directory through its 'exit' hook), one line is said, and the exit status is 128 + the
 * signal's number. `burn watch` and `burn status` handle their own.
 */
import {constants} from 'node:os';

export const EXIT_SIGNALS = ['SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGTERM'] as const;

const cleanups = new Set<() => void>();

/** Runs `fn` first when a signal ends the process; returns the function that unregisters it. */
export function onSignalExit(fn: () => void): () => void {
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

/** Installs the handlers (once per process); `say` writes the one line. Returns the uninstaller. */
export function installSignalHandlers(say: (line: string) => void): () => void {
	const handler = (signal: NodeJS.Signals) => {
		for (const fn of [...cleanups].reverse()) {
			try {
				fn();
			} catch {}
		}
		try {
			say(`interrupted (${signal})`);
		} catch {}
		// 'exit' hooks (the demo directory) run on the way out.
		process.exit(128 + (constants.signals[signal] ?? 2));
	};
	for (const s of EXIT_SIGNALS) process.on(s, handler);
	return () => {
		for (const s of EXIT_SIGNALS) process.off(s, handler);
	};
}
