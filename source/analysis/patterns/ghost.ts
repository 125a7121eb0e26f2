/**
 * Ghost surface (hotspots-model.md §4.3): installed agents, skills, commands and prompts that
 * no session of their agent used in the window. Used means: a tool call, skill load or
 * subagent run names it, or (with content sidecars) a user message invokes it as `/name` or
 * `<command-name>`. Commands and prompts are only ever invoked from user messages, so they
 * are judged only for sources whose user text is available.
 *
 * Cost: an installed agent or skill puts its name and description in every request's tool or
 * skill catalog, so each one rides in the cache reads of every turn of its agent: its catalog
 * tokens at each turn's cache-read rate. Prompts and OpenCode commands are loaded only on use
 * and cost nothing while unused (they are clutter, not spend).
 */
import type {SourceKind} from '../../core/records.js';
import type {Inventory, InventoryItem} from '../../sources/inventory.js';
import type {SessionCtx} from './context.js';
import type {GhostKind} from './kinds.js';
import type {GhostSurface} from './types.js';

const KIND: Record<InventoryItem['kind'], GhostKind> = {agent: 'ghost-agent', skill: 'ghost-skill', command: 'ghost-command', prompt: 'ghost-prompt'};
const NEEDS_TEXT = new Set<InventoryItem['kind']>(['command', 'prompt']);

const SLASH = /(?<![A-Za-z0-9_/:.])\/([A-Za-z0-9_][A-Za-z0-9_.:-]*)/g;
const COMMAND_NAME = /<command-name>\s*\/?([^<\s]+)\s*<\/command-name>/g;
const SKILL_PATH = /[\\/]skills?[\\/]([A-Za-z0-9_.-]+)[\\/]/g;

interface Observed {
	names: Set<string>;
	hasText: boolean;
	sessions: number;
}

function add(set: Set<string>, name: string | undefined | null): void {
	if (!name) return;
	const n = name.trim().toLowerCase().replace(/[.:]+$/, '');
	if (!n) return;
	set.add(n);
	// Namespaced names (`prompts:foo`, `plugin:foo`) are used by their last part.
	const colon = n.lastIndexOf(':');
	if (colon >= 0 && colon < n.length - 1) set.add(n.slice(colon + 1));
}

/** Names used in slash commands and `<command-name>` markers of a user message. */
export function mineUserText(text: string, into: Set<string>): void {
	for (const m of text.matchAll(COMMAND_NAME)) add(into, m[1]);
	for (const m of text.matchAll(SLASH)) add(into, m[1]);
}

function observe(ctxs: SessionCtx[]): Map<SourceKind, Observed> {
	const out = new Map<SourceKind, Observed>();
	const of = (s: SourceKind): Observed => {
		let o = out.get(s);
		if (!o) {
			o = {names: new Set(), hasText: false, sessions: 0};
			out.set(s, o);
		}
		return o;
	};
	for (const ctx of ctxs) {
		of(ctx.source).sessions++;
		for (const info of ctx.group.threads.values()) add(of(ctx.source).names, info.agentType);
		for (const t of ctx.turns) {
			const o = of(t.turn.source);
			add(o.names, t.turn.subagent?.subagentType);
			for (const c of t.turn.toolCalls) {
				add(o.names, c.name);
				add(o.names, c.skillName);
				const kind = ctx.calls.get(c.id)?.tool.kind;
				if (kind === 'subagent') add(o.names, c.target);
				if (c.target) for (const m of c.target.matchAll(SKILL_PATH)) add(o.names, m[1]);
			}
		}
		for (const r of ctx.content) {
			if (r.role !== 'user' || r.kind !== 'text' || typeof r.text !== 'string') continue;
			const o = of(r.source);
			o.hasText = true;
			mineUserText(r.text, o.names);
		}
	}
	return out;
}

/**
 * The turns of one source by cache reads, with running sums of their cache-read rates: the
 * turns a catalog entry of `n` tokens rode in (cache reads ≥ n) and their summed rate, by
 * binary search.
 */
class Riders {
	private readonly reads: number[] = [];
	private readonly sums: number[] = [0];

	constructor(ctxs: SessionCtx[], source: SourceKind) {
		const list: Array<[number, number]> = [];
		for (const ctx of ctxs) for (const t of ctx.turns) if (t.turn.source === source && t.rate && t.turn.usage.cacheRead > 0) list.push([t.turn.usage.cacheRead, t.rate.cacheRead]);
		list.sort((a, b) => b[0] - a[0]);
		for (const [read, rate] of list) {
			this.reads.push(read);
			this.sums.push(this.sums[this.sums.length - 1]! + rate);
		}
	}

	/** Turns with cache reads ≥ n, and the sum of their cache-read rates. */
	from(n: number): {ridingTurns: number; rateSum: number} {
		let lo = 0;
		let hi = this.reads.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.reads[mid]! >= n) lo = mid + 1;
			else hi = mid;
		}
		return {ridingTurns: lo, rateSum: this.sums[lo]!};
	}
}

export interface GhostResult {
	rows: GhostSurface[];
	notes: string[];
}

/** Ghosts among the inventory's items of `kinds`, judged against the sessions of the window. */
export function detectGhosts(ctxs: SessionCtx[], inventory: Inventory, kinds: readonly GhostKind[]): GhostResult {
	const observed = observe(ctxs);
	const cache = new Map<SourceKind, Riders>();
	const riders = (source: SourceKind): Riders => {
		let r = cache.get(source);
		if (!r) cache.set(source, (r = new Riders(ctxs, source)));
		return r;
	};
	const rows: GhostSurface[] = [];
	const notes = new Set<string>();
	for (const item of inventory.items) {
		const kind = KIND[item.kind];
		if (!kinds.includes(kind)) continue;
		const o = observed.get(item.source);
		if (!o || o.sessions === 0) continue;
		if (NEEDS_TEXT.has(item.kind) && !o.hasText) {
			notes.add(`${item.source} ${item.kind}s not checked: they are invoked from user messages, and no content sidecars are available (BURN_CONTENT=off?)`);
			continue;
		}
		if (o.names.has(item.name.toLowerCase())) continue;
		const catalogTokens = Math.ceil(item.catalogBytes / 4);
		const {ridingTurns, rateSum} = catalogTokens > 0 ? riders(item.source).from(catalogTokens) : {ridingTurns: 0, rateSum: 0};
		const cost = (catalogTokens * rateSum) / 1e6;
		const row: GhostSurface = {
			source: item.source,
			kind,
			name: item.name,
			path: item.path,
			sizeTokens: Math.ceil(item.bytes / 4),
			catalogTokens,
			sessions: o.sessions,
			ridingTurns,
			cost,
			costPerSession: o.sessions > 0 ? cost / o.sessions : 0,
		};
		if (item.path.includes('#/')) row.countedByCatalogBloat = true;
		rows.push(row);
	}
	rows.sort((a, b) => b.cost - a.cost || b.sizeTokens - a.sizeTokens || a.path.localeCompare(b.path));
	return {rows, notes: [...notes]};
}
