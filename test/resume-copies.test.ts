// A response copied into another session (a resumed or forked Claude Code session) counts
// once, in every window: ingest decides which copy wins (copies.ts), reports drop the others.
import {cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ingest} from '../source/ledger/ingest.js';
import {scanLedger} from '../source/ledger/scan.js';
import {loadCursors, saveCursors} from '../source/ledger/cursors.js';
import {CopyIndex, decideCopies, type Copy} from '../source/ledger/copies.js';
import {readDrops} from '../source/ledger/copy-drops.js';
import {appendFileSync} from 'node:fs';
import type {Window} from '../source/analysis/dataset.js';
import {tmp} from './helpers/tmp.js';
import {bytesUnder} from './helpers/e2e.js';
import {resp, sessionText, totalsOf, writeSession, type Resp, type Shape, type Totals} from './helpers/claude-resume.js';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const C = 'cccccccc-0000-4000-8000-00000000000c';

const D1 = '2026-03-01';
const D2 = '2026-03-05';
const D3 = '2026-03-09';
const day = (d: string): Window => ({since: `${d}T00:00:00.000Z`, until: `${d}T23:59:59.999Z`});
const ALL: Window = {since: null, until: null};

const a1 = resp('msg_a1', `${D1}T10:00:00.000Z`, 1);
const a2 = resp('msg_a2', `${D1}T10:05:00.000Z`, 2);
const a3 = resp('msg_a3', `${D1}T10:10:00.000Z`, 3);
const b1 = resp('msg_b1', `${D2}T09:00:10.000Z`, 4);
const b2 = resp('msg_b2', `${D2}T09:05:00.000Z`, 5);
const COPIED_AT = `${D2}T09:00:00.000Z`;

function setup() {
	const root = tmp();
	const claude = join(root, 'claude');
	const home = join(root, 'burn');
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	return {root, claude, home, env};
}

const run = (home: string, env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof ingest>[0]> = {}) =>
	ingest({home, env, contentMode: 'off', retentionDays: 90, noWorkers: true, ...extra});

/** Per-session figures and the copies dropped, as a report of `window` sees them. */
async function figures(home: string, window: Window): Promise<{sessions: Record<string, Totals>; copiesDropped: number; filesRead: string[]}> {
	const {dataset, filesRead} = await scanLedger({home, window});
	const sessions: Record<string, Totals> = {};
	for (const s of dataset.sessions) {
		const t: Totals = {turns: 0, input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0};
		for (const turn of s.turns) {
			t.turns++;
			t.input += turn.usage.input;
			t.output += turn.usage.output;
			t.cacheRead += turn.usage.cacheRead;
			t.cacheCreate5m += turn.usage.cacheCreate5m;
		}
		sessions[s.sessionId] = t;
	}
	return {sessions, copiesDropped: dataset.stats.copiesDropped, filesRead};
}

/** The resumed pair: A made a1–a3 on D1; B (on D2) starts with copies of them, then b1, b2. */
const pairText = (shape: Shape) => ({
	a: sessionText(A, [a1, a2, a3], {shape}),
	b: sessionText(B, [b1, b2], {shape, copied: [a1, a2, a3], copiedAt: COPIED_AT}),
});

type Order = 'original first' | 'copy first' | 'together';

async function ingestPair(shape: Shape, order: Order, texts = pairText(shape)) {
	const s = setup();
	if (order === 'original first') {
		writeSession(s.claude, A, texts.a);
		await run(s.home, s.env);
		writeSession(s.claude, B, texts.b);
		await run(s.home, s.env);
	} else if (order === 'copy first') {
		writeSession(s.claude, B, texts.b);
		await run(s.home, s.env);
		writeSession(s.claude, A, texts.a);
		await run(s.home, s.env);
	} else {
		writeSession(s.claude, B, texts.b);
		writeSession(s.claude, A, texts.a);
		await run(s.home, s.env);
	}
	return s;
}

