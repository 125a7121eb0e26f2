/**
 * The bundled prices: the installed npm package @pydantic/genai-prices behind our price book.
 * Every model id our fixtures, demo and bench generators use is priced by its vendor; the
 * build's compact table prices like the package; nothing touches the network.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {emptyUsage, type Usage} from '../source/core/records.js';
import {priceBookFrom, turnCost, vendorOf} from '../source/analysis/pricing.js';
import {packageSource} from '../source/analysis/pricing-package.js';
import {PACKAGE_NAME} from '../source/analysis/pricing-compact.js';
import {builtTable, loadPriceBook, tableFromPackage} from '../source/analysis/pricing-load.js';
import type {PackageTable} from '../source/analysis/pricing-types.js';
import {describeShared, shared} from './helpers/shared.js';
import {tmp} from './helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const table = tableFromPackage();
const book = priceBookFrom(packageSource(table));
const usage = (u: Partial<Usage>): Usage => ({...emptyUsage(), ...u});

/** Where a price may come from: the vendor's own API, its first-party clouds, OpenRouter. */
const FIRST_PARTY = /^(anthropic|openai|google|x-ai|mistral|deepseek|moonshotai|zai|zhipuai|minimax|aws|azure|openrouter)\//;

/** Models the other tests use as real ones (hand-written ledgers and logs). */
const TEST_MODELS = [
	'claude-sonnet-4-5',
	'claude-sonnet-4-6',
	'claude-haiku-4-5',
	'claude-opus-4-7',
	'claude-opus-4-1',
	'claude-3-5-sonnet',
	'claude-sonnet-4-20250514',
	'claude-sonnet-4-5-20250929[1m]',
	'anthropic/claude-sonnet-4-5',
	'anthropic/claude-haiku-4-5',
	'gpt-5',
	'gpt-5-codex',
	'gpt-5.1',
	'gpt-5.4',
	'gpt-5.5',
	'gpt-4.1',
	'openai/gpt-5.5',
	'openai/gpt-4.1',
];
/** Invented or reseller ids the tests use as unpriced ones. */
const UNPRICED = ['mystery-model', 'mystery', 'aide-gpt-5', 'acme-coder-1', '<synthetic>', ''];

function files(dir: string, keep: (name: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...files(path, keep));
		else if (keep(name)) out.push(path);
	}
	return out;
}

