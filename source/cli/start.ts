/**
 * The process around the command (cli.tsx, and dist/cli.cjs's light start): the arguments,
 * the streams made only when used, blocking writes to file descriptor 1, the trace line, and
 * the exit. The one place that owns the process exit: views return an exit code.
 */
import {writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import {traceLine} from '../core/trace.js';
import {say} from '../report/say.js';
import {isHandover} from './handover.js';
import type {Io} from './io.js';
import {run} from './run.js';

// The one place that owns the process exit. Views return an exit code; nothing else exits.
const quietOnEpipe = (error: NodeJS.ErrnoException) => {
	// `burn --json | head -c 100`: the reader went away; that is not our failure.
	if (error.code === 'EPIPE') process.exit(0);
	// `burn > /dev/full`, a full disk: one line, exit 1 (no stack trace).
	try {
		say(stderr(), `cannot write the output: ${error.message}`);
	} catch {}
	process.exit(1);
};

// process.stdout and process.stderr are made on first use: for a pipe, creating one loads Node's
// net and tty modules (~5 ms of CPU here), and a report served from the cache or the status line
// never needs them (Io.out).
let stdoutMade = false;
let stderrMade = false;
function stdout(): NodeJS.WriteStream {
	if (!stdoutMade) {
		stdoutMade = true;
		process.stdout.on('error', quietOnEpipe);
	}
	return process.stdout;
}
function stderr(): NodeJS.WriteStream {
	if (!stderrMade) {
		stderrMade = true;
		process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
	}
	return process.stderr;
}

/**
 * Bytes to file descriptor 1 at once (Io.out): a blocking write is a pipe's backpressure. After
 * something used the stream, or on a descriptor set non-blocking (EAGAIN), the rest goes
 * through process.stdout (in order), as a copy: the caller may reuse its buffer on return.
 */
function out(bytes: Uint8Array | string): void {
	const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
	let at = 0;
	try {
		while (!stdoutMade && at < buf.length) at += writeSync(1, buf, at, buf.length - at);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return quietOnEpipe(error as NodeJS.ErrnoException);
	}
	if (at < buf.length) stdout().write(Buffer.from(buf.subarray(at)));
}

/**
 * Runs the command of this process and owns its exit. `lightOnly` (dist/cli.cjs, the CommonJS
 * light start): a command that needs more than the light start stops before it does anything
 * (cli/handover.ts), and `onHandover` is called instead of exiting.
 */
export function startCli(opts: {lightOnly?: boolean; onHandover?: () => void} = {}): void {
	const io: Io = {
		...(opts.lightOnly ? {lightOnly: true} : {}),
		argv: process.argv.slice(2),
		env: process.env,
		cwd: process.cwd(),
		get stdout() {
			return stdout();
		},
		get stderr() {
			return stderr();
		},
		// Asked of the descriptor (creating process.stdin for a pipe is not needed to know), and only
		// when asked: node:tty loads the stream modules too.
		get stdin() {
			return {isTTY: (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0)};
		},
		out,
		now: Date.now(),
	};

	run(io).then(
		(code) => {
			const trace = traceLine();
			if (trace) stderr().write(trace);
			process.exitCode = code;
			// The command is over: whatever still holds the event loop (a load the interactive view
			// abandoned on quit, a reader thread) does not keep the process alive. Output is written
			// first (a slow reader of a pipe gets everything).
			const pending = () => (stdoutMade ? process.stdout.writableLength : 0) + (stderrMade ? process.stderr.writableLength : 0);
			const leave = () => {
				if (pending() > 0) setTimeout(leave, 50).unref();
				else process.exit(code);
			};
			setTimeout(leave, 0).unref();
		},
		(error: unknown) => {
			if (isHandover(error) && opts.onHandover) return opts.onHandover();
			const message = error instanceof Error ? error.message : String(error);
			say(stderr(), message);
			if (process.env.BURN_DEBUG && error instanceof Error) stderr().write(`${error.stack}\n`);
			process.exitCode = 1;
		},
	);
}