describe('the decision between copies', () => {
	const last: Record<string, string> = {s1: '2026-01-01T00:00:00.000Z', s2: '2026-01-02T00:00:00.000Z'};
	const lastOf = (sid: string) => last[sid];
	const T = '2026-01-01T00:00:00.000Z';
	const T2 = '2026-01-01T00:00:01.000Z';
	it('most output first', () => {
		const copies: Copy[] = [['s1', 5, T], ['s2', 9, T2]];
		expect(decideCopies(copies, lastOf)).toEqual({winner: 1, tied: false});
	});
	it('then the earliest first line', () => {
		expect(decideCopies([['s1', 5, T2], ['s2', 5, T]], lastOf)).toEqual({winner: 1, tied: false});
	});
	it('then the session whose own last activity is earliest (a tie the index revisits)', () => {
		expect(decideCopies([['s2', 5, T], ['s1', 5, T]], lastOf)).toEqual({winner: 1, tied: true});
	});
	it('then the smallest session id; an unknown time is the latest', () => {
		expect(decideCopies([['s9', 5, T], ['s3', 5, T]], lastOf)).toEqual({winner: 1, tied: true});
		expect(decideCopies([['s1', 5, ''], ['s2', 5, T]], lastOf)).toEqual({winner: 1, tied: false});
	});
});

describe('the journal of a killed ingest', () => {
	it('observations journaled before a cursor save are decided by the next ingest', () => {
		const home = tmp();
		const first = CopyIndex.open(home, false);
		first.observe({keys: [['msg_j', 'req_j', A, 10, `${D1}T10:00:00.000Z`]], last: {[A]: `${D1}T10:00:00.000Z`}});
		first.observe({keys: [['msg_j', 'req_j', B, 10, `${D2}T10:00:00.000Z`]], last: {[B]: `${D2}T10:00:00.000Z`}});
		first.checkpoint();
		// killed here: nothing decided yet, and the next journal line was torn
		appendFileSync(join(home, 'copies', 'journal.jsonl'), '{"keys":[["msg_');
		expect(readDrops(home, [D1, D2])).toBeNull();
		const next = CopyIndex.open(home, false);
		next.flush();
		expect(readDrops(home, [D1, D2])).toEqual(new Map([[B, new Set(['msg_j'])]]));
		expect(existsSync(join(home, 'copies', 'journal.jsonl'))).toBe(false);
	});
});

describe('a resumed pair counts each response once, in every window', () => {
	const A_ALL = totalsOf([a1, a2, a3]);
	const B_OWN = totalsOf([b1, b2]);
	for (const shape of ['1.0', '2.0'] as const) {
		for (const order of ['original first', 'copy first', 'together'] as const) {
			it(`${shape} shape (${shape === '1.0' ? 'timestamps rewritten' : 'timestamps kept'}), ${order}`, async () => {
				const {home} = await ingestPair(shape, order);
				const copiesOn = shape === '1.0' ? D2 : D1;
				// the original's day: the original session, whole; no copy
				const d1 = await figures(home, day(D1));
				expect(d1.sessions).toEqual({[A]: A_ALL});
				expect(d1.copiesDropped).toBe(copiesOn === D1 ? 3 : 0);
				// the copy's day: only the new session's own responses
				const d2 = await figures(home, day(D2));
				expect(d2.sessions).toEqual({[B]: B_OWN});
				expect(d2.copiesDropped).toBe(copiesOn === D2 ? 3 : 0);
				// decided without reading the original's day
				expect(d2.filesRead.some((f) => f.includes(D1))).toBe(false);
				// all time: each response once, in the session it was made in
				const all = await figures(home, ALL);
				expect(all.sessions).toEqual({[A]: A_ALL, [B]: B_OWN});
				expect(all.copiesDropped).toBe(3);
			});
		}
	}
});

describe('a copy with more output than its original wins, with its own session and time', () => {
	// A's log holds a3 cut short (the stream was interrupted): 7 output tokens; B's copy is whole.
	const a3cut: Resp = {...a3, output: 7};
	for (const shape of ['1.0', '2.0'] as const) {
		for (const order of ['original first', 'copy first'] as const) {
			it(`${shape} shape, ${order}`, async () => {
				const texts = {a: sessionText(A, [a1, a2, a3cut], {shape}), b: sessionText(B, [b1, b2], {shape, copied: [a1, a2, a3], copiedAt: COPIED_AT})};
				const {home} = await ingestPair(shape, order, texts);
				const a3InB = shape === '1.0' ? {...a3, ts: COPIED_AT} : a3;
				const all = await figures(home, ALL);
				expect(all.sessions).toEqual({[A]: totalsOf([a1, a2]), [B]: totalsOf([a3InB, b1, b2])});
				expect(all.copiesDropped).toBe(3);
				const d1 = await figures(home, day(D1));
				const d2 = await figures(home, day(D2));
				if (shape === '1.0') {
					expect(d1.sessions).toEqual({[A]: totalsOf([a1, a2])});
					expect(d2.sessions).toEqual({[B]: totalsOf([a3, b1, b2])});
				} else {
					expect(d1.sessions).toEqual({[A]: totalsOf([a1, a2]), [B]: totalsOf([a3])});
					expect(d2.sessions).toEqual({[B]: totalsOf([b1, b2])});
				}
			});
		}
	}
});

