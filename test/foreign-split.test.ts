import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {splitLedgerByDay} from '../source/ledger/foreign-split.js';
import {tmp} from './helpers/tmp.js';

const line = (kind: string, ts?: string, extra = '') =>
	`{"v":1,"kind":"${kind}","record":{"v":1,"source":"claude-code","sessionId":"s"${ts === undefined ? '' : `,"ts":"${ts}"`}${extra}}}`;

function split(text: string): Record<string, string[]> {
	const dir = tmp();
	const file = join(dir, 'ledger.jsonl');
	writeFileSync(file, text);
	const out = join(dir, 'out');
	mkdirSync(out);
	splitLedgerByDay(file, out);
	const parts: Record<string, string[]> = {};
	for (const name of readdirSync(out)) parts[name.replace('.jsonl', '')] = readFileSync(join(out, name), 'utf8').split('\n').filter(Boolean);
	return parts;
}

describe('splitting a relayburn ledger by day', () => {
	it('routes each line to its day, events follow the last time, stamps are dropped', () => {
		const lines = [
			line('turn', '2026-11-01T23:59:00.000Z'),
			line('tool_result_event', undefined, ',"toolUseId":"a"'),
			'{"v":1,"kind":"stamp","ts":"2026-11-01T23:59:30.000Z","selector":{},"enrichment":{}}',
			line('user_turn', '2026-11-02T00:00:01.000Z'),
			'',
			line('turn', ''),
			line('turn', '2026-11-02T10:00:00.000Z', `,"target":"${'x'.repeat(5_000_000)}"`),
		];
		const parts = split(`${lines.join('\n')}\n${line('turn', '2026-11-03T01:00:00.000Z')}`); // last line unterminated
		expect(Object.keys(parts).sort()).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', 'undated']);
		expect(parts['2026-11-01']).toEqual([lines[0], lines[1]]);
		expect(parts['2026-11-02']).toEqual([lines[3], lines[6]]);
		expect(parts.undated).toEqual([lines[5]]);
		expect(parts['2026-11-03']).toEqual([line('turn', '2026-11-03T01:00:00.000Z')]);
	});
});
