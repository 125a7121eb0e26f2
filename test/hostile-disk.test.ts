// Issue 17: a full disk or a read-only data directory. The report still shows what the ledger
// holds, says once why nothing (more) was ingested, exits 0 and leaves no temporary file or
// lock behind. `> /dev/full` is one line and exit 1. The data directory is a small tmpfs
// mounted in a user namespace (`unshare -rm`): no root needed; skipped where that is refused.
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI} from './helpers/cli.js';
import {shq} from './helpers/e2e.js';
import {hostile} from './helpers/hostile.js';

const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /tmp && true'], {stdio: 'ignore', timeout: 10_000}).status === 0;
if (!canMount) process.stderr.write('skipped (unshare -rm cannot mount a tmpfs here: no user namespaces): full-disk and read-only tests\n');

/** Runs a shell script inside a user + mount namespace, bounded. */
function inNamespace(script: string, env: NodeJS.ProcessEnv) {
	const r = spawnSync('timeout', ['-k', '2', '60', 'unshare', '-rm', 'sh', '-c', script], {env, encoding: 'utf8', timeout: 70_000});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

const burn = (...args: string[]) => [process.execPath, CLI, ...args].map(shq).join(' ');
/** Everything left in a directory tree that looks temporary (or a lock). */
const leftovers = (out: string) => out.split('\n').filter((l) => /\.tmp$|ingest\.lock$/.test(l));

describe.skipIf(!canMount)('a data directory that cannot be written', () => {
	it('a full disk: the report shows the ledger, one line says why, exit 0, nothing left behind', () => {
		const h = hostile(600);
		const script = [
			`mkdir -p ${shq(h.burnHome)} && mount -t tmpfs -o size=48k tmpfs ${shq(h.burnHome)} || exit 9`,
			`${burn('--json', '--since', '7d')} > ${shq(join(h.root, 'out.json'))} 2> ${shq(join(h.root, 'err.txt'))}; echo "rc=$?"`,
			`cat ${shq(join(h.root, 'err.txt'))}`,
			`${burn('--json', '--since', '7d')} > /dev/null; echo "rc2=$?"`,
			`find ${shq(h.burnHome)}`,
		].join('\n');
		const r = inNamespace(script, h.env);
		expect(r.stdout).toContain('rc=0');
		expect(r.stdout).toContain('rc2=0');
		expect(r.stdout).toMatch(/burn: nothing more ingested: cannot write the ledger: no space left on device; showing the ledger as it is\n/);
		expect(r.stdout).not.toMatch(/skipped .*s-hostile\.jsonl/); // not blamed on the log
		expect(leftovers(r.stdout)).toEqual([]);
	});

	it('a read-only data directory: the report shows what the ledger holds, one line, exit 0', () => {
		const h = hostile(3);
		const script = [
			`mkdir -p ${shq(h.burnHome)} && mount -t tmpfs -o size=1m tmpfs ${shq(h.burnHome)} || exit 9`,
			`${burn('ingest')} > /dev/null || exit 9`,
			`mount -o remount,ro ${shq(h.burnHome)}`,
			`echo ${shq(`${JSON.stringify({type: 'user', sessionId: 's-hostile', timestamp: new Date().toISOString(), message: {role: 'user', content: 'more'}})}`)} >> ${shq(join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-hostile-project', 's-hostile.jsonl'))}`,
			`${burn('--json', '--since', '7d')}; echo "rc=$?"`,
		].join('\n');
		const r = inNamespace(script, h.env);
		expect(r.stdout).toContain('rc=0');
		expect(JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('rc='))).turnsAnalyzed).toBe(3);
		expect(r.stderr).toMatch(/^burn: nothing new ingested: cannot create .*ingest\.lock \(EROFS\); showing the ledger as it is\n$/);
	});
});

describe('output that cannot be written', () => {
	it('> /dev/full: one line, exit 1, no stack trace', () => {
		const h = hostile();
		const r = spawnSync('sh', ['-c', `${burn('--json', '--since', '7d')} > /dev/full`], {env: h.env, encoding: 'utf8', timeout: 30_000});
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('burn: cannot write the output: ENOSPC: no space left on device, write\n');
	});

	it('> /dev/full as text: the same', () => {
		const h = hostile();
		const r = spawnSync('sh', ['-c', `${burn('--since', '7d')} > /dev/full`], {env: h.env, encoding: 'utf8', timeout: 30_000});
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('burn: cannot write the output: ENOSPC: no space left on device, write\n');
	});
});
