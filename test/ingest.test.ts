import {appendFileSync, copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ingest} from '../source/ledger/ingest.js';
import {scanLedger} from '../source/ledger/scan.js';
import {loadCursors, saveCursors} from '../source/ledger/cursors.js';
import type {Usage} from '../source/core/records.js';
import {tmp} from './helpers/tmp.js';
import {describeShared, shared} from './helpers/shared.js';
import {OWN_CLAUDE_LOG, OWN_CLAUDE_SESSION, OWN_CLAUDE_TOTALS} from './helpers/own-ledger.js';

interface Log {
	file: string;
	expected: Partial<Usage>;
	/** A second log of another session (for --rebuild). */
	other: () => Buffer;
}

/** Our own hand-written log (totals worked by hand in claude-own.test.ts). */
const OWN: Log = {
	file: OWN_CLAUDE_LOG,
	expected: (({turns: _, ...usage}) => usage)(OWN_CLAUDE_TOTALS),
	// the same log under another session id and other message ids: another session
	other: () => Buffer.from(readFileSync(OWN_CLAUDE_LOG, 'utf8').replaceAll(OWN_CLAUDE_SESSION, 'f0e1d2c3-b4a5-4968-8776-655443322110').replaceAll('msg_own_', 'msg_two_')),
};

/** A real log of ../shared/corpus (INDEX.md #11: input=818 output=51933 cache_read=3647854 cache_create=137976). */
const REAL: Log = {
	file: shared('corpus/claude/claude-code-viewer/mock-global-claude-dir/projects/sample-project/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl'),
	expected: {input: 818, output: 51933, cacheRead: 3647854, cacheCreate5m: 137976},
	other: () => readFileSync(shared('corpus/claude/sniffly/tests/mock-data/-Users-chip-dev-ai-music/ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl')),
};

function setup() {
	const root = tmp();
	const claude = join(root, 'claude');
	const project = join(claude, 'projects', 'sample');
	mkdirSync(project, {recursive: true});
	const home = join(root, 'burn');
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	return {root, project, home, env};
}

async function totals(home: string): Promise<Usage & {turns: number}> {
	const {dataset} = await scanLedger({home, window: {since: null, until: null}});
	const t = {input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0, turns: 0};
	for (const s of dataset.sessions) {
		for (const turn of s.turns) {
			t.turns++;
			for (const k of ['input', 'output', 'reasoning', 'cacheRead', 'cacheCreate5m', 'cacheCreate1h'] as const) t[k] += turn.usage[k];
		}
	}
	return t;
}

