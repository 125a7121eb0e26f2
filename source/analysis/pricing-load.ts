/**
 * The I/O side of pricing: the vendored models.dev snapshot (data/models.dev.json, shipped
 * with the package) and the user's `<home>/pricing.json` override.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {PriceBook} from './pricing-types.js';
import {createPriceBook, type ModelsDevSnapshot} from './pricing.js';

/**
 * Where the snapshot may be relative to this code: bundled into dist/*.js or
 * dist/chunks/*.js, or run from source/analysis/ under vitest.
 */
const CANDIDATES = [
	// The build's compact copy (costs only): dist/ or dist/chunks/.
	'./pricing.compact.json',
	'../pricing.compact.json',
	'../data/models.dev.json',
	'../../data/models.dev.json',
	'../../../data/models.dev.json',
];

let snapshot: ModelsDevSnapshot | null = null;
let snapshotError: string | null = null;

function isSnapshot(x: unknown): x is ModelsDevSnapshot {
	if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
	for (const v of Object.values(x)) {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
		const models = (v as {models?: unknown}).models;
		if (models !== undefined && (!models || typeof models !== 'object' || Array.isArray(models))) return false;
	}
	return true;
}

/**
 * JSON.parse of a price file, with a key `_` put first in every object that would start with
 * `input`. Objects built with the same keys in the same order share V8's hidden classes: a
 * price object `{input: 2.5, …}` parsed after the ledger's usage records `{input: 12, …}` were
 * built would turn their integer `input` field into a double one and force every usage record
 * to be converted on its next read. The extra key changes no price (`_` is not a field).
 */
function parseSnapshot(text: string): unknown {
	return JSON.parse(text.replace(/\{(\s*)"input"(\s*):/g, '{"_":0,$1"input"$2:'));
}

/** Path of the vendored snapshot, or null when none of the candidates exists. */
export function snapshotPath(): string | null {
	for (const rel of CANDIDATES) {
		const path = fileURLToPath(new URL(rel, import.meta.url));
		if (existsSync(path)) return path;
	}
	return null;
}

/** The vendored snapshot, parsed once per process ({} with a warning when missing or broken). */
function bundledSnapshot(): ModelsDevSnapshot {
	if (snapshot) return snapshot;
	const path = snapshotPath();
	try {
		if (!path) throw new Error('data/models.dev.json not found next to the program');
		const parsed: unknown = parseSnapshot(readFileSync(path, 'utf8'));
		if (!isSnapshot(parsed)) throw new Error(`${path} is not a models.dev snapshot`);
		snapshot = parsed;
	} catch (err) {
		snapshotError = `price snapshot unavailable (${(err as Error).message}); every model is unpriced`;
		snapshot = {};
	}
	return snapshot;
}

/** `<home>/pricing.json`: missing → nothing; invalid → ignored with a warning. */
function readOverride(home: string): {override?: ModelsDevSnapshot; warning?: string} {
	const path = join(home, 'pricing.json');
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
		return {warning: `${path} could not be read (${(err as Error).message}); using the bundled prices`};
	}
	try {
		const parsed: unknown = parseSnapshot(text);
		if (!isSnapshot(parsed)) throw new Error('expected {"<provider>": {"models": {"<model>": {"cost": {…}}}}}');
		return {override: parsed};
	} catch (err) {
		return {warning: `${path} ignored: ${(err as Error).message}`};
	}
}

export interface LoadedPrices {
	priceBook: PriceBook;
	/** One line each, for the user (override ignored, snapshot missing). */
	warnings: string[];
}

export function loadPriceBook(home: string): LoadedPrices {
	const warnings: string[] = [];
	const base = bundledSnapshot();
	if (snapshotError) warnings.push(snapshotError);
	const {override, warning} = readOverride(home);
	if (warning) warnings.push(warning);
	return {priceBook: createPriceBook(base, override), warnings};
}
