/**
 * V8 tuning for a short-lived process. A report runs each function for a few tens of
 * milliseconds, so V8's default eagerness to optimise (TurboFan after a small "interrupt
 * budget") spends CPU compiling code that is about to finish anyway: on the 7-day benchmark
 * report a 1M budget cuts user CPU from ~290 to ~205 ms and wall time by ~20 ms. Long loops (a
 * cold ingest) still reach optimised code, only a little later; `npm run bench` shows ingest
 * unchanged.
 *
 * Set only where the work is long enough to pay for it: loading `node:v8` makes Node compile
 * its streams and heap-snapshot modules (~4–5 ms of CPU), more than a warm `burn status` or a
 * report served from the cache gains on a tree of a few thousand logs. So the commands that
 * do real work call `tuneV8()` first (an ingest, a report computed, watch, the UI), and
 * discovery calls it once it has seen more logs than `BIG_TREE` (stat-batch.ts): the loops
 * over 50,000 logs of a warm run are where the budget pays on the light paths.
 * `BURN_V8_DEFAULTS=1` keeps V8's defaults.
 */
import {createRequire} from 'node:module';

/** Logs seen by discovery beyond which the light paths tune V8 too. */
export const BIG_TREE = 5000;

let tuned = false;

export function tuneV8(): void {
	if (tuned) return;
	tuned = true;
	if (process.env.BURN_V8_DEFAULTS) return;
	(createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--interrupt-budget=1000000');
}

/** Whether `tuneV8` ran (tests). */
export const v8Tuned = (): boolean => tuned;
