import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {refreshLedger} from '../../source/ledger/refresh.js';
import {scanLedger} from '../../source/ledger/scan.js';
import {claudeLine} from './hostile.js';
import {tmp} from './tmp.js';

const T0 = Date.parse('2026-11-10T12:00:00.000Z');
/** A minute-step timestamp from 2026-11-10 12:00 UTC. */
export const treeTs = (k: number) => new Date(T0 + k * 60_000).toISOString();

/**
 * A small Claude Code tree for the warm-path tests: `count` two-turn sessions over two project
 * directories, one subagent transcript beside session s0, and a sealed env pointing at it.
 */
export function smallClaudeTree(prefix: string, count: number) {
	const root = tmp(prefix);
	const claude = join(root, 'claude');
	const dirs = [join(claude, 'projects', '-tmp-a'), join(claude, 'projects', '-tmp-b')];
	for (const d of dirs) mkdirSync(d, {recursive: true});
	const env = {HOME: join(root, 'home'), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	const paths: string[] = [];
	for (let i = 0; i < count; i++) {
		const p = join(dirs[i % 2]!, `s${i}.jsonl`);
		writeFileSync(p, `${[0, 1].map((n) => claudeLine(`s${i}`, n, treeTs(i * 10 + n), 10 + i)).join('\n')}\n`);
		paths.push(p);
	}
	const sub = join(dirs[0]!, 's0', 'subagents');
	mkdirSync(sub, {recursive: true});
	writeFileSync(join(sub, 'agent-x1.jsonl'), `${claudeLine('s0', 9, treeTs(5), 7)}\n`);
	return {root, env, dirs, paths, sub, home: join(root, 'burn')};
}

/** An ingest through the warm path's check (refresh.ts), as every caller makes it. */
export const ingestTree = (home: string, env: NodeJS.ProcessEnv) => refreshLedger({home, env, contentMode: 'full', retentionDays: 30, noWorkers: true});

/** Every turn the ledger counts: session/message → output tokens. */
export async function ledgerTurns(home: string): Promise<Record<string, number>> {
	const {dataset} = await scanLedger({home, window: {since: null, until: null}, packed: false});
	const out: Record<string, number> = {};
	for (const s of dataset.sessions) for (const t of s.turns) out[`${s.sessionId}/${t.messageId}`] = t.usage.output;
	return out;
}

/** A fresh data directory ingesting the logs as they are now: what a warm ledger must equal. */
export async function coldTurns(env: NodeJS.ProcessEnv, prefix = 'burn-cold-'): Promise<Record<string, number>> {
	const home = tmp(prefix);
	await ingestTree(home, env);
	return ledgerTurns(home);
}
