import React from 'react';
import {render} from 'ink';
import type {CliOptions} from '../cli/args.js';
import type {Io} from '../cli/run.js';
import type {ProgressSink} from '../core/progress.js';
import {readContent} from '../ledger/content.js';
import {loadDataset, type LoadRequest} from '../pipeline/load.js';
import {loadSidecarSizes} from '../pipeline/sizes.js';
import {App} from './app.js';
import {prepareAll} from '../analysis/prepare.js';
import {WINDOWS} from './state.js';
import {windowLabel as textWindowLabel} from '../report/text.js';
import {tildify} from '../report/format.js';
import type {DataSource} from './use-data.js';
import {join} from 'node:path';
import {constants as osConstants} from 'node:os';
import {say} from '../report/say.js';

export interface TuiInput {
	opts: CliOptions;
	io: Io;
	home: string;
	buildRequest: (opts: CliOptions, progress: ProgressSink) => LoadRequest;
}

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';

/** The interactive view: full screen, restored on quit, on errors and on signals. */
export async function runTui({opts, io, home, buildRequest}: TuiInput): Promise<number> {
	const source: DataSource = {
		async load(window, reingest, onProgress) {
			const req = buildRequest({...opts, since: window.since, until: window.until}, onProgress);
			const loaded = await loadDataset({...req, ingest: reingest && req.ingest, onProgress});
			const sizes = loadSidecarSizes(home, loaded.dataset, onProgress, opts.ledger);
			const t0 = performance.now();
			onProgress({step: 'analyse', state: 'start'});
			// Attribute every session now (memoised on the dataset): the first frame of the table
			// then only builds its rows.
			prepareAll(loaded.dataset, loaded.priceBook, {sizes});
			onProgress({step: 'analyse', state: 'done', elapsedMs: performance.now() - t0, summary: `${loaded.dataset.sessions.length} sessions`});
			return {dataset: loaded.dataset, priceBook: loaded.priceBook, sizes, warnings: loaded.warnings, inventory: loaded.inventory};
		},
		async content(sessionId) {
			const dir = opts.ledger ? join(opts.ledger, 'content') : undefined;
			return readContent(home, [sessionId], undefined, dir).get(sessionId) ?? [];
		},
	};
	// A key of the `w` cycle stands for "up to now"; any other window (an ISO `--since`, or any
	// `--until`) is explicit: its own key, its bounds as parsed, and the text report's words.
	const label = opts.sinceLabel;
	const cycled = (WINDOWS as readonly string[]).includes(label) && !opts.until;
	const explicit = cycled ? undefined : {since: opts.since, until: opts.until};
	const cycleKey = cycled ? label : opts.until ? 'explicit' : label;
	const explicitLabel = explicit && opts.until ? textWindowLabel(explicit, undefined, io.now) : undefined;
	const stdout = io.stdout;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(`\x1b[?25h${LEAVE_ALT}`);
	};
	// Any signal that ends the process leaves the alternate screen first (exit 128 + its number).
	const SIGNALS = ['SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGTERM'] as const;
	const onSignal = (signal: NodeJS.Signals) => {
		restore();
		process.exit(128 + (osConstants.signals[signal] ?? 2));
	};
	for (const s of SIGNALS) process.once(s, onSignal);
	process.once('exit', restore);
	if (io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
	stdout.write(ENTER_ALT);
	try {
		const app = render(
			<App
				source={source}
				now={io.now}
				initialWindow={cycleKey}
				explicitWindow={explicit}
				explicitLabel={explicitLabel}
				projectLabel={opts.project ? tildify(opts.project, io.env.HOME) : undefined}
				home={io.env.HOME}
				ingestFirst={opts.ingest && !opts.ledger}
				session={opts.session ?? undefined}
			/>,
			{stdout, stderr: io.stderr, exitOnCtrlC: true, patchConsole: false},
		);
		// The App ends with an error when it cannot show what was asked (`--session` unknown or
		// ambiguous): said after leaving the alternate screen, exit 1.
		const failure = await app.waitUntilExit().then(
			() => undefined,
			(error: unknown) => (error instanceof Error ? error.message : String(error)),
		);
		restore();
		if (failure === undefined) return 0;
		say(io.stderr, `${failure}`);
		return 1;
	} finally {
		restore();
		for (const s of SIGNALS) process.off(s, onSignal);
	}
}
