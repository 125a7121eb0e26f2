/**
 * The build's compact copy of the models.dev snapshot (dist/pricing.compact.json): only the
 * providers a lookup can reach (pricing.ts REACHABLE_PROVIDERS; an override file is read in
 * full) and only each model's `cost`. 85 KB instead of 1.6 MB: a report parses it in about
 * a millisecond. test/pricing.test.ts checks it prices every model exactly as the full file.
 */
import {REACHABLE_PROVIDERS, type ModelsDevSnapshot} from './pricing.js';

export function compactSnapshot(full: ModelsDevSnapshot): ModelsDevSnapshot {
	const out: ModelsDevSnapshot = {};
	for (const provider of REACHABLE_PROVIDERS) {
		const entry = full[provider];
		if (!entry || typeof entry !== 'object') continue;
		const models: NonNullable<ModelsDevSnapshot[string]['models']> = {};
		for (const [id, model] of Object.entries(entry.models ?? {})) if (model && model.cost) models[id] = {cost: model.cost};
		out[provider] = {models};
	}
	return out;
}
