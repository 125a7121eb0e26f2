// Issue 17, unusable states: a ledger partition that is a directory, and `ledger` itself a
// regular file. burn says one line and goes on (a report) or moves the obstacle aside and
// rebuilds (an ingest); `burn ingest --rebuild` restores every day whose logs still exist.
import {spawnSync} from 'node:child_process';
import {appendFileSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {claudeLine, hostile, runBounded, turnsOf} from './helpers/hostile.js';

const day = () => new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
const logOf = (h: ReturnType<typeof hostile>) => join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 's-hostile.jsonl');
/** burn's own stderr lines. */
const said = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('burn: '));

/** The day's partition replaced by a directory holding a file. */
function partitionAsDirectory(h: ReturnType<typeof hostile>): string {
	const path = join(h.burnHome, 'ledger', `${day()}.jsonl`);
	rmSync(path);
	mkdirSync(path);
	writeFileSync(join(path, 'something'), 'kept\n');
	return path;
}

describe('a ledger partition that is a directory', () => {
	it('a report says one line naming it and goes on (exit 0)', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		const path = partitionAsDirectory(h);
		const r = runBounded(['--json', '--since', '7d', '--no-ingest'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(0);
		const lines = said(r.stderr);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`ledger partition ${path} is a directory, not a regular file`);
		expect(lines[0]).toContain('--rebuild');
	});

	it('an ingest appending to that day moves it aside and goes on; --rebuild restores the day', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		const path = partitionAsDirectory(h);
		appendFileSync(logOf(h), `${claudeLine('s-hostile', 2, new Date(Date.now() - 3_500_000).toISOString())}\n`);
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(1);
		expect(r.stderr).toContain(`ledger partition ${day()}.jsonl was a directory, not a regular file: moved to ledger/${day()}.jsonl.moved-1`);
		expect(lstatSync(path).isFile()).toBe(true);
		// Nothing deleted: the directory and what it held are beside the ledger.
		expect(existsSync(join(`${path}.moved-1`, 'something'))).toBe(true);
		const rb = runBounded(['ingest', '--rebuild'], h.env);
		expect(rb.status).toBe(0);
		expect(rb.stderr).not.toContain('skipped');
		expect(turnsOf(runBounded(['--json', '--since', '7d', '--no-ingest'], h.env))).toBe(3);
	});

	it('--rebuild moves it aside first and restores the day, without blaming the logs', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		partitionAsDirectory(h);
		const rb = runBounded(['ingest', '--rebuild'], h.env);
		expect(rb.status).toBe(0);
		expect(rb.stderr).toContain('was a directory, not a regular file: moved to');
		expect(rb.stderr).not.toMatch(/skipped|cannot write/);
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
		expect(said(r.stderr)).toEqual([]);
	});

	it('a FIFO as a partition before --rebuild is moved aside too (never opened)', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		const path = join(h.burnHome, 'ledger', `${day()}.jsonl`);
		rmSync(path);
		expect(spawnSync('mkfifo', [path]).status).toBe(0);
		const rb = runBounded(['ingest', '--rebuild'], h.env);
		expect(rb.status).toBe(0);
		expect(rb.stderr).toContain('was a FIFO, not a regular file');
		expect(turnsOf(runBounded(['--json', '--since', '7d', '--no-ingest'], h.env))).toBe(2);
	});
});

describe('`ledger` that is a regular file', () => {
	it('a report without ingest says one line (exit 0, empty report)', () => {
		const h = hostile();
		mkdirSync(h.burnHome, {recursive: true});
		writeFileSync(join(h.burnHome, 'ledger'), 'not a directory\n');
		const r = runBounded(['--json', '--since', '7d', '--no-ingest'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(0);
		const lines = said(r.stderr);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('ledger is not a directory');
	});

	it('an ingest moves it aside and rebuilds every day whose logs exist', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		// Cursors say every log was read; the ledger is gone and a file stands in its place.
		rmSync(join(h.burnHome, 'ledger'), {recursive: true});
		writeFileSync(join(h.burnHome, 'ledger'), 'not a directory\n');
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
		const lines = said(r.stderr);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('was a regular file, not a directory: moved to ledger.moved-1; rebuilding the ledger from the logs');
		expect(readdirSync(h.burnHome)).toContain('ledger.moved-1');
		// The next run is an ordinary warm one.
		const again = runBounded(['--json', '--since', '7d'], h.env);
		expect(turnsOf(again)).toBe(2);
		expect(said(again.stderr)).toEqual([]);
	});
});
