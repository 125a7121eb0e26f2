/**
 * The price book's rules, on price tables written here by hand: vendor first, normalised ids,
 * first-party clouds, OpenRouter, resellers never, derived cache prices, long-context tiers,
 * dated prices, `pricing.json` overrides, unpriced never $0. The installed package's real
 * data is tested in pricing-package.test.ts.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {emptyUsage, type Usage} from '../source/core/records.js';
import {costOf, createPriceBook, normaliseModelId, priceBookFrom, turnCost, vendorOf, type ModelsDevSnapshot} from '../source/analysis/pricing.js';
import {matches, packageSource} from '../source/analysis/pricing-package.js';
import type {PackageModel, PackageTable} from '../source/analysis/pricing-types.js';
import {compactTable, PACKAGE_NAME} from '../source/analysis/pricing-compact.js';
import {loadPriceBook} from '../source/analysis/pricing-load.js';
import {tmp} from './helpers/tmp.js';

const usage = (u: Partial<Usage>): Usage => ({...emptyUsage(), ...u});
const table = (providers: Record<string, PackageModel[]>): PackageTable => ({format: 1, package: 'test', version: '0', providers});
const model = (id: string, match: PackageModel['match'], prices: PackageModel['prices']): PackageModel => ({id, match, prices});
const starts = (...ids: string[]): PackageModel['match'] => ({or: ids.map((x) => ({starts_with: x}))});

/**
 * A small package table in the package's terms (a hand-written stand-in for its data): the
 * vendor's own entries, a cloud, OpenRouter and a reseller that is cheaper than everyone.
 */
const TABLE = table({
	anthropic: [
		model('claude-sonnet-4-0', {or: [{starts_with: 'claude-sonnet-4-2025'}, {equals: 'claude-sonnet-4'}]}, {input_mtok: 3, output_mtok: 15, cache_read_mtok: 0.3, cache_write_mtok: 3.75, cache_write_1h_mtok: 6}),
		model('claude-sonnet-4-5', starts('claude-sonnet-4-5', 'claude-sonnet-4.5'), {
			input_mtok: {base: 3, tiers: [{start: 200_000, price: 6}]},
			output_mtok: {base: 15, tiers: [{start: 200_000, price: 22.5}]},
			cache_read_mtok: {base: 0.3, tiers: [{start: 200_000, price: 0.6}]},
			cache_write_mtok: {base: 3.75, tiers: [{start: 200_000, price: 7.5}]},
			cache_write_1h_mtok: {base: 6, tiers: [{start: 200_000, price: 12}]},
		}),
		model('claude-bare-1', {equals: 'claude-bare-1'}, {input_mtok: 10, output_mtok: 50}),
		// Dated prices: the long-context tier ended on 2026-03-13.
		model('claude-dated-1', starts('claude-dated-1'), [
			{prices: {input_mtok: {base: 3, tiers: [{start: 200_000, price: 6}]}, output_mtok: 15}},
			{startDate: '2026-03-13', prices: {input_mtok: 3, output_mtok: 15}},
		]),
	],
	openai: [
		model('gpt-5.5', {or: [{equals: 'gpt-5.5'}, {equals: 'gpt-5.5-2026-04-23'}]}, {
			input_mtok: {base: 5, tiers: [{start: 271_999, price: 10}]},
			output_mtok: {base: 30, tiers: [{start: 271_999, price: 45}]},
			cache_read_mtok: {base: 0.5, tiers: [{start: 271_999, price: 1}]},
		}),
		model('gpt-bare-1', {equals: 'gpt-bare-1'}, {input_mtok: 2, output_mtok: 8}),
	],
	google: [
		model('gemini-bare-1', {equals: 'gemini-bare-1'}, {input_mtok: 1, output_mtok: 4}),
		// Vertex AI's price of an Anthropic model.
		model('claude-opus-4-1', {contains: 'claude-opus-4-1'}, {input_mtok: 15, output_mtok: 75, cache_read_mtok: 1.5, cache_write_mtok: 18.75}),
	],
	aws: [
		model('global.anthropic.claude-test-9-v1:0', {contains: 'global.anthropic.claude-test-9'}, {input_mtok: 4, output_mtok: 20, cache_read_mtok: 0.4, cache_write_mtok: 5}),
		model('regional.anthropic.claude-test-9-v1:0', {or: [{starts_with: 'anthropic.claude-test-9'}, {starts_with: 'claude-test-9'}]}, {input_mtok: 4.4, output_mtok: 22}),
	],
	openrouter: [model('anthropic/claude-3-haiku', {or: [{equals: 'anthropic/claude-3-haiku'}, {equals: 'anthropic/claude-3-haiku:beta'}]}, {input_mtok: 0.25, output_mtok: 1.25})],
	'cheap-reseller': [model('everything', {regex: '.*'}, {input_mtok: 0.01, output_mtok: 0.01})],
});
const book = priceBookFrom(packageSource(TABLE, Date.parse('2026-12-01T00:00:00Z')));

