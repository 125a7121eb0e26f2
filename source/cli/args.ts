import {resolve} from 'node:path';
import {SOURCES, type SourceKind} from '../core/records.js';
import {FLAG_TABLE} from './flags.js';
import {parseTime, parseUntil} from './time.js';
import {DETECTOR_ALIASES, DETECTORS, GHOST_KINDS} from '../analysis/patterns/kinds.js';

export class UsageError extends Error {}

export {FLAG_TABLE};

/** Short forms, from the table: `h` → `help`. */
const SHORT = new Map(Object.entries(FLAG_TABLE).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));

const needsValue = (name: string) => new UsageError(`--${name} needs a value (${FLAG_TABLE[name]?.hint ?? 'see burn --help'})`);

/**
 * The one reading of argv, against the flag table: unknown flags, missing values, values on
 * switches and duplicates are usage errors. A string flag never takes the next word when it
 * looks like a flag, a switch never swallows a following `true`/`false` (the leniencies of
 * yargs-parser, which burn used through meow until the start-up cost of loading it for every
 * command mattered: issue 16). Out comes a normal form: every value inline (`--since=7d`),
 * the positionals apart.
 */
export function strictArgv(argv: string[]): {flags: string[]; positionals: string[]} {
	const flags: string[] = [];
	const positionals: string[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (!arg.startsWith('-') || arg === '-') {
			positionals.push(arg);
			continue;
		}
		let name: string;
		let inline: string | undefined;
		let negated = false;
		if (!arg.startsWith('--')) {
			const long = SHORT.get(arg.slice(1));
			if (!long) throw new UsageError(`unknown option ${arg} (see burn --help)`);
			name = long;
		} else {
			const eq = arg.indexOf('=');
			name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
			inline = eq === -1 ? undefined : arg.slice(eq + 1);
			if (name.startsWith('no-') && FLAG_TABLE[name.slice(3)]?.negatable) {
				name = name.slice(3);
				negated = true;
			}
		}
		const spec = FLAG_TABLE[name];
		if (!spec || (spec.negatable === 'only' && !negated)) throw new UsageError(`unknown option ${arg.split('=')[0]} (see burn --help)`);
		const shown = `--${negated ? 'no-' : ''}${name}`;
		if (spec.value === 'none' && inline !== undefined) throw new UsageError(`${shown} takes no value`);
		if (seen.has(name)) {
			// `-h --help` asks for help once; any other flag given twice is ambiguous.
			if (name === 'help' || name === 'version') continue;
			throw new UsageError(`--${name} given twice`);
		}
		seen.add(name);
		if (spec.value === 'none') {
			// A short form stays as typed (`-h`): readFlags maps it to its name.
			flags.push(arg.startsWith('--') ? shown : arg);
			continue;
		}
		if (inline === '') throw spec.value === 'optional-eq' ? new UsageError(`--${name}= needs a value`) : needsValue(name);
		let value = inline;
		const next = argv[i + 1];
		if (value === undefined && spec.value === 'required') {
			if (next === undefined || next === '' || next.startsWith('--')) throw needsValue(name);
			value = next;
			i++;
		} else if (value === undefined && spec.value === 'optional-next' && next !== undefined && next !== '' && !next.startsWith('-')) {
			value = next;
			i++;
		}
		// A bare optional flag stays `--name`, which readFlags reads as "".
		flags.push(value === undefined ? `--${name}` : `--${name}=${value}`);
	}
	return {flags, positionals};
}

/**
 * The normal form as values: switches are booleans (`--no-x` false), everything else a string
 * (a bare optional flag is ""); absent = undefined.
 */
export function readFlags(argv: string[]): {input: string[]; flags: Record<string, string | boolean | undefined>} {
	const {flags, positionals} = strictArgv(argv);
	const out: Record<string, string | boolean | undefined> = {};
	for (const f of flags) {
		if (!f.startsWith('--')) {
			out[SHORT.get(f.slice(1))!] = true;
			continue;
		}
		const eq = f.indexOf('=');
		const name = eq === -1 ? f.slice(2) : f.slice(2, eq);
		if (eq !== -1) out[name] = f.slice(eq + 1);
		else if (name.startsWith('no-') && FLAG_TABLE[name.slice(3)]?.negatable) out[name.slice(3)] = false;
		else out[name] = FLAG_TABLE[name]!.value === 'none' ? true : '';
	}
	return {input: positionals, flags: out};
}

