import {resolve} from 'node:path';
/**
 * Token estimator benchmark: throughput of estimateTokens over ~50 MB of real tool-result
 * text, and its aggregate error against the real cl100k_base tokenizer (js-tiktoken, a
 * devDependency) on the corpus' Claude tool_result and Codex function_call_output texts.
 *
 * Standalone: npx esbuild bench/estimator.ts --bundle --platform=node --format=esm \
 *   --outfile=/tmp/est.mjs && node /tmp/est.mjs [corpusDir]   (corpus: $BURN_CORPUS or /work/shared/corpus)
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {getEncoding} from 'js-tiktoken';
import {estimateTokens} from '../source/sources/estimate.js';

export const DEFAULT_CORPUS = process.env.BURN_CORPUS ?? resolve(import.meta.dirname, '../../shared/corpus');

export interface ToolResultText {
	/** Corpus-relative path of the log the text came from. */
	file: string;
	text: string;
}

function jsonlFiles(dir: string, out: string[] = []): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return out;
	}
	for (const name of names.sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) jsonlFiles(path, out);
		else if (name.endsWith('.jsonl')) out.push(path);
	}
	return out;
}

/** The text a Claude tool_result block carries: a string, or its text blocks joined. */
function claudeText(content: unknown): string | null {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return null;
	const parts: string[] = [];
	for (const b of content) {
		if (b && typeof b === 'object' && (b as {type?: unknown}).type === 'text' && typeof (b as {text?: unknown}).text === 'string') {
			parts.push((b as {text: string}).text);
		}
	}
	return parts.join('\n');
}

function visit(node: unknown, fn: (o: Record<string, unknown>) => void): void {
	if (Array.isArray(node)) {
		for (const x of node) visit(x, fn);
	} else if (node && typeof node === 'object') {
		fn(node as Record<string, unknown>);
		for (const v of Object.values(node)) visit(v, fn);
	}
}

/**
 * Every tool_result text of corpus/claude/**.jsonl and function_call_output output of
 * corpus/codex/**.jsonl (anywhere in a line: both rollout layouts are covered).
 */
export function corpusToolResults(corpusDir = DEFAULT_CORPUS): ToolResultText[] {
	const out: ToolResultText[] = [];
	for (const kind of ['claude', 'codex'] as const) {
		for (const path of jsonlFiles(join(corpusDir, kind))) {
			const file = relative(corpusDir, path);
			for (const line of readFileSync(path, 'utf8').split('\n')) {
				if (!line.trim()) continue;
				let parsed: unknown;
				try {
					parsed = JSON.parse(line);
				} catch {
					continue;
				}
				visit(parsed, (o) => {
					if (kind === 'claude' && o.type === 'tool_result') {
						const text = claudeText(o.content);
						if (text) out.push({file, text});
					} else if (kind === 'codex' && o.type === 'function_call_output') {
						const text = typeof o.output === 'string' ? o.output : JSON.stringify(o.output ?? '');
						if (text) out.push({file, text});
					}
				});
			}
		}
	}
	return out;
}

export interface FileError {
	file: string;
	results: number;
	real: number;
	estimated: number;
	/** (estimated − real) / real */
	error: number;
}

export interface AccuracyReport {
	real: number;
	estimated: number;
	aggregateError: number;
	perFile: FileError[];
	/** Throughput of the real tokenizer on the same texts, MB/s (UTF-8 bytes). */
	tokenizerMbPerSec: number;
}

/** Real cl100k counts vs estimates, in total and per log file. */
export function estimatorAccuracy(items: ToolResultText[]): AccuracyReport {
	const enc = getEncoding('cl100k_base');
	const byFile = new Map<string, FileError>();
	let real = 0;
	let estimated = 0;
	let bytes = 0;
	let tokenizerMs = 0;
	for (const it of items) {
		const t0 = performance.now();
		const r = enc.encode(it.text).length;
		tokenizerMs += performance.now() - t0;
		bytes += Buffer.byteLength(it.text);
		const e = estimateTokens(it.text);
		real += r;
		estimated += e;
		let f = byFile.get(it.file);
		if (!f) byFile.set(it.file, (f = {file: it.file, results: 0, real: 0, estimated: 0, error: 0}));
		f.results++;
		f.real += r;
		f.estimated += e;
	}
	const perFile = [...byFile.values()];
	for (const f of perFile) f.error = f.real === 0 ? 0 : (f.estimated - f.real) / f.real;
	return {
		real,
		estimated,
		aggregateError: real === 0 ? 0 : (estimated - real) / real,
		perFile,
		tokenizerMbPerSec: bytes / 1e6 / (tokenizerMs / 1000),
	};
}

/** MB/s (UTF-8 bytes) of estimateTokens over the texts, repeated to ~targetMb; best and median of `runs`. */
export function estimatorThroughput(items: ToolResultText[], targetMb = 50, runs = 5): {best: number; median: number; mb: number} {
	const texts = items.map((i) => i.text);
	const bytesPerPass = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
	if (bytesPerPass === 0) return {best: 0, median: 0, mb: 0};
	const passes = Math.max(1, Math.round((targetMb * 1e6) / bytesPerPass));
	const mb = (bytesPerPass * passes) / 1e6;
	let sink = 0;
	for (const t of texts) sink += estimateTokens(t); // warm-up
	const rates: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		for (let p = 0; p < passes; p++) for (const t of texts) sink += estimateTokens(t);
		rates.push(mb / ((performance.now() - t0) / 1000));
	}
	if (sink < 0) console.log(sink); // keep the work observable
	rates.sort((a, b) => a - b);
	return {best: rates[rates.length - 1]!, median: rates[Math.floor(rates.length / 2)]!, mb};
}

export interface EstimatorBench {
	/** Median throughput over ~50 MB, MB/s. */
	mbPerSec: number;
	bestMbPerSec: number;
	/** (Σ estimated − Σ real) / Σ real over the corpus tool results. */
	aggregateError: number;
	tokenizerMbPerSec: number;
	results: number;
	corpusMb: number;
	perFile: FileError[];
}

export function measureEstimator(corpusDir = DEFAULT_CORPUS): EstimatorBench {
	const items = corpusToolResults(corpusDir);
	const accuracy = estimatorAccuracy(items);
	const speed = estimatorThroughput(items);
	return {
		mbPerSec: speed.median,
		bestMbPerSec: speed.best,
		aggregateError: accuracy.aggregateError,
		tokenizerMbPerSec: accuracy.tokenizerMbPerSec,
		results: items.length,
		corpusMb: items.reduce((a, i) => a + Buffer.byteLength(i.text), 0) / 1e6,
		perFile: accuracy.perFile,
	};
}
