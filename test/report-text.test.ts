import {describe, expect, it} from 'vitest';
import type {LedgerRecord} from '../source/core/records.js';
import {analyzeHotspots, analyzeSession} from '../source/analysis/analyze.js';
import {fmtInt, fmtPct, fmtTokens, fmtUsd, sanitize, shortenMiddle} from '../source/report/format.js';
import {renderSessionText, renderText} from '../source/report/text.js';
import {datasetOf, fakePriceBook, fidelity, ledgerRecords, results, turn} from './helpers/analysis.js';
import {OWN_LEDGER} from './helpers/own-ledger.js';

// Our own ledger, its figures worked by hand in attribution-own.test.ts.
const golden = analyzeHotspots(datasetOf(ledgerRecords(OWN_LEDGER)), fakePriceBook);
/** The cells of a table line (columns are separated by two or more spaces). */
const cells = (line: string): string[] => line.trim().split(/\s{2,}/);
const lineWith = (text: string, needle: string): string => text.split('\n').find((l) => l.includes(needle)) ?? '';

describe('format primitives', () => {
	it.each([
		[0, '$0.00'],
		[1.62, '$1.62'],
		[226.66, '$226.66'],
		[1234.5, '$1,234.50'],
		[0.61, '$0.61'],
		[0.041, '$0.041'],
		[0.0041, '$0.0041'],
		[0.003975, '$0.0040'],
		[0.0376, '$0.038'],
		[0.00041, '$0.00041'],
		[0.0000123, '<$0.0001'],
		[0.00012, '$0.00012'],
		[-0.5, '-$0.50'],
	])('fmtUsd(%s) = %s', (n, s) => expect(fmtUsd(n)).toBe(s));

	it('fmtUsd never shows $0.00 for a nonzero cost', () => {
		for (let e = -9; e <= 0; e += 0.25) {
			const s = fmtUsd(10 ** e);
			expect(s).not.toBe('$0.00');
			expect(s).not.toMatch(/^\$0\.0*$/);
		}
	});

	it.each([
		[0, '0'],
		[410, '410'],
		[1000, '1k'],
		[1500, '1.5k'],
		[9_960, '10k'],
		[141_143.464, '141k'],
		[999_999, '1M'],
		[3_800_000, '3.8M'],
		[52_400_000, '52M'],
		[1_200_000_000, '1.2B'],
	])('fmtTokens(%s) = %s', (n, s) => expect(fmtTokens(n)).toBe(s));

	it('fmtInt rounds and groups thousands', () => {
		expect(fmtInt(39_486)).toBe('39,486');
		expect(fmtInt(141_143.464)).toBe('141,143');
		expect(fmtInt(1_234_567)).toBe('1,234,567');
		expect(fmtInt(7)).toBe('7');
	});

	it('fmtPct', () => {
		expect(fmtPct(0.38)).toBe('38%');
		expect(fmtPct(0.083)).toBe('8.3%');
		expect(fmtPct(0)).toBe('0%');
		expect(fmtPct(0.0001)).toBe('<0.1%');
	});

	it('shortenMiddle keeps the file name and cuts at a directory', () => {
		expect(shortenMiddle('src/lib/server/state/session-store.ts', 26)).toBe('src/lib/…/session-store.ts');
		expect(shortenMiddle('src/a.ts', 26)).toBe('src/a.ts');
		expect(shortenMiddle('abcdefghij', 5)).toBe('ab…ij');
		// A path whose last name does not fit keeps the end of that name, not the path's start.
		expect(shortenMiddle('/Users/lee/code/order-ledger.io', 11)).toBe('…-ledger.io');
		expect(shortenMiddle('/Users/lee/code/order-ledger.io', 2)).toBe('…o');
		expect(shortenMiddle('abcdefghij', 1)).toBe('…');
		expect(shortenMiddle('/x/a-very-long-file-name-indeed.ts', 12)).toHaveLength(12);
		for (let w = 1; w <= 40; w++) expect(shortenMiddle('/home/dev/code/app/src/server/routes/index.ts', w).length).toBeLessThanOrEqual(w);
	});

	it('sanitize strips escape sequences and control characters', () => {
		expect(sanitize('\x1b[31mred\x1b[0m')).toBe('red');
		expect(sanitize('\x1b]0;pwned\x07ok')).toBe('ok');
		expect(sanitize('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
		expect(sanitize('a\nb\tc\r')).toBe('a b c ');
		expect(sanitize('\x07bell\x00\x7f')).toBe('bell');
		expect(sanitize('\u202eevil')).toBe('evil');
		expect(sanitize('\x9b2Jclear')).toBe('clear');
		expect(sanitize('plain/path.ts')).toBe('plain/path.ts');
	});
});

describe('renderText (hotspots)', () => {
	const text = renderText(golden, {limit: 10, color: false, width: 100});

	it('header: window, sources, totals, approximate flag, excluded notice', () => {
		const lines = text.split('\n');
		expect(lines[0]).toBe('burn · all time · claude-code, codex, opencode');
		expect(lines[1]).toBe('$0.039 spent · 8 turns · 3 sessions');
		expect(lines[2]).toBe('attributed $0.018 (approximate) · unattributed $0.021 (output, system prompt, untracked)');
		expect(text).toContain('approximate: 2 of 3 sessions (66.7%) have no tool-result sizes');
		expect(text).toContain('analyzed 8 of 9 turns; 1 excluded for missing tool-result events, per-turn granularity (codex)');
		expect(text).not.toMatch(/\x1b/);
		expect(text.endsWith('\n')).toBe(true);
	});

	it('tables in order with approximate headings', () => {
		const headings = ['Sessions', 'Files (approximate)', 'Commands by verb (approximate)', 'Commands (approximate)', 'Subagents (approximate)', 'MCP servers (approximate)', 'Models'];
		const at = headings.map((h) => text.indexOf(`\n${h}\n`));
		for (const i of at) expect(i).toBeGreaterThan(0);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		expect(text).toContain('  (no MCP tool calls)');
	});

	it('rows: calls, initial, riding, turns, cost, share', () => {
		expect(cells(lineWith(text, '  #  file'))).toEqual(['#', 'file', 'calls', 'initial', 'riding', 'turns', 'cost', 'share']);
		// attribution-own.test.ts: app.ts 2250 initial + 5250 riding tokens over 2 turns, $0.00973125 of $0.017895
		expect(cells(lineWith(text, 'src/app.ts'))).toEqual(['1', '/tmp/ours/app/src/app.ts', '1', '2.3k', '5.3k', '2', '$0.01', '54%']);
		// util.ts: a Read and an Edit, 750 + 175 initial, 1750 + 350 riding, 2 + 2 turns
		expect(cells(lineWith(text, 'src/util.ts'))).toEqual(['2', '/tmp/ours/app/src/util.ts', '2', '925', '2.1k', '4', '<$0.01', '23%']);
		expect(cells(lineWith(text, 'README.md'))).toEqual(['3', '/tmp/ours/app/README.md', '1', '600', '0', '0', '<$0.01', '3.4%']);
		expect(cells(lineWith(text, '  #  verb'))).toEqual(['#', 'verb', 'calls', 'cmds', 'initial', 'riding', 'turns', 'cost', 'share']);
		expect(cells(lineWith(text, '1  npm test        1     1'))).toEqual(['1', 'npm test', '1', '1', '525', '1.1k', '2', '<$0.01', '16%']);
		expect(cells(lineWith(text, 'explore the parser'))).toEqual(['1', 'explore the parser', '1', '0', '0', '0', '$0.00', '0%']);
		expect(cells(lineWith(text, 'aaaaaaaa'))).toEqual(['1', 'aaaaaaaa', 'claude-code', '/tmp/ours/app', expect.stringMatching(/^May [34] \d\d:\d\d$/), '5', '$0.03', '$0.02', '83%']);
		// At 60 columns the project column is what is left after the fixed ones.
		expect(cells(lineWith(renderText(golden, {width: 60}), 'aaaaaaaa'))[3]).toBe('/tm…/app');
		// sonnet: session A's 5 turns and D's 1: input 3000 + 600, writes 2500 + 400, output 540 + 60
		expect(cells(lineWith(text, '1  claude-sonnet-4-6'))).toEqual(['1', 'claude-sonnet-4-6', '6', '3.6k', '2.9k', '11k', '600', '$0.03', '90%']);
	});

	it('limit cuts rows and says how many more', () => {
		const one = renderText(golden, {limit: 1, width: 100});
		expect(one).not.toContain('src/util.ts');
		expect(one).toContain('  … 2 more (--all shows every row)');
		const all = renderText(golden, {limit: Number.POSITIVE_INFINITY, width: 100});
		expect(all).toContain('src/util.ts');
		expect(all).not.toContain('more (--all');
	});

	it('narrow widths shorten long paths in the middle', () => {
		const narrow = renderText(golden, {width: 60});
		const row = lineWith(narrow, 'app.ts');
		expect(row).toContain('…');
		expect(row.length).toBeLessThanOrEqual(60);
		for (const l of narrow.split('\n').slice(0, 6)) expect(l.length).toBeLessThanOrEqual(60);
	});

	it('colour only when asked', () => {
		expect(renderText(golden, {color: true})).toContain('\x1b[1m');
	});

	it('no approximate flag when every session is sized', () => {
		const ds = datasetOf([
			turn({session: 'ok', calls: [{id: 'a', target: '/a.ts'}]}),
			results({a: 100}, 'ok'),
			turn({session: 'ok', usage: {input: 1000}}),
		]);
		const t = renderText(analyzeHotspots(ds, fakePriceBook));
		expect(t).not.toContain('approximate');
		expect(t).not.toContain('even split');
		expect(t).toContain('\nFiles\n');
		expect(t).toContain('\nCommands by verb\n');
	});

	it('the approximate line counts sessions with thousands separators', () => {
		const sessions = Array.from({length: 39_587}, (_, i) => ({...golden.sessions[0]!, sessionId: `s${i}`, toolCalls: 1, attributionMethod: i < 39_486 ? ('even-split' as const) : ('sized' as const)}));
		expect(renderText({...golden, attributionDegraded: true, sessions}, {width: 200})).toContain('approximate: 39,486 of 39,587 sessions (99.7%) have no tool-result sizes');
	});

	it('a minority of even-split sessions is a note, not a flag', () => {
		const recs: LedgerRecord[] = [];
		for (const s of ['p1', 'p2']) recs.push(turn({session: s, calls: [{id: `${s}a`, target: '/a.ts'}]}), results({[`${s}a`]: 10}, s), turn({session: s, usage: {input: 100}}));
		recs.push(turn({session: 'p3', calls: [{id: 'p3a', target: '/a.ts'}]}), turn({session: 'p3', usage: {input: 100}}));
		const r = analyzeHotspots(datasetOf(recs), fakePriceBook);
		expect(r.attributionDegraded).toBe(false);
		const t = renderText(r);
		expect(t).toContain('note: 1/3 sessions used an even split');
		expect(t).not.toContain('(approximate)');
	});

	it('log text is sanitised', () => {
		const ds = datasetOf([
			turn({session: 'esc', calls: [{id: 'a', target: '/tmp/\x1b[2Jevil\x07.ts'}, {id: 'b', name: 'Bash', target: 'echo \x1b]0;title\x07hi\nrm x'}]}),
			turn({session: 'esc', usage: {input: 100}}),
		]);
		const t = renderText(analyzeHotspots(ds, fakePriceBook));
		expect(t).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
		expect(t).toContain('/tmp/evil.ts');
		expect(t).toContain('echo hi ⏎ rm x');
	});

	it('refusal, no data, unpriced and undated lines', () => {
		const refused = analyzeHotspots(
			datasetOf([turn({session: 'rf', source: 'codex', model: 'gpt-5-codex', fidelity: fidelity({hasToolCalls: false, hasToolResultEvents: false}, 'per-session-aggregate', 'aggregate-only')})]),
			fakePriceBook,
		);
		const rt = renderText(refused);
		expect(rt).toContain('Nothing here can be attributed: 1/1 turns lack tool-call/tool-result coverage');
		expect(rt).not.toContain('Files');

		const empty = renderText(analyzeHotspots(datasetOf([], {since: '2026-04-01T00:00:00.000Z', until: null}), fakePriceBook));
		expect(empty).toContain('No agent activity in this window');
		expect(empty).toContain('--since all');
		expect(empty).toContain('--demo');
		expect(empty.split('\n')[0]).toMatch(/^burn · since (Mar 31|Apr 1) \d\d:\d\d · no sources$/);

		const mixed = renderText(
			analyzeHotspots(datasetOf([turn({session: 'mx', model: 'mystery-model', usage: {input: 1500}}), turn({session: 'mx', ts: '', model: 'mystery-model', usage: {input: 10}})]), fakePriceBook),
		);
		expect(mixed).toContain('unpriced: 2 turns, 1.5k tokens (mystery-model)');
		expect(mixed).toContain('undated: 1 turn without a timestamp, included');
		expect(cells(lineWith(mixed, '1  mystery-model'))).toEqual(['1', 'mystery-model', '2', '1.5k', '0', '0', '0', 'unpriced']);
	});
});

describe('renderSessionText', () => {
	const ds = datasetOf([
		turn({session: 'st', id: 's1', ts: '2026-05-01T10:00:00.000Z', usage: {input: 1000, cacheRead: 88_000, output: 410}, calls: [{id: 'r', name: 'Read', target: '/repo/src/lib/session-store.ts'}]}),
		turn({session: 'st', id: 's2', ts: '2026-05-01T10:01:00.000Z', agentId: 'ag', subagentType: 'Explore', usage: {input: 10}, calls: [{id: 'g', name: 'Grep', target: 'TODO'}]}),
		results({r: 500}, 'st'),
		turn({session: 'st', id: 's3', ts: '2026-05-01T10:02:00.000Z', usage: {input: 3000, cacheCreate5m: 9000, cacheRead: 90_000, output: 1000}, calls: [{id: 'e', name: 'Edit', target: '/repo/src/lib/session-store.ts'}, {id: 'b', name: 'Bash', target: 'npm test'}]}),
	]);
	const text = renderSessionText(analyzeSession(ds, fakePriceBook, 'st'), {width: 100});

	it('header, timeline with calls and thread labels, thread tree', () => {
		expect(text.split('\n')[0]).toMatch(/^session st · claude-code · (Apr 30|May [12]) \d\d:\d\d–((Apr 30|May [12]) )?\d\d:\d\d · \$/);
		expect(text).toContain('\nTurns\n');
		expect(cells(lineWith(text, '  turn  time'))).toEqual(['turn', 'time', 'model', 'in', 'cache w', 'cache r', 'out', 'cost', 'calls']);
		const t1 = cells(lineWith(text, 'Read session-store.ts'));
		expect(t1.slice(2)).toEqual(['sonnet-4-6', '1k', '0', '88k', '410', expect.stringMatching(/^\$/), 'Read session-store.ts']);
		expect(lineWith(text, 'Grep TODO')).toContain('[Explore] Grep TODO');
		expect(lineWith(text, 'Edit session-store.ts')).toContain('Edit session-store.ts; Bash npm test');
		expect(text).toContain('\nThreads\n');
		expect(text).toMatch(/└ Explore\s+1 turn {2}/);
		expect(text).not.toMatch(/\x1b/);
	});
});

describe('window label', () => {
	it('says how a relative window was asked for', async () => {
		const {windowLabel} = await import('../source/report/text.js');
		const w = {since: '2026-11-17T12:00:00.000Z', until: null};
		expect(windowLabel(w, '7d')).toBe('last 7 days');
		expect(windowLabel(w, '24h')).toBe('last 24 hours');
		expect(windowLabel(w, '1w')).toBe('last week');
		expect(windowLabel({since: null, until: null}, 'all')).toBe('all time');
		expect(windowLabel(w, '2026-11-17')).toMatch(/^since /);
		expect(windowLabel({since: w.since, until: '2026-11-18T00:00:00.000Z'}, '7d')).toMatch(/–/);
	});
});
