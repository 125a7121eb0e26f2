// The kept report's file (pipeline/kept-output.ts): the head is read whatever its length, and
// the body comes out piece by piece through one reused buffer, byte for byte what was kept,
// with a later window start put in place wherever it lies (also across a piece's edge).
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {bodyBytes, closeKept, openKept, pipeBody, wholeBody, type KeptFile} from '../source/pipeline/kept-output.js';
import {tmp} from './helpers/tmp.js';

/** A body of `n` bytes that differs at every position (a misplaced piece shows). */
function body(n: number): Buffer {
	const b = Buffer.alloc(n);
	for (let i = 0; i < n; i++) b[i] = 32 + ((i * 7 + Math.floor(i / 251)) % 90);
	return b;
}

function keep(head: unknown, stdout: Buffer): string {
	const path = join(tmp('burn-kept-'), 'entry');
	writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), stdout]));
	return path;
}

/** What a synchronous writer that keeps copies receives (the buffer it is given is reused after it returns). */
function piped(kept: KeptFile, splice?: {at: number; cut: number; put: Buffer}): {bytes: Buffer; pieces: number} {
	const parts: Buffer[] = [];
	pipeBody(kept, splice, (piece) => parts.push(Buffer.from(piece)));
	return {bytes: Buffer.concat(parts), pieces: parts.length};
}

describe('a kept report file', () => {
	it('comes out as kept, in pieces, for bodies of every size around a piece', () => {
		for (const n of [0, 1, 65_535, 65_536, 65_537, 300_001]) {
			const stdout = body(n);
			const kept = openKept(keep({v: 2, key: 'k'}, stdout))!;
			expect(kept.head).toEqual({v: 2, key: 'k'});
			const out = piped(kept);
			expect(out.bytes.equals(stdout), `${n} bytes`).toBe(true);
			expect(out.pieces).toBe(Math.ceil(n / 65_536));
			expect(wholeBody(kept, undefined).equals(stdout)).toBe(true);
			closeKept(kept);
		}
	});

	it('reads a head longer than a piece (a large environment in the key)', () => {
		const head = {v: 2, key: 'x'.repeat(200_000)};
		const stdout = body(70_000);
		const kept = openKept(keep(head, stdout))!;
		expect(kept.head).toEqual(head);
		expect(piped(kept).bytes.equals(stdout)).toBe(true);
		closeKept(kept);
	});

	it('puts a later start in place, wherever it lies', () => {
		const stdout = body(200_000);
		for (const at of [0, 10, 65_530, 65_536, 131_071, 199_990]) {
			const kept = openKept(keep({v: 2}, stdout))!;
			const cut = 10;
			const put = Buffer.from('2026-12-07T10:00:00.000Z');
			const want = Buffer.concat([stdout.subarray(0, at), put, stdout.subarray(at + cut)]);
			expect(piped(kept, {at, cut, put}).bytes.equals(want), `at ${at}`).toBe(true);
			expect(wholeBody(kept, {at, cut, put}).equals(want)).toBe(true);
			expect(bodyBytes(kept, at, cut).equals(stdout.subarray(at, at + cut))).toBe(true);
			closeKept(kept);
		}
	});

	it('is not ours without a head line, with a head that is not an object, or when missing', () => {
		const dir = tmp('burn-kept-');
		writeFileSync(join(dir, 'no-line'), '{"v":2,"key":"k"}');
		writeFileSync(join(dir, 'array'), '[1,2]\nbody');
		writeFileSync(join(dir, 'torn'), '{"v":2,"ke\nbody');
		for (const name of ['no-line', 'array', 'torn', 'missing']) expect(openKept(join(dir, name)), name).toBeUndefined();
	});
});
