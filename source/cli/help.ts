export const HELP = `
  burn — where the tokens and dollars of your AI coding agents go

  Usage
    $ burn [hotspots] [options]     interactive view on a terminal; plain text otherwise
    $ burn ingest [--rebuild]       refresh the ledger from the agents' logs
                                    (--rebuild re-reads every log still on disk)

  Window and filters
    --since <range>      24h, 7d, 4w, 3m (30 days), all, or an ISO date/time (default 7d)
    --until <time>       end of the window (ISO or relative)
    --source <list>      claude-code, codex, opencode (comma list)
    --project <path>     a project directory (. = here); path prefix or git remote
    --provider <list>    effective provider: anthropic, openai, …
    --session [id]       one session (id or unique prefix); alone = the most recent one

  What to show
    --patterns[=list]    waste-pattern detectors (retry-loop, failure-run, …)
    --findings           all findings, ranked
    --all                every row of every table
    --limit <n>          rows per table (default 10)

  Output
    --json               machine output (keys documented in the README)
    --no-tty             plain text even on a terminal
    --no-color           no colours (NO_COLOR is honoured too)

  Data
    --no-ingest          read the ledger as it is
    --ledger <dir>       read a relayburn 1.x ledger directory, read-only
    --home <dir>         data directory (env BURN_HOME, default ~/.burn)
    --demo               run on a bundled sample data set

  Examples
    $ burn                                  this week, interactive
    $ burn --since 24h --no-tty             today's hotspots as text
    $ burn --since 30d --source codex --json | jq .grandTotal
    $ burn --project . --since all          everything spent on this repository
    $ burn --session                        the most recent session, turn by turn
    $ burn --findings --since 4w            waste patterns of the last four weeks
    $ burn --demo                           try it on sample data

  Exit codes: 0 success (also "no data"), 1 runtime failure, 2 usage error.
`;
