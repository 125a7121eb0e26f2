import {describe, expect, it} from 'vitest';
import {commandText} from '../source/report/format.js';

describe('commandText: a multi-line command on one line', () => {
	it('shows each line break as ⏎, never glued together', () => {
		expect(commandText('cd x\nnpm test')).toBe('cd x ⏎ npm test');
		expect(commandText('a \\\n  --flag\r\nb')).toBe('a \\ ⏎ --flag ⏎ b');
		expect(commandText('git status')).toBe('git status');
	});

	it('still strips escapes and control characters', () => {
		expect(commandText('echo \u001b[31mred\u001b[0m\nls\u0007')).toBe('echo red ⏎ ls');
	});
});
