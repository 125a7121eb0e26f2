/**
 * The session view-model: the timeline of one session's turns (all threads), its own hotspot
 * tables and its thread tree. Figures cover the analysed turns, like the hotspots report; the
 * timeline also shows the turns the coverage gate left out (`excluded: true`).
 */
import type {ToolAttribution} from './attribution.js';
import type {Dataset} from './dataset.js';
import {hotspotTables} from './hotspots.js';
import {modelRows} from './models.js';
import {makeClassifier, prepareSession, type AnalyzeOptions, type Classifier, type PreparedSession} from './prepare.js';
import {projectOf, sessionFigures, spawnedThreads, timeRange, totalsOf} from './session-figures.js';
import type {PriceBook} from './pricing-types.js';
import type {SessionReport, ThreadNode, TimelineCall, TimelineTurn} from './report-types.js';
import {groupSessions, MAIN_THREAD} from './threads.js';
import {isFileTool, type CanonicalTool} from './tools.js';

const SHORT = 48;

/** A timeline cell's form of a target: a file's name, the first words of a command. */
export function shortTarget(tool: CanonicalTool, target: string | undefined): string {
	if (!target) return '';
	const t = target.replace(/\s+/g, ' ').trim();
	if (isFileTool(tool)) return t.split(/[\\/]/).filter(Boolean).pop() ?? t;
	return t.length > SHORT ? `${t.slice(0, SHORT - 1)}…` : t;
}

function timeline(s: PreparedSession, classify: Classifier): TimelineTurn[] {
	const byCall = new Map<string, ToolAttribution>();
	for (const a of s.attribution.attributions) byCall.set(`${a.emitMessageId}\u0000${a.toolUseId}`, a);
	return s.turns.map((p, i) => {
		const t = p.turn;
		const calls: TimelineCall[] = t.toolCalls.map((c) => {
			const tool = classify(c, t.source);
			const a = byCall.get(`${t.messageId}\u0000${c.id}`);
			return {
				id: c.id,
				name: c.name,
				kind: tool.kind,
				display: tool.display,
				target: c.target ?? null,
				short: shortTarget(tool, c.target),
				isError: c.isError === true,
				cost: a?.totalCost ?? 0,
				initialCost: a?.initialCost ?? 0,
				ridingCost: a?.persistenceCost ?? 0,
				ridingTurns: a?.ridingTurns ?? 0,
				resultTokens: a?.resultTokens ?? 0,
			};
		});
		return {
			index: i + 1,
			messageId: t.messageId,
			threadId: p.threadId,
			ts: t.ts,
			model: t.model,
			input: t.usage.input,
			cacheWrite: t.usage.cacheCreate5m + t.usage.cacheCreate1h,
			cacheRead: t.usage.cacheRead,
			output: t.usage.output,
			reasoning: t.usage.reasoning,
			cost: p.cost,
			attributedCost: p.eligible ? s.attribution.perTurn.get(t.messageId) ?? 0 : 0,
			excluded: !p.eligible,
			calls,
		};
	});
}

function threadTree(s: PreparedSession): ThreadNode {
	const nodes = new Map<string, ThreadNode>();
	const main: ThreadNode = {threadId: MAIN_THREAD, agentType: 'main', turns: 0, cost: null, children: []};
	nodes.set(MAIN_THREAD, main);
	for (const info of s.group.threads.values()) {
		if (info.threadId === MAIN_THREAD) continue;
		nodes.set(info.threadId, {threadId: info.threadId, agentType: info.agentType ?? 'subagent', turns: 0, cost: null, children: []});
	}
	const parentOf = (id: string): string => {
		const p = s.group.threads.get(id)?.parentThreadId ?? MAIN_THREAD;
		return nodes.has(p) ? p : MAIN_THREAD;
	};
	// A parent chain that loops never reaches the main thread: such a thread hangs off main.
	const reachesMain = (id: string): boolean => {
		const seen = new Set<string>([id]);
		for (let cur = parentOf(id); cur !== MAIN_THREAD; cur = parentOf(cur)) {
			if (seen.has(cur)) return false;
			seen.add(cur);
		}
		return true;
	};
	const byThread = sessionFigures(s).byThread;
	for (const [id, node] of nodes) {
		const tot = byThread.get(id);
		node.turns = tot?.turns ?? 0;
		node.cost = tot?.cost ?? null;
		if (id === MAIN_THREAD) continue;
		(reachesMain(id) ? nodes.get(parentOf(id))! : main).children.push(node);
	}
	return main;
}

/**
 * The report of one session (an id of the dataset, or of a child session rolled into it).
 * Throws when the dataset has no such session.
 */
export function analyzeSession(dataset: Dataset, priceBook: PriceBook, sessionId: string, opts: AnalyzeOptions = {}): SessionReport {
	const group = groupSessions(dataset).find((g) => g.sessionId === sessionId || g.parts.some((p) => p.sessionId === sessionId));
	if (!group) throw new Error(`unknown session "${sessionId}"`);
	const classify = makeClassifier(opts.mcpServers);
	const s = prepareSession(group, priceBook, opts, classify);
	const eligible = s.turns.filter((t) => t.eligible);
	const excluded = s.turns.filter((t) => !t.eligible);
	const tot = totalsOf(eligible);
	const attributed = s.attribution.attributedCost;
	const tables = hotspotTables(s.attribution.attributions, attributed, spawnedThreads([s]));
	return {
		window: {since: dataset.window.since, until: dataset.window.until},
		sessionId: group.sessionId,
		source: group.source,
		project: projectOf(s),
		...timeRange(s.turns),
		turns: tot.turns,
		usage: tot.usage,
		cost: tot.cost,
		unpricedTokens: tot.unpricedTokens,
		attributedCost: attributed,
		unattributedCost: (tot.cost ?? 0) - attributed,
		attributionMethod: s.attribution.method,
		excluded: {turns: excluded.length, cost: excluded.reduce((n, t) => n + (t.cost ?? 0), 0)},
		unpriced: {turns: tot.unpricedTurns, tokens: tot.unpricedTokens, models: [...tot.unpricedModels].sort()},
		timeline: timeline(s, classify),
		...tables,
		models: modelRows(eligible, tot.cost ?? 0),
		threads: threadTree(s),
		findings: [],
	};
}
