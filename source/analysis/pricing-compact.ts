/**
 * The compact price table (dist/pricing.compact.json) made from the installed npm package
 * @pydantic/genai-prices: only the providers a lookup can reach (pricing-package.ts
 * PACKAGE_PROVIDERS; of OpenRouter, only models under a vendor's prefix), and of each model
 * only its id, its match rule and its token prices. A report parses it in about a
 * millisecond instead of loading the package's 0.8 MB module. The build makes it
 * (scripts/build.mjs); pricing-load.ts makes it in memory when the build's copy is missing
 * or was made from another version of the package.
 */
import type {MatchLogic, PackageModel, PackagePrices, PackageTable, TokenPrice} from './pricing-types.js';
import {OPENROUTER_PREFIXES, PACKAGE_PROVIDERS} from './pricing-package.js';

export const PACKAGE_NAME = '@pydantic/genai-prices';

/** The parts of the package's API the table is made with. */
export interface PackageApi {
	findProvider(options: {providerId: string}): {id: string; models: Array<{id: string; match: unknown; prices: unknown}>} | undefined;
}

const KEYS = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok', 'cache_write_1h_mtok'] as const;

function tokenPrice(x: unknown): TokenPrice | undefined {
	if (typeof x === 'number') return Number.isFinite(x) && x >= 0 ? x : undefined;
	if (!x || typeof x !== 'object') return undefined;
	const {base, tiers} = x as {base?: unknown; tiers?: unknown};
	if (typeof base !== 'number' || !Array.isArray(tiers)) return undefined;
	const out: Array<{start: number; price: number}> = [];
	for (const t of tiers as Array<{start?: unknown; price?: unknown}>) {
		if (typeof t?.start === 'number' && typeof t.price === 'number') out.push({start: t.start, price: t.price});
	}
	return {base, tiers: out.sort((a, b) => a.start - b.start)};
}

/** The token prices of one price entry; null when it has no input or output price. */
function tokenPrices(x: unknown): PackagePrices | null {
	if (!x || typeof x !== 'object') return null;
	const out: PackagePrices = {};
	for (const key of KEYS) {
		const p = tokenPrice((x as Record<string, unknown>)[key]);
		if (p !== undefined) out[key] = p;
	}
	return out.input_mtok === undefined || out.output_mtok === undefined ? null : out;
}

/** Seconds of the day a `HH:MM[:SS]` time (with any offset: only differences are used). */
function secondOfDay(t: unknown): number | undefined {
	const m = typeof t === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(t) : null;
	return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : undefined;
}

type Constraint = {type?: string; start_date?: string; start_time?: string; end_time?: string} | null | undefined;

/**
 * A model's prices: one entry, or entries by start date. A report has no time of day to price
 * by, so of prices for a time of day (peak and off-peak hours) it keeps the price that applies
 * most hours of the day: a daily window longer than 12 hours replaces the prices before it
 * (as it does in the package while it is open), a shorter one is left out.
 */
function modelPrices(prices: unknown): PackageModel['prices'] | null {
	if (!Array.isArray(prices)) return tokenPrices(prices);
	const out: Array<{startDate?: string; prices: PackagePrices}> = [];
	for (const entry of prices as Array<{constraint?: Constraint; prices?: unknown}>) {
		const p = tokenPrices(entry?.prices);
		if (!p) continue;
		const c = entry.constraint;
		if (!c) out.push({prices: p});
		else if (c.type === 'start_date' && typeof c.start_date === 'string') out.push({startDate: c.start_date, prices: p});
		else if (c.type === 'time_of_date') {
			const start = secondOfDay(c.start_time);
			const end = secondOfDay(c.end_time);
			if (start !== undefined && end !== undefined && (end - start + 86_400) % 86_400 > 43_200) for (const o of out) o.prices = p;
		}
	}
	if (out.length === 0) return null;
	return out.length === 1 && out[0]!.startDate === undefined ? out[0]!.prices : out;
}

export function compactTable(api: PackageApi, version: string): PackageTable {
	const providers: Record<string, PackageModel[]> = {};
	for (const id of PACKAGE_PROVIDERS) {
		const provider = api.findProvider({providerId: id});
		if (!provider || provider.id !== id) continue;
		const models: PackageModel[] = [];
		for (const m of provider.models) {
			if (id === 'openrouter' && !OPENROUTER_PREFIXES.some((p) => m.id.startsWith(p))) continue;
			const prices = modelPrices(m.prices);
			if (prices && m.match && typeof m.match === 'object') models.push({id: m.id, match: m.match as MatchLogic, prices});
		}
		providers[id] = models;
	}
	return {format: 1, package: PACKAGE_NAME, version, providers};
}
