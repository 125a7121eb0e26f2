import {resolve} from 'node:path';

/** `../shared` beside the repository (CI clones main with shared/ next to it). */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');
export const shared = (...parts: string[]) => resolve(SHARED_DIR, ...parts);
