import {SOURCES} from '../core/records.js';

/**
 * How a flag takes its value:
 * - `none`: a switch, never a value (`--json`, `--json=yes` is an error);
 * - `required`: `--since 7d` or `--since=7d`; the next word must not look like a flag;
 * - `optional-next`: `--session` alone, or `--session <id>` when the next word is not a flag;
 * - `optional-eq`: `--patterns` alone, or `--patterns=<list>` (never the next word).
 */
export type ValueMode = 'none' | 'required' | 'optional-next' | 'optional-eq';

export interface FlagSpec {
	value: ValueMode;
	/** `only`: users type `--no-<name>` and the bare flag is unknown; `also`: both forms. */
	negatable?: 'only' | 'also';
	/** A one-letter form (`-h`). */
	short?: string;
	/** The value's name in the help (`<range>`, `[id]`, `[=list]`). */
	meta?: string;
	/** What a missing value should have been, said in the usage error. */
	hint?: string;
	/** The help line. */
	help: string;
	group: HelpGroup;
}

export const HELP_GROUPS = ['Window and filters', 'What to show', 'Output', 'Data', 'Other'] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];

/** Every flag burn knows. The parser (args.ts) and the help (help.ts) both read this table. */
export const FLAG_TABLE: Record<string, FlagSpec> = {
	since: {
		value: 'required',
		meta: '<range>',
		hint: '24h, 7d, 4w, 3m, all or an ISO date',
		help: '24h, 7d, 4w, 3m (30 days), all, or an ISO date/time (default 7d)',
		group: 'Window and filters',
	},
	until: {value: 'required', meta: '<time>', hint: 'an ISO date/time or 24h, 7d, …', help: 'end of the window (ISO or relative)', group: 'Window and filters'},
	source: {value: 'required', meta: '<list>', hint: SOURCES.join(', '), help: `${SOURCES.join(', ')} (comma list)`, group: 'Window and filters'},
	project: {value: 'required', meta: '<path>', hint: 'a directory, e.g. .', help: 'a project directory (. = here); path prefix or git remote', group: 'Window and filters'},
	provider: {value: 'required', meta: '<list>', hint: 'e.g. anthropic,openai', help: 'effective provider: anthropic, openai, …', group: 'Window and filters'},
	session: {value: 'optional-next', meta: '[id]', help: 'one session (id or unique prefix); alone = the most recent one', group: 'Window and filters'},
	patterns: {value: 'optional-eq', meta: '[=list]', help: 'waste-pattern detectors (retry-loop, failure-run, …)', group: 'What to show'},
	findings: {value: 'none', help: 'all findings, ranked', group: 'What to show'},
	all: {value: 'none', help: 'every row of every table', group: 'What to show'},
	limit: {value: 'required', meta: '<n>', hint: 'a whole number of rows', help: 'rows per table (default 10)', group: 'What to show'},
	budget: {value: 'required', meta: '<dollars>', hint: 'dollars per day, e.g. 20', help: 'with "burn status": exit 3 when today is over this many dollars', group: 'What to show'},
	alert: {value: 'required', meta: '<dollars>', hint: 'dollars, e.g. 5', help: 'with "burn watch" and the interactive view (Live tab): mark a session whose running cost crosses this', group: 'What to show'},
	json: {value: 'none', help: 'machine output (keys documented in the README)', group: 'Output'},
	tty: {value: 'none', negatable: 'only', help: 'plain text even on a terminal', group: 'Output'},
	color: {value: 'none', negatable: 'also', help: 'colours on a terminal, or none (NO_COLOR is honoured too)', group: 'Output'},
	ingest: {value: 'none', negatable: 'only', help: 'read the ledger as it is', group: 'Data'},
	rebuild: {value: 'none', help: 'with "burn ingest": re-read every log still on disk', group: 'Data'},
	ledger: {value: 'required', meta: '<dir>', hint: 'a relayburn ledger directory', help: 'read a relayburn 1.x ledger directory, read-only', group: 'Data'},
	home: {value: 'required', meta: '<dir>', hint: 'a data directory', help: 'data directory (env BURN_HOME, default ~/.burn)', group: 'Data'},
	demo: {value: 'none', help: 'run on a bundled sample data set', group: 'Data'},
	help: {value: 'none', short: 'h', help: 'this help', group: 'Other'},
	version: {value: 'none', short: 'v', help: 'the version of burn', group: 'Other'},
};

/** The spellings a user types for a flag, as the help shows them (`-h, --help`, `--no-tty`). */
export function flagSpellings(name: string, spec: FlagSpec): string[] {
	const long = spec.negatable === 'only' ? [`--no-${name}`] : spec.negatable === 'also' ? [`--${name}`, `--no-${name}`] : [`--${name}`];
	return spec.short ? [`-${spec.short}`, ...long] : long;
}