describe('a resume chain A → B → C with preserved timestamps', () => {
	const c1 = resp('msg_c1', `${D3}T08:00:00.000Z`, 6);
	const texts: Record<string, string> = {
		[A]: sessionText(A, [a1, a2]),
		[B]: sessionText(B, [b1], {copied: [a1, a2]}),
		[C]: sessionText(C, [c1], {copied: [a1, a2, b1]}),
	};
	const orders = [
		[A, B, C],
		[A, C, B],
		[B, A, C],
		[B, C, A],
		[C, A, B],
		[C, B, A],
	];
	for (const order of orders) {
		it(`each response counts in the session it was made in (read ${order.map((s) => s[0]!.toUpperCase()).join(', ')})`, async () => {
			const {claude, home, env} = setup();
			for (const sid of order) {
				writeSession(claude, sid, texts[sid]!);
				await run(home, env);
			}
			const all = await figures(home, ALL);
			expect(all.sessions).toEqual({[A]: totalsOf([a1, a2]), [B]: totalsOf([b1]), [C]: totalsOf([c1])});
			expect(all.copiesDropped).toBe(5);
			expect((await figures(home, day(D1))).sessions).toEqual({[A]: totalsOf([a1, a2])});
			expect((await figures(home, day(D2))).sessions).toEqual({[B]: totalsOf([b1])});
			expect((await figures(home, day(D3))).sessions).toEqual({[C]: totalsOf([c1])});
		});
	}

	it('a resumed session read before it did anything of its own: the tie moves when it does', async () => {
		// R (an id smaller than A's) holds only copies so far: its last activity equals A's, so
		// the session id decides, for R. Once R makes a response of its own, its last activity
		// is past A's and the copies go back to A, in every window.
		const R = '00000000-0000-4000-8000-000000000000';
		const {claude, home, env} = setup();
		writeSession(claude, R, sessionText(R, [], {copied: [a1, a2]}));
		await run(home, env);
		writeSession(claude, A, texts[A]!);
		await run(home, env);
		expect((await figures(home, ALL)).sessions).toEqual({[R]: totalsOf([a1, a2])});
		writeSession(claude, R, sessionText(R, [b1], {copied: [a1, a2]}));
		await run(home, env);
		expect((await figures(home, ALL)).sessions).toEqual({[A]: totalsOf([a1, a2]), [R]: totalsOf([b1])});
		expect((await figures(home, day(D1))).sessions).toEqual({[A]: totalsOf([a1, a2])});
	});

	it('a tie decided by the session id moves when that session does more later', async () => {
		// Two forks F1 < F2 (ids) of a response x made elsewhere (its original log is gone): both
		// copies equal on output and time. First F1's last activity equals F2's: the smaller id
		// wins. Then F1 does more: F2's last activity is now the earliest, and x moves to F2.
		const F1 = '11111111-0000-4000-8000-000000000001';
		const F2 = '22222222-0000-4000-8000-000000000002';
		const x = resp('msg_x', `${D1}T12:00:00.000Z`, 7);
		const f1own = resp('msg_f1', `${D2}T12:00:00.000Z`, 8);
		const {claude, home, env} = setup();
		writeSession(claude, F1, sessionText(F1, [], {copied: [x]}));
		writeSession(claude, F2, sessionText(F2, [], {copied: [x]}));
		await run(home, env);
		expect((await figures(home, ALL)).sessions).toEqual({[F1]: totalsOf([x])});
		writeSession(claude, F1, sessionText(F1, [f1own], {copied: [x]}));
		await run(home, env);
		expect((await figures(home, ALL)).sessions).toEqual({[F1]: totalsOf([f1own]), [F2]: totalsOf([x])});
	});
});

