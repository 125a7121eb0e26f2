/** Narrowing helpers for OpenCode's JSON (message and part data). No I/O. */

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
	return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function str(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** JSON text → object, or undefined when it is not JSON or not an object. */
export function parseObj(text: unknown): Obj | undefined {
	if (typeof text !== 'string') return undefined;
	try {
		return obj(JSON.parse(text));
	} catch {
		return undefined;
	}
}

/** Epoch milliseconds → ISO string; '' when not a usable time. */
export function isoOf(ms: number | undefined): string {
	if (ms === undefined) return '';
	const d = new Date(ms);
	return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
