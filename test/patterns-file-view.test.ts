import {describe, expect, it} from 'vitest';
import {isFileViewCommand} from '../source/analysis/patterns/edit-heavy.js';

describe('shell commands that read a file (edit-heavy reads)', () => {
	it.each([
		['cat src/a.ts', true],
		['head -n 40 src/a.ts', true],
		["sed -n '1,200p' src/services/pdf.ts", true],
		['cd api && sed -n 10,80p src/x.rs', true],
		["sed -i 's/a/b/' src/a.ts", false],
		["sed -n -i 's/a/b/p' src/a.ts", false],
		["sed 's/a/b/' src/a.ts", false],
		['ls src', false],
		['rg foo src', false],
	])('%s → %s', (cmd, read) => expect(isFileViewCommand(cmd)).toBe(read));
});