describe('keys without a requestId stay session-scoped', () => {
	it('the same message id in two sessions, no requestId: both count', async () => {
		const x = resp('msg_shared', `${D1}T10:00:00.000Z`, 1, null);
		const {claude, home, env} = setup();
		writeSession(claude, A, sessionText(A, [x]));
		writeSession(claude, B, sessionText(B, [b1], {copied: [x]}));
		await run(home, env);
		const all = await figures(home, ALL);
		expect(all.sessions).toEqual({[A]: totalsOf([x]), [B]: totalsOf([x, b1])});
		expect(all.copiesDropped).toBe(0);
	});
});

/** Removes `"requestId":"…",` from every ledger line and marks the cursors as an older reader's. */
function makeOldLedger(home: string): void {
	const dir = join(home, 'ledger');
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		writeFileSync(p, readFileSync(p, 'utf8').replace(/"requestId":"[^"]*",/g, '').replace(/"rv":2/g, '"rv":1'));
	}
	const cursors = loadCursors(home);
	for (const k of cursors.keys()) cursors.set(k, {...cursors.get(k)!, rv: 1});
	saveCursors(home, cursors);
	rmSync(join(home, 'copies'), {recursive: true, force: true});
	rmSync(join(home, 'packed'), {recursive: true, force: true});
}