/** Model ids quoted in source code (demo and bench generators): vendor-shaped strings. */
function idsInCode(paths: string[]): Set<string> {
	const ids = new Set<string>();
	for (const path of paths) {
		for (const m of readFileSync(path, 'utf8').matchAll(/['"`]((?:claude|gpt|o\d|codex|gemini)-[\w.@:[\]-]*)['"`]/g)) {
			const id = m[1]!;
			if (id !== 'claude-code' && !/\.(?:js|ts|jsonl?)$/.test(id)) ids.add(id);
		}
	}
	return ids;
}

/** Model ids in log and ledger files: `"model": "…"` and OpenCode's `"modelID": "…"`. */
function idsInLogs(paths: string[]): Set<string> {
	const ids = new Set<string>();
	for (const path of paths) for (const m of readFileSync(path, 'utf8').matchAll(/"model(?:ID)?"\s*:\s*"([^"]+)"/g)) ids.add(m[1]!);
	return ids;
}

function expectVendorPriced(id: string): void {
	const rate = book.rateFor(id);
	expect(rate, id).not.toBeNull();
	expect(rate!.origin, id).toMatch(FIRST_PARTY);
	expect(rate!.input, id).toBeGreaterThan(0);
	expect(rate!.output, id).toBeGreaterThan(0);
	// The vendor's own API when it sells the model.
	const vendor = vendorOf(id);
	if (vendor === 'anthropic' || vendor === 'openai') expect(rate!.origin, id).toMatch(new RegExp(`^${vendor}/`));
}

describe('the installed package', () => {
	it('is read from node_modules with its version', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', ...PACKAGE_NAME.split('/'), 'package.json'), 'utf8')) as {version: string};
		expect(table.version).toBe(manifest.version);
		expect(Object.keys(table.providers)).toEqual(expect.arrayContaining(['anthropic', 'openai', 'google', 'aws', 'azure', 'openrouter']));
		// No reseller is in the table: they can never set a price.
		expect(Object.keys(table.providers)).not.toContain('together');
	});

	it('is never asked to update over the network', () => {
		const fetch = vi.fn(() => Promise.reject(new Error('no network')));
		vi.stubGlobal('fetch', fetch);
		try {
			delete require.cache[require.resolve(PACKAGE_NAME)];
			const fresh = tableFromPackage();
			expect(priceBookFrom(packageSource(fresh)).rateFor('claude-opus-4-7')).not.toBeNull();
		} finally {
			vi.unstubAllGlobals();
		}
		expect(fetch).not.toHaveBeenCalled();
		// Its updater is never called or imported by our code.
		for (const path of files(join(ROOT, 'source'), (n) => /\.tsx?$/.test(n))) {
			expect(readFileSync(path, 'utf8'), path).not.toMatch(/\b(?:updatePrices|waitForUpdate)\s*\(|REMOTE_DATA_JSON_URL/);
		}
	});
});

describe('every model id of our fixtures, demo and bench is priced by its vendor', () => {
	const code = idsInCode([...files(join(ROOT, 'source/demo'), (n) => n.endsWith('.ts')), ...files(join(ROOT, 'bench'), (n) => n.endsWith('.ts'))]);
	const logs = idsInLogs(files(join(ROOT, 'test/fixtures'), (n) => /\.jsonl?$/.test(n)));

	it('the demo and bench generators use at least the models they are known to', () => {
		expect([...code]).toEqual(expect.arrayContaining(['claude-opus-4-7', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'gpt-5.4', 'gpt-5.5', 'claude-opus-4-1', 'claude-sonnet-4-6']));
	});

	it.each([...new Set([...code, ...TEST_MODELS, ...logs])].filter((id) => !UNPRICED.includes(id)).sort())('%s', (id) => expectVendorPriced(id));

	it.each(UNPRICED)('%s is unpriced (null, never $0)', (id) => {
		expect(book.rateFor(id)).toBeNull();
		expect(turnCost(book, id, usage({input: 1000, output: 1000}), 'codex')).toBeNull();
	});
});

describe('prices of the package', () => {
	it.each([
		// model, origin, input, output, cache read, 5m write, 1h write
		['claude-opus-4-7', 'anthropic/claude-opus-4-7', 5, 25, 0.5, 6.25, 10],
		['claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5', 3, 15, 0.3, 3.75, 6],
		['claude-sonnet-4-6', 'anthropic/claude-sonnet-4-6', 3, 15, 0.3, 3.75, 6],
		['claude-haiku-4-5', 'anthropic/claude-haiku-4-5', 1, 5, 0.1, 1.25, 2],
		['gpt-5.5', 'openai/gpt-5.5', 5, 30, 0.5, 5, 5],
		['gpt-5.4', 'openai/gpt-5.4', 2.5, 15, 0.25, 2.5, 2.5],
	])('%s from %s', (model, origin, input, output, cacheRead, cacheWrite5m, cacheWrite1h) => {
		expect(book.rateFor(model)).toMatchObject({origin, input, output, cacheRead, cacheWrite5m, cacheWrite1h});
	});

	it('long-context tiers: claude-sonnet-4-5 above 200k, gpt-5.5 above 271,999', () => {
		expect(book.rateFor('claude-sonnet-4-5', 200_001)).toMatchObject({input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12});
		expect(book.rateFor('gpt-5.5', 272_000)).toMatchObject({input: 10, output: 45, cacheRead: 1});
	});

	it('dated price changes: claude-sonnet-4-6 lost its long-context tier on 2026-03-13', () => {
		expect(book.rateFor('claude-sonnet-4-6', 300_000, Date.parse('2026-03-01T00:00:00Z'))).toMatchObject({input: 6, output: 22.5});
		expect(book.rateFor('claude-sonnet-4-6', 300_000, Date.parse('2026-03-14T00:00:00Z'))).toMatchObject({input: 3, output: 15});
	});

	it('OpenAI gives no cache-write price: writes at the input price, marked derived', () => {
		expect(book.rateFor('gpt-5.5')!.derived).toEqual(['cacheWrite5m', 'cacheWrite1h']);
		expect(book.rateFor('claude-opus-4-7')!.derived).toEqual([]);
	});

	it('OpenRouter ids and the vendor prefix: the vendor\'s own price', () => {
		expect(book.rateFor('openrouter/anthropic/claude-sonnet-4.5')?.origin).toBe('anthropic/claude-sonnet-4-5');
		expect(book.rateFor('anthropic/claude-sonnet-4-5')?.origin).toBe('anthropic/claude-sonnet-4-5');
	});

	it('our cost equals the package\'s own calculation', () => {
		const {calcPrice} = require(PACKAGE_NAME) as {calcPrice: (u: Record<string, number>, model: string, o: {providerId: string}) => {total_price: number} | null};
		const usages = [
			usage({input: 1200, output: 800, cacheRead: 40_000, cacheCreate5m: 3000, cacheCreate1h: 500}),
			usage({input: 20_000, output: 2000, cacheRead: 250_000, cacheCreate5m: 30_000}),
		];
		for (const [model, provider] of [
			['claude-opus-4-7', 'anthropic'],
			['claude-sonnet-4-5', 'anthropic'],
			['claude-haiku-4-5', 'anthropic'],
			['gpt-5.5', 'openai'],
			['gpt-5.4', 'openai'],
			['gemini-2.5-pro', 'google'],
		] as const) {
			for (const u of usages) {
				const theirs = calcPrice(
					{
						input_tokens: u.input + u.cacheRead + u.cacheCreate5m + u.cacheCreate1h,
						cache_read_tokens: u.cacheRead,
						cache_write_tokens: u.cacheCreate5m + u.cacheCreate1h,
						cache_write_1h_tokens: u.cacheCreate1h,
						output_tokens: u.output,
					},
					model,
					{providerId: provider},
				);
				expect(turnCost(book, model, u, 'claude-code'), model).toBeCloseTo(theirs!.total_price, 10);
			}
		}
	});
});

describe('the build\'s compact table (dist/pricing.compact.json)', () => {
	const DIST = join(ROOT, 'dist/pricing.compact.json');

	it.skipIf(!existsSync(DIST))('holds the installed package\'s prices (made from it by the build)', () => {
		const built = JSON.parse(readFileSync(DIST, 'utf8')) as PackageTable;
		expect(built.packageJson).toMatch(/node_modules\/@pydantic\/genai-prices\/package\.json$/);
		expect({...built, packageJson: undefined}).toEqual({...table, packageJson: undefined});
	});

	it('is used while its package version is installed, and not after an update', () => {
		const dir = tmp();
		mkdirSync(join(dir, 'pkg'));
		const path = join(dir, 'pricing.compact.json');
		writeFileSync(path, JSON.stringify({...table, version: '0.0.1', packageJson: 'pkg/package.json'}));
		expect(builtTable(path)?.version).toBe('0.0.1');
		writeFileSync(join(dir, 'pkg/package.json'), JSON.stringify({version: '0.0.1'}));
		expect(builtTable(path)?.version).toBe('0.0.1');
		writeFileSync(join(dir, 'pkg/package.json'), JSON.stringify({version: '0.0.2'}));
		expect(builtTable(path)).toBeNull();
		writeFileSync(path, '{"format": 2}');
		expect(builtTable(path)).toBeNull();
	});
});

describeShared('model ids of ../shared (fixtures and corpus) are priced by their vendor', () => {
	const ids = idsInLogs([...files(shared('fixtures'), (n) => /\.jsonl?$/.test(n)), ...files(shared('corpus'), (n) => /\.jsonl?$/.test(n))]);

	it('finds the models of the real logs', () => {
		expect([...ids]).toEqual(expect.arrayContaining(['claude-sonnet-4-20250514', 'claude-opus-5', 'gpt-5.4', 'gpt-5.2-codex']));
	});

	it.each([...ids].filter((id) => !UNPRICED.includes(id)).sort())('%s', (id) => expectVendorPriced(id));

	it('aide-gpt-5 (a reseller\'s model) is unpriced', () => expect(book.rateFor('aide-gpt-5')).toBeNull());

	it('golden ledger: grand total $0.0376 with the package prices (hotspots-model.md §3.4; the Codex session is left out by the coverage gate)', () => {
		const lines = readFileSync(shared('fixtures/ledger/ledger.jsonl'), 'utf8').split('\n').filter(Boolean);
		let total = 0;
		for (const line of lines) {
			const o = JSON.parse(line) as {kind: string; record: {model: string; usage: Usage; source: 'claude-code' | 'codex' | 'opencode'}};
			if (o.kind !== 'turn' || o.record.source === 'codex') continue;
			total += turnCost(book, o.record.model, o.record.usage, o.record.source) ?? Number.NaN;
		}
		expect(total).toBeCloseTo(0.0376, 9);
	});

	it('loadPriceBook gives the same prices as the package', () => {
		const loaded = loadPriceBook(tmp()).priceBook;
		for (const id of ids) expect(loaded.rateFor(id), id).toEqual(book.rateFor(id));
	});
});
