/** What the command gets from the process: arguments, environment, streams and the time. */
export interface Io {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	/** The interactive view needs a terminal on stdin too (raw mode for its keys). */
	stdin?: {isTTY?: boolean};
	now: number;
}
