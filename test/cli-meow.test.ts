// Arguments read against the flag table (args.ts: strictArgv → readFlags; burn parsed them with
// meow under this strict layer until issue 16), and the help generated from the same table. The
// last block runs the built CLI (npm test builds dist/ first).
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseArgs, strictArgv, UsageError} from '../source/cli/args.js';
import {FLAG_TABLE, flagSpellings} from '../source/cli/flags.js';
import {flagLabel, HELP} from '../source/cli/help.js';
import {CLI, CLI_ESM, runCli, sealed} from './helpers/cli.js';
import {expectOneErrorLine} from './helpers/e2e.js';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const parse = (...argv: string[]) => parseArgs(argv, NOW, '/work/app');
const usage = (...argv: string[]) => {
	try {
		parse(...argv);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}
	throw new Error(`no usage error for ${argv.join(' ')}`);
};

/** Every `-x` / `--name` the help mentions anywhere (usage lines, options, examples). */
const helpFlags = () => new Set(HELP.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? []);
const tableSpellings = () => new Set(Object.entries(FLAG_TABLE).flatMap(([name, spec]) => flagSpellings(name, spec)));

describe('help and parser come from one table', () => {
	it('every spelling the parser accepts is in the help, each on its own option line', () => {
		for (const [name, spec] of Object.entries(FLAG_TABLE)) {
			expect(HELP, name).toMatch(new RegExp(`^    ${flagLabel(name, spec).replace(/[[\]]/g, '\\$&')} +\\S`, 'm'));
		}
		for (const s of tableSpellings()) expect(helpFlags(), s).toContain(s);
	});

	it('every flag the help mentions is one the parser accepts', () => {
		const known = tableSpellings();
		for (const f of helpFlags()) expect(known, f).toContain(f);
		// and the parser really takes it (values where the table says one is needed)
		for (const [name, spec] of Object.entries(FLAG_TABLE)) {
			for (const s of flagSpellings(name, spec)) {
				const argv = spec.value === 'required' ? [`${s}=${name === 'limit' || name === 'budget' || name === 'alert' ? '3' : name === 'source' ? 'codex' : name === 'since' || name === 'until' ? '24h' : 'x'}`] : [s];
				if (name === 'rebuild') argv.unshift('ingest');
				if (name === 'budget' || name === 'alert') argv.unshift(name === 'budget' ? 'status' : 'watch');
				expect(() => parse(...argv), argv.join(' ')).not.toThrow();
			}
		}
	});

	it('the help shows how each flag takes its value, and the parser agrees', () => {
		for (const [name, spec] of Object.entries(FLAG_TABLE)) {
			const label = flagLabel(name, spec);
			const flag = flagSpellings(name, spec).at(-1)!;
			if (spec.value === 'required') {
				expect(label, name).toMatch(/ <\w+>$/);
				expect(usage(flag)).toMatch(new RegExp(`--${name} needs a value`));
			} else if (spec.value === 'optional-next') {
				expect(label, name).toMatch(/ \[\w+\]$/);
				expect(() => parse(flag)).not.toThrow();
			} else if (spec.value === 'optional-eq') {
				expect(label, name).toMatch(/\[=\w+\]$/);
				expect(() => parse(flag)).not.toThrow();
			} else {
				expect(label, name).not.toMatch(/[<[]/);
				expect(usage(`${flag}=1`)).toMatch(/takes no value/);
			}
		}
	});
});

describe('strictness (what yargs-parser inside meow let through)', () => {
	it('-h and -v are help and version', () => {
		expect(parse('-h').help).toBe(true);
		expect(parse('-v').version).toBe(true);
		expect(parse('-h', '--help').help).toBe(true);
		expect(usage('-hv')).toMatch(/unknown option -hv/);
		expect(usage('-V')).toMatch(/unknown option -V/);
	});

	it('a switch never swallows the next word (yargs-parser alone would read `--json false` as json=false)', () => {
		expect(usage('--json', 'false')).toMatch(/unknown command "false"/);
		expect(usage('--no-ingest', 'true')).toMatch(/unknown command "true"/);
		expect(usage('--findings', 'ingest', 'now')).toMatch(/unexpected argument "now"/);
	});

	it('--patterns takes a list only with =, never the next word', () => {
		expect(usage('--patterns', 'retry-loop')).toMatch(/unknown command "retry-loop"/);
		expect(parse('--patterns', 'ingest').command).toBe('ingest');
		expect(usage('--patterns=')).toMatch(/--patterns= needs a value/);
	});

	it('a flag that needs a value never takes the next flag, an empty word or a default', () => {
		expect(usage('--since', '--json')).toMatch(/--since needs a value/);
		expect(usage('--project', '')).toMatch(/--project needs a value/);
		expect(usage('--session=')).toMatch(/--session needs a value/);
		expect(usage('--limit', '-3')).toMatch(/--limit: "-3"/);
		// a value that only looks like a flag is fine inline
		expect(parse('--home=-odd').home).toBe('/work/app/-odd');
	});

	it('--session takes the next word unless it looks like a flag', () => {
		expect(parse('--session', 'abc', '--json').session).toBe('abc');
		expect(parse('--session', '--json').session).toBe(true);
		expect(parse('--session', '-v').session).toBe(true);
		expect(parse('--session=abc').session).toBe('abc');
	});

	it('negations: --no-tty, --no-ingest, --[no-]color; never --tty or --no-json', () => {
		expect(parse('--no-color').color).toBe(false);
		expect(parse('--color').color).toBe(true);
		expect(parse().color).toBe(true);
		expect(usage('--tty')).toBe('unknown option --tty (see burn --help)');
		expect(usage('--ingest=1')).toMatch(/unknown option --ingest/);
		expect(usage('--no-json')).toMatch(/unknown option --no-json/);
		expect(usage('--no-tty', '--no-tty')).toMatch(/--tty given twice/);
		expect(usage('--color', '--no-color')).toMatch(/--color given twice/);
	});

	it('values arrive untouched: = signs, spaces, commas, leading dashes', () => {
		expect(parse('--session=a=b').session).toBe('a=b');
		expect(parse('--project', '/tmp/a b').project).toBe('/tmp/a b');
		expect(parse('--provider', 'OpenAI, anthropic').providers).toEqual(['openai', 'anthropic']);
		expect(parse('--limit', '007').limit).toBe(7);
		expect(parse('--since', '2026-11-01T00:00:00Z').since).toBe('2026-11-01T00:00:00.000Z');
	});

	it('words after -- are positionals, even when they look like flags', () => {
		expect(parse('--', 'ingest').command).toBe('ingest');
		expect(usage('--', '--json')).toMatch(/unknown command "--json"/);
	});

	it('one reading only: values inline, positionals apart', () => {
		expect(strictArgv(['ingest', '--since', '7d', '--no-tty', '-h', '--session', '--json'])).toEqual({
			flags: ['--since=7d', '--no-tty', '-h', '--session', '--json'],
			positionals: ['ingest'],
		});
	});
});

describe('built CLI', () => {
	it('-v prints the version like --version', () => {
		const s = sealed();
		const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {version: string};
		expect(runCli(['-v'], s.env)).toEqual({status: 0, stdout: `${pkg.version}\n`, stderr: ''});
	});

	it('--json false is a usage error, not json=false', () => {
		const s = sealed();
		const r = runCli(['--json', 'false'], s.env);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expectOneErrorLine(r.stderr);
	});

	it('the start-up path of a report loads neither Ink nor React (they load only for the TUI)', () => {
		// Follow dist/cli.js's static imports, and the chunks a report imports; esbuild marks each
		// bundled module with a `// source/…` or `// node_modules/<name>/` comment.
		const seen = new Set<string>();
		const visit = (file: string) => {
			if (seen.has(file)) return;
			seen.add(file);
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/^import (?:[^'"]*? from )?["'](\.[^"']+)["']/gm)) visit(join(dirname(file), m[1]!));
		};
		visit(CLI_ESM);
		seen.add(CLI);
		const chunks = join(dirname(CLI_ESM), 'chunks');
		for (const name of readdirSync(chunks)) if (/^(report-run|plain|report-cache)-/.test(name)) visit(join(chunks, name));
		const text = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
		expect(text).toContain('// source/report/json.ts'); // the markers exist: the check below can fail
		expect(text).not.toMatch(/\/\/ node_modules\/(ink|react|react-reconciler|yoga-layout|meow)\//);
	});
});
