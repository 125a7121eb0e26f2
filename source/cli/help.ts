import {FLAG_TABLE, HELP_GROUPS, flagSpellings, type FlagSpec} from './flags.js';

const USAGE = `
  burn — where the tokens and dollars of your AI coding agents go

  Usage
    $ burn [hotspots] [options]     interactive view on a terminal; plain text otherwise
    $ burn ingest [--rebuild]       refresh the ledger from the agents' logs
                                    (--rebuild re-reads every log still on disk)
    $ burn status [--budget <dollars>]     one line: today's spend, active sessions, $/h
    $ burn watch [--json] [--alert <dollars>]  each new turn as the agents write it
`;

const EXAMPLES = `
  Examples
    $ burn                                  this week, interactive
    $ burn --since 24h --no-tty             today's hotspots as text
    $ burn --since 30d --source codex --json | jq .grandTotal
    $ burn --project . --since all          everything spent on this repository
    $ burn --session                        the most recent session, turn by turn
    $ burn --findings --since 4w            waste patterns of the last four weeks
    $ burn --demo                           try it on sample data
    $ burn status --budget 20 || echo over  exit 3 when today passed $20
    $ burn watch --json | jq .cost          new turns as NDJSON

  Exit codes: 0 success (also "no data"), 1 runtime failure, 2 usage error,
  3 over budget (burn status --budget).
`;

/** The left column of a flag's help line: `--since <range>`, `--patterns[=list]`, `-h, --help`. */
export function flagLabel(name: string, spec: FlagSpec): string {
	const meta = spec.meta ? (spec.meta.startsWith('[=') ? spec.meta : ` ${spec.meta}`) : '';
	return `${flagSpellings(name, spec).join(', ')}${meta}`;
}

function options(): string {
	const lines: string[] = [];
	for (const group of HELP_GROUPS) {
		lines.push('', `  ${group}`);
		for (const [name, spec] of Object.entries(FLAG_TABLE)) {
			if (spec.group === group) lines.push(`    ${flagLabel(name, spec).padEnd(20)} ${spec.help}`);
		}
	}
	return lines.join('\n');
}

/** `burn --help`: the options come from the parser's own table (flags.ts), so they cannot drift. */
export const HELP = `${USAGE}${options()}\n${EXAMPLES}`;