describe('matching (the package\'s match rules)', () => {
	it('equals, starts_with, ends_with, contains, regex, or, and; lower case', () => {
		expect(matches({equals: 'GPT-5'}, 'gpt-5')).toBe(true);
		expect(matches({starts_with: 'claude-'}, 'claude-x')).toBe(true);
		expect(matches({ends_with: '-mini'}, 'o3-mini')).toBe(true);
		expect(matches({contains: 'opus'}, 'claude-opus-4')).toBe(true);
		expect(matches({regex: '^o[134]'}, 'o3-mini')).toBe(true);
		expect(matches({and: [{starts_with: 'o'}, {contains: 'mini'}]}, 'o3')).toBe(false);
		expect(matches({or: [{equals: 'a'}, {equals: 'b'}]}, 'b')).toBe(true);
		expect(matches({regex: '('}, 'x')).toBe(false);
	});

	it('loose mode: dots and dashes are one', () => {
		expect(matches({equals: 'claude-sonnet-4.5'}, 'claude-sonnet-4-5')).toBe(false);
		expect(matches({equals: 'claude-sonnet-4.5'}, 'claude-sonnet-4-5', 'claude-sonnet-4-5')).toBe(true);
	});
});

describe('resolution order (Contracts, Prices)', () => {
	it('the vendor\'s own price by the id as given', () => {
		expect(book.rateFor('claude-sonnet-4-5-20250929')).toMatchObject({origin: 'anthropic/claude-sonnet-4-5', input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6});
		expect(book.rateFor('claude-sonnet-4-5')!.derived).toEqual([]);
		expect(book.rateFor('gpt-5.5-2026-04-23')?.origin).toBe('openai/gpt-5.5');
	});

	it('then by the normalised id: provider/ prefix, @version, date suffix, Bedrock ids, dots', () => {
		for (const id of [
			'anthropic/claude-sonnet-4-5',
			'openrouter/anthropic/claude-sonnet-4.5',
			'claude-sonnet-4-5@20250929',
			'claude-sonnet-4-5-20250929[1m]',
			'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
		]) {
			expect(book.rateFor(id)?.origin, id).toBe('anthropic/claude-sonnet-4-5');
		}
		expect(book.rateFor('claude-sonnet-4@20250514')?.origin).toBe('anthropic/claude-sonnet-4-0');
		expect(book.rateFor('gpt-5-5')?.origin).toBe('openai/gpt-5.5');
		expect(book.rateFor('github-copilot/gpt-5.5')?.origin).toBe('openai/gpt-5.5');
	});

	it('then the vendor\'s first-party clouds, then OpenRouter under the vendor prefix', () => {
		expect(book.rateFor('claude-opus-4-1-20250805')).toMatchObject({origin: 'google/claude-opus-4-1', input: 15});
		expect(book.rateFor('claude-test-9')).toMatchObject({origin: 'aws/regional.anthropic.claude-test-9-v1:0', input: 4.4});
		expect(book.rateFor('global.anthropic.claude-test-9-v1:0')).toMatchObject({origin: 'aws/global.anthropic.claude-test-9-v1:0', input: 4});
		expect(book.rateFor('claude-3-haiku-20240307')).toMatchObject({origin: 'openrouter/anthropic/claude-3-haiku', input: 0.25});
	});

	it('resellers never set a price; unknown models are unpriced (null, never $0)', () => {
		for (const id of ['aide-gpt-5', 'acme-coder-1', 'mystery-model', '<synthetic>', '', 'claude-unknown-9', 'gpt-99']) {
			expect(book.rateFor(id), id).toBeNull();
			expect(turnCost(book, id, usage({input: 100, output: 100}), 'claude-code'), id).toBeNull();
		}
		expect(costOf(usage({input: 100}), null, 'codex')).toBeNull();
	});

	it('the vendor\'s own price wins over its clouds', () => {
		const b = priceBookFrom(
			packageSource(
				table({
					google: [model('claude-x-1', {contains: 'claude-x-1'}, {input_mtok: 9, output_mtok: 9})],
					anthropic: [model('claude-x-1', {equals: 'claude-x-1'}, {input_mtok: 1, output_mtok: 5})],
				}),
			),
		);
		expect(b.rateFor('claude-x-1')?.origin).toBe('anthropic/claude-x-1');
		expect(b.rateFor('vertex/claude-x-1@default')?.origin).toBe('anthropic/claude-x-1');
	});
});

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

