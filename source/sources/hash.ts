import {createRequire} from 'node:module';
import type {Hash} from 'node:crypto';

// node:crypto is loaded on the first hash (ingest), not by every report at start-up.
const load = createRequire(import.meta.url);
let createHash: ((algorithm: string) => Hash) | null = null;

/**
 * JSON with object keys sorted recursively and arrays kept in order, so equal inputs hash
 * equally whatever order their keys were written in (data-formats §1.4). Keys whose value is
 * undefined are dropped (as JSON.stringify does); undefined elsewhere becomes null.
 */
export function stableStringify(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
	if (typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		const parts: string[] = [];
		for (const key of Object.keys(obj).sort()) {
			const v = obj[key];
			if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
			parts.push(`${JSON.stringify(key)}:${stableStringify(v)}`);
		}
		return `{${parts.join(',')}}`;
	}
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
	return JSON.stringify(value) ?? 'null';
}

function sha16(s: string | Uint8Array): string {
	createHash ??= (load('node:crypto') as typeof import('node:crypto')).createHash;
	return (typeof s === 'string' ? createHash('sha256').update(s, 'utf8') : createHash('sha256').update(s)).digest('hex').slice(0, 16);
}

/** First 16 hex of SHA-256 over the stable stringify of a tool input. */
export function argsHash(input: unknown): string {
	return sha16(stableStringify(input));
}

/** First 16 hex of SHA-256 over the UTF-8 bytes of a string. */
export function contentHash(s: string): string {
	return sha16(s);
}

/** contentHash of a text given as its UTF-8 bytes (lone surrogates as EF BF BD, as Node encodes them). */
export function contentHashOfUtf8(bytes: Uint8Array): string {
	return sha16(bytes);
}
