// Issue 17: a number in a narrow UI column is rounded (`63k`), never cut (`63…44`).
import {describe, expect, it} from 'vitest';
import {fitNumber} from '../source/report/fit-number.js';
import {cell} from '../source/ui/table.js';

describe('numbers in narrow columns', () => {
	it('63,344 in five columns is 63k in the UI table, not 63…44', () => {
		expect(cell('63,344', 5, {title: 'calls', width: 5, align: 'right'})).toBe('  63k');
		expect(cell('63,344', 6, {title: 'calls', width: 6, align: 'right'})).toBe('63,344');
	});

	it('rounds decimals first, then k/M/B; never cuts digits', () => {
		expect(fitNumber('$1,234.56', 8)).toBe('$1,234.6');
		expect(fitNumber('$1,234.56', 7)).toBe('$1,235');
		expect(fitNumber('$1,234.56', 5)).toBe('$1.2k');
		expect(fitNumber('$12,345.67', 5)).toBe('$12k');
		expect(fitNumber('1,234,567', 5)).toBe('1.2M');
		expect(fitNumber('-$63,344.00', 5)).toBe('-$63k');
		expect(fitNumber('12.5%', 3)).toBe('13%');
		expect(fitNumber('$0.0042', 5)).toBe('$0.004'); // one column over rather than $0.00
		expect(fitNumber('999,999,999,999', 4)).toBe('1000B');
	});

	it('text that is not a number is left to the text rules', () => {
		expect(fitNumber('Nov 21 14:02', 5)).toBe('Nov 21 14:02');
		expect(cell('abcdefgh', 5, {title: 'x', width: 5, align: 'left'})).toBe('ab…gh');
	});
});
