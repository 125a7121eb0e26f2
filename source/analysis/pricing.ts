/**
 * Model prices (USD per million tokens), resolved the way the Contracts (Prices) say: the
 * vendor's own price first, then its first-party clouds, then OpenRouter under the vendor's
 * prefix; resellers never set a price. This file holds what every price source shares (model
 * ids, vendors, derived cache prices, long-context tiers, the price book with its override)
 * and the reader of models.dev-shaped files (the user's `pricing.json`, and test price books).
 * The bundled prices come from the npm package @pydantic/genai-prices (pricing-package.ts).
 * Pure: the data is passed in (pricing-load.ts reads it).
 */
import type {SourceKind, Usage} from '../core/records.js';
import type {PriceBook, Rate} from './pricing-types.js';

/** One price block as models.dev writes it (also the shape of a long-context tier). */
export interface ModelsDevCost {
	input?: number;
	output?: number;
	cache_read?: number;
	cache_write?: number;
	/** Not in models.dev today; honoured when an override file sets it. */
	cache_write_1h?: number;
	context_over_200k?: ModelsDevCost;
	tiers?: Array<ModelsDevCost & {tier?: {type?: string; size?: number}}>;
	[key: string]: unknown;
}

export interface ModelsDevSnapshot {
	[providerId: string]: {models?: {[modelId: string]: {cost?: ModelsDevCost | null; [key: string]: unknown}}; [key: string]: unknown};
}

type CacheField = Rate['derived'][number];

export interface Vendor {
	id: string;
	/** Model-name patterns (on the normalised id) that belong to this vendor. */
	match: RegExp;
	/** Spellings of the vendor in `provider/model` ids (OpenCode, OpenRouter, gateways). */
	aliases: string[];
	/** Prefix of the vendor's models on OpenRouter. */
	openrouter: string;
}

export const VENDORS: readonly Vendor[] = [
	{id: 'anthropic', match: /^claude-/, aliases: ['anthropic', 'claude'], openrouter: 'anthropic'},
	{id: 'openai', match: /^(?:gpt-|o\d|codex-|chatgpt-|text-embedding-)/, aliases: ['openai'], openrouter: 'openai'},
	{id: 'google', match: /^(?:gemini-|gemma-)/, aliases: ['google', 'gemini', 'vertex'], openrouter: 'google'},
	{id: 'xai', match: /^grok-/, aliases: ['xai', 'x-ai', 'grok'], openrouter: 'x-ai'},
	{
		id: 'mistral',
		match: /^(?:mistral-|open-mistral-|open-mixtral-|mixtral-|codestral-|devstral-|magistral-|ministral-|pixtral-|voxtral-)/,
		aliases: ['mistral', 'mistralai'],
		openrouter: 'mistralai',
	},
	{id: 'deepseek', match: /^deepseek-/, aliases: ['deepseek', 'deepseek-ai'], openrouter: 'deepseek'},
	{id: 'moonshotai', match: /^kimi-/, aliases: ['moonshotai', 'moonshot'], openrouter: 'moonshotai'},
	{id: 'alibaba', match: /^(?:qwen|qwq-)/, aliases: ['alibaba', 'qwen'], openrouter: 'qwen'},
	{id: 'zai', match: /^glm-/, aliases: ['zai', 'z-ai', 'zhipuai'], openrouter: 'z-ai'},
	{id: 'minimax', match: /^minimax-/, aliases: ['minimax'], openrouter: 'minimax'},
];

/** The vendor's first-party clouds, in the order their prices are tried. */
const CLOUDS = ['google-vertex-anthropic', 'google-vertex', 'amazon-bedrock', 'azure', 'azure-cognitive-services'];

const VENDOR_WORDS = 'anthropic|openai|google|meta|mistral|deepseek|xai|amazon|cohere|qwen|moonshot|moonshotai|minimax';
/** Bedrock: optional region (`us.`, `eu.`, `global.`, `us-gov.`…) then the vendor (`anthropic.`). */
const BEDROCK_PREFIX = new RegExp(`^(?:[a-z]{2,6}(?:-[a-z]+)?\\.)?(?:${VENDOR_WORDS})\\.`);

/**
 * The bare model id: `[1m]`-style suffix, `provider/` path, Bedrock region/vendor prefix and
 * `-v1:0` version, `@version` (Vertex) and a date suffix (`-20250514`, `-2024-08-06`) removed;
 * lower case. `claude-sonnet-4@20250514` and `us.anthropic.claude-sonnet-4-20250514-v1:0`
 * both give `claude-sonnet-4`.
 */
