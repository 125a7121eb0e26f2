/**
 * Hotspot tables (hotspots-model.md §3.5, on canonical tool kinds so Codex and OpenCode calls
 * count too): files, shell commands by verb and exactly, subagents by type, MCP servers.
 */
import {posix} from 'node:path';
import type {ToolAttribution} from './attribution.js';
import {bashVerb} from './bash-verb.js';
import {byCostDesc, groupBy, RowAcc} from './hotspot-acc.js';
import type {BashRow, BashVerbRow, FileRow, McpServerRow, SubagentRow} from './report-types.js';
import {isFileTool} from './tools.js';

const UNKNOWN = '(unknown)';

/** A file target made absolute against the turn's working directory (Codex patches are relative). */
export function resolvePath(target: string, project: string | undefined): string {
	if (!project || /^(?:[/~]|[A-Za-z]:[\\/]|\\\\|[a-z][a-z0-9+.-]*:\/\/)/i.test(target)) return target;
	if (project.startsWith('/')) return posix.normalize(`${project}/${target}`);
	return `${project.replace(/[\\/]+$/, '')}${project.includes('\\') ? '\\' : '/'}${target.replace(/^\.[\\/]/, '')}`;
}

export function filePathOf(a: ToolAttribution): string | null {
	if (!isFileTool(a.tool) || !a.target) return null;
	return resolvePath(a.target, a.project);
}

