/**
 * The real Gemini CLI samples of ../shared/reference/agent-samples/gemini against the
 * reference totals of the format note (§11). Our `output` includes thoughts (Gemini bills
 * them on top of output), so it is the note's output + reasoning.
 */
import {expect, it} from 'vitest';
import type {LedgerRecord, TurnRecord} from '../source/core/records.js';
import {createGeminiReader} from '../source/sources/gemini/reader.js';
import {readFileLines} from './helpers/read-lines.js';
import {describeShared, shared} from './helpers/shared.js';

const sample = (name: string) => shared('reference/agent-samples/gemini', name);

function byModel(records: LedgerRecord[]) {
	const out: Record<string, {responses: number; aborted: number; input: number; cacheRead: number; output: number; reasoning: number}> = {};
	for (const r of records) {
		if (r.kind !== 'turn') continue;
		const t = r.record as TurnRecord;
		const m = (out[t.model] ??= {responses: 0, aborted: 0, input: 0, cacheRead: 0, output: 0, reasoning: 0});
		m.responses++;
		if (t.aborted) m.aborted++;
		m.input += t.usage.input;
		m.cacheRead += t.usage.cacheRead;
		m.output += t.usage.output;
		m.reasoning += t.usage.reasoning;
	}
	return out;
}

describeShared('Gemini CLI real samples equal the reference totals', () => {
	it('JSONL (0.39+): 11 token lines for 6 ids count 6 responses, flash then pro', () => {
		const r = readFileLines(createGeminiReader(), sample('vct-session-2026-04-23.jsonl'));
		expect(byModel(r.records)).toEqual({
			'gemini-3-flash-preview': {responses: 5, aborted: 0, input: 113_397, cacheRead: 48_951, output: 1_886 + 1_689, reasoning: 1_689},
			'gemini-3.1-pro-preview': {responses: 1, aborted: 0, input: 40_238, cacheRead: 0, output: 266 + 452, reasoning: 452},
		});
		expect(r.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
	});

	it('legacy JSON: 13 responses, 4 of them without usage', () => {
		const r = readFileLines(createGeminiReader(), sample('vct-legacy-2025-10-11.json'));
		expect(byModel(r.records)).toEqual({
			'gemini-2.5-pro': {responses: 13, aborted: 4, input: 54_874, cacheRead: 121_305, output: 851 + 1_546, reasoning: 1_546},
		});
	});
});
