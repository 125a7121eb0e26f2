/** The tool attributions that attribution makes (attribution.ts has the rules). */
import type {SourceKind} from '../core/records.js';
import type {PricedTurn, ToolAttribution} from './attribution.js';
import type {CanonicalTool} from './tools.js';

/**
 * A plain ToolAttribution that also remembers where its result can ride (its sized thread's
 * turns and the first one after its payment), so `rodeIn` can list those turns later without
 * a side table. The remembered turns are private: not part of the attribution's data.
 */
export class MadeAttribution implements ToolAttribution {
	declare toolUseId: string;
	declare toolName: string;
	declare tool: CanonicalTool;
	declare target?: string;
	declare argsHash: string;
	declare isError?: boolean;
	declare sessionId: string;
	declare threadId: string;
	declare source: SourceKind;
	declare emitMessageId: string;
	declare emitTurnIndex: number;
	declare emitTs: string;
	declare model: string;
	declare project?: string;
	declare subagentType?: string;
	declare resultTokens: number;
	declare sized: boolean;
	declare payMessageId: string | null;
	declare initialTokens: number;
	declare initialCost: number;
	declare persistenceTokens: number;
	declare persistenceCost: number;
	declare ridingTurns: number;
	declare totalCost: number;
	#rideTurns: readonly PricedTurn[] | null = null;
	#rideFrom = 0;

	/** The `callIndex`-th call of turn `p`; fields in the order of a ToolAttribution literal. */
	constructor(p: PricedTurn, callIndex: number, tool: CanonicalTool, sessionId: string, resultTokens: number, sized: boolean) {
		const t = p.turn;
		const c = t.toolCalls[callIndex]!;
		this.toolUseId = c.id;
		this.toolName = c.name;
		this.tool = tool;
		this.argsHash = c.argsHash;
		this.sessionId = sessionId;
		this.threadId = p.threadId;
		this.source = t.source;
		this.emitMessageId = t.messageId;
		this.emitTurnIndex = t.turnIndex;
		this.emitTs = t.ts;
		this.model = t.model;
		this.resultTokens = resultTokens;
		this.sized = sized;
		this.payMessageId = null;
		this.initialTokens = 0;
		this.initialCost = 0;
		this.persistenceTokens = 0;
		this.persistenceCost = 0;
		this.ridingTurns = 0;
		this.totalCost = 0;
		// The optional fields are always there (undefined when absent): one layout for every
		// attribution, so the code reading them sees one shape. JSON leaves undefined out.
		this.target = c.target;
		this.isError = c.isError ? true : undefined;
		this.project = t.project;
		this.subagentType = tool.kind === 'subagent' && c.target ? c.target : undefined;
	}

	/** The result rides from `turns[from]` on (a sized thread, a result with a size). */
	ridesIn(turns: readonly PricedTurn[], from: number): void {
		this.#rideTurns = turns;
		this.#rideFrom = from;
	}

	/** The message ids of the turns the result rode in (the same test as persistence). */
	rodeIn(): string[] {
		const turns = this.#rideTurns;
		const out: string[] = [];
		if (!turns || !(this.resultTokens > 0)) return out;
		for (let i = this.#rideFrom; i < turns.length; i++) {
			const p = turns[i]!;
			const cacheRead = p.turn.usage.cacheRead;
			if (p.rate && cacheRead > 0 && cacheRead >= this.resultTokens) out.push(p.turn.messageId);
		}
		return out;
	}
}
