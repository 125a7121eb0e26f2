/** What the command gets from the process: arguments, environment, streams and the time. */
export interface Io {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	/** The interactive view needs a terminal on stdin too (raw mode for its keys). */
	stdin?: {isTTY?: boolean};
	/**
	 * Writes bytes to the process's stdout (file descriptor 1) at once, without creating
	 * `process.stdout` (cli/start.ts makes the streams only when something uses them: for a pipe,
	 * creating one loads Node's net and tty modules, ~5 ms of CPU). Used by what the light start prints: a report
	 * served from the report cache, the status line. It returns when it is done with the bytes
	 * (the caller may reuse the buffer). Absent (tests), `stdout.write` is used.
	 */
	out?: (bytes: Uint8Array | string) => void;
	now: number;
	/**
	 * The CommonJS light start (dist/cli.cjs): a command other than `status` and a plain report
	 * stops at once with a Handover (cli/handover.ts), before it does anything.
	 */
	lightOnly?: boolean;
}
