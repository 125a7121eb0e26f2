/**
 * `burn status` without a scan or a price book when the ledger did not change (issue 15: a
 * status line for a shell prompt, ≤ 100 ms warm). The turns of the partitions a status reads
 * (today's UTC days, and the day an hour ago), each as its session, its times and its cost,
 * are kept in `<home>/status-cache` (0600, replaced atomically) beside the key of what they
 * were made from:
 * - the build (the CLI file) and this file's format;
 * - the first partition day read, and every partition from it on, and their copy-drop files
 *   (name, size, mtime, inode);
 * - `pricing.json` and the installed price package's manifest.
 * The figures are then made from the kept turns for the clock of this run (figuresOf): the same
 * turns in the same order as a scan, so the same sums to the last digit. A miss scans and
 * prices as before (today.ts) and keeps the result. `BURN_REPORT_CACHE=off` turns it off.
 */
import {readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import {pricesKey} from '../core/prices-key.js';
import {figuresOf, todaySince, type DaySession, type TodayFigures} from './today-figures.js';
import {statKey} from '../core/stat-key.js';

const FILE = 'status-cache';
const FORMAT = 1;
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.(jsonl|json)$/;

/** Files of a directory named for a day from `fromDay` on, with their stat. */
function daysFrom(dir: string, fromDay: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [statKey(dir)];
	}
	return names
		.filter((n) => {
			const day = DAY_FILE.exec(n)?.[1];
			return day !== undefined && day >= fromDay;
		})
		.sort()
		.map((n) => `${n}=${statKey(join(dir, n))}`);
}

/** Every input of the kept turns (see the top of this file). */
export function statusKey(home: string, fromDay: string): string {
	return JSON.stringify([
		FORMAT,
		process.argv[1] ? statKey(process.argv[1]) : '-',
		fromDay,
		daysFrom(join(home, 'ledger'), fromDay),
		daysFrom(join(home, 'copies', 'drop'), fromDay),
		statKey(join(home, 'pricing.json')),
		pricesKey(),
	]);
}

/** Kept turns: per session its id and [window time, time, cost] triples (cost null: unpriced). */
interface Kept {
	key: string;
	sessions: Array<[string, Array<[number | null, number | null, number | null]>]>;
}

function read(home: string, key: string): Kept | undefined {
	try {
		const kept = JSON.parse(readRegular(join(home, FILE)).toString('utf8')) as Kept;
		return kept && kept.key === key && Array.isArray(kept.sessions) ? kept : undefined;
	} catch {
		return undefined;
	}
}

function write(home: string, kept: Kept): void {
	const path = join(home, FILE);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, JSON.stringify(kept), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
	} catch {
		rmSync(tmp, {force: true});
	}
}

// JSON has no NaN: a time that does not parse is kept as null.
const num = (n: number | null): number => (n === null ? Number.NaN : n);
const json = (n: number): number | null => (Number.isNaN(n) ? null : n);

/** Today's figures at `now`: from the kept turns when the ledger and prices did not change, else scanned and kept. */
export async function statusFigures(home: string, env: NodeJS.ProcessEnv, now: number): Promise<TodayFigures> {
	const since = todaySince(now);
	const fromDay = new Date(since).toISOString().slice(0, 10);
	const on = env.BURN_REPORT_CACHE !== 'off';
	const key = on ? statusKey(home, fromDay) : '';
	let kept = on ? read(home, key) : undefined;
	if (!kept) {
		// The scan and the prices load only now.
		const {turnsSince} = await import('./today.js');
		const {loadPriceBook} = await import('../analysis/pricing-load.js');
		const turns = await turnsSince(home, loadPriceBook(home).priceBook, Date.parse(`${fromDay}T00:00:00.000Z`));
		kept = {key, sessions: turns.map((s) => [s.sessionId, s.turns.map((t) => [json(t.at), json(t.ms), t.cost])])};
		// Kept only when the ledger did not change while it was read.
		if (on && statusKey(home, fromDay) === key) write(home, kept);
	}
	// The scan of the window [since, …) holds the turns whose window time is from `since` on
	// (one without a time is undated: never in a window with a start).
	const sessions: DaySession[] = kept.sessions.map(([sessionId, turns]) => ({
		sessionId,
		turns: turns.filter(([at]) => num(at) >= since).map(([, ms, cost]) => ({ms: num(ms), cost})),
	}));
	return figuresOf(sessions, now);
}
