/**
 * V8 tuning for a short-lived process, set before any of burn's code runs (cli.tsx imports
 * this first). A report runs each function for a few tens of milliseconds, so V8's default
 * eagerness to optimise (TurboFan after a small "interrupt budget") spends CPU compiling code
 * that is about to finish anyway: on the 7-day benchmark report a 1M budget cuts user CPU
 * from ~290 to ~205 ms and wall time by ~20 ms. Long loops (a cold ingest) still reach
 * optimised code, only a little later; `npm run bench` shows ingest unchanged.
 */
import {setFlagsFromString} from 'node:v8';

if (!process.env.BURN_V8_DEFAULTS) setFlagsFromString('--interrupt-budget=1000000');
