/**
 * The I/O side of pricing: the bundled prices (the build's compact table of the npm package
 * @pydantic/genai-prices, or the installed package itself) and the user's
 * `<home>/pricing.json` override. Nothing here touches the network: the package's data is
 * read as installed, and its optional updater (`updatePrices`) is never called.
 */
import {readFileSync} from 'node:fs';
import {readRegular} from '../core/open-regular.js';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {PackageTable, PriceBook} from './pricing-types.js';
import {priceBookFrom, type ModelsDevSnapshot} from './pricing.js';
import {packageSource} from './pricing-package.js';
import {compactTable, PACKAGE_NAME, type PackageApi} from './pricing-compact.js';

/** Where the build's table may be relative to this code: bundled into dist/*.js or dist/chunks/*.js. */
const TABLE_CANDIDATES = ['./pricing.compact.json', '../pricing.compact.json'];

let table: PackageTable | null = null;
let tableError: string | null = null;

function isTable(x: unknown): x is PackageTable {
	if (!x || typeof x !== 'object') return false;
	const t = x as Partial<PackageTable>;
	return t.format === 1 && typeof t.version === 'string' && !!t.providers && typeof t.providers === 'object';
}

function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * The build's table at `path` while it is current: null when it is missing or invalid, or
 * when the package it was made from now has another version installed (after `npm update`).
 * A package gone or moved leaves the build's table as all there is.
 */
export function builtTable(path: string): PackageTable | null {
	const parsed = readJson(path);
	if (!isTable(parsed)) return null;
	const installed = parsed.packageJson ? (readJson(join(dirname(path), parsed.packageJson)) as {version?: unknown} | undefined) : undefined;
	return installed && installed.version !== parsed.version ? null : parsed;
}

/** The table made now from the installed package (its module loads in about 50 ms). */
export function tableFromPackage(): PackageTable {
	const require = createRequire(import.meta.url);
	const api = require(PACKAGE_NAME) as PackageApi;
	const manifest = readJson(join(dirname(require.resolve(PACKAGE_NAME)), '..', 'package.json')) as {version?: unknown} | undefined;
	return compactTable(api, typeof manifest?.version === 'string' ? manifest.version : 'unknown');
}

/**
 * The bundled prices, once per process: the build's table while the package version it was
 * made from is still installed; otherwise (no build, or `npm update` since) the installed
 * package; {} with a warning when neither is there.
 */
export function bundledTable(): PackageTable {
	if (table) return table;
	for (const rel of TABLE_CANDIDATES) {
		const built = builtTable(fileURLToPath(new URL(rel, import.meta.url)));
		if (built) return (table = built);
	}
	try {
		table = tableFromPackage();
	} catch (err) {
		tableError = `prices unavailable (${PACKAGE_NAME}: ${(err as Error).message.split('\n')[0]}); every model is unpriced`;
		table = {format: 1, package: PACKAGE_NAME, version: 'none', providers: {}};
	}
	return table;
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

function isSnapshot(x: unknown): x is ModelsDevSnapshot {
	if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
	for (const v of Object.values(x)) {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
		const models = (v as {models?: unknown}).models;
		if (models !== undefined && (!models || typeof models !== 'object' || Array.isArray(models))) return false;
	}
	return true;
}

/** `<home>/pricing.json`: missing → nothing; invalid → ignored with a warning. */
function readOverride(home: string): {override?: ModelsDevSnapshot; warning?: string} {
	const path = join(home, 'pricing.json');
	let text: string;
	try {
		// Only a regular file: a FIFO planted there would block the report forever.
		text = readRegular(path).toString('utf8');
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
	/** One line each, for the user (override ignored, prices missing). */
	warnings: string[];
}

export function loadPriceBook(home: string): LoadedPrices {
	const warnings: string[] = [];
	const base = bundledTable();
	if (tableError) warnings.push(tableError);
	const {override, warning} = readOverride(home);
	if (warning) warnings.push(warning);
	return {priceBook: priceBookFrom(packageSource(base), override), warnings};
}
