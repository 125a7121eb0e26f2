import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {Rng as BaseRng} from './rng.js';

/** Shared pieces of the demo generators: directories, time units, seeded ids, file writers. */

export interface DemoDirs {
	claudeConfigDir: string;
	codexHome: string;
	opencodeDataDir: string;
	/** `GEMINI_CLI_HOME` (its `.gemini` holds the chats); no Gemini sessions without it. */
	geminiHome?: string;
	/** pi's agent directory (optional: generators that predate pi leave it out). */
	piAgentDir?: string;
}

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The seeded PRNG with id helpers (hex, base62, UUIDs). */
export class Rng extends BaseRng {
	chars(alphabet: string, n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
		return s;
	}
	hex(n: number): string {
		return this.chars('0123456789abcdef', n);
	}
	b62(n: number): string {
		return this.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);
	}
	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
	}
	/** One of `items`, each with its weight. */
	weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
		const total = items.reduce((n, [, w]) => n + w, 0);
		let x = this.next() * total;
		for (const [item, w] of items) {
			x -= w;
			if (x < 0) return item;
		}
		return items[items.length - 1]![0];
	}
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Rough token count of a text (what the API would bill for it). */
export const tokensOf = (s: string) => Math.ceil(Buffer.byteLength(s) / 3.6);

export const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Writes a file, creating its directory only when missing (most writes go to one that exists). */
function write(path: string, text: string): void {
	try {
		writeFileSync(path, text);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		mkdirSync(dirname(path), {recursive: true});
		writeFileSync(path, text);
	}
}

export function writeJsonl(path: string, lines: readonly string[], mtime: number): void {
	write(path, lines.join('\n') + '\n');
	utimesSync(path, mtime / 1000, mtime / 1000);
}

export function writeJson(path: string, value: unknown): void {
	write(path, JSON.stringify(value, null, 2) + '\n');
}