describe('derived cache prices (marked derived)', () => {
	it('Anthropic: read 0.1×, 5m write 1.25×, 1h write 2× input', () => {
		expect(book.rateFor('claude-bare-1')).toEqual({
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
		expect(book.rateFor('gpt-bare-1')).toMatchObject({cacheRead: 0.2, cacheWrite5m: 2, cacheWrite1h: 2});
		expect(book.rateFor('gpt-bare-1')!.derived).toEqual(['cacheRead', 'cacheWrite5m', 'cacheWrite1h']);
		expect(book.rateFor('gpt-5.5')!.derived).toEqual(['cacheWrite5m', 'cacheWrite1h']);
	});

	it('other vendors: cache read and writes at the input price', () => {
		expect(book.rateFor('gemini-bare-1')).toMatchObject({cacheRead: 1, cacheWrite5m: 1, cacheWrite1h: 1});
	});

	it('a cloud entry without a 1-hour price: 2× its input, flagged', () => {
		expect(book.rateFor('claude-opus-4-1')).toMatchObject({cacheWrite5m: 18.75, cacheWrite1h: 30, derived: ['cacheWrite1h']});
	});

	it('models.dev-shaped files (pricing.json) derive the same way', () => {
		const b = createPriceBook({anthropic: {models: {'claude-bare-1': {cost: {input: 10, output: 50, cache_write_1h: 5}}}}});
		expect(b.rateFor('claude-bare-1')).toMatchObject({cacheRead: 1, cacheWrite5m: 12.5, cacheWrite1h: 5, derived: ['cacheRead', 'cacheWrite5m']});
	});
});

describe('costOf', () => {
	it('Claude simple turn on claude-sonnet-4-5 = $0.00063 (hand-worked: 10×3 + 5×15 + 500×0.3 + 100×3.75 per M)', () => {
		const u = usage({input: 10, output: 5, cacheRead: 500, cacheCreate5m: 100});
		expect(costOf(u, book.rateFor('claude-sonnet-4-5'), 'claude-code')).toBeCloseTo(0.00063, 12);
	});

	it('Codex turn on gpt-5.5 = $0.0052 (600×5 + 120×30 + 400×0.5 per M; reasoning is inside output)', () => {
		const u = usage({input: 600, output: 120, reasoning: 30, cacheRead: 400});
		expect(turnCost(book, 'gpt-5.5', u, 'codex')).toBeCloseTo(0.0068, 12);
	});

	it('1-hour cache writes at their own rate', () => {
		const r = book.rateFor('claude-sonnet-4-5')!;
		expect(costOf(usage({cacheCreate1h: 1000}), r, 'claude-code')).toBeCloseTo(0.006, 12);
		expect(costOf(usage({cacheCreate5m: 1000}), r, 'claude-code')).toBeCloseTo(0.00375, 12);
	});
});

describe('long-context tiers', () => {
	it('apply when input + cache read + cache writes exceed the threshold', () => {
		expect(book.rateFor('claude-sonnet-4-5', 200_000)?.input).toBe(3);
		expect(book.rateFor('claude-sonnet-4-5', 200_001)).toMatchObject({input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12});
		// 10 new + 150k read + 50k write = 200,010 tokens of request input.
		const u = usage({input: 10, output: 100, cacheRead: 150_000, cacheCreate5m: 50_000});
		expect(turnCost(book, 'claude-sonnet-4-5', u, 'claude-code')).toBeCloseTo((10 * 6 + 100 * 22.5 + 150_000 * 0.6 + 50_000 * 7.5) / 1e6, 12);
		const small = usage({input: 10, output: 100, cacheRead: 150_000});
		expect(turnCost(book, 'claude-sonnet-4-5', small, 'claude-code')).toBeCloseTo((10 * 3 + 100 * 15 + 150_000 * 0.3) / 1e6, 12);
	});

	it('each model has its own threshold (gpt-5.5: above 271,999)', () => {
		expect(book.rateFor('gpt-5.5', 271_999)).toMatchObject({input: 5, output: 30, cacheRead: 0.5});
		expect(book.rateFor('gpt-5.5', 272_000)).toMatchObject({input: 10, output: 45, cacheRead: 1, origin: 'openai/gpt-5.5'});
	});

	it('a price without tiers is the same in every tier; a derived one follows the tier\'s input', () => {
		const b = priceBookFrom(
			packageSource(table({anthropic: [model('claude-t-1', {equals: 'claude-t-1'}, {input_mtok: {base: 2, tiers: [{start: 100, price: 4}]}, output_mtok: 10, cache_read_mtok: 0.2})]})),
		);
		expect(b.rateFor('claude-t-1', 101)).toMatchObject({input: 4, output: 10, cacheRead: 0.2, cacheWrite5m: 5, cacheWrite1h: 8});
	});

	it('models.dev-shaped files: context_over_200k and tiers', () => {
		const b = createPriceBook({
			anthropic: {models: {'claude-long-1': {cost: {input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, context_over_200k: {input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5}}}}},
			google: {models: {'gemini-t-1': {cost: {input: 2, output: 12, cache_read: 0.2, tiers: [{input: 4, output: 18, tier: {type: 'context', size: 200_000}}]}}}},
		});
		expect(b.rateFor('claude-long-1', 200_001)).toMatchObject({input: 6, cacheWrite1h: 12});
		expect(b.rateFor('gemini-t-1', 300_000)).toMatchObject({input: 4, cacheRead: 0.4});
	});
});

describe('dated prices', () => {
	const MARCH_1 = Date.parse('2026-03-01T12:00:00Z');
	const APRIL_1 = Date.parse('2026-04-01T12:00:00Z');

	it('a turn gets the price in force on its day; undated turns and no date: today\'s', () => {
		expect(book.rateFor('claude-dated-1', 300_000, MARCH_1)?.input).toBe(6);
		expect(book.rateFor('claude-dated-1', 300_000, Date.parse('2026-03-13T00:00:00Z'))?.input).toBe(3);
		expect(book.rateFor('claude-dated-1', 300_000, APRIL_1)?.input).toBe(3);
		expect(book.rateFor('claude-dated-1', 300_000)?.input).toBe(3);
		expect(book.rateFor('claude-dated-1', 300_000, Number.NaN)?.input).toBe(3);
		// The same model right after, in either order (the book remembers the last model).
		expect(book.rateFor('claude-dated-1', 300_000, MARCH_1)?.input).toBe(6);
	});

	it('prices that start after today are not used', () => {
		const before = priceBookFrom(packageSource(TABLE, Date.parse('2026-03-12T23:00:00Z')));
		expect(before.rateFor('claude-dated-1', 300_000)?.input).toBe(6);
		expect(before.rateFor('claude-dated-1', 300_000, APRIL_1)?.input).toBe(6);
	});

	it('a session spanning a price change is priced turn by turn', async () => {
		const {prepareSession, makeClassifier} = await import('../source/analysis/prepare.js');
		const {groupSessions} = await import('../source/analysis/threads.js');
		const {DatasetBuilder} = await import('../source/ledger/bucket.js');
		const b = new DatasetBuilder({since: null, until: null});
		const u = {input: 100_000, output: 1_000, reasoning: 0, cacheRead: 150_000, cacheCreate5m: 0, cacheCreate1h: 0};
		for (const [i, ts] of ['2026-03-12T23:00:00.000Z', '2026-03-13T01:00:00.000Z'].entries()) {
			b.add({kind: 'turn', record: {v: 1, source: 'claude-code', sessionId: 's', messageId: `m${i}`, turnIndex: i, ts, model: 'claude-dated-1', usage: u, toolCalls: []}});
		}
		const [s] = groupSessions(b.finish()).map((g) => prepareSession(g, book, {}, makeClassifier()));
		// 250k tokens of request input: above the 200k tier while it existed.
		expect(s!.turns.map((t) => t.rate?.input)).toEqual([6, 3]);
	});
});

describe('override (pricing.json)', () => {
	it('an override entry wins, under any provider id; other models keep the package price', () => {
		const b = priceBookFrom(packageSource(TABLE), {
			anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 1, output: 2, cache_read: 0.1, cache_write: 1.25}}}},
			'my-gateway': {models: {'aide-gpt-5': {cost: {input: 0.5, output: 1}}}},
		});
		expect(b.rateFor('claude-sonnet-4-5-20250929')).toMatchObject({input: 1, output: 2, origin: 'pricing.json:anthropic/claude-sonnet-4-5'});
		expect(b.rateFor('aide-gpt-5')).toMatchObject({input: 0.5, origin: 'pricing.json:my-gateway/aide-gpt-5'});
		expect(b.rateFor('gpt-5.5')?.origin).toBe('openai/gpt-5.5');
	});

	it('loadPriceBook reads the package prices and <home>/pricing.json', () => {
		const home = tmp();
		const plain = loadPriceBook(home);
		expect(plain.warnings).toEqual([]);
		expect(plain.priceBook.rateFor('claude-sonnet-4-5')?.origin).toBe('anthropic/claude-sonnet-4-5');
		writeFileSync(join(home, 'pricing.json'), JSON.stringify({anthropic: {models: {'claude-sonnet-4-5': {cost: {input: 9, output: 99}}}}}));
		expect(loadPriceBook(home).priceBook.rateFor('claude-sonnet-4-5')).toMatchObject({input: 9, output: 99, origin: 'pricing.json:anthropic/claude-sonnet-4-5'});
	});

	it('an invalid override is ignored with a warning', () => {
		const home = tmp();
		writeFileSync(join(home, 'pricing.json'), '{"anthropic": ');
		const bad = loadPriceBook(home);
		expect(bad.warnings).toHaveLength(1);
		expect(bad.warnings[0]).toContain('pricing.json ignored');
		expect(bad.priceBook.rateFor('claude-sonnet-4-5')?.origin).toBe('anthropic/claude-sonnet-4-5');
		writeFileSync(join(home, 'pricing.json'), '[1, 2]');
		expect(loadPriceBook(home).warnings[0]).toContain('pricing.json ignored');
	});
});

