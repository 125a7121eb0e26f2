import {getEncoding} from 'js-tiktoken';
import {describe, expect, it} from 'vitest';
import {estimateTokens, estimateTokensFromBytes} from '../source/sources/estimate.js';
import {join} from 'node:path';
import {corpusToolResults, estimatorAccuracy} from '../bench/estimator.js';
import {writeDemoLogs} from '../source/demo/generate.js';
import {describeShared, shared} from './helpers/shared.js';
import {keptDir} from './helpers/e2e.js';

const enc = getEncoding('cl100k_base');
const real = (s: string) => enc.encode(s).length;

describe('estimateTokens: unit cases', () => {
	it('empty text is 0 tokens, any other text at least 1', () => {
		expect(estimateTokens('')).toBe(0);
		expect(estimateTokens(' ')).toBe(1);
		expect(estimateTokens('a')).toBe(1);
		expect(estimateTokens('\n')).toBe(1);
	});

	it('grows with the text: never shrinks when text is appended, ~linear on repetition', () => {
		const text = 'export function add(a: number, b: number): number {\n\treturn a + b; // 42\n}\n';
		let last = 0;
		for (let i = 1; i <= text.length; i++) {
			const e = estimateTokens(text.repeat(3).slice(0, i * 3));
			expect(e).toBeGreaterThanOrEqual(last - 1);
			last = e;
		}
		const one = estimateTokens(text);
		const ten = estimateTokens(text.repeat(10));
		expect(ten / one).toBeGreaterThan(9);
		expect(ten / one).toBeLessThan(11);
	});

	it.each([
		['prose', 'The user does not want to proceed with this tool use. The tool use was rejected.'],
		['code', "import {readFileSync} from 'node:fs';\nconst x = JSON.parse(readFileSync(path, 'utf8')) as Config;\n"],
		['json', '{"output":"Success. Updated the following files:\\nM src/App.tsx\\n","metadata":{"exit_code":0}}'],
		['log', '2025-09-10T18:58:38.331Z INFO  server listening on http://127.0.0.1:8080 (pid 41237)\n'],
		['paths', 'crates/btctax-forms/src/fill8949.rs:105:            writes.push((fqn.clone(), value));\n'],
		['read output', '     1→import { useReducer } from \'react\';\n     2→\n     3→export default App;\n'],
		['tree', 'Demo\n├── CLAUDE.md\n├── components\n│   ├── AddTodo.tsx\n│   └── TodoList.tsx\n'],
		['non-ASCII', 'Привет, мир! これは日本語のテキストです。Ça marche très bien — “quoted” ✅ 🚀'],
	])('%s is within 30%% of cl100k', (_kind, text) => {
		const r = real(text);
		expect(Math.abs(estimateTokens(text) - r) / r).toBeLessThanOrEqual(0.3);
	});

	it('survives any code unit (lone surrogates, controls, BOM)', () => {
		let all = '';
		for (let c = 0; c < 65536; c += 7) all += String.fromCharCode(c);
		expect(estimateTokens(all)).toBeGreaterThan(0);
		expect(Number.isInteger(estimateTokens('\uD800\uFEFF\u0000x'))).toBe(true);
	});

	it('estimateTokensFromBytes estimates the UTF-8 slice', () => {
		const text = 'héllo wörld — ok\nline two\n';
		const buf = Buffer.from(`xx${text}yy`);
		expect(estimateTokensFromBytes(buf, 2, buf.length - 2)).toBe(estimateTokens(text));
		expect(estimateTokensFromBytes(Buffer.from(text))).toBe(estimateTokens(text));
		expect(estimateTokensFromBytes(buf, 5, 5)).toBe(0);
	});
});

describe('estimateTokens on the tool results of our demo logs', () => {
	// Claude and Codex logs written by our own generator (source/demo), laid out as corpus/{claude,codex}.
	const root = keptDir('burn-estimate-');
	writeDemoLogs({claudeConfigDir: join(root, 'claude'), codexHome: join(root, 'codex'), opencodeDataDir: join(root, 'opencode')}, Date.parse('2026-11-20T12:00:00.000Z'));
	const items = corpusToolResults(root);
	const report = estimatorAccuracy(items);

	it('finds the Claude tool_result and Codex function_call_output texts', () => {
		expect(items.length).toBeGreaterThan(50);
		expect(items.some((i) => i.file.startsWith('claude/'))).toBe(true);
		expect(items.some((i) => i.file.startsWith('codex/'))).toBe(true);
	});

	it('aggregate error within ±10% of real cl100k_base counts', () => {
		expect(Math.abs(report.aggregateError)).toBeLessThanOrEqual(0.1);
	});
});

describeShared('estimateTokens on the corpus tool results', () => {
	const items = corpusToolResults(shared('corpus'));
	const report = estimatorAccuracy(items);

	it('finds the Claude tool_result and Codex function_call_output texts', () => {
		expect(items.length).toBeGreaterThan(500);
		expect(items.some((i) => i.file.startsWith('claude/'))).toBe(true);
		expect(items.some((i) => i.file.startsWith('codex/'))).toBe(true);
	});

	it('aggregate error within ±10% of real cl100k_base counts', () => {
		for (const f of report.perFile) {
			console.log(`${(f.error * 100).toFixed(1).padStart(6)}%  ${String(f.real).padStart(7)} tokens  ${String(f.results).padStart(4)} results  ${f.file}`);
		}
		console.log(
			`aggregate: estimated ${report.estimated} vs real ${report.real} tokens → ${(report.aggregateError * 100).toFixed(2)}% over ${items.length} results`,
		);
		expect(Math.abs(report.aggregateError)).toBeLessThanOrEqual(0.1);
	});

	it('every log with 1,000+ tokens of results is within ±10%', () => {
		for (const f of report.perFile) if (f.real >= 1000) expect(Math.abs(f.error), f.file).toBeLessThanOrEqual(0.1);
	});
});
