// The attribution model on a ledger of our own (test/fixtures/ledger/ledger.jsonl), every
// figure worked by hand below, so the model is tested on a plain clone without ../shared.
// docs/how-burn-counts.md walks through session A of this ledger as its worked example.
//
// Prices (test price book, helpers/analysis.ts), dollars per million tokens:
//   claude-sonnet-4-6: input 3, output 15, cache read 0.3, cache write 5m 3.75, 1h 6
//   claude-haiku-4-5:  input 1, output 5,  cache read 0.1
//   gpt-5-codex:       input 1.25, output 10
//
// Session A (Claude Code, sonnet, result sizes known → "sized"):
//   turn  input output cacheRead write5m write1h  calls (result size, tokens)
//   A1    2000   100       0       0       0      Read app.ts (3000), Read util.ts (1000)
//   A2     500   200    2000    2500       0      Edit util.ts (200), Bash "npm test" (600)
//   A3     300   150    5000       0     400      -
//   A4     100    50    3600       0       0      -
//   A5     100    40     800       0       0      -   (after a compaction)
//
// Turn costs: A1 = 2000×3 + 100×15                       = 7500  → $0.0075
//             A2 = 500×3 + 200×15 + 2000×0.3 + 2500×3.75 = 14475 → $0.014475
//             A3 = 300×3 + 150×15 + 5000×0.3 + 400×6     = 7050  → $0.00705
//             A4 = 100×3 + 50×15 + 3600×0.3              = 2130  → $0.00213
//             A5 = 100×3 + 40×15 + 800×0.3               = 1140  → $0.00114
//             session A                                            $0.032295
//
// Initial cost (the turn after the call reads the result as new content):
//   A2 pays for A1's reads. New content = 500 + 2500 = 3000 tokens, which cost
//   500×3 + 2500×3.75 = $0.010875. The results total 4000 > 3000: the cap is 3000 tokens,
//   shared by size: app.ts 2250 tokens → 2250/3000 × 0.010875 = $0.00815625,
//   util.ts 750 tokens → $0.00271875.
//   A3 pays for A2's calls. New content = 300 + 400 = 700 tokens costing 300×3 + 400×6 = $0.0033.
//   Results total 800 > 700: cap 700. Edit 175 tokens → $0.000825, Bash 525 tokens → $0.002475.
//
// Riding (a paid result rides in the cache reads of each later turn of its thread, shared by
// size, capped at the turn's cache reads; a result larger than the turn's cache read does not
// ride in it):
//   A2: nothing has been paid before A2, nothing rides.
//   A3 (cache read 5000): app 3000 + util 1000 = 4000 ≤ 5000 → all 4000 tokens at 0.3:
//       app $0.0009, util $0.0003.
//   A4 (cache read 3600): app 3000 + util 1000 + edit 200 + bash 600 = 4800 > 3600 → capped
//       at 3600, ×0.75 each: app 2250 ($0.000675), util 750 ($0.000225), edit 150 ($0.000045),
//       bash 450 ($0.000135).
//   A5 (cache read 800): app (3000) and util (1000) are larger than 800 and do not ride; edit
//       200 + bash 600 = 800: edit $0.00006, bash $0.00018.
//
// Totals: app.ts   0.00815625 + 0.0009 + 0.000675            = $0.00973125 (rode 2 turns)
//         util.ts  read 0.00271875 + 0.0003 + 0.000225 = 0.00324375,
//                  edit 0.000825 + 0.000045 + 0.00006   = 0.00093     → $0.00417375
//         npm test 0.002475 + 0.000135 + 0.00018                     = $0.00279
//         attributed A = $0.016695; unattributed A = 0.032295 − 0.016695 = $0.0156
//
// Session B (Claude Code, haiku, no result sizes → "even-split", never rides):
//   B1 input 1000, output 200, calls Read README.md and Bash "git status" → $0.002
//   B2 input 1200, output 100, cache read 1000                          → $0.0018
//   B2 pays 1200 × 1 = $0.0012 of new input, split evenly: $0.0006 per call.
// Session C (Codex) lacks tool-result events: its one turn ($0.008 = 4000×1.25 + 300×10) is
//   left out by the coverage gate (excluded), not attributed, not in the grand total.
// Session D (OpenCode, sonnet): one turn, input 600, output 60 → $0.0027; its task call has no
//   later turn to pay for its result: $0 attributed.
//
// Grand total = 0.032295 + 0.0038 + 0.0027 = $0.038795; attributed = 0.016695 + 0.0012 =
// $0.017895; unattributed = $0.0209. Two of three sessions with calls are even-split → degraded.
import {describe, expect, it} from 'vitest';
import {analyzeHotspots} from '../source/analysis/analyze.js';
import {rodeIn, type ToolAttribution} from '../source/analysis/attribution.js';
import {makeClassifier, prepareSession} from '../source/analysis/prepare.js';
import {groupSessions} from '../source/analysis/threads.js';
import {datasetOf, fakePriceBook, ledgerRecords} from './helpers/analysis.js';
import {OWN, OWN_LEDGER} from './helpers/own-ledger.js';