describe('Codex tasks and long-context prices', () => {
	it('a task summing many requests above the threshold is priced at the base tier', async () => {
		const {prepareSession, makeClassifier} = await import('../source/analysis/prepare.js');
		const {groupSessions} = await import('../source/analysis/threads.js');
		const {DatasetBuilder} = await import('../source/ledger/bucket.js');
		const b = new DatasetBuilder({since: null, until: null});
		const u = {input: 200_000, output: 1_000, reasoning: 0, cacheRead: 300_000, cacheCreate5m: 0, cacheCreate1h: 0};
		for (const source of ['codex', 'claude-code'] as const) {
			b.add({kind: 'turn', record: {v: 1, source, sessionId: source, messageId: 'm', turnIndex: 0, ts: '2026-11-01T00:00:00.000Z', model: source === 'codex' ? 'gpt-5.5' : 'claude-sonnet-4-5', usage: u, toolCalls: []}});
		}
		const [codex, claude] = groupSessions(b.finish()).map((g) => prepareSession(g, book, {}, makeClassifier()));
		expect(codex!.turns[0]!.rate).toEqual(book.rateFor('gpt-5.5', 0));
		// A Claude turn is one request: its long-context price applies.
		expect(claude!.turns[0]!.rate).toEqual(book.rateFor('claude-sonnet-4-5', 500_000));
		expect(claude!.turns[0]!.rate?.input).toBe(6);
	});
});