const run = (home: string, env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
	ingest({home, env, contentMode: 'full', retentionDays: 90, noWorkers: true, ...extra});

/** Byte offsets of line starts, to cut a log at a line boundary. */
function lineCut(buf: Buffer, fraction: number): number {
	let at = Math.floor(buf.length * fraction);
	while (at < buf.length && buf[at - 1] !== 0x0a) at++;
	return at;
}

function suite({file: CORPUS_FILE, expected: EXPECTED, other}: Log): void {
	it('counts a log exactly once across append passes, even mid-response', async () => {
		const {project, home, env} = setup();
		const data = readFileSync(CORPUS_FILE);
		const target = join(project, 'fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl');
		const cuts = [0.13, 0.37, 0.5, 0.81].map((f) => lineCut(data, f));
		let prev = 0;
		for (const cut of [...cuts, data.length]) {
			appendFileSync(target, data.subarray(prev, cut));
			prev = cut;
			await run(home, env);
		}
		expect(await totals(home)).toMatchObject(EXPECTED);
	});

	it('an unchanged file costs a stat: nothing is appended', async () => {
		const {project, home, env} = setup();
		copyFileSync(CORPUS_FILE, join(project, 's.jsonl'));
		const first = await run(home, env);
		expect(first.filesChanged).toBe(1);
		const sizeBefore = readdirSync(join(home, 'ledger')).reduce((n, f) => n + statSync(join(home, 'ledger', f)).size, 0);
		const second = await run(home, env);
		expect(second.filesChanged).toBe(0);
		expect(second.bytesRead).toBe(0);
		const sizeAfter = readdirSync(join(home, 'ledger')).reduce((n, f) => n + statSync(join(home, 'ledger', f)).size, 0);
		expect(sizeAfter).toBe(sizeBefore);
	});

	it('a torn (partial) last line is read once it is complete', async () => {
		const {project, home, env} = setup();
		const data = readFileSync(CORPUS_FILE);
		const target = join(project, 's.jsonl');
		const cut = lineCut(data, 0.5) + 40; // 40 bytes into a line
		writeFileSync(target, data.subarray(0, cut));
		await run(home, env);
		appendFileSync(target, data.subarray(cut));
		await run(home, env);
		expect(await totals(home)).toMatchObject(EXPECTED);
	});

	it('a rewritten or truncated file is re-read without double counting', async () => {
		const {project, home, env} = setup();
		const data = readFileSync(CORPUS_FILE);
		const target = join(project, 's.jsonl');
		writeFileSync(target, data);
		await run(home, env);
		// Truncated: shorter than the cursor → re-read from 0.
		truncateSync(target, lineCut(data, 0.4));
		await run(home, env);
		// Rewritten in place with the same length prefix changed → tail check → re-read.
		writeFileSync(target, data);
		await run(home, env);
		expect(await totals(home)).toMatchObject(EXPECTED);
	});

	it('recovers after a kill between the ledger append and the cursor save', async () => {
		const {project, home, env} = setup();
		const data = readFileSync(CORPUS_FILE);
		const target = join(project, 's.jsonl');
		writeFileSync(target, data.subarray(0, lineCut(data, 0.6)));
		await run(home, env);
		const cursorsBefore = loadCursors(home);
		appendFileSync(target, data.subarray(lineCut(data, 0.6)));
		await run(home, env);
		// Simulate the crash: the records of the second pass are in the ledger, its cursor is not,
		// and the last ledger line was torn by the kill.
		saveCursors(home, cursorsBefore);
		const day = readdirSync(join(home, 'ledger')).sort().at(-1)!;
		appendFileSync(join(home, 'ledger', day), '{"v":1,"kind":"turn","record":{"v":1,"source":"claude-co');
		await run(home, env);
		expect(await totals(home)).toMatchObject(EXPECTED);
	});

	it('two concurrent ingests count every token once', async () => {
		const {project, home, env} = setup();
		copyFileSync(CORPUS_FILE, join(project, 's.jsonl'));
		const [a, b] = await Promise.all([run(home, env), run(home, env)]);
		expect(a.ran && b.ran).toBe(true);
		expect(a.filesChanged + b.filesChanged).toBe(1);
		expect(await totals(home)).toMatchObject(EXPECTED);
	});

	it('--rebuild re-reads every log and keeps records whose logs are gone', async () => {
		const {project, home, env} = setup();
		copyFileSync(CORPUS_FILE, join(project, 'a.jsonl'));
		writeFileSync(join(project, 'b.jsonl'), other());
		await run(home, env);
		const before = await totals(home);
		writeFileSync(join(project, 'b.jsonl'), ''); // the agent deleted its log (emptied here)
		const r = await run(home, env, {rebuild: true});
		expect(r.filesChanged).toBe(2);
		expect(await totals(home)).toEqual(before);
	});

	it('writes private files and directories', async () => {
		const {project, home, env} = setup();
		copyFileSync(CORPUS_FILE, join(project, 's.jsonl'));
		await run(home, env);
		expect(statSync(home).mode & 0o777).toBe(0o700);
		expect(statSync(join(home, 'cursors')).mode & 0o777).toBe(0o700);
		for (const name of readdirSync(join(home, 'cursors'))) expect(statSync(join(home, 'cursors', name)).mode & 0o777).toBe(0o600);
		const content = readdirSync(join(home, 'content'));
		expect(content.length).toBeGreaterThan(0);
		expect(statSync(join(home, 'content', content[0]!)).mode & 0o777).toBe(0o600);
	});

	it('BURN_CONTENT=off writes no sidecars', async () => {
		const {project, home, env} = setup();
		copyFileSync(CORPUS_FILE, join(project, 's.jsonl'));
		await run(home, env, {contentMode: 'off'});
		expect(() => readdirSync(join(home, 'content'))).toThrow();
	});
}

describe('incremental ingest (our own log)', () => suite(OWN));
describeShared('incremental ingest (a real log of ../shared/corpus)', () => suite(REAL));
