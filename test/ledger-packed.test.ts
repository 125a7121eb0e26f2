import {appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';

// Count the ledger files a scan opens: a packed partition must spare the `.jsonl`.
const opened: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	const openSync = (path: import('node:fs').PathLike, ...rest: unknown[]) => {
		opened.push(String(path));
		return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
	};
	return {...fs, openSync, default: {...fs, openSync}};
});

const {PackTables, makeDecoder, packEntry, RAW} = await import('../source/ledger/packed-codec.js');
const {packedDir} = await import('../source/ledger/packed.js');
const {scanLedger} = await import('../source/ledger/scan.js');
const {appendRecords} = await import('../source/ledger/append.js');
const {ingest} = await import('../source/ledger/ingest.js');
const {writeDemoLogs} = await import('../source/demo/generate.js');
const {ensurePrivateDir} = await import('../source/core/home.js');
const {partitionPath} = await import('../source/ledger/layout.js');
const {tmp} = await import('./helpers/tmp.js');
const {itShared, shared} = await import('./helpers/shared.js');
const {OWN_LEDGER} = await import('./helpers/own-ledger.js');

/** Packs entries, sends the tables and rows through JSON (as the file does) and decodes them. */
function roundTrip(entries: LedgerRecord[]): {rows: unknown[][]; back: LedgerRecord[]} {
	const t = new PackTables();
	const rows = entries.map((e, i) => packEntry(e, i, t));
	const [strings, sharedObjects, parsedRows] = JSON.parse(JSON.stringify([t.strings, t.shared, rows])) as [string[], unknown[], unknown[][]];
	const decode = makeDecoder(strings, sharedObjects);
	return {rows, back: parsedRows.map(decode)};
}

const KINDS: string[] = ['turn', 'user_turn', 'tool_result_event', 'relationship', 'compaction'];
const ledgerLines = (file: string): LedgerRecord[] =>
	readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as LedgerRecord & {v: number});

const turn = (id: string, ts: string, extra: Record<string, unknown> = {}): LedgerRecord =>
	({
		kind: 'turn',
		record: {
			v: 1,
			source: 'claude-code',
			sessionId: 's1',
			messageId: id,
			turnIndex: 0,
			ts,
			model: 'claude-sonnet-4-5',
			usage: {input: 10, output: 5, reasoning: 0, cacheRead: 100, cacheCreate5m: 0, cacheCreate1h: 0},
			toolCalls: [{id: `${id}-t`, name: 'Read', argsHash: 'h', target: '/a.ts'}],
			...extra,
		},
	}) as LedgerRecord;

describe('packed records', () => {
	it('round-trip every record of our own relayburn-format ledger', () => {
		const entries = ledgerLines(OWN_LEDGER).filter((e) => KINDS.includes(e.kind));
		expect(entries.length).toBeGreaterThan(10);
		const {back} = roundTrip(entries);
		expect(back).toEqual(entries.map(({kind, record}) => ({kind, record})));
	});

	itShared('round-trip every record of the golden relayburn ledger', () => {
		const entries = ledgerLines(shared('fixtures/ledger/ledger.jsonl')).filter((e) => KINDS.includes(e.kind));
		expect(entries.length).toBeGreaterThan(10);
		const {back} = roundTrip(entries);
		expect(back).toEqual(entries.map(({kind, record}) => ({kind, record})));
	});

	it('round-trip every record burn writes for the three sources (demo logs, ingested)', async () => {
		const root = tmp();
		const dirs = {claudeConfigDir: join(root, 'claude'), codexHome: join(root, 'codex'), opencodeDataDir: join(root, 'opencode')};
		for (const d of Object.values(dirs)) ensurePrivateDir(d);
		writeDemoLogs(dirs, Date.parse('2026-11-20T12:00:00.000Z'));
		const home = join(root, 'home');
		await ingest({
			home,
			env: {HOME: root, CLAUDE_CONFIG_DIR: dirs.claudeConfigDir, CODEX_HOME: dirs.codexHome, OPENCODE_DATA_DIR: dirs.opencodeDataDir},
			contentMode: 'off',
			retentionDays: 90,
		});
		const entries = readdirSync(join(home, 'ledger')).flatMap((f) => ledgerLines(join(home, 'ledger', f)));
		const kinds = new Set(entries.map((e) => e.kind));
		expect([...kinds].sort()).toEqual(['compaction', 'relationship', 'tool_result_event', 'turn', 'user_turn']);
		expect(new Set(entries.map((e) => e.record.source))).toEqual(new Set(['claude-code', 'codex', 'opencode']));
		const {rows, back} = roundTrip(entries);
		expect(back).toEqual(entries.map(({kind, record}) => ({kind, record})));
		// Our own records all fit the tables: none is kept raw.
		expect(rows.filter((r) => r[0] === RAW)).toEqual([]);
	});

	it('keeps a record it cannot pack verbatim (unknown field, null, wrong type)', () => {
		const odd = [
			turn('m1', '2026-11-20T10:00:00.000Z', {extra: {a: 1}}),
			turn('m2', '2026-11-20T10:00:00.000Z', {project: null}),
			turn('m3', '2026-11-20T10:00:00.000Z', {turnIndex: '3'}),
			turn('m4', '2026-11-20T10:00:00.000Z', {toolCalls: [{id: 't', name: 'Read'}]}),
		];
		const {rows, back} = roundTrip(odd);
		expect(rows.map((r) => r[0])).toEqual([RAW, RAW, RAW, RAW]);
		expect(back).toEqual(odd);
	});

	it('shares one frozen instance of a repeated object', () => {
		const fidelity = {class: 'full', granularity: 'per-turn', coverage: {hasToolCalls: true, hasToolResultEvents: true}};
		const {back} = roundTrip([turn('a', 't1', {fidelity}), turn('b', 't2', {fidelity: {...fidelity, coverage: {...fidelity.coverage}}})]);
		const [a, b] = back.map((e) => (e.record as {fidelity: object}).fidelity);
		expect(a).toBe(b);
		expect(Object.isFrozen(a)).toBe(true);
		expect(a).toEqual(fidelity);
	});

	it('shares only objects equal as JSON text (key order included)', () => {
		const one = {class: 'full', granularity: 'per-turn'};
		const other = {granularity: 'per-turn', class: 'full'};
		const {back} = roundTrip([turn('a', 't1', {fidelity: one}), turn('b', 't2', {fidelity: other}), turn('c', 't3', {fidelity: {...one}})]);
		const [a, b, c] = back.map((e) => (e.record as {fidelity: object}).fidelity);
		expect(Object.keys(a!)).toEqual(['class', 'granularity']);
		expect(Object.keys(b!)).toEqual(['granularity', 'class']);
		expect(c).toBe(a);
	});
});

