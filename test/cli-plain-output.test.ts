// End-to-end (built CLI, sealed HOME/BURN_HOME, stdout a pipe): the shape of the plain
// outputs of `--findings`, `--patterns` and `burn ingest --json` (issue 13, defect 14).
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs} from './helpers/e2e.js';

describe('--findings / --patterns text on a pipe', () => {
	it('--findings starts with its first line of content, and titles are not cut', () => {
		const s = sealed();
		const text = runCli(['--demo', '--findings', '--all'], s.env);
		expect(text.status).toBe(0);
		expect(text.stdout.split('\n')[0]).toMatch(/^turns analyzed: \d/);
		const json = JSON.parse(runCli(['--demo', '--findings', '--json'], s.env).stdout) as {findings: Array<{title: string}>};
		const long = json.findings.filter((f) => f.title.length > 40);
		expect(long.length).toBeGreaterThan(0);
		for (const f of long) expect(text.stdout, f.title).toContain(f.title);
		// no cell of the table is cut
		const table = text.stdout.split('\n').filter((l) => /^ {2}(high|warn|info) /.test(l));
		expect(table.length).toBe(json.findings.length);
		for (const l of table) expect(l).not.toContain('…');
	});

	it('--patterns starts with its first line of content', () => {
		const s = sealed();
		const r = runCli(['--demo', '--patterns'], s.env);
		expect(r.status).toBe(0);
		expect(r.stdout.split('\n')[0]).toMatch(/^turns analyzed: \d/);
	});
});

describe('burn ingest --json', () => {
	it('prints one JSON object with the ingest result', () => {
		const s = sealed();
		const r = runCli(['--demo', 'ingest', '--json'], s.env);
		expect(r.status).toBe(0);
		const j = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(j).toMatchObject({ran: true, skips: {badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0}, warnings: []});
		expect(j.filesChanged).toBeGreaterThan(0);
		expect(j.bytesRead).toBeGreaterThan(0);
		expect(j.records).toBeGreaterThan(0);
	});

	it('with nothing to ingest, says why in JSON', () => {
		const s = sealed();
		const r = runCli(['ingest', '--no-ingest', '--json'], {...s.env, ...emptyAgentDirs(s.home)});
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ran: false, reason: '--no-ingest'});
	});
});