export function normaliseModelId(model: string): string {
	let m = model.trim().toLowerCase();
	m = m.replace(/\[[^\]]*\]$/, '');
	const slash = m.lastIndexOf('/');
	if (slash >= 0) m = m.slice(slash + 1);
	const bedrock = BEDROCK_PREFIX.test(m);
	if (bedrock) m = m.replace(BEDROCK_PREFIX, '');
	// Bedrock's version suffix; only on Bedrock-shaped ids (`deepseek-v3` keeps its `-v3`).
	if (bedrock || m.includes(':')) m = m.replace(/-v\d+(?::\d+)?$/, '').replace(/-\d+:\d+$/, '');
	const at = m.indexOf('@');
	if (at > 0) m = m.slice(0, at);
	m = m.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2})$/, '');
	return m;
}

/** Lookup key: the normalised id with version dots as dashes (`claude-sonnet-4.5` = `claude-sonnet-4-5`). */
export const looseKey = (bare: string): string => bare.replace(/\./g, '-');

function vendorFromPath(model: string): Vendor | undefined {
	const parts = model.trim().toLowerCase().split('/');
	for (let i = parts.length - 2; i >= 0; i--) {
		const v = VENDORS.find((x) => x.aliases.includes(parts[i]!));
		if (v) return v;
	}
	const bedrock = /^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?([a-z]+)\./.exec(parts[parts.length - 1] ?? '');
	if (bedrock) return VENDORS.find((x) => x.aliases.includes(bedrock[1]!));
	return undefined;
}

/** The vendor of a model id: by its name, else by a vendor word in its path or Bedrock prefix. */
export function vendorRecord(model: string): Vendor | undefined {
	const bare = normaliseModelId(model);
	return VENDORS.find((v) => v.match.test(bare)) ?? vendorFromPath(model);
}

/** The provider id of the company that makes the model (`anthropic`, `openai`, …), if known. */
export function vendorOf(model: string): string | undefined {
	return vendorRecord(model)?.id;
}

export const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);

/**
 * A Rate. A class rather than an object literal: literals starting with `input, output` share
 * V8's hidden classes with the ledger's usage records, and a fractional price stored there
 * would re-lay out every usage record (and recompile every function reading them).
 */
class PriceRate implements Rate {
	constructor(
		readonly input: number,
		readonly output: number,
		readonly cacheRead: number,
		readonly cacheWrite5m: number,
		readonly cacheWrite1h: number,
		readonly derived: CacheField[],
		readonly origin: string,
	) {}
}

/** The cache prices an entry gives (absent = not given). */
export interface GivenCache {
	cacheRead?: number;
	cacheWrite5m?: number;
	cacheWrite1h?: number;
}

/**
 * A Rate from an entry's prices. Cache prices the entry lacks come from the vendor's published
 * ratios to its input price (Anthropic: read 0.1×, 5-minute write 1.25×, 1-hour write 2×;
 * OpenAI: cached input 0.1×, writes at the input price; others: the input price), flagged
 * as derived; a long-context tier that lacks one scales its `base` entry's given price by
 * the tiers' input ratio.
 */
export function makeRate(input: number, output: number, given: GivenCache, vendor: string, origin: string, base?: Rate): Rate {
	const derived: CacheField[] = [];
	const pick = (field: CacheField, ratio: number): number => {
		const v = num(given[field]);
		if (v !== undefined) return v;
		derived.push(field);
		if (base && base.input > 0 && !base.derived.includes(field)) return base[field] * (input / base.input);
		return input * ratio;
	};
	const anthropic = vendor === 'anthropic';
	const openai = vendor === 'openai';
	const cacheRead = pick('cacheRead', anthropic || openai ? 0.1 : 1);
	const cacheWrite5m = pick('cacheWrite5m', anthropic ? 1.25 : 1);
	const cacheWrite1h = pick('cacheWrite1h', anthropic ? 2 : 1);
	return new PriceRate(input, output, cacheRead, cacheWrite5m, cacheWrite1h, derived, origin);
}

function buildRate(cost: ModelsDevCost, vendor: string, origin: string, base?: Rate): Rate | null {
	const input = num(cost.input);
	const output = num(cost.output);
	if (input === undefined || output === undefined) return null;
	return makeRate(input, output, {cacheRead: num(cost.cache_read), cacheWrite5m: num(cost.cache_write), cacheWrite1h: num(cost.cache_write_1h)}, vendor, origin, base);
}