describe('packed partitions in the scan', () => {
	const window = {since: '2026-11-20T00:00:00.000Z', until: '2026-11-20T23:59:59.999Z'};
	const scan = (home: string, packed = true, skipKinds?: Array<LedgerRecord['kind']>) =>
		scanLedger({home, window, packed, ...(skipKinds ? {skipKinds} : {})});

	function mixedLedger(): string {
		const home = tmp();
		const entries: LedgerRecord[] = [];
		for (let i = 0; i < 20; i++) {
			const ts = `2026-11-20T10:${String(i).padStart(2, '0')}:00.000Z`;
			entries.push(turn(`m${i}`, ts, {sessionId: `s${i % 3}`, turnIndex: i}));
			entries.push({
				kind: 'tool_result_event',
				record: {v: 1, source: 'claude-code', sessionId: `s${(i + 1) % 4}`, toolUseId: `m${i}-t`, eventIndex: i, status: 'completed', eventSource: 'tool_result', ts},
			});
			entries.push({
				kind: 'user_turn',
				record: {v: 1, source: 'claude-code', sessionId: `s${i % 3}`, userUuid: `u${i}`, ts, blocks: [{kind: 'tool_result', toolUseId: `m${i}-t`, byteLen: 40, approxTokens: 10}]},
			});
		}
		appendRecords(home, entries);
		appendFileSync(partitionPath(home, '2026-11-20'), 'not json\n');
		return home;
	}

	it('the first scan writes the packed copy, the next reads it instead of the .jsonl, with the same dataset', async () => {
		const home = mixedLedger();
		const plain = await scan(home, false);
		expect(existsSync(packedDir(home))).toBe(false);
		opened.length = 0;
		const first = await scan(home);
		expect(opened).toContain(partitionPath(home, '2026-11-20'));
		expect(existsSync(join(packedDir(home), '2026-11-20.json'))).toBe(true);
		opened.length = 0;
		const second = await scan(home);
		expect(opened.filter((p) => p.endsWith('.jsonl'))).toEqual([]);
		for (const r of [first, second]) {
			expect(r.dataset).toEqual(plain.dataset);
			expect(r.badLines).toBe(1);
		}
		// Session order depends on every kind's position (an event can open a session).
		expect(second.dataset.sessions.map((s) => s.sessionId)).toEqual(plain.dataset.sessions.map((s) => s.sessionId));
		// Skipping a kind gives the same as the line scan skipping it.
		const skipped = await scan(home, true, ['tool_result_event']);
		expect(skipped.dataset).toEqual((await scan(home, false, ['tool_result_event'])).dataset);
		expect(skipped.dataset.sessions.every((s) => s.toolResultEvents.length === 0)).toBe(true);
	});

	it('a partition that changed after packing is read from its lines again', async () => {
		const home = mixedLedger();
		await scan(home);
		appendRecords(home, [turn('late', '2026-11-20T18:00:00.000Z', {sessionId: 's9'})]);
		opened.length = 0;
		const r = await scan(home);
		expect(opened).toContain(partitionPath(home, '2026-11-20'));
		expect(r.dataset.sessions.map((s) => s.sessionId)).toContain('s9');
		// …and the packed copy is brought up to date.
		opened.length = 0;
		const again = await scan(home);
		expect(opened.filter((p) => p.endsWith('.jsonl'))).toEqual([]);
		expect(again.dataset).toEqual(r.dataset);
	});

	it('a damaged packed copy is ignored and rewritten', async () => {
		const home = mixedLedger();
		const want = (await scan(home, false)).dataset;
		await scan(home);
		const file = join(packedDir(home), '2026-11-20.json');
		const text = readFileSync(file, 'utf8');
		writeFileSync(file, text.slice(0, text.length - 100));
		expect((await scan(home)).dataset).toEqual(want);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	it("today's partition is read from its lines and not packed (the next ingest changes it)", async () => {
		const home = mixedLedger();
		const want = (await scan(home, false)).dataset;
		const r = await scanLedger({home, window, today: '2026-11-20'});
		expect(r.dataset).toEqual(want);
		expect(existsSync(join(packedDir(home), '2026-11-20.json'))).toBe(false);
		await scanLedger({home, window, today: '2026-11-21'});
		expect(existsSync(join(packedDir(home), '2026-11-20.json'))).toBe(true);
	});

	it('a torn last line is not packed', async () => {
		const home = mixedLedger();
		appendFileSync(partitionPath(home, '2026-11-20'), '{"v":1,"kind":"turn","rec');
		await scan(home);
		expect(existsSync(join(packedDir(home), '2026-11-20.json'))).toBe(false);
	});
});
