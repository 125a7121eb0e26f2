import {resolve} from 'node:path';
import {SOURCES, type SourceKind} from '../core/records.js';
import {parseTime, parseUntil} from './time.js';
import {DETECTOR_ALIASES, DETECTORS, GHOST_KINDS} from '../analysis/patterns/kinds.js';

export class UsageError extends Error {}

type ValueMode = 'none' | 'required' | 'optional-next' | 'optional-eq';

/** Every flag burn knows, with how it takes a value. The help text lists the same set. */
export const FLAG_TABLE: Record<string, {value: ValueMode; hint?: string}> = {
	since: {value: 'required', hint: '24h, 7d, 4w, 3m, all or an ISO date'},
	until: {value: 'required', hint: 'an ISO date/time or 24h, 7d, …'},
	source: {value: 'required', hint: SOURCES.join(', ')},
	project: {value: 'required', hint: 'a directory, e.g. .'},
	provider: {value: 'required', hint: 'e.g. anthropic,openai'},
	session: {value: 'optional-next'},
	patterns: {value: 'optional-eq'},
	findings: {value: 'none'},
	all: {value: 'none'},
	limit: {value: 'required', hint: 'a whole number of rows'},
	json: {value: 'none'},
	tty: {value: 'none'},
	ingest: {value: 'none'},
	color: {value: 'none'},
	ledger: {value: 'required', hint: 'a relayburn ledger directory'},
	home: {value: 'required', hint: 'a data directory'},
	demo: {value: 'none'},
	rebuild: {value: 'none'},
	help: {value: 'none'},
	version: {value: 'none'},
};

const NEGATABLE = new Set(['tty', 'ingest', 'color']);

/** `--patterns` values: finding kinds (the detectors' own list). */
export const PATTERN_KINDS: readonly string[] = DETECTORS;

/** relayburn's detector names, accepted as aliases (the detectors' own table, plus single ghost kinds). */
export const PATTERN_ALIASES: Record<string, string> = {
	...DETECTOR_ALIASES,
	...Object.fromEntries(GHOST_KINDS.map((k) => [k, 'ghost-surface'])),
};

export interface CliOptions {
	command: 'hotspots' | 'ingest';
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
	help: boolean;
	version: boolean;
}

interface RawFlag {
	name: string;
	value: string | undefined;
	negated: boolean;
}

/** Tokenises argv strictly: unknown flags, missing values and stray words are usage errors. */
export function tokenize(argv: string[]): {positionals: string[]; flags: RawFlag[]} {
	const positionals: string[] = [];
	const flags: RawFlag[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (arg === '-h') {
			flags.push({name: 'help', value: undefined, negated: false});
			continue;
		}
		if (!arg.startsWith('--')) {
			if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`unknown option ${arg} (see burn --help)`);
			positionals.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
		const inline = eq === -1 ? undefined : arg.slice(eq + 1);
		let negated = false;
		if (!(name in FLAG_TABLE) && name.startsWith('no-') && NEGATABLE.has(name.slice(3))) {
			name = name.slice(3);
			negated = true;
		}
		const spec = FLAG_TABLE[name];
		if (!spec || (NEGATABLE.has(name) && !negated && name !== 'color')) {
			throw new UsageError(`unknown option --${name} (see burn --help)`);
		}
		if (negated || spec.value === 'none') {
			if (inline !== undefined) throw new UsageError(`--${negated ? 'no-' : ''}${name} takes no value`);
			flags.push({name, value: undefined, negated});
			continue;
		}
		if (spec.value === 'optional-eq') {
			if (inline !== undefined && inline === '') throw new UsageError(`--${name}= needs a value`);
			flags.push({name, value: inline, negated});
			continue;
		}
		if (inline !== undefined) {
			if (inline === '') throw new UsageError(`--${name} needs a value (${spec.hint ?? 'see burn --help'})`);
			flags.push({name, value: inline, negated});
			continue;
		}
		const next = argv[i + 1];
		if (spec.value === 'optional-next') {
			if (next !== undefined && !next.startsWith('-')) {
				flags.push({name, value: next, negated});
				i++;
			} else flags.push({name, value: undefined, negated});
			continue;
		}
		if (next === undefined || next.startsWith('--') || next === '') {
			throw new UsageError(`--${name} needs a value (${spec.hint ?? 'see burn --help'})`);
		}
		flags.push({name, value: next, negated});
		i++;
	}
	return {positionals, flags};
}

