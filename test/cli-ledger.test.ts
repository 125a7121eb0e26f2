// End-to-end: `--ledger <dir>` reads a relayburn 1.x ledger directory, read-only, with our
// prices (docs/how-burn-counts.md). Our own ledger (test/fixtures/ledger, worked by hand in
// attribution-own.test.ts): $0.038795 grand, $0.017895 attributed. The golden relayburn ledger
// of ../shared ($0.0376 grand, $0.004775 attributed) is checked when it is there.
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, sealed} from './helpers/cli.js';
import {demoAgentDirs, expectOneErrorLine, jsonOf, snapshot} from './helpers/e2e.js';
import {OWN, OWN_LEDGER} from './helpers/own-ledger.js';
import {describeShared, shared} from './helpers/shared.js';

const FIXTURE = OWN_LEDGER;

/** A writable copy of a ledger.jsonl (so a stray write would succeed and be seen). */
function foreignCopy(root: string, from = FIXTURE): string {
	const dir = join(root, 'relayburn-ledger');
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'ledger.jsonl'), readFileSync(from));
	return dir;
}

/** A sealed env whose agent dirs hold logs (our demo logs): --ledger must not ingest any of them. */
function setup(from = FIXTURE) {
	const s = sealed();
	Object.assign(s.env, demoAgentDirs(join(s.home, '..', 'agents')));
	return {...s, ledger: foreignCopy(join(s.home, '..'), from)};
}

