// Issue 17: the warm run's stats without a Stats object (sources/raw-stat.ts) give exactly
// what statSync gives (the cursors compare mtimeMs bit for bit), and a data directory
// ingested one way is warm the other way.
import {appendFileSync, mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {dirIdentity, rawStatMode, resetRawStat, statInto} from '../source/sources/raw-stat.js';
import {discoverAll} from '../source/sources/discover-all.js';
import {statFile} from '../source/sources/discover.js';
import {nothingNew, refreshLedger} from '../source/ledger/refresh.js';
import {claudeLine} from './helpers/hostile.js';
import {tmp} from './helpers/tmp.js';

const of = (path: string, env: NodeJS.ProcessEnv = {}) => {
	const out = new Float64Array(3);
	statInto(path, out, 0, env);
	return [...out];
};

const viaStatSync = (path: string) => {
	const st = statSync(path);
	return [st.size, st.mtimeMs, st.ino];
};

afterEach(() => resetRawStat());

describe('raw stat', () => {
	it('statFile (Codex, Gemini, Qwen, Kimi logs) gives what statSync gives for a file or a link to one, nothing for anything else', () => {
		const dir = tmp('burn-statfile-');
		const p = join(dir, 'r.jsonl');
		writeFileSync(p, 'x'.repeat(123));
		utimesSync(p, 1_700_000_000.123_456_7, 1_700_000_000.123_456_7);
		symlinkSync(p, join(dir, 'link.jsonl'));
		mkdirSync(join(dir, 'd.jsonl'));
		for (const env of [{}, {BURN_NO_RAW_STAT: '1'}]) {
			resetRawStat();
			// The first stat of a process decides the way (raw-stat.ts): a file first, as discovery's first log.
			statInto(p, new Float64Array(3), 0, env);
			expect(rawStatMode()).toBe(env.BURN_NO_RAW_STAT ? 'statSync' : 'raw');
			for (const q of [p, join(dir, 'link.jsonl')]) {
				const st = statSync(q);
				expect(statFile(q)).toEqual({size: st.size, mtimeMs: st.mtimeMs, ino: st.ino});
			}
			expect(statFile(join(dir, 'd.jsonl'))).toBeUndefined();
			expect(statFile(join(dir, 'gone.jsonl'))).toBeUndefined();
		}
	});

	it('equals statSync for regular files (fractional mtimes too), -1 for anything else', () => {
		const dir = tmp('burn-rawstat-');
		const files: string[] = [];
		for (let i = 0; i < 20; i++) {
			const p = join(dir, `f${i}.jsonl`);
			writeFileSync(p, 'x'.repeat(i * 37));
			// Odd fractions of a second: the nanoseconds must land in mtimeMs as Node puts them.
			const t = 1_700_000_000 + i * 1.000_123_457 + i / 7;
			utimesSync(p, t, t);
			files.push(p);
		}
		symlinkSync(files[3]!, join(dir, 'link.jsonl'));
		mkdirSync(join(dir, 'dir.jsonl'));
		for (const p of files) expect(of(p)).toEqual(viaStatSync(p));
		expect(of(join(dir, 'link.jsonl'))).toEqual(viaStatSync(files[3]!));
		expect(of(join(dir, 'dir.jsonl'))[0]).toBe(-1);
		expect(of(join(dir, 'gone.jsonl'))[0]).toBe(-1);
		expect(of(join(dir, 'f1.jsonl', 'below'))[0]).toBe(-1);
		const major = Number(process.versions.node.split('.')[0]);
		expect(rawStatMode()).toBe(major >= 20 && major <= 24 ? 'raw' : 'statSync');
	});

	it('BURN_NO_RAW_STAT and --pending-deprecation take statSync, with the same figures', () => {
		const dir = tmp('burn-rawstat-');
		const p = join(dir, 'a.jsonl');
		writeFileSync(p, 'abc');
		const raw = of(p);
		resetRawStat();
		expect(of(p, {BURN_NO_RAW_STAT: '1'})).toEqual(raw);
		expect(rawStatMode()).toBe('statSync');
		resetRawStat();
		expect(of(p, {NODE_OPTIONS: '--pending-deprecation'})).toEqual(raw);
		expect(rawStatMode()).toBe('statSync');
	});

	it('a data directory ingested with statSync is warm with raw stats, and an append is seen either way', async () => {
		const root = tmp('burn-rawstat-');
		const proj = join(root, 'claude', 'projects', '-tmp-a');
		mkdirSync(proj, {recursive: true});
		const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
		const log = join(proj, 's.jsonl');
		writeFileSync(log, `${claudeLine('s', 0, '2026-11-10T12:00:00.000Z', 10)}\n`);
		const t = 1_700_000_000.123_456;
		utimesSync(log, t, t);
		const home = join(root, 'burn');
		const run = () => refreshLedger({home, env, contentMode: 'off', retentionDays: 30, noWorkers: true});
		const prev = process.env.BURN_NO_RAW_STAT;
		process.env.BURN_NO_RAW_STAT = '1';
		try {
			expect((await run()).filesChanged).toBe(1);
			expect(rawStatMode()).toBe('statSync');
		} finally {
			if (prev === undefined) delete process.env.BURN_NO_RAW_STAT;
			else process.env.BURN_NO_RAW_STAT = prev;
		}
		resetRawStat();
		expect(nothingNew({home, retentionDays: 30}, discoverAll(env))).toBe(true);
		expect(rawStatMode()).toBe('raw');
		appendFileSync(log, `${claudeLine('s', 1, '2026-11-10T12:01:00.000Z', 11)}\n`);
		expect(nothingNew({home, retentionDays: 30}, discoverAll(env))).toBe(false);
		expect((await run()).filesChanged).toBe(1);
		expect(nothingNew({home, retentionDays: 30}, discoverAll(env))).toBe(true);
	});

	it("a directory's identity equals statSync's dev:ino (bigint), before and after raw stats are on; links followed; nothing for files or missing paths", () => {
		const dir = tmp('burn-rawstat-dir-');
		mkdirSync(join(dir, 'sub'));
		writeFileSync(join(dir, 'f.jsonl'), 'x\n');
		symlinkSync(join(dir, 'sub'), join(dir, 'link'));
		const exact = (p: string) => {
			const st = statSync(p, {bigint: true});
			return `${st.dev}:${st.ino}`;
		};
		const check = () => {
			expect(dirIdentity(join(dir, 'sub'))).toBe(exact(join(dir, 'sub')));
			expect(dirIdentity(join(dir, 'link'))).toBe(exact(join(dir, 'sub')));
			expect(dirIdentity(join(dir, 'f.jsonl'))).toBeUndefined();
			expect(dirIdentity(join(dir, 'nope'))).toBeUndefined();
		};
		check();
		expect(rawStatMode()).toBe('undecided');
		// A path that is gone or no file proves nothing of the stat array's layout: still undecided.
		expect(of(join(dir, 'nope'))[0]).toBe(-1);
		expect(of(join(dir, 'sub'))[0]).toBe(-1);
		expect(rawStatMode()).toBe('undecided');
		of(join(dir, 'f.jsonl'));
		const major = Number(process.versions.node.split('.')[0]);
		if (major >= 20 && major <= 24) expect(rawStatMode()).toBe('raw');
		check();
	});
});