/** `--patterns` values: finding kinds (the detectors' own list). */
export const PATTERN_KINDS: readonly string[] = DETECTORS;

/** relayburn's detector names, accepted as aliases (the detectors' own table, plus single ghost kinds). */
export const PATTERN_ALIASES: Record<string, string> = {
	...DETECTOR_ALIASES,
	...Object.fromEntries(GHOST_KINDS.map((k) => [k, 'ghost-surface'])),
};

export interface CliOptions {
	command: 'hotspots' | 'ingest' | 'status' | 'watch';
	/** ISO bounds; null = open. */
	since: string | null;
	until: string | null;
	/** How the window was asked for: `7d`, `all`, or the raw value. */
	sinceLabel: string;
	/** True when the user gave --since or --until. */
	windowGiven: boolean;
	sources: SourceKind[] | null;
	project: string | null;
	providers: string[] | null;
	/** An id, `true` for the most recent session, null when not asked. */
	session: string | true | null;
	/** Pattern kinds, `true` for all, null when not asked. */
	patterns: string[] | true | null;
	findings: boolean;
	limit: number;
	json: boolean;
	/** false with --no-tty. */
	tty: boolean;
	ingest: boolean;
	color: boolean;
	ledger: string | null;
	home: string | null;
	demo: boolean;
	rebuild: boolean;
	/** `burn status --budget`: dollars per day; `burn watch --alert`: dollars per session. */
	budget: number | null;
	alert: number | null;
	help: boolean;
	version: boolean;
}

function list(value: string, what: string): string[] {
	const items = value.split(',').map((s) => s.trim()).filter(Boolean);
	if (items.length === 0) throw new UsageError(`--${what} needs at least one value`);
	return items;
}

/** Report flags that mean nothing to `burn status` and `burn watch` (they read today and what is new). */
const LIVE_REJECTS = ['since', 'until', 'session', 'patterns', 'findings', 'all', 'limit', 'ledger', 'demo', 'rebuild', 'source', 'project', 'provider'];

/** A dollar amount: a positive number (`20`, `2.5`, `$20`). */
function dollars(name: string, value: string): number {
	const v = value.startsWith('$') ? value.slice(1) : value;
	const n = /^\d+(\.\d+)?$|^\.\d+$/.test(v) ? Number(v) : Number.NaN;
	if (!(n > 0)) throw new UsageError(`--${name}: "${value}" is not an amount of dollars (a number above 0, e.g. 20)`);
	return n;
}