describeShared('--ledger <dir> on the golden relayburn ledger', () => {
	it('--since all --json: grand total $0.0376, attributed $0.004775', () => {
		const s = setup(shared('fixtures/ledger/ledger.jsonl'));
		const j = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		expect(j.grandTotal).toBeCloseTo(0.0376, 9);
		expect(j.attributedTotal).toBeCloseTo(0.004775, 9);
		expect(j.unattributedTotal).toBeCloseTo(0.0376 - 0.004775, 9);
	});

	it('written with spaces after : and , (valid JSON relayburn reads), the same totals and report in a dated window', () => {
		const lines = readFileSync(shared('fixtures/ledger/ledger.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
		const spacedText = `${lines.map((l) => JSON.stringify(JSON.parse(l)).replace(/":/g, '": ').replace(/,"/g, ', "')).join('\n')}\n`;
		const s = setup();
		const spaced = join(s.home, '..', 'spaced-ledger');
		mkdirSync(spaced, {recursive: true});
		writeFileSync(join(spaced, 'ledger.jsonl'), spacedText);
		const compact = foreignCopy(join(s.home, '..', 'compact'), shared('fixtures/ledger/ledger.jsonl'));
		const all = jsonOf(runCli(['--ledger', spaced, '--since', 'all', '--json'], s.env));
		expect(all.grandTotal).toBeCloseTo(0.0376, 6);
		expect(all.attributedTotal).toBeCloseTo(0.004775, 6);
		// A dated window: the spaced lines are placed on their days, not in "undated".
		const first = all.sessions.map((x: any) => x.firstTs as string).sort()[0] as string;
		const day = ['--since', `${first.slice(0, 10)}T00:00:00Z`, '--until', `${first.slice(0, 10)}T23:59:59Z`, '--json'];
		const a = runCli(['--ledger', spaced, ...day], s.env);
		const b = runCli(['--ledger', compact, ...day], s.env);
		expect(jsonOf(a).turnsAnalyzed).toBeGreaterThan(0);
		expect(a.stdout).toBe(b.stdout);
	});
});

describe('--ledger <dir>', () => {
	it('--since all --json: grand total $0.038795, attributed $0.017895', () => {
		const s = setup();
		const j = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		expect(j.grandTotal).toBeCloseTo(OWN.grandTotal, 9);
		expect(j.attributedTotal).toBeCloseTo(OWN.attributedTotal, 9);
		expect(j.unattributedTotal).toBeCloseTo(OWN.unattributedTotal, 9);
		expect(j.window).toEqual({since: null, until: null});
		// only the foreign ledger's sessions: nothing of the agent dirs was ingested
		expect(j.sessions.map((x: any) => x.sessionId)).toEqual([OWN.sessionA, OWN.sessionB, OWN.sessionD]);
		expect(existsSync(join(s.burnHome, 'ledger'))).toBe(false);
	});

	it('leaves the foreign directory exactly as it was (file list, sizes, mtimes, modes)', () => {
		const s = setup();
		const before = snapshot(s.ledger);
		const dirMtime = statSync(s.ledger).mtimeMs; // a file created and removed there would change it
		const bytes = readFileSync(join(s.ledger, 'ledger.jsonl'));
		expect(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env).status).toBe(0);
		expect(runCli(['--ledger', s.ledger, '--since', 'all'], s.env).status).toBe(0);
		expect(runCli(['--ledger', s.ledger, '--since', 'all', '--session', '--json'], s.env).status).toBe(0);
		expect(snapshot(s.ledger)).toEqual(before);
		expect(statSync(s.ledger).mtimeMs).toBe(dirMtime);
		expect(readFileSync(join(s.ledger, 'ledger.jsonl')).equals(bytes)).toBe(true);
	});

	it('a second (cached) run gives the same numbers', () => {
		const s = setup();
		const first = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		const cache = existsSync(s.burnHome) ? snapshot(s.burnHome) : [];
		const second = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		expect(second.grandTotal).toBeCloseTo(OWN.grandTotal, 9);
		expect(second.attributedTotal).toBeCloseTo(OWN.attributedTotal, 9);
		expect(second.sessions).toEqual(first.sessions);
		expect(second.files).toEqual(first.files);
		expect(second.turnsAnalyzed).toBe(first.turnsAnalyzed);
		// a cache, if any, lives under our data directory, private, and is reused as it is
		for (const e of cache) expect(e.mode, e.rel).toBe(e.dir ? 0o700 : 0o600);
		expect(existsSync(s.burnHome) ? snapshot(s.burnHome) : []).toEqual(cache);
	});

	it('a changed foreign ledger is read again (the cache does not serve stale figures)', () => {
		const s = setup();
		const first = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		// drop one session (its turns and relationship lines): fewer turns, another total
		const gone = OWN.sessionB;
		const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l && !l.includes(gone));
		writeFileSync(join(s.ledger, 'ledger.jsonl'), `${lines.join('\n')}\n`);
		const changed = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], s.env));
		const fresh = sealed();
		const reference = jsonOf(runCli(['--ledger', s.ledger, '--since', 'all', '--json'], fresh.env));
		expect(first.sessions.map((x: any) => x.sessionId)).toContain(gone);
		expect(changed.sessions.map((x: any) => x.sessionId)).not.toContain(gone);
		expect(changed.turnsAnalyzed).toBeLessThan(first.turnsAnalyzed);
		expect(changed.grandTotal).toBe(reference.grandTotal);
		expect(changed.attributedTotal).toBe(reference.attributedTotal);
		expect(changed.sessions).toEqual(reference.sessions);
	});

	it('text output on the foreign ledger shows the same totals', () => {
		const s = setup();
		const r = runCli(['--ledger', s.ledger, '--since', 'all'], s.env);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^burn · all time/);
		expect(r.stdout).toContain('$0.039 spent');
		expect(r.stdout).toMatch(/attributed \$0\.018/);
	});

	it('a directory without ledger.jsonl: exit 1 with one line, nothing on stdout', () => {
		const s = setup();
		const empty = join(s.home, 'not-a-ledger');
		mkdirSync(empty);
		for (const dir of [empty, join(s.home, 'does-not-exist')]) {
			for (const extra of [[], ['--json']]) {
				const r = runCli(['--ledger', dir, '--since', 'all', ...extra], s.env);
				expect(r.status).toBe(1);
				expect(r.stdout).toBe('');
				expectOneErrorLine(r.stderr);
				expect(r.stderr).toContain(dir);
			}
		}
		expect(snapshot(empty)).toEqual([]);
	});
});
