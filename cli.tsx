#!/usr/bin/env node
// First: V8 settings for a short-lived process (see the module).
import './source/cli/v8-tuning.js';
import {run} from './source/cli/run.js';
import {traceLine} from './source/core/trace.js';
import {say} from './source/report/say.js';
import {isatty} from 'node:tty';

// The one place that owns the process exit. Views return an exit code; nothing else exits.
const quietOnEpipe = (error: NodeJS.ErrnoException) => {
	// `burn --json | head -c 100`: the reader went away; that is not our failure.
	if (error.code === 'EPIPE') process.exit(0);
	// `burn > /dev/full`, a full disk: one line, exit 1 (no stack trace).
	try {
		say(process.stderr, `cannot write the output: ${error.message}`);
	} catch {}
	process.exit(1);
};
process.stdout.on('error', quietOnEpipe);
process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));

run({
	argv: process.argv.slice(2),
	env: process.env,
	cwd: process.cwd(),
	stdout: process.stdout,
	stderr: process.stderr,
	// Asked of the descriptor: creating process.stdin for a pipe is not needed to know.
	stdin: {isTTY: isatty(0)},
	now: Date.now(),
}).then(
	(code) => {
		const trace = traceLine();
		if (trace) process.stderr.write(trace);
		process.exitCode = code;
		// The command is over: whatever still holds the event loop (a load the interactive view
		// abandoned on quit, a reader thread) does not keep the process alive. Output is written
		// first (a slow reader of a pipe gets everything).
		const leave = () => {
			if (process.stdout.writableLength + process.stderr.writableLength > 0) setTimeout(leave, 50).unref();
			else process.exit(code);
		};
		setTimeout(leave, 0).unref();
	},
	(error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		say(process.stderr, message);
		if (process.env.BURN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	},
);
