import type {LedgerRecord, ToolCall, TurnRecord, Usage} from '../../core/records.js';
import {emptyUsage} from '../../core/records.js';
import {READER_VERSION} from '../reader.js';
import {fidelityOf, noFlags, orFlags, packFlags, unpackFlags, type TokenFlags} from './usage.js';
import {contentHash} from '../hash.js';
import {filesTouchedOf, hasEditsOf, retriesOf, type ReplacementMeta} from './tools.js';
import {LIMITS, lastN, type OpenTurn} from './state.js';

/** A 12-hex digest of a response key (enough to tell a file's recent responses apart). */
function shortKey(key: string): string {
	return contentHash(key).slice(0, 12);
}

/** One API response being merged from its lines. */
export interface Working {
	key: string;
	main: boolean;
	turn: TurnRecord;
	flags: TokenFlags;
	/** Some line carried usage (a response without usage is not a turn). */
	hasUsage: boolean;
	/** Already placed in this pass's output (finalised in finish()). */
	pushed: boolean;
}

export interface ResultInfo extends ReplacementMeta {
	isError?: boolean;
}

export interface NewTurn {
	sessionId: string;
	messageId: string;
	requestId?: string;
	ts: string;
	model: string;
	project?: string;
	main: boolean;
	subagent?: TurnRecord['subagent'];
}

/**
 * The responses of one file: merges lines by key, keeps turnIndex stable, re-emits a
 * response continued from an earlier pass, and hands the most recent ones to the next pass.
 */
export class TurnBook {
	/** This pass's responses, in order of last touch. */
	private readonly live = new Map<string, Working>();
	/** Open responses from the previous pass, not touched yet. */
	private readonly dormant = new Map<string, OpenTurn>();
	/** Tool-use id → key of the response that made the call. */
	private readonly callKey = new Map<string, string>();
	private readonly results = new Map<string, ResultInfo>();
	private readonly mainKeys: string[];
	private nextIndex: number;

	constructor(
		open: OpenTurn[] | undefined,
		mainKeys: string[] | undefined,
		nextIndex: number,
		private readonly sessionPath: string,
		private readonly rawContent: boolean,
		private readonly records: LedgerRecord[],
	) {
		for (const o of open ?? []) {
			this.dormant.set(o.key, o);
			for (const c of o.turn.toolCalls) this.callKey.set(c.id, o.key);
		}
		this.mainKeys = mainKeys ? [...mainKeys] : [];
		this.nextIndex = nextIndex;
	}

	get turnCount(): number {
		return this.nextIndex;
	}

	/** A main-thread response closed in an earlier pass (a sidechain replay of it is dropped). */
	wasMain(key: string): boolean {
		return this.mainKeys.includes(shortKey(key));
	}

	/** The record of a response of this pass or still open from the last, without reviving it. */
	peek(key: string): TurnRecord | undefined {
		return this.live.get(key)?.turn ?? this.dormant.get(key)?.turn;
	}

	get(key: string): Working | undefined {
		const w = this.live.get(key);
		if (w) return w;
		const o = this.dormant.get(key);
		if (!o) return undefined;
		this.dormant.delete(key);
		const revived: Working = {
			key,
			main: o.main,
			turn: {...o.turn, sessionPath: this.sessionPath},
			flags: unpackFlags(o.f),
			hasUsage: true,
			pushed: false,
		};
		this.live.set(key, revived);
		return revived;
	}

	create(key: string, t: NewTurn): Working {
		const turn: TurnRecord = {
			v: 1,
			source: 'claude-code',
			sessionId: t.sessionId,
			messageId: t.messageId,
			...(t.requestId ? {requestId: t.requestId} : {}),
			turnIndex: -1,
			ts: t.ts,
			model: t.model,
			usage: emptyUsage(),
			toolCalls: [],
			sessionPath: this.sessionPath,
		};
		if (t.project) turn.project = t.project;
		if (t.subagent) turn.subagent = t.subagent;
		const w: Working = {key, main: t.main, turn, flags: noFlags(), hasUsage: false, pushed: false};
		this.live.set(key, w);
		return w;
	}

	/** Moves the response to the most-recent end and places it in the output once it is a turn. */
	touch(w: Working): void {
		this.live.delete(w.key);
		this.live.set(w.key, w);
		if (w.hasUsage && !w.pushed) {
			if (w.turn.turnIndex < 0) w.turn.turnIndex = this.nextIndex++;
			w.pushed = true;
			this.records.push({kind: 'turn', record: w.turn});
		}
	}

	setUsage(w: Working, usage: Usage, flags: TokenFlags): void {
		w.turn.usage = usage;
		w.flags = orFlags(w.flags, flags);
		w.hasUsage = true;
	}

	/** Adds a call unless the response already has one with this id. */
	addCall(w: Working, call: ToolCall): boolean {
		if (w.turn.toolCalls.some((c) => c.id === call.id)) return false;
		w.turn.toolCalls.push(call);
		this.callKey.set(call.id, w.key);
		return true;
	}

	/** A tool result: marks the call (now or at finish); revives a response from the last pass. */
	result(toolUseId: string, info: ResultInfo): void {
		if (!info.isError && !info.replacedTools && !info.collapsedCalls) return;
		const prev = this.results.get(toolUseId);
		this.results.set(toolUseId, {...prev, ...info, isError: info.isError || prev?.isError});
		const key = this.callKey.get(toolUseId);
		if (key && this.dormant.has(key)) {
			const w = this.get(key);
			if (w) this.touch(w);
		}
	}

	/** Finalises this pass's turns and returns what the next pass needs. */
	finish(): {open: OpenTurn[]; mainKeys: string[]} {
		for (const w of this.live.values()) {
			if (!w.pushed) continue;
			const t = w.turn;
			for (const c of t.toolCalls) {
				const r = this.results.get(c.id);
				if (!r) continue;
				if (r.isError) c.isError = true;
				if (r.replacedTools) c.replacedTools = r.replacedTools;
				if (r.collapsedCalls) c.collapsedCalls = r.collapsedCalls;
			}
			const files = filesTouchedOf(t.toolCalls);
			if (files) t.filesTouched = files;
			else delete t.filesTouched;
			if (hasEditsOf(t.toolCalls)) t.hasEdits = true;
			const retries = retriesOf(t.toolCalls);
			if (retries > 0) t.retries = retries;
			t.fidelity = fidelityOf(w.flags, this.rawContent);
			t.rv = READER_VERSION;
		}
		const turns = [...this.live.values()].filter((w) => w.hasUsage);
		const open: OpenTurn[] = [];
		for (const w of lastN(turns, LIMITS.open)) {
			const turn = structuredClone(w.turn);
			delete turn.sessionPath;
			delete turn.fidelity;
			delete turn.rv;
			open.push({key: w.key, main: w.main, f: packFlags(w.flags), turn});
		}
		const room = LIMITS.open - open.length;
		if (room > 0) open.unshift(...lastN(this.dormant.values(), room));
		const fresh = lastN(turns.filter((w) => w.main), LIMITS.mainKeys).map((w) => shortKey(w.key));
		const mainKeys = [...this.mainKeys.filter((k) => !fresh.includes(k)), ...fresh];
		return {open, mainKeys: lastN(mainKeys, LIMITS.mainKeys)};
	}
}
