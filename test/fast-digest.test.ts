// core/fast-digest.ts: the warm index's digest (no node:crypto on the light path). It must
// tell apart what the warm index compares: a name, a stat bit, the order and the boundaries.
import {describe, expect, it} from 'vitest';
import {Digest} from '../source/core/fast-digest.js';

const of = (parts: Array<string | number[]>): string => {
	const d = new Digest();
	for (const p of parts) typeof p === 'string' ? d.string(p) : d.floats(Float64Array.from(p));
	return d.hex();
};

describe('the fast digest', () => {
	it('is 32 hex digits and the same for the same input', () => {
		const a = of(['proj', 'a.jsonl\0b.jsonl', [120, 1.7e12, 42]]);
		expect(a).toMatch(/^[0-9a-f]{32}$/);
		expect(of(['proj', 'a.jsonl\0b.jsonl', [120, 1.7e12, 42]])).toBe(a);
	});

	it('differs for one byte, one stat bit, the order and the boundaries', () => {
		const base = of(['proj', 'a.jsonl\0b.jsonl', [120, 1.7e12, 42]]);
		const others = [
			of(['proj', 'a.jsonl\0c.jsonl', [120, 1.7e12, 42]]),
			of(['proj', 'b.jsonl\0a.jsonl', [120, 1.7e12, 42]]),
			of(['proj', 'a.jsonl\0b.jsonl', [121, 1.7e12, 42]]),
			// mtime one ulp later
			of(['proj', 'a.jsonl\0b.jsonl', [120, 1.7e12 + 2.44140625e-4, 42]]),
			of(['pro', 'ja.jsonl\0b.jsonl', [120, 1.7e12, 42]]),
			of(['proj', 'a.jsonl\0b.jsonl', [120, 1.7e12, 42, 0]]),
			of(['proj', 'a.jsonl\0b.jsonl']),
			of(['proj', 'a.jsonl\0b.jsonl\0', [120, 1.7e12, 42]]),
			of(['pröj', 'a.jsonl\0b.jsonl', [120, 1.7e12, 42]]),
		];
		expect(new Set([base, ...others]).size).toBe(others.length + 1);
	});

	it('has no collisions over 200,000 similar names (each lane mixes)', () => {
		const seen = new Set<string>();
		const lanes = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
		for (let i = 0; i < 200_000; i++) {
			const h = of([`agent-${i.toString(16).padStart(8, '0')}.jsonl`]);
			seen.add(h);
			for (let l = 0; l < 4; l++) lanes[l]!.add(h.slice(l * 8, l * 8 + 8));
		}
		expect(seen.size).toBe(200_000);
		// 32-bit lanes over 200,000 inputs: a few chance collisions at most, never a constant lane.
		for (const l of lanes) expect(l.size).toBeGreaterThan(199_900);
	});

	it('reads a long string whole (past its scratch buffer)', () => {
		const long = 'x'.repeat(100_000);
		expect(of([long])).not.toBe(of([`${long.slice(0, -1)}y`]));
		expect(of([long])).toBe(of([long]));
	});
});
