import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {emptyUsage, type Usage} from '../source/core/records.js';
import {costOf, createPriceBook, normaliseModelId, turnCost, vendorOf, type ModelsDevSnapshot} from '../source/analysis/pricing.js';
import {loadPriceBook, snapshotPath} from '../source/analysis/pricing-load.js';
import {tmp} from './helpers/tmp.js';
import {shared} from './helpers/shared.js';

const snapshot = JSON.parse(readFileSync(new URL('../data/models.dev.json', import.meta.url), 'utf8')) as ModelsDevSnapshot;
const book = createPriceBook(snapshot);
const usage = (u: Partial<Usage>): Usage => ({...emptyUsage(), ...u});
const FIRST_PARTY = /^(anthropic|openai|google-vertex-anthropic|google-vertex|amazon-bedrock|azure|azure-cognitive-services|openrouter)\//;

describe('normaliseModelId / vendorOf', () => {
	it.each([
		['claude-sonnet-4-20250514', 'claude-sonnet-4'],
		['claude-sonnet-4@20250514', 'claude-sonnet-4'],
		['claude-opus-4-7@default', 'claude-opus-4-7'],
		['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
		['openrouter/anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5'],
		['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4'],
		['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
		['gpt-4o-2024-08-06', 'gpt-4o'],
		['claude-sonnet-4-5-20250929[1m]', 'claude-sonnet-4-5'],
		['mistral-medium-2508', 'mistral-medium-2508'],
		['deepseek-v3', 'deepseek-v3'],
		['openai.gpt-oss-20b-1:0', 'gpt-oss-20b'],
		['gpt-5.2-codex', 'gpt-5.2-codex'],
	])('%s → %s', (id, want) => expect(normaliseModelId(id)).toBe(want));

	it.each([
		['claude-opus-5', 'anthropic'],
		['gpt-5.4', 'openai'],
		['o3-mini', 'openai'],
		['codex-mini-latest', 'openai'],
		['gemini-2.5-pro', 'google'],
		['grok-4.3', 'xai'],
		['devstral-medium-2507', 'mistral'],
		['deepseek-chat', 'deepseek'],
		['us.anthropic.claude-sonnet-4-6', 'anthropic'],
		['openai/gpt-5.2', 'openai'],
		['aide-gpt-5', undefined],
		['<synthetic>', undefined],
	])('%s is made by %s', (id, want) => expect(vendorOf(id)).toBe(want));
});

describe('rateFor on the corpus models', () => {
	it('claude-sonnet-4-20250514 has no anthropic entry: Vertex, at the Anthropic list price', () => {
		const r = book.rateFor('claude-sonnet-4-20250514')!;
		expect(r.origin).toBe('google-vertex-anthropic/claude-sonnet-4@20250514');
		expect(r).toMatchObject({input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6});
		expect(r.derived).toEqual(['cacheWrite1h']);
	});

	it.each([
		['claude-opus-4-7', 'anthropic/claude-opus-4-7', 5, 25, 0.5, 6.25],
		['claude-opus-5', 'anthropic/claude-opus-5', 5, 25, 0.5, 6.25],
		['claude-fable-5', 'anthropic/claude-fable-5', 10, 50, 1, 12.5],
		['claude-sonnet-4-6', 'anthropic/claude-sonnet-4-6', 3, 15, 0.3, 3.75],
		['claude-haiku-4-5', 'anthropic/claude-haiku-4-5', 1, 5, 0.1, 1.25],
		['claude-haiku-4-5-20251001', 'anthropic/claude-haiku-4-5-20251001', 1, 5, 0.1, 1.25],
	])('%s from %s', (model, origin, input, output, cacheRead, cacheWrite5m) => {
		expect(book.rateFor(model)).toMatchObject({origin, input, output, cacheRead, cacheWrite5m, cacheWrite1h: input * 2});
	});

	it.each([
		['gpt-5.4', 'openai/gpt-5.4', 2.5, 15, 0.25],
		['gpt-5.5', 'openai/gpt-5.5', 5, 30, 0.5],
		// W12: the last provider in file order (qihang-ai) priced these at $0.25/$2 and $0.14/$1.14.
		['gpt-5.2', 'openai/gpt-5.2', 1.75, 14, 0.175],
		['gpt-5.2-codex', 'azure/gpt-5.2-codex', 1.75, 14, 0.175],
	])('%s from %s', (model, origin, input, output, cacheRead) => {
		const r = book.rateFor(model)!;
		expect(r).toMatchObject({origin, input, output, cacheRead});
		expect(r.origin).toMatch(FIRST_PARTY);
	});

	it('never takes a reseller price, and unknown models are unpriced (null, never 0)', () => {
		expect(book.rateFor('aide-gpt-5')).toBeNull();
		expect(book.rateFor('<synthetic>')).toBeNull();
		expect(book.rateFor('')).toBeNull();
		expect(book.rateFor('totally-unknown-model')).toBeNull();
		expect(costOf(usage({input: 100, output: 100}), book.rateFor('aide-gpt-5'), 'claude-code')).toBeNull();
		expect(turnCost(book, '<synthetic>', usage({output: 10}), 'claude-code')).toBeNull();
	});
});

describe('id forms', () => {
	it('provider/ prefixes, OpenCode providerID/modelID and OpenRouter ids resolve to the vendor', () => {
		expect(book.rateFor('anthropic/claude-sonnet-4-5')?.origin).toBe('anthropic/claude-sonnet-4-5');
		expect(book.rateFor('openrouter/anthropic/claude-sonnet-4.5')?.origin).toBe('anthropic/claude-sonnet-4-5');
		expect(book.rateFor('anthropic/claude-sonnet-4.6')?.origin).toBe('anthropic/claude-sonnet-4-6');
		expect(book.rateFor('openai/gpt-5.2')?.origin).toBe('openai/gpt-5.2');
		expect(book.rateFor('github-copilot/gpt-5.5')?.origin).toBe('openai/gpt-5.5');
	});

	it('falls back to a first-party cloud, then to OpenRouter under the vendor prefix', () => {
		expect(book.rateFor('anthropic/claude-opus-4.1')?.origin).toBe('google-vertex-anthropic/claude-opus-4-1@20250805');
		const haiku3 = book.rateFor('claude-3-haiku-20240307')!;
		expect(haiku3.origin).toBe('openrouter/anthropic/claude-3-haiku');
	});

	it('date suffixes, @versions and Bedrock ids are normalised', () => {
		expect(book.rateFor('claude-opus-4-7-20260101')?.origin).toBe('anthropic/claude-opus-4-7');
		expect(book.rateFor('claude-sonnet-4-5@20250929')?.origin).toBe('anthropic/claude-sonnet-4-5');
		expect(book.rateFor('us.anthropic.claude-sonnet-4-20250514-v1:0')?.origin).toBe('google-vertex-anthropic/claude-sonnet-4@20250514');
		expect(book.rateFor('anthropic.claude-opus-4-6-v1')?.origin).toBe('anthropic/claude-opus-4-6');
		// An exact dated id keeps its own price; an unknown date falls back to the alias.
		expect(book.rateFor('gpt-4o-2024-05-13')).toMatchObject({origin: 'openai/gpt-4o-2024-05-13', input: 5});
		expect(book.rateFor('gpt-4o-2099-01-01')).toMatchObject({origin: 'openai/gpt-4o', input: 2.5});
	});

	it('matches Bedrock entries (region prefix, -v1:0) and prefers a cloud over any reseller', () => {
		const snap: ModelsDevSnapshot = {
			'cheap-reseller': {models: {'claude-test-9': {cost: {input: 0.1, output: 0.2}}}},
			'amazon-bedrock': {
				models: {
					'eu.anthropic.claude-test-9-20260101-v1:0': {cost: {input: 4.4, output: 22}},
					'anthropic.claude-test-9-20260101-v1:0': {cost: {input: 4, output: 20, cache_read: 0.4, cache_write: 5}},
				},
			},
		};
		const b = createPriceBook(snap);
		expect(b.rateFor('claude-test-9')).toMatchObject({origin: 'amazon-bedrock/anthropic.claude-test-9-20260101-v1:0', input: 4});
		expect(b.rateFor('claude-test-9-20260101')?.input).toBe(4);
		expect(createPriceBook({'cheap-reseller': snap['cheap-reseller']!}).rateFor('claude-test-9')).toBeNull();
	});
});

describe('costOf', () => {
	it('Claude simple turn on claude-sonnet-4-6 = $0.00063', () => {
		const u = usage({input: 10, output: 5, cacheRead: 500, cacheCreate5m: 100});
		expect(costOf(u, book.rateFor('claude-sonnet-4-6'), 'claude-code')).toBeCloseTo(0.00063, 12);
	});

	it('Codex simple turn on gpt-5.4 = $0.0034 (reasoning is inside output, never billed again)', () => {
		const u = usage({input: 600, output: 120, reasoning: 30, cacheRead: 400});
		expect(costOf(u, book.rateFor('gpt-5.4'), 'codex')).toBeCloseTo(0.0034, 12);
		expect(turnCost(book, 'gpt-5.4', u, 'codex')).toBeCloseTo(0.0034, 12);
	});

	it('reasoning is never billed on top: the readers put it inside output for every source', () => {
		// The OpenCode reader folds reasoning into output (200 + 50 = 250 here).
		const u = usage({input: 5, output: 250, reasoning: 50, cacheRead: 15000, cacheCreate5m: 3000});
		const r = book.rateFor('claude-opus-4-5')!;
		const expected = (5 * 5 + 250 * 25 + 15000 * 0.5 + 3000 * 6.25) / 1e6;
		expect(costOf(u, r, 'opencode')).toBeCloseTo(expected, 12);
		expect(costOf(u, r, 'claude-code')).toBeCloseTo(expected, 12);
	});

	it('1-hour cache writes at 2× input for Anthropic (not the 5-minute rate)', () => {
		const r = book.rateFor('claude-sonnet-4-6')!;
		expect(r.cacheWrite1h).toBe(6);
		expect(r.derived).toContain('cacheWrite1h');
		expect(costOf(usage({cacheCreate1h: 1000}), r, 'claude-code')).toBeCloseTo(0.006, 12);
		expect(costOf(usage({cacheCreate5m: 1000}), r, 'claude-code')).toBeCloseTo(0.00375, 12);
		const own = createPriceBook({anthropic: {models: {'claude-x-1': {cost: {input: 3, output: 15, cache_write_1h: 5}}}}});
		expect(own.rateFor('claude-x-1')).toMatchObject({cacheWrite1h: 5});
		expect(own.rateFor('claude-x-1')!.derived).not.toContain('cacheWrite1h');
	});

	const LEDGER = shared('fixtures/ledger/ledger.jsonl');
	it('fixture ledger: grand total $0.0376 (hotspots-model.md §3.4; the Codex session is left out by the coverage gate)', () => {
		const lines = readFileSync(LEDGER, 'utf8').split('\n').filter(Boolean);
		let total = 0;
		for (const line of lines) {
			const o = JSON.parse(line) as {kind: string; record: {model: string; usage: Usage; source: 'claude-code' | 'codex' | 'opencode'}};
			if (o.kind !== 'turn' || o.record.source === 'codex') continue;
			total += turnCost(book, o.record.model, o.record.usage, o.record.source) ?? Number.NaN;
		}
		expect(total).toBeCloseTo(0.0376, 6);
	});
});

describe('derived cache prices', () => {
	const snap: ModelsDevSnapshot = {
		anthropic: {models: {'claude-bare-1': {cost: {input: 10, output: 50}}}},
		openai: {models: {'gpt-bare-1': {cost: {input: 2, output: 8}}}},
		google: {models: {'gemini-bare-1': {cost: {input: 1, output: 4}}}},
	};
	const b = createPriceBook(snap);

	it('Anthropic: read 0.1×, 5m write 1.25×, 1h write 2× input, all flagged', () => {
		expect(b.rateFor('claude-bare-1')).toEqual({
			input: 10,
			output: 50,
			cacheRead: 1,
			cacheWrite5m: 12.5,
			cacheWrite1h: 20,
			derived: ['cacheRead', 'cacheWrite5m', 'cacheWrite1h'],
			origin: 'anthropic/claude-bare-1',
		});
	});

	it('OpenAI: cached input 0.1×, writes at the input price', () => {
		expect(b.rateFor('gpt-bare-1')).toMatchObject({cacheRead: 0.2, cacheWrite5m: 2, cacheWrite1h: 2});
		expect(b.rateFor('gpt-bare-1')!.derived).toEqual(['cacheRead', 'cacheWrite5m', 'cacheWrite1h']);
		expect(book.rateFor('gpt-5.4')!.derived).toEqual(['cacheWrite5m', 'cacheWrite1h']);
	});

	it('other vendors: cache read and writes at the input price', () => {
		expect(b.rateFor('gemini-bare-1')).toMatchObject({cacheRead: 1, cacheWrite5m: 1, cacheWrite1h: 1});
	});

	it('given prices are not flagged', () => {
		expect(book.rateFor('claude-opus-5')!.derived).toEqual(['cacheWrite1h']);
	});
});

describe('long-context prices', () => {
	it('context_over_200k applies when input + cache read + cache writes exceed 200k', () => {
		const b = createPriceBook({
			anthropic: {
				models: {
					'claude-long-1': {
						cost: {input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, context_over_200k: {input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5}},
					},
				},
			},
		});
		expect(b.rateFor('claude-long-1', 200_000)?.input).toBe(3);
		expect(b.rateFor('claude-long-1', 200_001)).toMatchObject({input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12});
		// 10 new + 150k read + 50k write = 200,010 tokens of request input.
		const u = usage({input: 10, output: 100, cacheRead: 150_000, cacheCreate5m: 50_000});
		const expected = (10 * 6 + 100 * 22.5 + 150_000 * 0.6 + 50_000 * 7.5) / 1e6;
		expect(turnCost(b, 'claude-long-1', u, 'claude-code')).toBeCloseTo(expected, 12);
	});

	it('tiers use their own threshold (gpt-5.5: 272k, not 200k)', () => {
		expect(book.rateFor('gpt-5.5', 250_000)).toMatchObject({input: 5, output: 30, cacheRead: 0.5});
		expect(book.rateFor('gpt-5.5', 300_000)).toMatchObject({input: 10, output: 45, cacheRead: 1, origin: 'openai/gpt-5.5'});
		const u = usage({input: 100_000, output: 1000, cacheRead: 200_000});
		expect(turnCost(book, 'gpt-5.5', u, 'codex')).toBeCloseTo((100_000 * 10 + 1000 * 45 + 200_000 * 1) / 1e6, 12);
	});

	it('a tier without cache prices scales the base entry’s', () => {
		const b = createPriceBook({
			google: {models: {'gemini-t-1': {cost: {input: 2, output: 12, cache_read: 0.2, tiers: [{input: 4, output: 18, tier: {type: 'context', size: 200_000}}]}}}},
		});
		expect(b.rateFor('gemini-t-1', 300_000)).toMatchObject({input: 4, cacheRead: 0.4});
	});
});

describe('override (pricing.json)', () => {
	it('an override entry wins over the snapshot, under any provider id', () => {
		const b = createPriceBook(snapshot, {
			anthropic: {models: {'claude-sonnet-4-6': {cost: {input: 1, output: 2, cache_read: 0.1, cache_write: 1.25}}}},
			'my-gateway': {models: {'aide-gpt-5': {cost: {input: 0.5, output: 1}}}},
		});
		expect(b.rateFor('claude-sonnet-4-6')).toMatchObject({input: 1, output: 2, origin: 'pricing.json:anthropic/claude-sonnet-4-6'});
		expect(b.rateFor('aide-gpt-5')).toMatchObject({input: 0.5, origin: 'pricing.json:my-gateway/aide-gpt-5'});
		expect(b.rateFor('claude-opus-5')?.origin).toBe('anthropic/claude-opus-5');
	});

	it('loadPriceBook reads the vendored snapshot and <home>/pricing.json', () => {
		expect(snapshotPath()).not.toBeNull();
		const home = tmp();
		const plain = loadPriceBook(home);
		expect(plain.warnings).toEqual([]);
		expect(plain.priceBook.rateFor('claude-sonnet-4-6')?.input).toBe(3);
		writeFileSync(join(home, 'pricing.json'), JSON.stringify({anthropic: {models: {'claude-sonnet-4-6': {cost: {input: 9, output: 99}}}}}));
		expect(loadPriceBook(home).priceBook.rateFor('claude-sonnet-4-6')).toMatchObject({input: 9, output: 99});
	});

	it('an invalid override is ignored with a warning', () => {
		const home = tmp();
		writeFileSync(join(home, 'pricing.json'), '{"anthropic": ');
		const bad = loadPriceBook(home);
		expect(bad.warnings).toHaveLength(1);
		expect(bad.warnings[0]).toContain('pricing.json ignored');
		expect(bad.priceBook.rateFor('claude-sonnet-4-6')?.input).toBe(3);
		writeFileSync(join(home, 'pricing.json'), '[1, 2]');
		expect(loadPriceBook(home).warnings[0]).toContain('pricing.json ignored');
	});
});

describe('Codex tasks and long-context prices', () => {
	it('a task summing many requests above the threshold is priced at the base tier', async () => {
		const {prepareSession, makeClassifier} = await import('../source/analysis/prepare.js');
		const {groupSessions} = await import('../source/analysis/threads.js');
		const {DatasetBuilder} = await import('../source/ledger/bucket.js');
		const {loadPriceBook} = await import('../source/analysis/pricing-load.js');
		const {priceBook} = loadPriceBook(tmp());
		const b = new DatasetBuilder({since: null, until: null});
		const usage = {input: 200_000, output: 1_000, reasoning: 0, cacheRead: 300_000, cacheCreate5m: 0, cacheCreate1h: 0};
		for (const source of ['codex', 'claude-code'] as const) {
			b.add({kind: 'turn', record: {v: 1, source, sessionId: source, messageId: 'm', turnIndex: 0, ts: '2026-11-01T00:00:00.000Z', model: source === 'codex' ? 'gpt-5.5' : 'claude-sonnet-4-5', usage, toolCalls: []}});
		}
		const [codex, claude] = groupSessions(b.finish()).map((g) => prepareSession(g, priceBook, {}, makeClassifier()));
		const base = priceBook.rateFor('gpt-5.5', 0)!;
		expect(codex!.turns[0]!.rate).toEqual(base);
		// A Claude turn is one request: its long-context price applies.
		expect(claude!.turns[0]!.rate).toEqual(priceBook.rateFor('claude-sonnet-4-5', 500_000));
	});
});

describe('the compact snapshot the build ships (dist/pricing.compact.json)', () => {
	it('prices every model id of the full snapshot exactly as the full snapshot does, at every tier', async () => {
		const {compactSnapshot} = await import('../source/analysis/pricing-compact.js');
		const compact = compactSnapshot(snapshot);
		expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(snapshot).length / 5);
		const small = createPriceBook(JSON.parse(JSON.stringify(compact)) as ModelsDevSnapshot);
		const ids = new Set<string>();
		for (const [provider, entry] of Object.entries(snapshot)) {
			for (const id of Object.keys(entry.models ?? {})) ids.add(id).add(`${provider}/${id}`);
		}
		let priced = 0;
		for (const id of ids) {
			for (const size of [0, 250_000, 2_000_000]) {
				const want = book.rateFor(id, size);
				expect(small.rateFor(id, size), `${id} @ ${size}`).toEqual(want);
				if (want) priced++;
			}
		}
		// The comparison covers the models burn actually prices, not only misses.
		expect(priced).toBeGreaterThan(1000);
	});
});
