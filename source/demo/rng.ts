/** A small seeded PRNG (mulberry32): the demo and the bench generators are deterministic. */
export class Rng {
	private s: number;
	constructor(seed: number) {
		this.s = seed >>> 0;
	}
	next(): number {
		let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	hex(n: number): string {
		let s = '';
		while (s.length < n) s += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
		return s.slice(0, n);
	}
	b62(n: number): string {
		const a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
		let s = '';
		for (let i = 0; i < n; i++) s += a[(this.next() * 62) | 0];
		return s;
	}
	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
	}
}