describe('existing ledgers, --rebuild, kills and concurrent ingests', () => {
	const want = {[A]: totalsOf([a1, a2, a3]), [B]: totalsOf([b1, b2])};

	it('a ledger written by the older reader (no requestId) is fixed by the next ingest', async () => {
		const {home, env} = await ingestPair('2.0', 'together');
		makeOldLedger(home);
		// as the older burn saw it: every copy counted again
		expect((await figures(home, ALL)).sessions[B]).toEqual(totalsOf([a1, a2, a3, b1, b2]));
		const ledgerBytes = bytesUnder(join(home, 'ledger'));
		const r = await run(home, env);
		// the logs' response keys are read again for the index only: nothing is appended
		expect(r.filesChanged).toBe(0);
		expect(bytesUnder(join(home, 'ledger'))).toBe(ledgerBytes);
		expect((await figures(home, ALL)).sessions).toEqual(want);
		expect((await figures(home, day(D1))).sessions).toEqual({[A]: want[A]});
		// and stays fixed
		expect((await run(home, env)).filesChanged).toBe(0);
		expect((await figures(home, ALL)).sessions).toEqual(want);
	});

	it('an older ledger whose copy log grew since: keys read for the index, the new part appended', async () => {
		const {claude, home, env} = await ingestPair('1.0', 'original first');
		makeOldLedger(home);
		const b3 = resp('msg_b3', `${D2}T11:00:00.000Z`, 9);
		const path = join(claude, 'projects', '-tmp-resume-project', `${B}.jsonl`);
		writeFileSync(path, readFileSync(path, 'utf8') + sessionText(B, [b3], {shape: '1.0'}));
		const r = await run(home, env);
		expect(r.filesChanged).toBe(1);
		expect((await figures(home, ALL)).sessions).toEqual({[A]: want[A], [B]: totalsOf([b1, b2, b3])});
		// the index lost again: rebuilt from the ledger and the logs' keys
		rmSync(join(home, 'copies'), {recursive: true, force: true});
		expect((await run(home, env)).filesChanged).toBe(0);
		expect((await figures(home, ALL)).sessions).toEqual({[A]: want[A], [B]: totalsOf([b1, b2, b3])});
		expect((await figures(home, day(D2))).sessions).toEqual({[B]: totalsOf([b1, b2, b3])});
	});

	it('records without a requestId whose logs are gone stay session-scoped', async () => {
		const {claude, home, env} = await ingestPair('2.0', 'together');
		makeOldLedger(home);
		rmSync(join(claude, 'projects', '-tmp-resume-project', `${B}.jsonl`));
		await run(home, env);
		expect((await figures(home, ALL)).sessions).toEqual({[A]: totalsOf([a1, a2, a3]), [B]: totalsOf([a1, a2, a3, b1, b2])});
	});

	it('--rebuild keeps each response once; a lost index is rebuilt from the ledger', async () => {
		const {home, env} = await ingestPair('1.0', 'copy first');
		await run(home, env, {rebuild: true});
		expect((await figures(home, ALL)).sessions).toEqual(want);
		rmSync(join(home, 'copies'), {recursive: true, force: true});
		expect((await run(home, env)).filesChanged).toBe(0);
		expect((await figures(home, ALL)).sessions).toEqual(want);
		expect((await figures(home, day(D2))).sessions).toEqual({[B]: totalsOf([b1, b2])});
	});

	it('the copy logs gone after ingest: the decision stays', async () => {
		const {claude, home, env} = await ingestPair('1.0', 'original first');
		rmSync(join(claude, 'projects', '-tmp-resume-project', `${A}.jsonl`));
		rmSync(join(claude, 'projects', '-tmp-resume-project', `${B}.jsonl`));
		await run(home, env, {rebuild: true});
		expect((await figures(home, ALL)).sessions).toEqual(want);
	});

	/** Ingests the original, snapshots the data directory, then ingests the copy. */
	async function beforeAndAfterCopy(shape: Shape, order: 'original first' | 'copy first') {
		const s = setup();
		const texts = pairText(shape);
		const [first, second] = order === 'original first' ? [[A, texts.a], [B, texts.b]] : [[B, texts.b], [A, texts.a]];
		writeSession(s.claude, first![0]!, first![1]!);
		await run(s.home, s.env);
		const snap = join(s.root, 'snapshot');
		cpSync(s.home, snap, {recursive: true});
		writeSession(s.claude, second![0]!, second![1]!);
		await run(s.home, s.env);
		return {...s, snap};
	}

	/** Puts back `rel` (a file or directory under the data directory) as it was in the snapshot. */
	function restore(home: string, snap: string, rel: string): void {
		rmSync(join(home, rel), {recursive: true, force: true});
		if (existsSync(join(snap, rel))) cpSync(join(snap, rel), join(home, rel), {recursive: true});
	}

	for (const shape of ['1.0', '2.0'] as const) {
		for (const order of ['original first', 'copy first'] as const) {
			it(`killed during the second log's ingest, at every step (${shape} shape, ${order})`, async () => {
				// After the ledger append, before the index and the cursors were saved.
				let s = await beforeAndAfterCopy(shape, order);
				restore(s.home, s.snap, 'copies');
				restore(s.home, s.snap, 'cursors');
				await run(s.home, s.env);
				expect((await figures(s.home, ALL)).sessions).toEqual(want);
				// After the drop files, before the keys, ties and sessions of the index.
				s = await beforeAndAfterCopy(shape, order);
				for (const rel of ['copies/keys', 'copies/ties', 'copies/sessions.json', 'cursors']) restore(s.home, s.snap, rel);
				await run(s.home, s.env);
				expect((await figures(s.home, ALL)).sessions).toEqual(want);
				// After the index, before the cursors.
				s = await beforeAndAfterCopy(shape, order);
				restore(s.home, s.snap, 'cursors');
				await run(s.home, s.env);
				expect((await figures(s.home, ALL)).sessions).toEqual(want);
				expect((await figures(s.home, day(D1))).sessions).toEqual({[A]: want[A]});
				expect((await figures(s.home, day(D2))).sessions).toEqual({[B]: want[B]});
				// During the index's first build (no meta.json yet): built again.
				s = await beforeAndAfterCopy(shape, order);
				rmSync(join(s.home, 'copies', 'meta.json'));
				restore(s.home, s.snap, 'cursors');
				await run(s.home, s.env);
				expect((await figures(s.home, ALL)).sessions).toEqual(want);
			});
		}
	}

	it('two concurrent ingests of the pair count each response once', async () => {
		const {claude, home, env} = setup();
		const texts = pairText('1.0');
		writeSession(claude, A, texts.a);
		writeSession(claude, B, texts.b);
		const [x, y] = await Promise.all([run(home, env), run(home, env)]);
		expect(x.ran && y.ran).toBe(true);
		expect(x.filesChanged + y.filesChanged).toBe(2);
		expect((await figures(home, ALL)).sessions).toEqual(want);
	});
});
