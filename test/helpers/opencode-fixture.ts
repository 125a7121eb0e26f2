import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/**
 * An OpenCode data directory with one small session per id (hand-written from the format),
 * a minute apart from `t0` (default: an hour ago), all in `cwd`.
 */
export function opencodeDir(root: string, ids: string[], {cwd = '/w', t0 = Date.now() - 3_600_000}: {cwd?: string; t0?: number} = {}): string {
	const s = join(root, 'opencode', 'storage');
	const w = (rel: string, v: unknown) => {
		mkdirSync(dirname(join(s, rel)), {recursive: true});
		writeFileSync(join(s, rel), JSON.stringify(v));
	};
	ids.forEach((id, i) => {
		const at = t0 + i * 60_000;
		w(`session/global/${id}.json`, {id, projectID: 'global', directory: cwd, title: 't', time: {created: at, updated: at}});
		w(`message/${id}/msg_u${i}.json`, {id: `msg_u${i}`, sessionID: id, role: 'user', time: {created: at + 1000}});
		w(`message/${id}/msg_a${i}.json`, {
			id: `msg_a${i}`,
			sessionID: id,
			role: 'assistant',
			time: {created: at + 2000, completed: at + 2500},
			providerID: 'anthropic',
			modelID: 'claude-sonnet-4-5',
			path: {cwd, root: cwd},
			cost: 0,
			tokens: {input: 12, output: 30, reasoning: 0, cache: {read: 900, write: 40}},
			finish: 'stop',
		});
	});
	return join(root, 'opencode');
}
