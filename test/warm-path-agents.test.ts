// Issue 17's warm path over the agents added later (Gemini CLI here): their cursors are in the
// shard digests too, so a warm run with nothing new parses no shard of theirs, and a change is
// still seen (the warm ledger reads as a cold one over the same logs).
import {appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
// Through the warm path's check (refresh.ts), as every caller: a change must never be answered as nothing new.
import {refreshLedger as ingest} from '../source/ledger/refresh.js';
import {scanLedger} from '../source/ledger/scan.js';
import {tmp} from './helpers/tmp.js';

const T0 = Date.parse('2026-11-10T12:00:00.000Z');
const ts = (k: number) => new Date(T0 + k * 60_000).toISOString();
const J = (...objs: unknown[]) => `${objs.map((o) => JSON.stringify(o)).join('\n')}\n`;
const tokens = (input: number, output: number) => ({input, output, cached: 0, thoughts: 0, tool: 0, total: input + output});
const reply = (id: string, k: number, output: number) => ({id, timestamp: ts(k), type: 'gemini', content: 'ok', model: 'gemini-2.5-pro', tokens: tokens(1000, output)});

function tree() {
	const root = tmp('burn-warm-gemini-');
	const home = join(root, 'home');
	const chats = join(home, '.gemini', 'tmp', 'demo', 'chats');
	mkdirSync(chats, {recursive: true});
	writeFileSync(join(chats, '..', '.project_root'), '/home/dev/demo\n');
	const paths: string[] = [];
	for (let i = 0; i < 24; i++) {
		const sid = `5e551011-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`;
		const p = join(chats, `session-2026-11-10T12-00-${String(i).padStart(8, '0')}.jsonl`);
		writeFileSync(
			p,
			J(
				{sessionId: sid, projectHash: 'a'.repeat(64), startTime: ts(i * 10), lastUpdated: ts(i * 10), kind: 'main'},
				{id: `u${i}`, timestamp: ts(i * 10), type: 'user', content: [{text: 'go'}]},
				reply(`g${i}a`, i * 10 + 1, 10 + i),
			),
		);
		paths.push(p);
	}
	const env = {HOME: home, CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	return {env, paths, home: join(root, 'burn')};
}

const run = (home: string, env: NodeJS.ProcessEnv) => ingest({home, env, contentMode: 'off', retentionDays: 30, noWorkers: true});

async function turns(home: string): Promise<Record<string, number>> {
	const {dataset} = await scanLedger({home, window: {since: null, until: null}, packed: false});
	const out: Record<string, number> = {};
	for (const s of dataset.sessions) for (const t of s.turns) out[`${s.sessionId}/${t.messageId}`] = t.usage.output;
	return out;
}

describe('warm path: Gemini cursors in the shard digests', () => {
	it('a warm run with nothing new parses no shard; an append is still read', async () => {
		const t = tree();
		const first = await run(t.home, t.env);
		expect(first.filesChanged).toBe(24);
		const before = await turns(t.home);
		expect(Object.keys(before)).toHaveLength(24);
		// Damage every shard's heads line but keep its header (and digest): a shard that is parsed
		// loses its cursors and its logs are read again, so 0 files changed means none was parsed.
		for (const name of readdirSync(join(t.home, 'cursors'))) {
			const path = join(t.home, 'cursors', name);
			const text = readFileSync(path, 'utf8');
			const nl = text.indexOf('\n');
			expect(text.slice(0, nl)).not.toMatch(/ -$/);
			writeFileSync(path, `${text.slice(0, nl + 1)}${'x'.repeat(text.length - nl - 1)}`);
		}
		expect((await run(t.home, t.env)).filesChanged).toBe(0);
		appendFileSync(t.paths[5]!, J(reply('g5b', 60, 77)));
		expect((await run(t.home, t.env)).filesChanged).toBeGreaterThanOrEqual(1);
		const cold = tmp('burn-cold-gemini-');
		await run(cold, t.env);
		const warm = await turns(t.home);
		expect(warm).toEqual(await turns(cold));
		expect(Object.keys(warm)).toHaveLength(25);
	});
});
