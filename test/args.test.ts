import {describe, expect, it} from 'vitest';
import {parseArgs, UsageError} from '../source/cli/args.js';
import {parseTime} from '../source/cli/time.js';

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

describe('arguments', () => {
	it('defaults to hotspots over 7 days', () => {
		const o = parse();
		expect(o.command).toBe('hotspots');
		expect(o.since).toBe('2026-11-17T12:00:00.000Z');
		expect(o.until).toBeNull();
		expect(o.limit).toBe(10);
	});

	it('parses relative and absolute windows', () => {
		expect(parse('--since', '24h').since).toBe('2026-11-23T12:00:00.000Z');
		expect(parse('--since=4w').since).toBe('2026-10-27T12:00:00.000Z');
		expect(parse('--since', '3m').since).toBe(new Date(NOW - 90 * 86_400_000).toISOString());
		expect(parse('--since', 'all').since).toBeNull();
		expect(parse('--since', '2026-11-01T00:00:00Z').since).toBe('2026-11-01T00:00:00.000Z');
		// No offset: local time.
		expect(parse('--since', '2026-11-01').since).toBe(new Date(2026, 10, 1).toISOString());
	});

	it('never lets a flag that needs a value take a default or the next flag', () => {
		expect(usage('--since')).toMatch(/--since needs a value/);
		expect(usage('--since', '--json')).toMatch(/--since needs a value/);
		expect(usage('--limit', 'abc')).toMatch(/--limit/);
		expect(usage('--limit', '0')).toMatch(/--limit/);
		expect(usage('--limit=')).toMatch(/--limit needs a value/);
		expect(usage('--since', 'yesterday')).toMatch(/not a time/);
		expect(usage('--since', '2026-02-30')).toMatch(/not a time/);
	});

	it('rejects unknown flags, commands, sources and patterns with one line', () => {
		expect(usage('--frobnicate')).toBe('unknown option --frobnicate (see burn --help)');
		expect(usage('-x')).toMatch(/unknown option -x/);
		expect(usage('report')).toMatch(/unknown command "report"/);
		expect(usage('--source', 'cursor')).toMatch(/unknown source "cursor"/);
		expect(usage('--patterns=nope')).toMatch(/unknown pattern "nope"/);
		expect(usage('--json=yes')).toMatch(/takes no value/);
		expect(usage('--tty')).toMatch(/unknown option --tty/);
		expect(usage('--rebuild')).toMatch(/--rebuild goes with/);
		expect(usage('--all', '--limit', '3')).toMatch(/cannot be used together/);
	});

	it('reads lists, optional values and negations', () => {
		const o = parse('--source', 'codex,claude-code', '--provider=OpenAI', '--no-tty', '--no-ingest', '--json');
		expect(o.sources).toEqual(['codex', 'claude-code']);
		expect(o.providers).toEqual(['openai']);
		expect(o.tty).toBe(false);
		expect(o.ingest).toBe(false);
		expect(o.json).toBe(true);
		expect(parse('--patterns').patterns).toBe(true);
		expect(parse('--patterns=retries,edit-revert').patterns).toEqual(['retry-loop', 'edit-revert']);
		expect(parse('--session').session).toBe(true);
		expect(parse('--session', '--json').session).toBe(true);
		expect(parse('--session', 'abc').session).toBe('abc');
		expect(parse('--all').limit).toBe(Number.POSITIVE_INFINITY);
		expect(parse('ingest', '--rebuild').rebuild).toBe(true);
		expect(parse('--project', '.').project).toBe('/work/app');
	});

	it('shows a whole session unless a window is given', () => {
		expect(parse('--session', 'abc').since).toBeNull();
		expect(parse('--session', 'abc', '--since', '24h').since).toBe('2026-11-23T12:00:00.000Z');
	});
});

describe('times', () => {
	it('rejects zero and junk', () => {
		expect(parseTime('0d', NOW)).toBeUndefined();
		expect(parseTime('7x', NOW)).toBeUndefined();
		expect(parseTime('2026-13-01', NOW)).toBeUndefined();
		expect(parseTime('2026-11-01T25:00', NOW)).toBeUndefined();
	});
});
