import {watch, type FSWatcher} from 'node:fs';
import {dirname, join} from 'node:path';
import {loadPriceBook} from '../analysis/pricing-load.js';
import type {IngestResult} from '../ledger/ingest.js';
import {ingestNew, type LiveContext} from './ingest-new.js';
import {TurnAssembler} from './assembler.js';
import {LedgerTail} from './ledger-tail.js';
import {costOfTurn, todayFigures} from './today.js';
import {turnJson, turnText, type WatchedTurn} from './watch-format.js';
import {stamp, subdirs} from './log-watch.js';
import type {TurnRecord} from '../core/records.js';

export type {LiveContext} from './ingest-new.js';

/** How often the fallback poll stats the recently written logs and their directories. */
const POLL_MS = 1000;
/**
 * How often a whole ingest runs when nothing else triggered one: every 30 s without a working
 * fs.watch, every 5 minutes with one (a recursive watch may miss events while it is being set
 * up over a large tree). The poll below covers the common cases in between.
 */
const FULL_MS = 30_000;
const FULL_WATCHED_MS = 5 * 60_000;
/** The poll stats at most this many project directories per root. */
const MAX_POLLED = 1000;
/** Logs written within this long are polled. */
const HOT_MS = 6 * 3_600_000;
/** At most this many logs (the most recently written) are polled: the poll stays cheap on big trees. */
const HOT_MAX = 64;
/** A response older than this when the watch started is a copy of old work (a resumed session), not new. */
const STALE_MS = 15 * 60_000;

/** `burn watch`: one line (or NDJSON object) per new turn, until SIGINT/SIGTERM (exit 0). */
export async function runWatch(ctx: LiveContext): Promise<number> {
	const {io, opts} = ctx;
	const startMs = Date.now();
	const first = await ingestNew(ctx);
	const {priceBook} = loadPriceBook(ctx.home);
	const running = (await todayFigures(ctx.home, priceBook, startMs)).bySession;
	const tail = new LedgerTail(ctx.home);
	tail.skipToEnd();
	const assembler = new TurnAssembler();
	const alerted = new Set<string>();
	const printedResponses = new Set<string>();

	const emit = (turns: TurnRecord[]) => {
		for (const t of turns) {
			if (!(Date.parse(t.ts) >= startMs - STALE_MS)) continue;
			// The same response under another session id (a resume or fork copying it): once.
			if (t.requestId) {
				const rk = `${t.messageId}\u0000${t.requestId}`;
				if (printedResponses.has(rk)) continue;
				printedResponses.add(rk);
			}
			const cost = costOfTurn(priceBook, t);
			const sessionCost = (running.get(t.sessionId) ?? 0) + (cost ?? 0);
			running.set(t.sessionId, sessionCost);
			const alert = opts.alert !== null && sessionCost >= opts.alert && !alerted.has(t.sessionId);
			if (alert) alerted.add(t.sessionId);
			const w: WatchedTurn = {turn: t, cost, sessionCost, alert};
			io.stdout.write(opts.json ? `${JSON.stringify(turnJson(w))}\n` : `${turnText(w)}\n`);
		}
	};

	// What the poll stats: the recently written logs and their directories.
	let hot = new Map<string, string>();
	const hotFrom = (r: IngestResult | null, before: ReadonlyMap<string, string>) => {
		if (!r) return;
		const next = new Map<string, string>();
		const recent = r.discovery.files
			.filter((x) => x.mtimeMs >= Date.now() - HOT_MS)
			.sort((a, b) => b.mtimeMs - a.mtimeMs)
			.slice(0, HOT_MAX);
		for (const f of recent) {
			// The log, its directory and the parent (a new session file beside it, a new Codex day
			// directory), and a Claude session's own directory (a new subagent transcript).
			const session = f.path.replace(/\.jsonl$/, '');
			for (const p of [f.path, dirname(f.path), dirname(dirname(f.path)), session, join(session, 'subagents')]) next.set(p, '');
		}
		for (const root of r.discovery.roots) {
			if (!root.exists) continue;
			next.set(root.path, '');
			// Its directories (a Claude project directory that holds no log yet).
			for (const d of subdirs(root.path)) if (next.size < MAX_POLLED) next.set(d, '');
		}
		// Stamps from before the ingest where known: a change during the ingest is seen next time.
		for (const p of next.keys()) next.set(p, before.get(p) ?? stamp(p));
		hot = next;
	};
	hotFrom(first, new Map());

	let busy: Promise<void> | null = null;
	let again = false;
	let stopped = false;
	let lastFull = Date.now();
	const cycle = (): Promise<void> => {
		if (busy) {
			again = true;
			return busy;
		}
		busy = (async () => {
			do {
				again = false;
				const before = new Map([...hot.keys()].map((p) => [p, stamp(p)]));
				const r = await ingestNew(ctx);
				lastFull = Date.now();
				hotFrom(r, before);
				emit(assembler.push(tail.read(), Date.now()));
			} while (again && !stopped);
		})().finally(() => {
			busy = null;
		});
		return busy;
	};
	const fail = (error: unknown) => io.stderr.write(`burn: ${(error as Error).message}\n`);
	const kick = () => {
		if (!stopped) cycle().catch(fail);
	};

	const watchers: FSWatcher[] = [];
	// BURN_WATCH_POLL=1: no fs.watch (network filesystems where events never come); the poll follows.
	if (opts.ingest && first && ctx.env.BURN_WATCH_POLL !== '1') {
		for (const root of first.discovery.roots) {
			if (!root.exists) continue;
			try {
				const w = watch(root.path, {recursive: true, persistent: true}, kick);
				w.on('error', () => {
					// Too many directories, a root removed: the poll (with its full ingests) takes over.
					w.close();
					watchers.splice(watchers.indexOf(w), 1);
				});
				watchers.push(w);
			} catch {
				// No recursive watch here (or too many directories): the poll below follows.
			}
		}
	}
	const poll = setInterval(() => {
		if (stopped || busy) return;
		if (!opts.ingest || Date.now() - lastFull >= (watchers.length === 0 ? FULL_MS : FULL_WATCHED_MS)) return kick();
		for (const [p, s] of hot) {
			if (stamp(p) !== s) return kick();
		}
	}, POLL_MS);
	// Pending responses are given after a quiet period; this timer runs only while some wait.
	const quiet = setInterval(() => {
		if (assembler.waiting > 0) emit(assembler.flush(Date.now()));
	}, 250);

	// Said once, on stderr (stdout carries only turns): a pipe's reader and the tests know the
	// watch has started; from here on, every appended response is new.
	io.stderr.write(`burn: watching ${first ? `${first.discovery.logCount} log(s)` : 'the ledger (--no-ingest)'} for new turns; Ctrl-C to stop\n`);
	await new Promise<void>((resolve) => {
		const stop = () => {
			stopped = true;
			resolve();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	clearInterval(poll);
	clearInterval(quiet);
	for (const w of watchers) w.close();
	if (busy) await (busy as Promise<void>).catch(() => {});
	emit(assembler.flush(Date.now(), true));
	return 0;
}

