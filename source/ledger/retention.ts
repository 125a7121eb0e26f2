import {renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {readRegular} from '../core/open-regular.js';
import {pruneContent, retentionReference} from './content.js';

const DAY = 86_400_000;
/** `<home>/retention.json`: the cutoff and retention of the last sweep of the content sidecars. */
const MARK = 'retention.json';

interface Mark {
	v: 1;
	retentionDays: number;
	cutoff: number;
}

function readMark(home: string): Mark | undefined {
	try {
		const m = JSON.parse(readRegular(join(home, MARK)).toString('utf8')) as Partial<Mark>;
		if (m && m.v === 1 && typeof m.retentionDays === 'number' && typeof m.cutoff === 'number' && Number.isFinite(m.cutoff)) return m as Mark;
	} catch {}
	return undefined;
}

/** The cutoff of a sweep that is due; 'not due' (swept for this day of cutoff); undefined: nothing to prune against (no dated record). */
function dueCutoff(home: string, retentionDays: number, now: number): number | 'not due' | undefined {
	const reference = retentionReference(home, now);
	if (reference === undefined) return undefined;
	const cutoff = reference - retentionDays * DAY;
	const last = readMark(home);
	if (last && last.retentionDays === retentionDays && cutoff >= last.cutoff && cutoff - last.cutoff < DAY) return 'not due';
	return cutoff;
}

/** Whether pruneContentIfDue would sweep (and write retention.json) now: the warm path asks before taking no lock. */
export function pruneDue(home: string, retentionDays: number, now = Date.now()): boolean {
	return typeof dueCutoff(home, retentionDays, now) === 'number';
}

/**
 * Content retention at the end of an ingest, at most once per day of retention cutoff: a sweep
 * `lstat`s every sidecar (50,000 of them took 0.4–0.7 s), and retention counts in days, so a
 * warm run sweeps again only when the cutoff moved a day past the last sweep's, or the
 * retention setting changed. A sidecar may outlive its cutoff by up to a day; none goes early.
 * Returns the number pruned, or -1 when no sweep was due.
 */
export function pruneContentIfDue(home: string, retentionDays: number, now = Date.now()): number {
	const cutoff = dueCutoff(home, retentionDays, now);
	if (cutoff === undefined) return 0;
	if (cutoff === 'not due') return -1;
	const pruned = pruneContent(home, retentionDays, now);
	const path = join(home, MARK);
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		rmSync(tmp, {force: true});
		writeFileSync(tmp, JSON.stringify({v: 1, retentionDays, cutoff} satisfies Mark), {mode: 0o600, flag: 'wx'});
		renameSync(tmp, path);
	} catch {
		// Not written (a full disk, a read-only home): the next run sweeps again.
		rmSync(tmp, {force: true});
	}
	return pruned;
}
