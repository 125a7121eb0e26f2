/**
 * The bundled prices: the data of the npm package @pydantic/genai-prices (as the build's
 * compact table, pricing-compact.ts) resolved by our rules (Contracts, Prices): the model's
 * own vendor first, by the package's own matching on the id as given, then on the normalised
 * id; then the vendor's first-party clouds; then OpenRouter under the vendor's prefix. The
 * package's other providers (resellers, gateways) never set a price. Pure.
 */
import type {MatchLogic, PackageModel, PackagePrices, PackageTable, Rate, TokenPrice} from './pricing-types.js';
import {looseKey, makeRate, normaliseModelId, num, vendorRecord, VENDORS, type Priced, type PriceSource} from './pricing.js';

/** Our vendor id → the package's provider ids of that vendor's own API. */
const VENDOR_PROVIDERS: Readonly<Record<string, readonly string[]>> = {
	anthropic: ['anthropic'],
	openai: ['openai'],
	google: ['google'],
	xai: ['x-ai'],
	mistral: ['mistral'],
	deepseek: ['deepseek'],
	moonshotai: ['moonshotai'],
	zai: ['zai', 'zhipuai'],
	minimax: ['minimax'],
};

/**
 * The first-party clouds, in the order they are tried: Google (Vertex AI, which also sells
 * Anthropic's models), Amazon Bedrock, Azure.
 */
const CLOUD_PROVIDERS = ['google', 'aws', 'azure'];

/** The package's providers a lookup can reach (the build keeps only these). */
export const PACKAGE_PROVIDERS: readonly string[] = [...new Set([...Object.values(VENDOR_PROVIDERS).flat(), ...CLOUD_PROVIDERS, 'openrouter'])];

/** OpenRouter model ids a lookup can reach: those under a vendor's prefix. */
export const OPENROUTER_PREFIXES: readonly string[] = VENDORS.map((v) => `${v.openrouter}/`);

const regexes = new Map<string, RegExp | null>();
function regex(source: string): RegExp | null {
	let re = regexes.get(source);
	if (re === undefined) {
		try {
			re = new RegExp(source);
		} catch {
			re = null;
		}
		regexes.set(source, re);
	}
	return re;
}

/**
 * Whether `logic` matches a model id. `id` is lower case; string tests compare lower case,
 * and in loose mode (`loose` = the id with dots as dashes) also with the pattern's dots as
 * dashes, so `claude-sonnet-4.5` and `claude-sonnet-4-5` are one id.
 */
export function matches(logic: MatchLogic, id: string, loose?: string): boolean {
	const text = (pattern: string): [string, string] => {
		const p = pattern.toLowerCase();
		return loose === undefined ? [p, id] : [looseKey(p), loose];
	};
	if ('or' in logic) return logic.or.some((x) => matches(x, id, loose));
	if ('and' in logic) return logic.and.every((x) => matches(x, id, loose));
	if ('equals' in logic) {
		const [p, s] = text(logic.equals);
		return s === p;
	}
	if ('starts_with' in logic) {
		const [p, s] = text(logic.starts_with);
		return s.startsWith(p);
	}
	if ('ends_with' in logic) {
		const [p, s] = text(logic.ends_with);
		return s.endsWith(p);
	}
	if ('contains' in logic) {
		const [p, s] = text(logic.contains);
		return s.includes(p);
	}
	if ('regex' in logic) return regex(logic.regex)?.test(id) ?? false;
	return false;
}

/**
 * A model's prices as a chain back in time: the prices in force at `now` (the latest dated
 * entry already started, else the first), each linked to the ones before its start date.
 * Prices that start after `now` are not used.
 */
function pricedChain(model: PackageModel, vendor: string, origin: string, now: number): Priced | null {
	if (!Array.isArray(model.prices)) return pricedFrom(model.prices, vendor, origin);
	const entries = model.prices
		.map((e, i) => ({i, prices: e.prices, since: e.startDate === undefined ? -Infinity : Date.parse(`${e.startDate}T00:00:00Z`)}))
		.filter((e) => e.since <= now)
		.sort((a, b) => a.since - b.since || a.i - b.i);
	let chain: Priced | null = null;
	for (const e of entries) {
		const priced = pricedFrom(e.prices, vendor, origin);
		if (!priced) continue;
		if (chain && e.since > chain.since) {
			priced.since = e.since;
			priced.previous = chain;
		}
		chain = priced;
	}
	return chain;
}

