import {tildify} from '../report/format.js';
import type {TuiInput} from '../ui/run-tui.js';
import type {CliOptions} from './args.js';
import type {Io} from './io.js';
import {buildRequest} from './request.js';

/** The interactive view's input from the command's options: it never sees CliOptions. */
export function tuiInput(opts: CliOptions, io: Io, home: string): TuiInput {
	return {
		io: {stdout: io.stdout, stderr: io.stderr, env: io.env, now: io.now},
		home,
		request: (window) => buildRequest({...opts, since: window.since, until: window.until}, io.env, home),
		window: {since: opts.since, until: opts.until, label: opts.sinceLabel},
		ingestFirst: opts.ingest && !opts.ledger,
		foreignLedger: opts.ledger,
		...(opts.project ? {projectLabel: tildify(opts.project, io.env.HOME)} : {}),
		...(opts.session !== null ? {session: opts.session} : {}),
		...(opts.alert !== null ? {alert: opts.alert} : {}),
	};
}
