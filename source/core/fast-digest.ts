/**
 * A 128-bit digest of strings and stat arrays, in plain JavaScript, for "did anything change"
 * checks (the warm index). Not cryptographic: it guards against accidents (a log appended,
 * renamed, touched), not against someone forging a directory listing, which could as well
 * edit the ledger. What it saves: loading `node:crypto` costs ~7 ms of a warm `burn status`
 * (the module and ~15 internal ones compiled at start), more than hashing a few megabytes here.
 *
 * Strings are UTF-8 encoded natively (TextEncoder.encodeInto) into one scratch buffer and read
 * as 32-bit words; a Float64Array is read as its words in place. Four lanes of 32 bits, each a
 * multiply-rotate-multiply mix of every word with its own constants and seed (MurmurHash3's
 * block step), then a final avalanche per lane. Every update also mixes its length and kind,
 * so ["ab", "c"] and ["a", "bc"] differ.
 */

const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 16);
let scratchWords = new Int32Array(scratch.buffer);

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

export class Digest {
	private a = 0x9e3779b9 | 0;
	private b = 0x7f4a7c15 | 0;
	private c = 0x243f6a88 | 0;
	private d = 0x85a308d3 | 0;
	private count = 0;

	/** Mixes `n` words of `w` from `start`. */
	private words(w: Int32Array, start: number, n: number): void {
		let {a, b, c, d} = this;
		for (let i = start, end = start + n; i < end; i++) {
			const k = w[i]!;
			a ^= Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
			a = (Math.imul(rotl(a, 13), 5) + 0xe6546b64) | 0;
			b ^= Math.imul(rotl(Math.imul(k, 0x85ebca77), 17), 0xc2b2ae3d);
			b = (Math.imul(rotl(b, 11), 9) + 0x27d4eb2f) | 0;
			c ^= Math.imul(rotl(Math.imul(k, 0x9e3779b1), 13), 0x165667b1);
			c = (Math.imul(rotl(c, 15), 7) + 0x61c88647) | 0;
			d ^= Math.imul(rotl(Math.imul(k, 0xd3a2646c), 19), 0xfd7046c5);
			d = (Math.imul(rotl(d, 17), 3) + 0x2545f491) | 0;
		}
		this.a = a;
		this.b = b;
		this.c = c;
		this.d = d;
		this.count += n;
	}

	private tag(kind: number, length: number): void {
		const t = new Int32Array([kind, length | 0, Math.floor(length / 2 ** 32)]);
		this.words(t, 0, 3);
	}

	/** Mixes a string (its UTF-8 bytes and length). */
	string(s: string): this {
		// At most 3 bytes per UTF-16 unit, rounded up to whole words (zero padded).
		const need = s.length * 3 + 4;
		if (need > scratch.length) {
			scratch = new Uint8Array(need * 2);
			scratchWords = new Int32Array(scratch.buffer);
		}
		const {written} = encoder.encodeInto(s, scratch);
		const n = (written + 3) >>> 2;
		scratch.fill(0, written, n * 4);
		this.tag(1, written);
		this.words(scratchWords, 0, n);
		return this;
	}

	/** Mixes every number of the array bit for bit (its length too). */
	floats(f: Float64Array): this {
		this.tag(2, f.length);
		this.words(new Int32Array(f.buffer, f.byteOffset, f.length * 2), 0, f.length * 2);
		return this;
	}

	/** 32 hex digits. */
	hex(): string {
		const lanes = [this.a ^ this.count, this.b ^ rotl(this.count, 8), this.c ^ rotl(this.count, 16), this.d ^ rotl(this.count, 24)];
		let out = '';
		for (let i = 0; i < 4; i++) {
			// Each lane's avalanche also takes in the next lane, so no lane is independent of the others.
			const h = fmix((lanes[i]! + Math.imul(lanes[(i + 1) % 4]!, 0x27d4eb2d)) | 0);
			out += h.toString(16).padStart(8, '0');
		}
		return out;
	}
}