/** A model's prices: the base rate and its long-context tiers. */
export interface Priced {
	base: Rate;
	/** Long-context prices, largest threshold first: used when the request input exceeds `above`. */
	tiers: Array<{above: number; rate: Rate}>;
	/** When these prices started (ms since the epoch; -Infinity: always). */
	since: number;
	/** The prices before `since`, when the source dates a price change. */
	previous: Priced | null;
}

function buildPriced(cost: ModelsDevCost, vendor: string, origin: string): Priced | null {
	const base = buildRate(cost, vendor, origin);
	if (!base) return null;
	const tiers: Priced['tiers'] = [];
	if (Array.isArray(cost.tiers) && cost.tiers.length > 0) {
		for (const t of cost.tiers) {
			const above = num(t?.tier?.size);
			if (!t || (t.tier?.type ?? 'context') !== 'context' || above === undefined) continue;
			const rate = buildRate(t, vendor, origin, base);
			if (rate) tiers.push({above, rate});
		}
	} else if (cost.context_over_200k && typeof cost.context_over_200k === 'object') {
		const rate = buildRate(cost.context_over_200k, vendor, origin, base);
		if (rate) tiers.push({above: 200_000, rate});
	}
	tiers.sort((a, b) => b.above - a.above);
	return {base, tiers, since: -Infinity, previous: null};
}

type Models = NonNullable<ModelsDevSnapshot[string]['models']>;

/** Per provider: exact ids, and loose normalised keys → the shortest original id (file order on ties). */
class ProviderIndex {
	/** Built on the first normalised lookup (an exact id needs none). */
	private loose: Map<string, string> | null = null;
	constructor(
		readonly id: string,
		readonly models: Models,
		/** OpenRouter-style ids keep their `vendor/` prefix in the key. */
		private readonly keepPrefix: boolean,
	) {}
	private looseKeys(): Map<string, string> {
		const loose = new Map<string, string>();
		for (const key of Object.keys(this.models)) {
			const cost = this.models[key]?.cost;
			if (!cost || num(cost.input) === undefined || num(cost.output) === undefined) continue;
			const slash = key.indexOf('/');
			const prefix = this.keepPrefix && slash > 0 ? key.slice(0, slash).toLowerCase() + '/' : '';
			const k = prefix + looseKey(normaliseModelId(key));
			const prev = loose.get(k);
			if (prev === undefined || key.length < prev.length) loose.set(k, key);
		}
		return loose;
	}
	exact(model: string): string | undefined {
		return Object.hasOwn(this.models, model) && this.models[model]?.cost ? model : undefined;
	}
	normalised(key: string): string | undefined {
		this.loose ??= this.looseKeys();
		const hit = this.loose.get(key);
		return hit !== undefined && this.models[hit]?.cost ? hit : undefined;
	}
}

class Book {
	private readonly indexes = new Map<string, ProviderIndex | null>();
	private readonly cache = new Map<string, Priced | null>();
	constructor(
		private readonly snapshot: ModelsDevSnapshot,
		private readonly label = '',
	) {}

	private index(provider: string): ProviderIndex | null {
		let idx = this.indexes.get(provider);
		if (idx === undefined) {
			const models = this.snapshot[provider]?.models;
			idx = models && typeof models === 'object' ? new ProviderIndex(provider, models, provider === 'openrouter') : null;
			this.indexes.set(provider, idx);
		}
		return idx;
	}

	private priced(provider: string, key: string, vendor: string): Priced | null {
		const cost = this.snapshot[provider]?.models?.[key]?.cost;
		return cost && typeof cost === 'object' ? buildPriced(cost, vendor, `${this.label}${provider}/${key}`) : null;
	}

	/** First hit in the resolution order; `anyProvider` also searches every provider (override files). */
	resolve(model: string, anyProvider = false): Priced | null {
		const cached = this.cache.get(model);
		if (cached !== undefined) return cached;
		const result = this.lookup(model, anyProvider);
		this.cache.set(model, result);
		return result;
	}

	private lookup(model: string, anyProvider: boolean): Priced | null {
		const trimmed = model.trim();
		if (trimmed === '' || trimmed === '<synthetic>') return null;
		const vendor = vendorRecord(trimmed);
		const key = looseKey(normaliseModelId(trimmed));
		const vendorId = vendor?.id ?? '';
		const tryProvider = (provider: string): Priced | null => {
			const idx = this.index(provider);
			if (!idx) return null;
			const hit = idx.exact(trimmed) ?? idx.normalised(key);
			return hit === undefined ? null : this.priced(provider, hit, vendorId);
		};
		if (vendor) {
			for (const provider of [vendor.id, ...CLOUDS]) {
				const p = tryProvider(provider);
				if (p) return p;
			}
			const or = this.index('openrouter');
			const hit = or?.exact(`${vendor.openrouter}/${trimmed}`) ?? or?.normalised(`${vendor.openrouter}/${key}`);
			if (hit !== undefined) {
				const p = this.priced('openrouter', hit, vendorId);
				if (p) return p;
			}
		}
		if (anyProvider) {
			for (const provider of Object.keys(this.snapshot)) {
				const p = tryProvider(provider);
				if (p) return p;
			}
		}
		return null;
	}
}

