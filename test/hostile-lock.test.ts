// Issue 17, hangs: a lock burn cannot read, or whose holder is not what the pid says, must never
// make a report wait forever (or 121 s). Every run is bounded by `timeout`.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {AS_NOBODY, canBecomeNobody, hostile, runBounded, turnsOf} from './helpers/hostile.js';

const live: ChildProcess[] = [];
afterEach(() => {
	while (live.length) live.pop()!.kill('SIGKILL');
});

/** A live process that is not burn (its pid stands for a reused pid). */
function stranger(): number {
	const c = spawn('sleep', ['120'], {stdio: 'ignore'});
	live.push(c);
	return c.pid!;
}

function startOf(pid: number): string {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}
const BOOT = (() => {
	try {
		return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
	} catch {
		return undefined;
	}
})();

function lockPath(burnHome: string): string {
	mkdirSync(burnHome, {recursive: true, mode: 0o700});
	return join(burnHome, 'ingest.lock');
}

const report = ['--json', '--since', '7d'];

describe('ingest.lock that is not a lock file', () => {
	it('an empty directory is removed and the ingest runs', () => {
		const h = hostile();
		mkdirSync(lockPath(h.burnHome));
		const r = runBounded(report, h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('a directory that cannot be removed: one clear line, the report goes on', () => {
		const h = hostile();
		mkdirSync(join(lockPath(h.burnHome), 'inside'), {recursive: true});
		const r = runBounded(report, h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(0);
		expect(r.stderr).toMatch(/^burn: nothing new ingested: .*ingest\.lock is a directory and cannot be removed; remove it by hand; showing the ledger as it is\n$/);
	});

	it('a dangling symbolic link is removed and the ingest runs', () => {
		const h = hostile();
		symlinkSync(join(h.root, 'nowhere'), lockPath(h.burnHome));
		const r = runBounded(report, h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('a FIFO is removed, never opened for a blocking read', () => {
		const h = hostile();
		expect(spawnSync('mkfifo', [lockPath(h.burnHome)]).status).toBe(0);
		const r = runBounded(report, h.env);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});
});

describe.skipIf(!BOOT)('ingest.lock naming a live process that is not its holder (pid reuse)', () => {
	it('a live pid with another start time is taken over at once', () => {
		const h = hostile();
		const pid = stranger();
		writeFileSync(lockPath(h.burnHome), JSON.stringify({pid, start: String(Number(startOf(pid)) + 7), boot: BOOT}));
		const r = runBounded(report, h.env, 20);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		expect(turnsOf(r)).toBe(2);
	});

	it('a lock written before the last boot is taken over at once', () => {
		const h = hostile();
		const pid = stranger();
		writeFileSync(lockPath(h.burnHome), JSON.stringify({pid, start: startOf(pid), boot: '00000000-0000-4000-8000-000000000000'}));
		const r = runBounded(report, h.env, 20);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('an old bare-pid lock (older burns) of a live process, untouched for an hour, is stale', () => {
		const h = hostile();
		const path = lockPath(h.burnHome);
		writeFileSync(path, String(stranger()));
		const hourAgo = new Date(Date.now() - 3_600_000);
		utimesSync(path, hourAgo, hourAgo);
		const r = runBounded(report, h.env, 20);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('a live holder is waited for until the deadline, then one line and the ledger as it is', () => {
		const h = hostile(2, {BURN_LOCK_WAIT_MS: '300'});
		const pid = stranger();
		writeFileSync(lockPath(h.burnHome), JSON.stringify({pid, start: startOf(pid), boot: BOOT}));
		const r = runBounded(report, h.env, 20);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(0);
		expect(r.stderr).toContain(`burn: waiting for another burn (pid ${pid}) to finish ingesting…\n`);
		expect(r.stderr).toMatch(new RegExp(`burn: nothing new ingested: another burn process \\(pid ${pid}\\) held .*ingest\\.lock for more than 0 s; showing the ledger as it is\\n$`));
	});
});

describe.skipIf(!canBecomeNobody())('a lock left by another user (a killed sudo burn), burn run as nobody', () => {
	function asNobody(fresh: boolean) {
		const h = hostile(2, {BURN_LOCK_WAIT_MS: '300'});
		const path = lockPath(h.burnHome);
		spawnSync('chown', ['-R', 'nobody:nogroup', h.root]);
		chmodSync(h.root, 0o755);
		writeFileSync(path, '4242', {mode: 0o600});
		chownSync(path, 0, 0);
		chmodSync(path, 0o600);
		if (!fresh) {
			const old = new Date(Date.now() - 600_000);
			utimesSync(path, old, old);
		}
		return runBounded(report, h.env, 20, AS_NOBODY);
	}

	it('unreadable and untouched for 10 minutes: taken over', () => {
		const r = asNobody(false);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(2);
	});

	it('unreadable and fresh: waited for until the deadline, then one line', () => {
		const r = asNobody(true);
		expect(r.status).toBe(0);
		expect(turnsOf(r)).toBe(0);
		expect(r.stderr).toMatch(/burn: nothing new ingested: another burn process held .*ingest\.lock for more than 0 s; showing the ledger as it is\n$/);
	});
});
