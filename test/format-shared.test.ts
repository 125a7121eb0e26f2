// One formatting module for both faces (issue 13, defect 14): the Ink screens and the text
// report word dates, session ids, models and shares the same way.
import {describe, expect, it} from 'vitest';
import {fmtDateTime, fmtPct, shortId, shortModel} from '../source/report/format.js';
import {sessionsTable} from '../source/ui/tab-models.js';
import * as uiFmt from '../source/ui/fmt.js';
import type {SessionRow} from '../source/analysis/report-types.js';
import {emptyUsage} from '../source/core/records.js';

process.env.TZ = 'UTC';

const row: SessionRow = {
	sessionId: 'ses_24c1832de000ue9DzCUBQ8xgx2',
	source: 'opencode',
	project: '/w',
	firstTs: '2026-12-03T09:05:00.000Z',
	lastTs: '2026-12-03T10:00:00.000Z',
	turns: 1,
	usage: emptyUsage(),
	cost: 1,
	unpricedTokens: 0,
	attributedCost: 0.5,
	unattributedCost: 0.5,
	attributionMethod: 'none' as SessionRow['attributionMethod'],
	toolCalls: 0,
	threads: [],
};

describe('shared formatting', () => {
	it('the UI module no longer has its own dates, ids or shares', () => {
		expect(Object.keys(uiFmt).sort()).toEqual(['commonDir', 'windowLabel']);
	});

	it('"Dec 3", one way', () => {
		expect(fmtDateTime(row.firstTs)).toBe('Dec 3 09:05');
		const cells = sessionsTable([row], {now: Date.parse('2026-12-07T00:00:00.000Z')}).rows[0]!.cells;
		expect(cells[0]).toBe(shortId(row.sessionId));
		expect(cells[1]).toBe('Dec 3 09:05');
	});

	it('models: provider, claude- prefix, date and @version dropped', () => {
		expect(shortModel('anthropic/claude-opus-4-1')).toBe('opus-4-1');
		expect(shortModel('claude-sonnet-4@20250514')).toBe('sonnet-4');
		expect(shortModel('claude-sonnet-4-5-20250929')).toBe('sonnet-4-5');
		expect(shortModel('evil\x1b[31m-model')).toBe('evil-model');
		expect(fmtPct(0.083)).toBe('8.3%');
	});
});