const EPS = 12;
const ds = datasetOf(ledgerRecords(OWN_LEDGER));
const r = analyzeHotspots(ds, fakePriceBook);

function attributions(): Map<string, ToolAttribution> {
	const classify = makeClassifier();
	const out = new Map<string, ToolAttribution>();
	for (const g of groupSessions(ds)) for (const a of prepareSession(g, fakePriceBook, {}, classify).attribution.attributions) out.set(a.toolUseId, a);
	return out;
}

describe('a hand-worked ledger of our own', () => {
	it('totals, the invariant and the coverage gate', () => {
		expect(r.refused).toBe(false);
		expect(r.turnsAnalyzed).toBe(8);
		expect(r.grandTotal).toBeCloseTo(OWN.grandTotal, EPS);
		expect(r.attributedTotal).toBeCloseTo(OWN.attributedTotal, EPS);
		expect(r.unattributedTotal).toBeCloseTo(OWN.unattributedTotal, EPS);
		expect(r.attributedTotal + r.unattributedTotal).toBeCloseTo(r.grandTotal, EPS);
		expect(r.attributionDegraded).toBe(true);
		expect(r.excluded).toEqual({turns: 1, cost: expect.closeTo(OWN.excludedCost, EPS)});
		expect(r.fidelity.excludedBySource).toEqual([{source: 'codex', turns: 1, granularities: ['per-turn'], missing: ['hasToolResultEvents']}]);
		expect(r.unpriced.turns).toBe(0);
	});

	it('sessions: cost, attributed, unattributed, method', () => {
		expect(r.sessions.map((s) => s.sessionId)).toEqual([OWN.sessionA, OWN.sessionB, OWN.sessionD]);
		const [a, b, d] = r.sessions;
		expect(a).toMatchObject({turns: 5, attributionMethod: 'sized', project: OWN.project, firstTs: '2026-05-04T09:00:00.000Z', lastTs: '2026-05-04T09:04:00.000Z'});
		expect(a!.usage).toEqual({input: 3000, output: 540, reasoning: 0, cacheRead: 11400, cacheCreate5m: 2500, cacheCreate1h: 400});
		expect(a!.cost).toBeCloseTo(0.032295, EPS);
		expect(a!.attributedCost).toBeCloseTo(0.016695, EPS);
		expect(a!.unattributedCost).toBeCloseTo(0.0156, EPS);
		expect(b).toMatchObject({turns: 2, attributionMethod: 'even-split'});
		expect(b!.cost).toBeCloseTo(0.0038, EPS);
		expect(b!.attributedCost).toBeCloseTo(0.0012, EPS);
		expect(d).toMatchObject({turns: 1, attributionMethod: 'even-split', attributedCost: 0});
		expect(d!.cost).toBeCloseTo(0.0027, EPS);
	});

	it('initial cost: at the paying turn’s mix, capped at its new content, shared by size', () => {
		const a = attributions();
		const read = a.get('tu-a-read')!;
		expect(read).toMatchObject({emitMessageId: 'a-msg-1', payMessageId: 'a-msg-2', resultTokens: 3000, sized: true});
		expect(read.initialTokens).toBeCloseTo(2250, EPS);
		expect(read.initialCost).toBeCloseTo(0.00815625, EPS);
		expect(a.get('tu-a-read2')!.initialTokens).toBeCloseTo(750, EPS);
		expect(a.get('tu-a-read2')!.initialCost).toBeCloseTo(0.00271875, EPS);
		const edit = a.get('tu-a-edit')!;
		expect(edit.payMessageId).toBe('a-msg-3');
		expect(edit.initialTokens).toBeCloseTo(175, EPS);
		expect(edit.initialCost).toBeCloseTo(0.000825, EPS);
		expect(a.get('tu-a-bash')!.initialTokens).toBeCloseTo(525, EPS);
		expect(a.get('tu-a-bash')!.initialCost).toBeCloseTo(0.002475, EPS);
	});

	it('riding: shared by size, capped at cache reads, only results that fit', () => {
		const a = attributions();
		const read = a.get('tu-a-read')!;
		expect(rodeIn(read)).toEqual(['a-msg-3', 'a-msg-4']); // not A5: 3000 > 800
		expect(read.ridingTurns).toBe(2);
		expect(read.persistenceTokens).toBeCloseTo(3000 + 2250, EPS);
		expect(read.persistenceCost).toBeCloseTo(0.0009 + 0.000675, EPS);
		expect(read.totalCost).toBeCloseTo(0.00973125, EPS);
		const util = a.get('tu-a-read2')!;
		expect(util.persistenceTokens).toBeCloseTo(1000 + 750, EPS);
		expect(util.totalCost).toBeCloseTo(0.00324375, EPS);
		const edit = a.get('tu-a-edit')!;
		expect(rodeIn(edit)).toEqual(['a-msg-4', 'a-msg-5']); // paid in A3, rides from A4
		expect(edit.persistenceTokens).toBeCloseTo(150 + 200, EPS);
		expect(edit.totalCost).toBeCloseTo(0.00093, EPS);
		const bash = a.get('tu-a-bash')!;
		expect(bash.persistenceTokens).toBeCloseTo(450 + 600, EPS);
		expect(bash.totalCost).toBeCloseTo(0.00279, EPS);
	});

	it('even split: new input shared evenly, no riding; a call nothing reads costs $0', () => {
		const a = attributions();
		for (const id of ['tu-b-read', 'tu-b-bash']) {
			expect(a.get(id)).toMatchObject({payMessageId: 'b-msg-2', sized: false, persistenceCost: 0, ridingTurns: 0});
			expect(a.get(id)!.initialTokens).toBeCloseTo(600, EPS);
			expect(a.get(id)!.initialCost).toBeCloseTo(0.0006, EPS);
		}
		expect(a.get('tu-d-task')).toMatchObject({payMessageId: null, totalCost: 0});
		expect(a.has('tu-c-shell')).toBe(false); // excluded turn: not attributed
	});

	it('rows: files, commands, subagents', () => {
		expect(r.files.map((f) => [f.path, f.toolCallCount])).toEqual([
			['/tmp/ours/app/src/app.ts', 1],
			['/tmp/ours/app/src/util.ts', 2],
			['/tmp/ours/app/README.md', 1],
		]);
		expect(r.files[1]!.totalCost).toBeCloseTo(0.00417375, EPS);
		expect(r.files[0]!.share).toBeCloseTo(0.00973125 / 0.017895, EPS);
		expect(r.bash.map((b) => [b.command, b.callCount])).toEqual([
			['npm test', 1],
			['git status', 1],
		]);
		expect(r.bash[0]!.totalCost).toBeCloseTo(0.00279, EPS);
		expect(r.subagents).toHaveLength(1);
		expect(r.subagents[0]).toMatchObject({subagentType: 'explore the parser', callCount: 1, totalCost: 0});
		expect(r.daily.reduce((n, d) => n + d.cost, 0)).toBeCloseTo(r.grandTotal, EPS);
		expect(r.models.reduce((n, m) => n + (m.cost ?? 0), 0)).toBeCloseTo(r.grandTotal, EPS);
	});
});