function list(value: string, what: string): string[] {
	const items = value.split(',').map((s) => s.trim()).filter(Boolean);
	if (items.length === 0) throw new UsageError(`--${what} needs at least one value`);
	return items;
}

/** Parses and validates every option before any work starts. `now` fixes relative times. */
export function parseArgs(argv: string[], now: number, cwd: string): CliOptions {
	const {positionals, flags} = tokenize(argv);
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
		help: false,
		version: false,
	};
	if (positionals.length > 0) {
		const [cmd, ...rest] = positionals;
		if (cmd === 'hotspots' || cmd === 'ingest') opts.command = cmd;
		else throw new UsageError(`unknown command "${cmd}" (commands: hotspots, ingest)`);
		if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
	}
	const seen = new Set<string>();
	for (const f of flags) {
		if (seen.has(f.name) && f.name !== 'help' && f.name !== 'version') throw new UsageError(`--${f.name} given twice`);
		seen.add(f.name);
		const v = f.value;
		switch (f.name) {
			case 'since': {
				opts.windowGiven = true;
				opts.sinceLabel = v!;
				if (v === 'all') {
					opts.since = null;
					break;
				}
				const ms = parseTime(v!, now);
				if (ms === undefined) throw new UsageError(`--since: "${v}" is not a time (use 24h, 7d, 4w, 3m, all or an ISO date)`);
				opts.since = new Date(ms).toISOString();
				break;
			}
			case 'until': {
				opts.windowGiven = true;
				const ms = parseUntil(v!, now);
				if (ms === undefined) throw new UsageError(`--until: "${v}" is not a time (use an ISO date/time or 24h, 7d, …)`);
				opts.until = new Date(ms).toISOString();
				break;
			}
			case 'source': {
				const items = list(v!, 'source');
				for (const s of items) {
					if (!SOURCES.includes(s as SourceKind)) throw new UsageError(`--source: unknown source "${s}" (use ${SOURCES.join(', ')})`);
				}
				opts.sources = [...new Set(items)] as SourceKind[];
				break;
			}
			case 'project':
				opts.project = resolve(cwd, v!);
				break;
			case 'provider':
				opts.providers = list(v!, 'provider').map((s) => s.toLowerCase());
				break;
			case 'session':
				opts.session = v ?? true;
				break;
			case 'patterns': {
				if (v === undefined) {
					opts.patterns = true;
					break;
				}
				const kinds = list(v, 'patterns').map((k) => {
					const kind = PATTERN_KINDS.includes(k) ? k : PATTERN_ALIASES[k];
					if (!kind) throw new UsageError(`--patterns: unknown pattern "${k}" (use ${PATTERN_KINDS.join(', ')})`);
					return kind;
				});
				opts.patterns = [...new Set(kinds)];
				break;
			}
			case 'limit': {
				if (!/^\d+$/.test(v!) || Number(v) < 1) throw new UsageError(`--limit: "${v}" is not a whole number of rows (1 or more)`);
				opts.limit = Number(v);
				break;
			}
			case 'findings':
				opts.findings = true;
				break;
			case 'all':
				opts.limit = Number.POSITIVE_INFINITY;
				break;
			case 'json':
				opts.json = true;
				break;
			case 'tty':
				opts.tty = false;
				break;
			case 'ingest':
				opts.ingest = false;
				break;
			case 'color':
				opts.color = !f.negated;
				break;
			case 'ledger':
				opts.ledger = resolve(cwd, v!);
				break;
			case 'home':
				opts.home = resolve(cwd, v!);
				break;
			case 'demo':
				opts.demo = true;
				break;
			case 'rebuild':
				opts.rebuild = true;
				break;
			case 'help':
				opts.help = true;
				break;
			case 'version':
				opts.version = true;
				break;
		}
	}
	if (seen.has('all') && seen.has('limit')) throw new UsageError('--all and --limit cannot be used together');
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
