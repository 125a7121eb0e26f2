/**
 * The layers import one way (issue 13; docs/architecture.md): no import circle between cli,
 * report and ui; report/ does no I/O and knows neither the command nor the pipeline; the
 * ledger does not import analysis; the pipeline knows no face. Read from the source files.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = resolve(import.meta.dirname, '../source');

function files(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, {withFileTypes: true})) {
		const p = join(dir, e.name);
		if (e.isDirectory()) files(p, out);
		else if (/\.tsx?$/.test(e.name)) out.push(p);
	}
	return out;
}

/** Every module a file imports (static, dynamic and type-only), as paths relative to source/. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const out: string[] = [];
	for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
		const spec = m[1]!;
		if (spec.startsWith('.')) out.push(relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, ''));
		else out.push(spec);
	}
	return out;
}

const graph = new Map<string, string[]>();
for (const f of files(ROOT)) graph.set(relative(ROOT, f).replace(/\.tsx?$/, ''), importsOf(f));
const layer = (mod: string) => mod.split('/')[0]!;

function offenders(from: string, bad: (target: string) => boolean): string[] {
	const out: string[] = [];
	for (const [mod, deps] of graph) if (layer(mod) === from) for (const d of deps) if (bad(d)) out.push(`${mod} → ${d}`);
	return out;
}

describe('import layers', () => {
	it('reads the source tree', () => {
		expect(graph.size).toBeGreaterThan(100);
		expect(graph.get('cli/report-run')).toContain('cli/plain');
	});

	it('report/ is renderers only: no cli, ui, pipeline, ledger, sources, and no file system', () => {
		expect(offenders('report', (d) => ['cli', 'ui', 'pipeline', 'ledger', 'sources', 'live'].includes(layer(d)) || /^(node:)?(fs|fs\/promises)$/.test(d))).toEqual([]);
	});

	it('ui/ never imports cli/ (the command builds the view’s input)', () => {
		expect(offenders('ui', (d) => layer(d) === 'cli')).toEqual([]);
	});

	it('the pipeline knows no face (cli, report, ui)', () => {
		expect(offenders('pipeline', (d) => ['cli', 'report', 'ui'].includes(layer(d)))).toEqual([]);
	});

	it('the ledger does not import analysis (the scan’s types live beside it)', () => {
		expect(offenders('ledger', (d) => layer(d) === 'analysis')).toEqual([]);
	});

	it('no import circle among the modules of cli, report, ui and pipeline', () => {
		const inScope = (m: string) => ['cli', 'report', 'ui', 'pipeline'].includes(layer(m));
		const state = new Map<string, 'open' | 'done'>();
		const cycles: string[] = [];
		const visit = (m: string, path: string[]) => {
			if (state.get(m) === 'done') return;
			if (state.get(m) === 'open') {
				cycles.push([...path.slice(path.indexOf(m)), m].join(' → '));
				return;
			}
			state.set(m, 'open');
			for (const d of graph.get(m) ?? []) if (graph.has(d) && inScope(d)) visit(d, [...path, m]);
			state.set(m, 'done');
		};
		for (const m of graph.keys()) if (inScope(m)) visit(m, []);
		expect(cycles).toEqual([]);
	});
});