/** Parses and validates every option before any work starts. `now` fixes relative times. */
export function parseArgs(argv: string[], now: number, cwd: string): CliOptions {
	const {input: positionals, flags} = readFlags(argv);
	const opts: CliOptions = {
		command: 'hotspots',
		since: new Date(now - 7 * 86_400_000).toISOString(),
		until: null,
		sinceLabel: '7d',
		windowGiven: false,
		sources: null,
		project: null,
		providers: null,
		session: null,
		patterns: null,
		findings: false,
		limit: 10,
		json: false,
		tty: true,
		ingest: true,
		color: true,
		ledger: null,
		home: null,
		demo: false,
		rebuild: false,
		budget: null,
		alert: null,
		help: false,
		version: false,
	};
	if (positionals.length > 0) {
		const [cmd, ...rest] = positionals;
		if (cmd === 'hotspots' || cmd === 'ingest' || cmd === 'status' || cmd === 'watch') opts.command = cmd;
		else throw new UsageError(`unknown command "${cmd}" (commands: hotspots, ingest, status, watch)`);
		if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
	}
	const str = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
	const given = (name: string) => flags[name] !== undefined;
	if (given('since')) {
		const v = str('since')!;
		opts.windowGiven = true;
		opts.sinceLabel = v;
		if (v === 'all') opts.since = null;
		else {
			const ms = parseTime(v, now);
			if (ms === undefined) throw new UsageError(`--since: "${v}" is not a time (use 24h, 7d, 4w, 3m, all or an ISO date)`);
			opts.since = new Date(ms).toISOString();
		}
	}
	if (given('until')) {
		const v = str('until')!;
		opts.windowGiven = true;
		const ms = parseUntil(v, now);
		if (ms === undefined) throw new UsageError(`--until: "${v}" is not a time (use an ISO date/time or 24h, 7d, …)`);
		opts.until = new Date(ms).toISOString();
		// `--until` alone: the default 7 days end at `--until`, not at now (a bare date: the 7
		// days up to the end of that day).
		const end = parseTime(v, now) === ms ? ms : ms + 1;
		if (!given('since')) opts.since = new Date(end - 7 * 86_400_000).toISOString();
	}
	if (given('source')) {
		const items = list(str('source')!, 'source');
		for (const s of items) {
			if (!SOURCES.includes(s as SourceKind)) throw new UsageError(`--source: unknown source "${s}" (use ${SOURCES.join(', ')})`);
		}
		opts.sources = [...new Set(items)] as SourceKind[];
	}
	if (given('project')) opts.project = resolve(cwd, str('project')!);
	if (given('provider')) opts.providers = list(str('provider')!, 'provider').map((s) => s.toLowerCase());
	// A bare optional flag reads as "".
	if (given('session')) opts.session = str('session') || true;
	if (given('patterns')) {
		const v = str('patterns');
		if (!v) opts.patterns = true;
		else {
			const kinds = list(v, 'patterns').map((k) => {
				const kind = PATTERN_KINDS.includes(k) ? k : PATTERN_ALIASES[k];
				if (!kind) throw new UsageError(`--patterns: unknown pattern "${k}" (use ${PATTERN_KINDS.join(', ')})`);
				return kind;
			});
			opts.patterns = [...new Set(kinds)];
		}
	}
	if (given('limit')) {
		const v = str('limit')!;
		if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--limit: "${v}" is not a whole number of rows (1 or more)`);
		opts.limit = Number(v);
	}
	if (given('all')) opts.limit = Number.POSITIVE_INFINITY;
	opts.findings = flags.findings === true;
	opts.json = flags.json === true;
	opts.tty = flags.tty !== false;
	opts.ingest = flags.ingest !== false;
	opts.color = flags.color !== false;
	if (given('ledger')) opts.ledger = resolve(cwd, str('ledger')!);
	if (given('home')) opts.home = resolve(cwd, str('home')!);
	opts.demo = flags.demo === true;
	opts.rebuild = flags.rebuild === true;
	opts.help = flags.help === true;
	opts.version = flags.version === true;
	opts.budget = given('budget') ? dollars('budget', str('budget')!) : null;
	opts.alert = given('alert') ? dollars('alert', str('alert')!) : null;
	if (opts.budget !== null && opts.command !== 'status') throw new UsageError('--budget goes with "burn status"');
	if (opts.alert !== null && opts.command !== 'watch' && opts.command !== 'hotspots') throw new UsageError('--alert goes with "burn watch" and the interactive view');
	if (opts.command === 'status' || opts.command === 'watch') {
		const other = LIVE_REJECTS.find(given);
		if (other) throw new UsageError(`--${other} does not go with "burn ${opts.command}"`);
	}
	if (given('all') && given('limit')) throw new UsageError('--all and --limit cannot be used together');
	if (opts.rebuild && opts.command !== 'ingest') throw new UsageError('--rebuild goes with "burn ingest"');
	if (opts.since && opts.until && opts.since > opts.until) throw new UsageError('--since is after --until');
	if (opts.ledger && opts.demo) throw new UsageError('--ledger and --demo cannot be used together');
	// `--session <id>` shows the whole session unless a window is given.
	if (opts.session !== null && !opts.windowGiven && opts.session !== true) {
		opts.since = null;
		opts.sinceLabel = 'all';
	}
	return opts;
}
