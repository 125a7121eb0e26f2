import {isEmptyUsage, type ContentRecord, type UserTurnBlock} from '../../core/records.js';
import {fidelity, type Emitter} from './emit.js';
import {emptySlot, type CodexState, type OpenTurn, type Slot} from './state.js';
import {addUsage, sameRaw, subRaw, toUsage} from './usage.js';

/**
 * The life of a turn: opened by `task_started` (or, without task events, by a user prompt
 * or the first model output), closed by `task_complete` / `turn_aborted` / the next task,
 * written when closed and, while still open, at the end of every pass that changed it.
 */
export class Turns {
	constructor(
		private readonly s: CodexState,
		private readonly out: Emitter,
	) {}

	/** Where user text, tool outputs and errors go: the open turn, else the next one. */
	slot(): Slot {
		return this.s.open?.slot ?? this.s.pending;
	}

	/** The open turn changed and must be written again. */
	touch(): void {
		if (this.s.open) this.s.open.dirty = true;
	}

	addBlock(ts: string | undefined, block: UserTurnBlock): void {
		const slot = this.slot();
		slot.blocks.push(block);
		if (!slot.ts && ts) slot.ts = ts;
		this.touch();
	}

	markError(callId: string): void {
		const slot = this.slot();
		if (!slot.errors.includes(callId)) slot.errors.push(callId);
		this.touch();
	}

	/** The turn model output belongs to; without task events one is opened on demand. */
	modelTurn(ts: string | undefined): OpenTurn | undefined {
		const s = this.s;
		if (s.open) return s.open;
		if (s.explicit) return undefined;
		return this.openImplicit(ts);
	}

	/** Without task events, a user prompt opens a turn (once: event and message may both say it). */
	implicitPrompt(ts: string | undefined): void {
		const t = this.s.open;
		if (t && t.implicit && !t.active) return;
		if (t) this.close();
		this.openImplicit(ts);
	}

	openImplicit(ts: string | undefined): OpenTurn {
		return this.open(`${this.out.ownKey()}:turn-${this.s.implicitIds++}`, ts, true);
	}

	/** `task_started`: closes the open turn and opens the task. */
	startTask(id: string | undefined, ts: string | undefined): void {
		const s = this.s;
		const taskId = id ?? `${this.out.ownKey()}:task-${s.implicitIds++}`;
		const cur = s.open;
		if (cur && cur.id === taskId) return;
		let carry: Slot | undefined;
		if (cur && cur.implicit && !cur.hasUsage) {
			// The prompt of this task was read before its task_started.
			carry = cur.slot;
			s.open = undefined;
		} else if (cur) {
			this.close();
		}
		s.explicit = true;
		s.compact = undefined;
		this.open(taskId, ts, false, carry);
	}

	/** `task_complete` / `turn_aborted` of the open task (or with no turn id). */
	endTask(id: string | undefined): void {
		const t = this.s.open;
		if (!this.s.explicit || !t || (id && id !== t.id)) return;
		this.close();
	}

	private open(id: string, ts: string | undefined, implicit: boolean, carry?: Slot): OpenTurn {
		const s = this.s;
		this.settleOrphan();
		this.flushPrev();
		const ctx = s.ctx && (!s.ctx.turnId || s.ctx.turnId === id) ? s.ctx : undefined;
		const slot = carry ? mergeSlots(carry, s.pending) : s.pending;
		s.pending = emptySlot();
		const turn: OpenTurn = {
			id,
			ts: ts ?? '',
			model: ctx?.model ?? s.model,
			start: {...s.mark},
			hasUsage: false,
			implicit,
			active: false,
			dirty: true,
			calls: [],
			files: [],
			slot,
		};
		const project = ctx?.cwd ?? s.cwd;
		if (project) turn.project = project;
		if (s.prev) turn.preceding = s.prev.messageId;
		s.open = turn;
		return turn;
	}

	/** Writes the open turn for good. A turn cut without task events and without usage is dropped. */
	close(): void {
		const s = this.s;
		const t = s.open;
		if (!t) return;
		s.open = undefined;
		if (t.implicit && !t.hasUsage) return;
		s.prev = this.out.turn(t);
		s.prevDirty = false;
		s.mark = {...s.acc};
	}

	/** End of a pass: the open turn as it stands, or usage that arrived after the last one. */
	finishPass(): void {
		const t = this.s.open;
		if (t) {
			const worth = t.hasUsage || (!t.implicit && t.calls.length > 0);
			if (worth && t.dirty) this.out.turn(t);
			else if (worth) this.out.flushContent(t);
		} else {
			this.settleOrphan();
		}
		this.flushPrev();
	}

	/** Usage that arrived while no turn was open belongs to the turn before it. */
	private settleOrphan(): void {
		const s = this.s;
		if (!s.prev || sameRaw(s.acc, s.mark)) return;
		addUsage(s.prev.usage, toUsage(subRaw(s.acc, s.mark)));
		s.prev.fidelity = fidelity(true);
		if (!isEmptyUsage(s.prev.usage)) delete s.prev.aborted;
		s.mark = {...s.acc};
		s.prevDirty = true;
	}

	private flushPrev(): void {
		const s = this.s;
		if (!s.prev || !s.prevDirty) return;
		this.out.rewrite(s.prev);
		s.prevDirty = false;
	}

	/** Content of an open task is written at once; otherwise it waits for its turn id. */
	pushContent(rec: ContentRecord): void {
		const t = this.s.open;
		if (t && !t.implicit) {
			this.out.content.push({...rec, messageId: t.id});
			return;
		}
		(t?.slot ?? this.s.pending).content.push(rec);
	}
}

function mergeSlots(first: Slot, then: Slot): Slot {
	return {
		ts: first.ts ?? then.ts,
		blocks: [...first.blocks, ...then.blocks],
		errors: [...new Set([...first.errors, ...then.errors])],
		events: [...first.events, ...then.events],
		content: [...first.content, ...then.content],
	};
}
