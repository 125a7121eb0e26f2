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
import {parseTs} from '../core/time.js';

const UNKNOWN = '(unknown)';

/** A file target made absolute against the turn's working directory (Codex patches are relative). */
export function resolvePath(target: string, project: string | undefined): string {
	// An absolute POSIX path (the common case) is what the pattern below would keep as well.
	if (!project || target.startsWith('/') || /^(?:[/~]|[A-Za-z]:[\\/]|\\\\|[a-z][a-z0-9+.-]*:\/\/)/i.test(target)) return target;
	if (project.startsWith('/')) return posix.normalize(`${project}/${target}`);
	return `${project.replace(/[\\/]+$/, '')}${project.includes('\\') ? '\\' : '/'}${target.replace(/^\.[\\/]/, '')}`;
}

export function filePathOf(a: ToolAttribution): string | null {
	if (!isFileTool(a.tool) || !a.target) return null;
	return resolvePath(a.target, a.project);
}

const tsOrder = (ts: string): number => {
	const ms = parseTs(ts);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

export function aggregateFiles(attributions: readonly ToolAttribution[], attributedTotal: number): FileRow[] {
	type Acc = {row: RowAcc; path: string; reads: number; edits: number; first: ToolAttribution; firstMs: number};
	const groups = new Map<string, Acc>();
	// The calls of one turn share its timestamp: parse it once.
	let lastTs: string | null = null;
	let lastMs = 0;
	for (let i = 0; i < attributions.length; i++) {
		const a = attributions[i]!;
		const path = filePathOf(a);
		if (path === null) continue;
		if (a.emitTs !== lastTs) {
			lastTs = a.emitTs;
			lastMs = tsOrder(lastTs);
		}
		let acc = groups.get(path);
		if (!acc) {
			acc = {row: new RowAcc(), path, reads: 0, edits: 0, first: a, firstMs: lastMs};
			groups.set(path, acc);
		} else if (lastMs < acc.firstMs) {
			acc.first = a;
			acc.firstMs = lastMs;
		}
		acc.row.add(a);
		if (a.tool.kind === 'file-read') acc.reads++;
		else acc.edits++;
	}
	const rows: FileRow[] = [];
	for (const g of groups.values()) {
		rows.push({
			path: g.path,
			toolCallCount: g.row.calls,
			reads: g.reads,
			edits: g.edits,
			firstEmitTs: g.first.emitTs,
			firstEmitTurnIndex: g.first.emitTurnIndex,
			...g.row.base(attributedTotal),
		});
	}
	return byCostDesc(rows);
}

/** The command of a shell call, trimmed; null when the call has none (e.g. Codex array-form). */
export const commandOf = (a: ToolAttribution): string | null => (a.tool.kind === 'shell' && a.target?.trim()) || null;
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

/** One exact command (or one argsHash, for calls without command text) and its verb. */
interface CommandAcc {
	row: RowAcc;
	first: ToolAttribution;
	command: string | null;
	/** The command, or `(hash …)` when it has none. */
	label: string;
	verb: VerbAcc;
}

interface VerbAcc {
	row: RowAcc;
	verb: string;
	/** Its commands in first-seen order. */
	commands: CommandAcc[];
}

/**
 * Shell calls by exact command and by verb, in one pass. Commands are keyed by their text
 * (relayburn keys by argsHash, which splits one command run with different descriptions or
 * timeouts into several rows); by argsHash when the call has no command text.
 */
class ShellTable {
	private readonly byCommand = new Map<string, CommandAcc>();
	private readonly byHash = new Map<string, CommandAcc>();
	private readonly commands: CommandAcc[] = [];
	private readonly verbs = new Map<string, VerbAcc>();
	constructor(private readonly verbOf: (command: string | null) => string) {}

	add(a: ToolAttribution): void {
		if (a.tool.kind !== 'shell') return;
		const command = commandOf(a);
		let c = command !== null ? this.byCommand.get(command) : this.byHash.get(a.argsHash);
		if (!c) c = this.newCommand(a, command);
		c.row.add(a);
		c.verb.row.add(a);
	}

	private newCommand(a: ToolAttribution, command: string | null): CommandAcc {
		const verb = this.verbOf(command);
		let v = this.verbs.get(verb);
		if (!v) {
			v = {row: new RowAcc(), verb, commands: []};
			this.verbs.set(verb, v);
		}
		const c: CommandAcc = {row: new RowAcc(), first: a, command, label: command ?? hashLabel(a.argsHash), verb: v};
		if (command !== null) this.byCommand.set(command, c);
		else this.byHash.set(a.argsHash, c);
		this.commands.push(c);
		v.commands.push(c);
		return c;
	}

	bashRows(attributedTotal: number): BashRow[] {
		return byCostDesc(
			this.commands.map((c) => ({
				argsHash: c.first.argsHash,
				command: c.command,
				verb: c.verb.verb,
				callCount: c.row.calls,
				...c.row.base(attributedTotal),
			})),
		);
	}

	verbRows(attributedTotal: number): BashVerbRow[] {
		const rows: BashVerbRow[] = [];
		for (const v of this.verbs.values()) {
			rows.push({
				verb: v.verb,
				callCount: v.row.calls,
				distinctCommands: v.commands.length,
				avgPersistenceTurns: v.row.calls > 0 ? v.row.ridingTurns / v.row.calls : 0,
				// A command's cost within its verb is its own row's total (every call of a command has its verb).
				topExamples: v.commands
					.map((c) => ({label: c.label, cost: c.row.totalCost}))
					.sort((a, b) => b.cost - a.cost || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
					.slice(0, 3)
					.map((e) => e.label),
				...v.row.base(attributedTotal),
			});
		}
		return rows.sort((a, b) => b.totalCost - a.totalCost || (a.verb < b.verb ? -1 : a.verb > b.verb ? 1 : 0));
	}
}

function shellTable(attributions: readonly ToolAttribution[], verbOf: (command: string | null) => string): ShellTable {
	const t = new ShellTable(verbOf);
	for (let i = 0; i < attributions.length; i++) t.add(attributions[i]!);
	return t;
}

/** Exact commands (see ShellTable). */
export function aggregateBash(attributions: readonly ToolAttribution[], attributedTotal: number, verbOf = verbCache()): BashRow[] {
	return shellTable(attributions, verbOf).bashRows(attributedTotal);
}

export function aggregateBashVerbs(attributions: readonly ToolAttribution[], attributedTotal: number, verbOf = verbCache()): BashVerbRow[] {
	return shellTable(attributions, verbOf).verbRows(attributedTotal);
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
	// One pass sorts the calls by table; each table then reads only its own.
	const files: ToolAttribution[] = [];
	const shell = new ShellTable(verbCache());
	const subagents: ToolAttribution[] = [];
	const mcp: ToolAttribution[] = [];
	for (let i = 0; i < attributions.length; i++) {
		const a = attributions[i]!;
		const kind = a.tool.kind;
		if (kind === 'file-read' || kind === 'file-edit') files.push(a);
		else if (kind === 'shell') shell.add(a);
		else if (kind === 'subagent') subagents.push(a);
		else if (kind === 'mcp') mcp.push(a);
	}
	return {
		files: aggregateFiles(files, attributedTotal),
		bashVerbs: shell.verbRows(attributedTotal),
		bash: shell.bashRows(attributedTotal),
		subagents: aggregateSubagents(subagents, attributedTotal, spawned),
		mcpServers: aggregateMcpServers(mcp, attributedTotal),
	};
}
