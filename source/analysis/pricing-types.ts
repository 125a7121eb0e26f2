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
	 * cache writes): long-context prices apply above their threshold. Null = unpriced.
	 */
	rateFor(model: string, requestInputTokens?: number): Rate | null;
}
