/**
 * V8 tuning for a short-lived process that does real work. A report runs each function for a
 * few tens of milliseconds, so V8's default eagerness to optimise (TurboFan after a small
 * "interrupt budget") spends CPU compiling code that is about to finish anyway: on the 7-day
 * benchmark report a 1M budget cuts user CPU from ~290 to ~205 ms and wall time by ~20 ms.
 * Long loops (a cold ingest) still reach optimised code, only a little later.
 *
 * Set when the heavy work starts (a report made afresh, the ingest proper, the UI, `watch`),
 * not at start: loading `node:v8` pulls in Node's stream modules (~5 ms of CPU), which the
 * light start (a report served from the report cache, `burn status`) never needs otherwise.
 * The budget applies to the functions created after it is set: the heavy code loads after.
 * Idempotent. `BURN_V8_DEFAULTS=1` leaves V8's defaults (for comparisons).
 */
import {createRequire} from 'node:module';

let tuned = false;

export function tuneForWork(): void {
	if (tuned || process.env.BURN_V8_DEFAULTS) return;
	tuned = true;
	(createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--interrupt-budget=1000000');
}
