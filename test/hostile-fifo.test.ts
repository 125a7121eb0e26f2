// Issue 17, hangs: a FIFO where burn expects a file (a ledger partition, opencode.db,
// cursors.json, config.json, a log) must never block a run. Only regular files are opened.
import {spawnSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hostile, runBounded, turnsOf} from './helpers/hostile.js';

function mkfifo(path: string): void {
	mkdirSync(join(path, '..'), {recursive: true});
	expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('FIFOs in place of files', () => {
	it('a ledger partition that is a FIFO: the report ends, the other days still count', () => {
		const h = hostile();
		expect(runBounded(['ingest'], h.env).status).toBe(0);
		mkfifo(join(h.burnHome, 'ledger', `${yesterday() === today() ? '2000-01-01' : yesterday()}.jsonl`));
		const r = runBounded(['--json', '--since', '7d', '--no-ingest'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('a FIFO as the partition an ingest appends to: the ingest ends', () => {
		const h = hostile();
		const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
		mkfifo(join(h.burnHome, 'ledger', `${day}.jsonl`));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(r.stderr).toContain('not a regular file');
	});

	it('opencode.db that is a FIFO is not taken for a database', () => {
		const h = hostile();
		mkfifo(join(h.agents.OPENCODE_DATA_DIR, 'opencode.db'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('cursors.json that is a FIFO: the ingest starts over, the report ends', () => {
		const h = hostile();
		mkfifo(join(h.burnHome, 'cursors.json'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(turnsOf(r)).toBe(2);
	});

	it('config.json that is a FIFO: defaults, one line', () => {
		const h = hostile();
		mkfifo(join(h.burnHome, 'config.json'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
		expect(r.stderr).toBe('burn: config.json is not a regular file; using defaults\n');
	});

	it('pricing.json that is a FIFO: the bundled prices, one line', () => {
		const h = hostile();
		mkfifo(join(h.burnHome, 'pricing.json'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
		expect(r.stderr).toContain('pricing.json could not be read');
		expect(r.stderr).toMatch(/is not a regular file\); using the bundled prices\n/);
	});

	it('a Claude transcript that is a FIFO is not read', () => {
		const h = hostile();
		mkfifo(join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 'fifo.jsonl'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('OpenCode JSON-tree files that are FIFOs are counted unreadable, not read', () => {
		const h = hostile();
		const storage = join(h.agents.OPENCODE_DATA_DIR, 'storage');
		mkfifo(join(storage, 'session', 'global', 'ses_x.json'));
		mkfifo(join(storage, 'message', 'ses_y', 'msg_1.json'));
		const r = runBounded(['--json', '--since', '7d'], h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});
});
