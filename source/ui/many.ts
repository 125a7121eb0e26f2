import {fmtInt} from '../report/format.js';

/** `1 call`, `2 calls`, `1,204 turns`: a count with its noun, singular for one. */
export const many = (n: number, noun: string): string => `${fmtInt(n)} ${noun}${n === 1 ? '' : 's'}`;
