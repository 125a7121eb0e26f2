// Issue 17: an assistant line too long to parse still carries its usage: burn keeps the turn
// (from the line's head and tail) instead of dropping it as oversized. The 64 MB limit is
// lowered to 1 MiB through BURN_MAX_LINE_BYTES, so a 3 MB line stands for a 200 MB one.
import {writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hostile, runBounded} from './helpers/hostile.js';
import {salvageHugeLine} from '../source/sources/claude/huge-line.js';

const BIG = 3 * 1024 * 1024;

/** An assistant line in Claude Code's own key order: `message` (content, then usage) before requestId, type, uuid, timestamp. */
function assistantLine(n: number, ts: string, text: string, usage: Record<string, number> | null): string {
	const message = {model: 'claude-sonnet-4-5', id: `msg_big_${n}`, type: 'message', role: 'assistant', content: [{type: 'text', text}], stop_reason: 'end_turn', ...(usage ? {usage} : {})};
	return JSON.stringify({parentUuid: null, isSidechain: false, userType: 'external', cwd: '/tmp/hostile-project', sessionId: 's-big', version: '2.0.0', message, requestId: `req_big_${n}`, type: 'assistant', uuid: `u-big-${n}`, timestamp: ts});
}

function userLine(n: number, ts: string, text: string): string {
	return JSON.stringify({parentUuid: null, cwd: '/tmp/hostile-project', sessionId: 's-big', message: {role: 'user', content: [{type: 'tool_result', tool_use_id: 'toolu_1', content: text}]}, type: 'user', uuid: `u-user-${n}`, timestamp: ts});
}

describe('oversized assistant lines keep their usage', () => {
	it('a 3 MB assistant line over a 1 MiB limit counts as a turn with its tokens (end to end)', () => {
		const h = hostile(0, {BURN_MAX_LINE_BYTES: String(1024 * 1024)});
		const dir = join(h.agents.CLAUDE_CONFIG_DIR, 'projects', '-tmp-big');
		mkdirSync(dir, {recursive: true});
		const t = (i: number) => new Date(Date.now() - 3_600_000 + i * 1000).toISOString();
		const usage = {input_tokens: 11, output_tokens: 4321, cache_read_input_tokens: 0, cache_creation_input_tokens: 0};
		const lines = [
			assistantLine(0, t(0), 'small', {input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}),
			assistantLine(1, t(1), 'x'.repeat(BIG), usage),
			userLine(2, t(2), 'y'.repeat(BIG)),
			assistantLine(3, t(3), 'z'.repeat(BIG), null),
		];
		writeFileSync(join(dir, 's-big.jsonl'), `${lines.join('\n')}\n`);
		const r = runBounded(['--json', '--since', 'all'], h.env, 60);
		expect(r.status).toBe(0);
		const report = JSON.parse(r.stdout) as {turnsAnalyzed: number; totals?: unknown};
		expect(report.turnsAnalyzed).toBe(2);
		expect(r.stdout).toContain('4341'); // 20 + 4321 output tokens
		// The user line and the assistant line without usage are still oversized: 2, said once.
		expect(r.stderr).toContain('2 oversized line(s)');
	});

	it('salvageHugeLine rebuilds a small assistant line from the head and tail', () => {
		const line = assistantLine(7, '2026-01-02T03:04:05.000Z', 'q'.repeat(300_000), {input_tokens: 1, output_tokens: 2});
		const b = Buffer.from(line);
		const out = salvageHugeLine(b.subarray(0, 64 * 1024), b.subarray(b.length - 64 * 1024));
		expect(out).toBeDefined();
		expect(JSON.parse(out!.toString())).toEqual({
			type: 'assistant',
			cwd: '/tmp/hostile-project',
			sessionId: 's-big',
			version: '2.0.0',
			userType: 'external',
			requestId: 'req_big_7',
			uuid: 'u-big-7',
			timestamp: '2026-01-02T03:04:05.000Z',
			message: {role: 'assistant', type: 'message', content: [], usage: {input_tokens: 1, output_tokens: 2}, id: 'msg_big_7', model: 'claude-sonnet-4-5'},
		});
		const user = Buffer.from(userLine(1, '2026-01-02T03:04:05.000Z', 'q'.repeat(300_000)));
		expect(salvageHugeLine(user.subarray(0, 65_536), user.subarray(user.length - 65_536))).toBeUndefined();
	});
});
