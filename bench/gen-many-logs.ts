/**
 * A Claude tree of many small logs (issue 17: the warm run on 50,000 files): `projects` ×
 * `perProject` sessions of two turns each, one user prompt and one response per turn, spread
 * over the `days` days before `now`. Deterministic; writes only what is missing.
 */
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

export interface ManyLogsOptions {
	projects: number;
	perProject: number;
	days: number;
	now: number;
}

function lines(session: string, cwd: string, t0: number): string {
	const out: string[] = [];
	for (let n = 0; n < 2; n++) {
		const ts = new Date(t0 + n * 60_000).toISOString();
		out.push(
			JSON.stringify({type: 'user', sessionId: session, uuid: `${session}-p${n}`, timestamp: ts, cwd, message: {role: 'user', content: `do step ${n}`}}),
			JSON.stringify({
				type: 'assistant',
				sessionId: session,
				requestId: `req_${session}_${n}`,
				uuid: `${session}-a${n}`,
				parentUuid: `${session}-p${n}`,
				timestamp: new Date(t0 + n * 60_000 + 5000).toISOString(),
				cwd,
				message: {
					id: `msg_${session}_${n}`,
					model: 'claude-sonnet-4-5',
					role: 'assistant',
					content: [{type: 'text', text: `done step ${n}`}],
					stop_reason: 'end_turn',
					usage: {input_tokens: 100 + n, output_tokens: 20 + n, cache_read_input_tokens: 1000, cache_creation_input_tokens: 50},
				},
			}),
		);
	}
	return `${out.join('\n')}\n`;
}

/** Returns the Claude config dir (`<out>/claude`). */
export function generateManyLogs(out: string, o: ManyLogsOptions): string {
	const claude = join(out, 'claude');
	const done = join(out, '.done');
	if (existsSync(done)) return claude;
	const span = o.days * 86_400_000;
	const total = o.projects * o.perProject;
	for (let p = 0; p < o.projects; p++) {
		const cwd = `/home/u/work/proj${p}`;
		const dir = join(claude, 'projects', `-home-u-work-proj${p}`);
		mkdirSync(dir, {recursive: true});
		for (let i = 0; i < o.perProject; i++) {
			const k = p * o.perProject + i;
			const session = `00000000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
			const t0 = o.now - span + Math.floor((k / total) * (span - 3_600_000));
			writeFileSync(join(dir, `${session}.jsonl`), lines(session, cwd, t0));
		}
	}
	writeFileSync(done, '');
	return claude;
}
