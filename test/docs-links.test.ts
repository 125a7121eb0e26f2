// README.md and docs/*.md link only inside the repository (or to public web pages), and every
// relative link names a file that exists: a user's clone has nothing beside it.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const DOCS = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown link targets `[text](target)` outside code spans. */
function links(text: string): string[] {
	const out: string[] = [];
	for (const m of text.replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1]!);
	return out;
}

describe('docs link only inside the repository', () => {
	it.each(DOCS)('%s', (doc) => {
		const text = readFileSync(join(REPO, doc), 'utf8');
		expect(text).not.toMatch(/\.\.\/shared|PRODUCT\.md|DESIGN\.md|hotspots-model\.md|data-formats\.md/);
		for (const target of links(text)) {
			if (/^https?:\/\//.test(target) || target.startsWith('#')) continue;
			const path = resolve(dirname(join(REPO, doc)), target.split('#')[0]!);
			expect(relative(REPO, path).startsWith('..'), `${doc} → ${target}`).toBe(false);
			expect(existsSync(path), `${doc} → ${target}`).toBe(true);
		}
	});

	it('finds links (the check can fail)', () => {
		expect(links('see [a](docs/x.md) and `[b](not/a/link)`')).toEqual(['docs/x.md']);
	});
});
