// docs/ui.md's keys table is the bindings table's help, line for line.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {helpLines} from '../source/ui/bindings.js';

const DOC = join(import.meta.dirname, '..', 'docs', 'ui.md');

/** The table under `## Keys`: `| \`keys\` | what |`. */
export function keysTable(help = helpLines()): string {
	return help.map((l) => `| \`${l.keys}\` | ${l.help} |`).join('\n');
}

describe('docs/ui.md', () => {
	it('lists every key of the bindings table, as the help says it', () => {
		const doc = readFileSync(DOC, 'utf8');
		const section = doc.slice(doc.indexOf('## Keys'), doc.indexOf('\n## ', doc.indexOf('## Keys') + 1));
		const rows = section.split('\n').filter((l) => l.startsWith('| `'));
		expect(rows.join('\n')).toBe(keysTable());
	});
});
