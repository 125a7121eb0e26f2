/**
 * Bench data for the sources added after Claude, Codex and OpenCode (issue 18): a pi
 * sessions tree of many sessions and their branches (each branch starts with copies of its
 * parent's entries), written by the `--demo` generator with one seed per pair. Deterministic.
 */
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {Rng} from '../source/demo/common.js';
import {piSessions} from '../source/demo/pi.js';

const HOUR = 3_600_000;

function bytesUnder(dir: string): number {
	let n = 0;
	for (const e of readdirSync(dir, {withFileTypes: true})) {
		const p = join(dir, e.name);
		n += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
	}
	return n;
}

/** Writes `<agentDir>/sessions/…` until about `targetBytes`; returns the bytes and session files written. */
export function generatePiTree(agentDir: string, opts: {targetBytes: number; now: number; seed: number}): {bytes: number; files: number} {
	let bytes = 0;
	let pairs = 0;
	while (bytes < opts.targetBytes) {
		// Sessions every few hours back in time; ~10 pairs between size checks.
		for (let i = 0; i < 10; i++, pairs++) piSessions({piAgentDir: agentDir}, new Rng((opts.seed + Math.imul(pairs + 1, 0x9e3779b9)) >>> 0), opts.now - pairs * 5 * HOUR);
		bytes = bytesUnder(agentDir);
	}
	return {bytes, files: pairs * 2};
}
