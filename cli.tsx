#!/usr/bin/env node
import {writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import {run} from './source/cli/run.js';
import type {Io} from './source/cli/io.js';
import {traceLine} from './source/core/trace.js';
import {say} from './source/report/say.js';

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

const io: Io = {
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
		const message = error instanceof Error ? error.message : String(error);
		say(stderr(), message);
		if (process.env.BURN_DEBUG && error instanceof Error) stderr().write(`${error.stack}\n`);
		process.exitCode = 1;
	},
);