describe('the compact table made from the package (pricing-compact.ts)', () => {
	const tokens = (input: number, output: number) => ({input_mtok: input, output_mtok: output, web_searches_kcount: 10});
	const providers: Record<string, {id: string; models: Array<{id: string; match: unknown; prices: unknown}>}> = {
		deepseek: {
			id: 'deepseek',
			models: [
				// Off-peak by default, standard 16 hours a day: the standard price is kept.
				{id: 'deepseek-chat', match: {equals: 'deepseek-chat'}, prices: [{prices: tokens(0.135, 0.55)}, {constraint: {type: 'time_of_date', start_time: '00:30:00Z', end_time: '16:30:00Z'}, prices: tokens(0.27, 1.1)}]},
				// Peak windows of 3 hours are left out; the dated change is kept.
				{
					id: 'deepseek-v9',
					match: {equals: 'deepseek-v9'},
					prices: [
						{prices: tokens(0.14, 0.28)},
						{constraint: {type: 'start_date', start_date: '2026-08-17'}, prices: tokens(0.22, 0.66)},
						{constraint: {type: 'time_of_date', start_time: '01:00:00Z', end_time: '04:00:00Z'}, prices: tokens(0.44, 1.32)},
					],
				},
				{id: 'deepseek-ocr', match: {equals: 'deepseek-ocr'}, prices: {input_document_kpages: 1}},
			],
		},
		openrouter: {
			id: 'openrouter',
			models: [
				{id: 'anthropic/claude-x', match: {equals: 'anthropic/claude-x'}, prices: tokens(1, 2)},
				{id: 'some-lab/model-y', match: {equals: 'some-lab/model-y'}, prices: tokens(1, 2)},
			],
		},
		together: {id: 'together', models: [{id: 'claude-x', match: {equals: 'claude-x'}, prices: tokens(0.01, 0.01)}]},
	};
	const made = compactTable({findProvider: ({providerId}) => providers[providerId]}, '9.9.9');

	it('keeps only reachable providers, OpenRouter under a vendor prefix, and token prices', () => {
		expect(made).toMatchObject({format: 1, package: PACKAGE_NAME, version: '9.9.9'});
		expect(Object.keys(made.providers).sort()).toEqual(['deepseek', 'openrouter']);
		expect(made.providers.openrouter!.map((m) => m.id)).toEqual(['anthropic/claude-x']);
		expect(made.providers.deepseek!.map((m) => m.id)).toEqual(['deepseek-chat', 'deepseek-v9']);
	});

	it('of peak and off-peak prices keeps the one of most hours of the day', () => {
		expect(made.providers.deepseek![0]!.prices).toEqual({input_mtok: 0.27, output_mtok: 1.1});
		expect(made.providers.deepseek![1]!.prices).toEqual([
			{prices: {input_mtok: 0.14, output_mtok: 0.28}},
			{startDate: '2026-08-17', prices: {input_mtok: 0.22, output_mtok: 0.66}},
		]);
		const b = priceBookFrom(packageSource(made, Date.parse('2026-12-01T00:00:00Z')));
		expect(b.rateFor('deepseek-v9', 0, Date.parse('2026-08-01T00:00:00Z'))?.input).toBe(0.14);
		expect(b.rateFor('deepseek-v9')?.input).toBe(0.22);
	});
});