/** A token price at a request of more than `above` tokens (the base price at -1). */
function priceAbove(price: TokenPrice | undefined, above: number): number | undefined {
	if (price === undefined || typeof price === 'number') return num(price);
	let value = num(price.base);
	for (const t of price.tiers) if (above >= t.start) value = num(t.price);
	return value;
}

const KEYS = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok', 'cache_write_1h_mtok'] as const;

/** Base rate and long-context tiers of a package entry; null without an input and output price. */
export function pricedFrom(prices: PackagePrices, vendor: string, origin: string): Priced | null {
	const rateAbove = (above: number): Rate | null => {
		const input = priceAbove(prices.input_mtok, above);
		const output = priceAbove(prices.output_mtok, above);
		if (input === undefined || output === undefined) return null;
		const given = {
			cacheRead: priceAbove(prices.cache_read_mtok, above),
			cacheWrite5m: priceAbove(prices.cache_write_mtok, above),
			cacheWrite1h: priceAbove(prices.cache_write_1h_mtok, above),
		};
		return makeRate(input, output, given, vendor, origin);
	};
	const base = rateAbove(-1);
	if (!base) return null;
	const starts = new Set<number>();
	for (const key of KEYS) {
		const p = prices[key];
		if (p !== undefined && typeof p === 'object') for (const t of p.tiers) if (num(t.start) !== undefined) starts.add(t.start);
	}
	const tiers: Priced['tiers'] = [];
	for (const above of [...starts].sort((a, b) => b - a)) {
		const rate = rateAbove(above);
		if (rate) tiers.push({above, rate});
	}
	return {base, tiers, since: -Infinity, previous: null};
}

/**
 * The package's data as a price source. Where the package dates a price change, a turn gets
 * the price in force on its day (`rateFor`'s `at`); `now` leaves out prices not started yet.
 * Prices that depend on the time of day (off-peak discounts) are not in
 * the table (pricing-compact.ts keeps the price of most hours of the day).
 */
export function packageSource(table: PackageTable, now = Date.now()): PriceSource {
	const cache = new Map<string, Priced | null>();
	const find = (provider: string, id: string, normalised: string): PackageModel | undefined => {
		const models = table.providers[provider];
		if (!models) return undefined;
		const lower = id.toLowerCase();
		return models.find((m) => matches(m.match, lower)) ?? models.find((m) => matches(m.match, normalised, looseKey(normalised)));
	};
	const lookup = (model: string): Priced | null => {
		const trimmed = model.trim();
		if (trimmed === '' || trimmed === '<synthetic>') return null;
		const vendor = vendorRecord(trimmed);
		if (!vendor) return null;
		const bare = normaliseModelId(trimmed);
		const tried = new Set<string>();
		const attempts: Array<[string, string, string]> = [];
		for (const provider of [...(VENDOR_PROVIDERS[vendor.id] ?? []), ...CLOUD_PROVIDERS]) {
			if (tried.has(provider)) continue;
			tried.add(provider);
			attempts.push([provider, trimmed, bare]);
		}
		attempts.push(['openrouter', `${vendor.openrouter}/${trimmed}`, `${vendor.openrouter}/${bare}`]);
		for (const [provider, id, normalised] of attempts) {
			const hit = find(provider, id, normalised);
			if (!hit) continue;
			const priced = pricedChain(hit, vendor.id, `${provider}/${hit.id}`, now);
			if (priced) return priced;
		}
		return null;
	};
	return {
		resolve(model: string): Priced | null {
			let priced = cache.get(model);
			if (priced === undefined) {
				priced = lookup(model);
				cache.set(model, priced);
			}
			return priced;
		},
	};
}