const tsOrder = (ts: string): number => {
	const ms = Date.parse(ts);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

export function aggregateFiles(attributions: Iterable<ToolAttribution>, attributedTotal: number): FileRow[] {
	type Acc = {row: RowAcc; path: string; reads: number; edits: number; first: ToolAttribution};
	const groups = groupBy<Acc>(
		attributions,
		filePathOf,
		(a, path) => ({row: new RowAcc(), path, reads: 0, edits: 0, first: a}),
		(acc, a) => {
			acc.row.add(a);
			if (a.tool.kind === 'file-read') acc.reads++;
			else acc.edits++;
			if (tsOrder(a.emitTs) < tsOrder(acc.first.emitTs)) acc.first = a;
		},
	);
	return byCostDesc(
		[...groups.values()].map((g) => ({
			path: g.path,
			toolCallCount: g.row.calls,
			reads: g.reads,
			edits: g.edits,
			firstEmitTs: g.first.emitTs,
			firstEmitTurnIndex: g.first.emitTurnIndex,
			...g.row.base(attributedTotal),
		})),
	);
}

/** The command of a shell call, trimmed; null when the call has none (e.g. Codex array-form). */
export const commandOf = (a: ToolAttribution): string | null => (a.tool.kind === 'shell' && a.target?.trim()) || null;
const bashKey = (a: ToolAttribution): string | null => {
	if (a.tool.kind !== 'shell') return null;
	const cmd = commandOf(a);
	return cmd ? `c:${cmd}` : `h:${a.argsHash}`;
};
const hashLabel = (argsHash: string): string => `(hash ${argsHash.slice(0, 8)})`;

/** bashVerb with a cache: the same commands repeat a lot. */
export function verbCache(): (command: string | null) => string {
	const cache = new Map<string, string>();
	return (command) => {
		if (!command) return UNKNOWN;
		let v = cache.get(command);
		if (v === undefined) {
			v = bashVerb(command) ?? UNKNOWN;
			cache.set(command, v);
		}
		return v;
	};
}

/** Exact commands. Keyed by the command text (relayburn keys by argsHash, which splits one
 * command run with different descriptions or timeouts into several rows); by argsHash when
 * the call has no command text. */
export function aggregateBash(attributions: Iterable<ToolAttribution>, attributedTotal: number, verbOf = verbCache()): BashRow[] {
	type Acc = {row: RowAcc; first: ToolAttribution};
	const groups = groupBy<Acc>(attributions, bashKey, (a) => ({row: new RowAcc(), first: a}), (acc, a) => acc.row.add(a));
	return byCostDesc(
		[...groups.values()].map((g) => {
			const command = commandOf(g.first);
			return {
				argsHash: g.first.argsHash,
				command,
				verb: verbOf(command),
				callCount: g.row.calls,
				...g.row.base(attributedTotal),
			};
		}),
	);
}

export function aggregateBashVerbs(attributions: Iterable<ToolAttribution>, attributedTotal: number, verbOf = verbCache()): BashVerbRow[] {
	type Acc = {row: RowAcc; verb: string; commands: Map<string, {label: string; cost: number}>};
	const groups = groupBy<Acc>(
		attributions,
		(a) => (a.tool.kind === 'shell' ? verbOf(commandOf(a)) : null),
		(_a, verb) => ({row: new RowAcc(), verb, commands: new Map()}),
		(acc, a) => {
			acc.row.add(a);
			const key = bashKey(a)!;
			const ex = acc.commands.get(key) ?? {label: commandOf(a) ?? hashLabel(a.argsHash), cost: 0};
			ex.cost += a.totalCost;
			acc.commands.set(key, ex);
		},
	);
	const rows = [...groups.values()].map((g) => ({
		verb: g.verb,
		callCount: g.row.calls,
		distinctCommands: g.commands.size,
		avgPersistenceTurns: g.row.calls > 0 ? g.row.ridingTurns / g.row.calls : 0,
		topExamples: [...g.commands.values()]
			.sort((a, b) => b.cost - a.cost || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
			.slice(0, 3)
			.map((e) => e.label),
		...g.row.base(attributedTotal),
	}));
	return rows.sort((a, b) => b.totalCost - a.totalCost || (a.verb < b.verb ? -1 : a.verb > b.verb ? 1 : 0));
}

/** A subagent thread spawned by a tool call, as the subagents table needs it. */
export interface SpawnedThread {
	agentType: string | null;
	cost: number;
}

export function aggregateSubagents(
	attributions: Iterable<ToolAttribution>,
	attributedTotal: number,
	spawned: ReadonlyMap<string, SpawnedThread> = new Map(),
): SubagentRow[] {
	type Acc = {row: RowAcc; type: string; threads: number; threadCost: number};
	const groups = groupBy<Acc>(
		attributions,
		(a) => (a.tool.kind === 'subagent' ? a.subagentType ?? spawned.get(a.toolUseId)?.agentType ?? UNKNOWN : null),
		(_a, type) => ({row: new RowAcc(), type, threads: 0, threadCost: 0}),
		(acc, a) => {
			acc.row.add(a);
			const t = spawned.get(a.toolUseId);
			if (t) {
				acc.threads++;
				acc.threadCost += t.cost;
			}
		},
	);
	return byCostDesc(
		[...groups.values()].map((g) => ({
			subagentType: g.type,
			callCount: g.row.calls,
			threads: g.threads,
			threadCost: g.threadCost,
			...g.row.base(attributedTotal),
		})),
	);
}

export function aggregateMcpServers(attributions: Iterable<ToolAttribution>, attributedTotal: number): McpServerRow[] {
	type Acc = {row: RowAcc; server: string; tools: Map<string, {tool: string; callCount: number; totalCost: number}>};
	const groups = groupBy<Acc>(
		attributions,
		(a) => (a.tool.kind === 'mcp' ? a.tool.mcpServer ?? UNKNOWN : null),
		(_a, server) => ({row: new RowAcc(), server, tools: new Map()}),
		(acc, a) => {
			acc.row.add(a);
			const name = a.tool.mcpTool || UNKNOWN;
			const t = acc.tools.get(name) ?? {tool: name, callCount: 0, totalCost: 0};
			t.callCount++;
			t.totalCost += a.totalCost;
			acc.tools.set(name, t);
		},
	);
	return byCostDesc(
		[...groups.values()].map((g) => ({
			server: g.server,
			callCount: g.row.calls,
			topTools: [...g.tools.values()]
				.sort((a, b) => b.totalCost - a.totalCost || b.callCount - a.callCount || (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0))
				.slice(0, 5),
			...g.row.base(attributedTotal),
		})),
	);
}

export interface HotspotTables {
	files: FileRow[];
	bashVerbs: BashVerbRow[];
	bash: BashRow[];
	subagents: SubagentRow[];
	mcpServers: McpServerRow[];
}

export function hotspotTables(
	attributions: ToolAttribution[],
	attributedTotal: number,
	spawned?: ReadonlyMap<string, SpawnedThread>,
): HotspotTables {
	const verbOf = verbCache();
	return {
		files: aggregateFiles(attributions, attributedTotal),
		bashVerbs: aggregateBashVerbs(attributions, attributedTotal, verbOf),
		bash: aggregateBash(attributions, attributedTotal, verbOf),
		subagents: aggregateSubagents(attributions, attributedTotal, spawned),
		mcpServers: aggregateMcpServers(attributions, attributedTotal),
	};
}
