import {describe, expect, it} from 'vitest';
import type {HotspotRowBase} from '../source/analysis/report-types.js';
import {COLUMN_HELP, explainCell, ridingNote} from '../source/report/columns.js';

const row = (over: Partial<HotspotRowBase> = {}): HotspotRowBase => ({
	initialTokens: 12_345.6,
	persistenceTokens: 900_000,
	ridingTurns: 1954,
	initialCost: 0.05,
	persistenceCost: 0.92,
	totalCost: 0.97,
	share: 0.1234,
	refs: [],
	...over,
});

describe('words for the money', () => {
	it('every money column (and calls) has one line of help, named as the tables title it', () => {
		expect(Object.keys(COLUMN_HELP)).toEqual(['calls', 'initial', 'riding', 'turns', 'cost', 'share', 'attributed', 'unattributed']);
		for (const [k, v] of Object.entries(COLUMN_HELP)) {
			expect(v.startsWith(`${k}:`)).toBe(true);
			expect(v).not.toContain('\n');
		}
	});

	it('interprets a riding cell as the issue words it', () => {
		expect(explainCell('riding', 'file', row())).toBe("riding: this file's text sat in the cache for 1,954 later turns, $0.92");
		expect(explainCell('riding', 'command', row({ridingTurns: 1}))).toBe("riding: this command's output sat in the cache for 1 later turn, $0.92");
		expect(explainCell('riding', 'file', row({ridingTurns: 0}))).toContain('rode in no later turn');
	});

	it('initial, turns, cost and share cells (one later turn is singular; a share is written 12%)', () => {
		expect(explainCell('initial', 'file', row())).toBe("initial: reading this file's text the first time cost $0.050 (12,346 tokens of new input)");
		expect(explainCell('turns', 'file', row({ridingTurns: 1}))).toBe("turns: 1 later turn read this file's text again from the cache");
		expect(explainCell('cost', 'server', row())).toBe('cost: $0.050 initial + $0.92 riding = $0.97');
		expect(explainCell('share', 'verb', row())).toBe('share: 12% of the attributed dollars in this window');
		expect(explainCell('share', 'verb', row({share: 0.066}))).toBe('share: 6.6% of the attributed dollars in this window');
	});

	it('a turn whose calls cost more than the turn says why', () => {
		expect(ridingNote(0.5, 1)).toBeNull();
		expect(ridingNote(0.5, null)).toBeNull();
		expect(ridingNote(2, 0.5)).toBe("the calls cost $2.00, more than this turn's $0.50: their riding cost is paid by later turns that read the results from the cache");
	});
});
