// End-to-end: `burn watch` follows the logs — one NDJSON object per new turn (a response
// appended over two writes and in several versions is one turn), a new session file, silence
// when nothing is appended, `--alert`, and exit 0 on SIGINT/SIGTERM. Every wait is bounded.
import {appendFileSync, utimesSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {sealed} from './helpers/cli.js';
import {emptyAgentDirs} from './helpers/e2e.js';
import {append, claudeLine, Watch} from './helpers/live.js';
import {tmp} from './helpers/tmp.js';

const S1 = '11111111-2222-4333-8444-555555555555';
const S2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const running: Watch[] = [];

afterEach(() => {
	for (const w of running.splice(0)) w.child.kill('SIGKILL');
});

function setup() {
	const dirs = emptyAgentDirs(tmp('burn-watch-'));
	const log = (id: string, project = '-tmp-live-app') => join(dirs.CLAUDE_CONFIG_DIR, 'projects', project, `${id}.jsonl`);
	// Work from before the watch: never printed.
	append(log(S1), claudeLine({session: S1, uuid: 'a0', msg: 'msg_0', req: 'req_0', ts: new Date(Date.now() - 60_000).toISOString(), output: 50}));
	return {env: sealed({...dirs}).env, log};
}

const nowIso = () => new Date().toISOString();
const start = async (args: string[], env: NodeJS.ProcessEnv) => {
	const w = new Watch(args, env);
	running.push(w);
	await w.ready();
	return w;
};
const objects = (w: Watch) => w.lines().map((l) => JSON.parse(l) as Record<string, any>);

describe('burn watch --json', () => {
	it('prints one object per new turn; a response over two writes and two versions is one turn', async () => {
		const {env, log} = setup();
		const w = await start(['--json'], env);
		// A response whose first line lands in two writes, then a later version (more output).
		const first = claudeLine({session: S1, uuid: 'a1', parent: 'a0', msg: 'msg_1', req: 'req_1', ts: nowIso(), output: 10});
		append(log(S1), first.slice(0, 120));
		append(log(S1), first.slice(120));
		append(log(S1), claudeLine({session: S1, uuid: 'a1b', parent: 'a1', msg: 'msg_1', req: 'req_1', ts: nowIso(), output: 200, tools: ['Bash']}));
		await w.until(() => w.lines().length >= 1, 'the first turn');
		// The thread's next response: printed after its quiet period, and msg_1 never again.
		append(log(S1), claudeLine({session: S1, uuid: 'a2', parent: 'a1b', msg: 'msg_2', req: 'req_2', ts: nowIso(), output: 30}));
		await w.until(() => w.lines().length >= 2, 'the second turn');
		const [one, two] = objects(w);
		expect(one).toMatchObject({type: 'turn', sessionId: S1, threadId: 'main', messageId: 'msg_1', model: 'claude-sonnet-4-6', toolCalls: [{name: 'Bash'}]});
		expect(one!.usage).toEqual({input: 1000, output: 200, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0});
		expect(one!.cost).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6, 12);
		expect(two).toMatchObject({messageId: 'msg_2', sessionId: S1});
		expect((await w.stop('SIGINT')).code).toBe(0);
		expect(w.lines()).toHaveLength(2);
	}, 90_000);

	it.each([['fs.watch', '0'], ['the stat poll alone', '1']])('follows a new session file in a new project directory (%s)', async (_, poll) => {
		const {env, log} = setup();
		const w = await start(['--json'], {...env, BURN_WATCH_POLL: poll});
		append(log(S2, '-tmp-other'), claudeLine({session: S2, uuid: 'b1', msg: 'msg_b1', req: 'req_b1', ts: nowIso(), output: 40}));
		await w.until(() => w.lines().length >= 1, 'the new session\'s turn', 45_000);
		expect(objects(w)[0]).toMatchObject({sessionId: S2, messageId: 'msg_b1'});
		expect((await w.stop('SIGTERM')).code).toBe(0);
	}, 90_000);

	it('is silent when nothing is appended (a touched log prints nothing), and SIGINT exits 0', async () => {
		const {env, log} = setup();
		const w = await start(['--json'], env);
		// A change with no new bytes, then a real append: only the append is printed, so
		// nothing came out for the touch or the work from before the watch.
		const later = new Date(Date.now() + 5000);
		utimesSync(log(S1), later, later);
		append(log(S1), claudeLine({session: S1, uuid: 'a3', parent: 'a0', msg: 'msg_3', req: 'req_3', ts: nowIso(), output: 10}));
		await w.until(() => w.lines().length >= 1, 'the appended turn');
		const r = await w.stop('SIGINT');
		expect(r).toEqual({code: 0, signal: null});
		expect(objects(w).map((o) => o.messageId)).toEqual(['msg_3']);
	}, 90_000);

	it('--alert marks the session that crosses the amount, once; text mode prints a ! line', async () => {
		const {env, log} = setup();
		const w = await start(['--alert', '0.01'], env);
		// $0.0045 each (1000 in, 100 out): with msg_0's $0.00375 from before the watch, the second crosses $0.01.
		for (const [i, ts] of [nowIso(), nowIso(), nowIso()].entries()) {
			appendFileSync(log(S1), claudeLine({session: S1, uuid: `c${i}`, msg: `msg_c${i}`, req: `req_c${i}`, ts, output: 100}));
		}
		await w.until(() => w.lines().filter((l) => !l.startsWith('!')).length >= 3, 'three turns');
		expect((await w.stop('SIGINT')).code).toBe(0);
		const alerts = w.lines().filter((l) => l.startsWith('!'));
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatch(/^! session 11111111 crossed the alert: \$0\.01/);
		expect(w.lines()[0]).toMatch(/^\d\d:\d\d:\d\d {2}11111111 {2}claude-sonnet-4-6 {2}in 1000 out 100 .* {2}\$0\.0045 {2}-$/);
	}, 90_000);
});