/** A source of prices: a model id → its prices, or null (unpriced by this source). */
export interface PriceSource {
	resolve(model: string): Priced | null;
}

/** A models.dev-shaped price file as a price source (`anyProvider`: also every other provider). */
export function modelsDevSource(snapshot: ModelsDevSnapshot, anyProvider = false, label = ''): PriceSource {
	const book = new Book(snapshot, label);
	return {resolve: (model) => book.resolve(model, anyProvider)};
}

/**
 * A price book over a price source. An override (the user's `pricing.json`, models.dev shape)
 * wins: a model it prices, under any provider id, takes that price.
 */
export function priceBookFrom(main: PriceSource, override?: ModelsDevSnapshot): PriceBook {
	const user = override ? modelsDevSource(override, true, 'pricing.json:') : null;
	// Prices by model id for this book only; turns of one model usually come in runs.
	const byModel = new Map<string, Priced | null>();
	let lastModel: string | null = null;
	let lastPriced: Priced | null = null;
	return {
		rateFor(model: string, requestInputTokens = 0, at = Number.NaN): Rate | null {
			let priced: Priced | null | undefined;
			if (model === lastModel) {
				priced = lastPriced;
			} else {
				if (typeof model !== 'string') return null;
				priced = byModel.get(model);
				if (priced === undefined) {
					priced = user?.resolve(model) ?? main.resolve(model);
					byModel.set(model, priced);
				}
				lastModel = model;
				lastPriced = priced;
			}
			if (!priced) return null;
			// The prices in force at `at` (NaN compares false: today's).
			while (at < priced.since && priced.previous) priced = priced.previous;
			const tiers = priced.tiers;
			for (let i = 0; i < tiers.length; i++) if (requestInputTokens > tiers[i]!.above) return tiers[i]!.rate;
			return priced.base;
		},
	};
}

/** A price book over a models.dev-shaped snapshot (tests, fake price books), with an optional override. */
export function createPriceBook(snapshot: ModelsDevSnapshot, override?: ModelsDevSnapshot): PriceBook {
	return priceBookFrom(modelsDevSource(snapshot), override);
}

/** What a request sent as input: input + cache read + cache writes (for long-context prices). */
export function requestInputTokens(usage: Usage): number {
	return usage.input + usage.cacheRead + usage.cacheCreate5m + usage.cacheCreate1h;
}

/**
 * Whether a source's `reasoning` count is NOT already inside `output` and must be billed on
 * top at the output rate. Codex: `output_tokens` includes reasoning. Claude: none reported.
 * OpenCode: current versions store `tokens.output = outputTokens − reasoningTokens`; our
 * OpenCode reader folds reasoning back into `output` (using `tokens.total` to tell which
 * convention a message used), so every source's `output` already includes reasoning and
 * reasoning is never billed on top. One rule everywhere: reasoning is informational.
 */
export const REASONING_BILLED_ON_TOP: Readonly<Record<SourceKind, boolean>> = {
	'claude-code': false,
	codex: false,
	opencode: false,
	// Gemini CLI: its reader folds `thoughts` into output (Gemini bills them on top).
	gemini: false,
	qwen: false,
	kimi: false,
	pi: false,
	copilot: false,
	amp: false,
	droid: false,
	goose: false,
};

/** Cost in USD of one turn's usage at a rate; null when the model is unpriced. */
export function costOf(usage: Usage, rate: Rate | null, source: SourceKind): number | null {
	if (!rate) return null;
	const output = usage.output + (REASONING_BILLED_ON_TOP[source] ? usage.reasoning : 0);
	return (
		(usage.input * rate.input +
			output * rate.output +
			usage.cacheRead * rate.cacheRead +
			usage.cacheCreate5m * rate.cacheWrite5m +
			usage.cacheCreate1h * rate.cacheWrite1h) /
		1e6
	);
}

/** Rate at the turn's own request size, then its cost: null when unpriced. */
export function turnCost(book: PriceBook, model: string, usage: Usage, source: SourceKind): number | null {
	return costOf(usage, book.rateFor(model, requestInputTokens(usage)), source);
}
