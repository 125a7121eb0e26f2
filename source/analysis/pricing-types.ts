/** Prices in USD per million tokens. */
export interface Rate {
	input: number;
	output: number;
	cacheRead: number;
	cacheWrite5m: number;
	cacheWrite1h: number;
	/** Which of the cache prices were derived from the vendor's published ratios. */
	derived: Array<'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h'>;
	/** Where the price came from, e.g. `anthropic/claude-sonnet-4-5` or `google-vertex-anthropic/…`. */
	origin: string;
}

export interface PriceBook {
	/**
	 * The rate for a model id at a request of `requestInputTokens` (input + cache read +
	 * cache writes): long-context prices apply above their threshold. `at` (ms since the
	 * epoch; default or NaN: today) picks the price in force then, where the source dates a
	 * price change. Null = unpriced.
	 */
	rateFor(model: string, requestInputTokens?: number, at?: number): Rate | null;
}

/**
 * How @pydantic/genai-prices says which model ids an entry prices (its `match` field):
 * case-insensitive string tests combined with `or`/`and`.
 */
export type MatchLogic =
	| {or: MatchLogic[]}
	| {and: MatchLogic[]}
	| {equals: string}
	| {starts_with: string}
	| {ends_with: string}
	| {contains: string}
	| {regex: string};

/** A price in USD per million tokens, flat or by request input size (`start`: above this many tokens). */
export type TokenPrice = number | {base: number; tiers: Array<{start: number; price: number}>};

/** The token prices burn reads from a package entry (the package's key names). */
export interface PackagePrices {
	input_mtok?: TokenPrice;
	output_mtok?: TokenPrice;
	cache_read_mtok?: TokenPrice;
	cache_write_mtok?: TokenPrice;
	cache_write_1h_mtok?: TokenPrice;
}

export interface PackageModel {
	id: string;
	match: MatchLogic;
	/** One price, or prices by the date they start (first entry: before any date). */
	prices: PackagePrices | Array<{startDate?: string; prices: PackagePrices}>;
}

/**
 * The part of @pydantic/genai-prices' bundled data a lookup can reach, in its own terms (the
 * build writes it to dist/pricing.compact.json; pricing-compact.ts makes it).
 */
export interface PackageTable {
	format: 1;
	/** The package and version the table was made from. */
	package: string;
	version: string;
	/**
	 * Where the build found the package's package.json, relative to the table file: a report
	 * checks that version is still the one installed (after `npm update` it is not).
	 */
	packageJson?: string;
	/** Provider id → its models in the package's order (the first match wins). */
	providers: Record<string, PackageModel[]>;
}
