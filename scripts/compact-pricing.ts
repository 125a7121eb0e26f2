// Run by scripts/build.mjs (bundled with esbuild): writes dist/pricing.compact.json.
import {readFileSync, writeFileSync} from 'node:fs';
import {compactSnapshot} from '../source/analysis/pricing-compact.js';

const full = JSON.parse(readFileSync('data/models.dev.json', 'utf8'));
writeFileSync('dist/pricing.compact.json', JSON.stringify(compactSnapshot(full)));
