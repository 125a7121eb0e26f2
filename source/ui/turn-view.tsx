import React from 'react';
import {Box, Text} from 'ink';
import type {ContentRecord} from '../core/records.js';
import type {TimelineTurn} from '../analysis/report-types.js';
import {fmtDateTime, fmtTokens, fmtUsd, plural, sanitize, shortenMiddle, truncateEnd} from '../report/format.js';
import {editSize, resultText} from './preview.js';
import {ridingNote} from '../report/columns.js';
import {useTheme} from './theme.js';

export interface TurnLine {
	text: string;
	dim?: boolean;
	bold?: boolean;
	color?: string;
}

/** The two title lines of a turn: when, model, cost; then its usage. */
export function turnTitle(turn: TimelineTurn): TurnLine[] {
	const calls = turn.calls.length;
	return [
		{
			text: ` turn ${turn.index} · ${fmtDateTime(turn.ts)} · ${sanitize(turn.model)}${turn.threadId ? ' · subagent' : ''} · ${turn.cost === null ? 'unpriced' : fmtUsd(turn.cost)}`,
			bold: true,
		},
		{
			text: ` in ${fmtTokens(turn.input)} · cache w ${fmtTokens(turn.cacheWrite)} · cache r ${fmtTokens(turn.cacheRead)} · out ${fmtTokens(turn.output)} · ${plural(calls, 'tool call')}`,
			dim: true,
		},
	];
}

/**
 * The scrolling part (a pager): why the calls can cost more than the turn, then each tool call
 * with its target, result size, initial and riding cost, then its whole result text.
 */
export function turnBody(turn: TimelineTurn, content: ContentRecord[] | undefined, width: number): TurnLine[] {
	const lines: TurnLine[] = [];
	if (turn.calls.length === 0) lines.push({text: '  no tool calls in this turn', dim: true});
	const note = ridingNote(turn.calls.reduce((n, c) => n + c.cost, 0), turn.cost);
	if (note) for (const l of wrapText(note, width - 5)) lines.push({text: `  ${l}`, color: 'yellow'});
	for (const call of turn.calls) {
		const p = resultText(content, call.id, width - 7);
		const tokens = p.tokens ?? (call.resultTokens ? call.resultTokens : undefined);
		const size = tokens !== undefined ? `${fmtTokens(tokens)} tok` : content === undefined ? 'loading…' : 'no text';
		const diff = editSize(content, call.id);
		const tail = `  · ${diff ? `${diff} · ` : ''}${size} · ${fmtUsd(call.cost)}`;
		const name = sanitize(call.display);
		const room = width - 1 - 4 - name.length - 1 - tail.length;
		const raw = sanitize(call.target ?? '');
		const target = raw ? ` ${shortenMiddle(raw, Math.max(8, room))}` : '';
		lines.push({text: `  ${call.isError ? '✘' : '•'} ${name}${target}${tail}`, color: call.isError ? 'red' : undefined});
		// Its cost, split: the first read, then the riding in later turns' cache reads.
		if (call.initialCost !== undefined && call.cost > 0) {
			const rode = call.ridingTurns ? ` over ${plural(call.ridingTurns, 'later turn')}` : '';
			lines.push({text: `      initial ${fmtUsd(call.initialCost)} + riding ${fmtUsd(call.ridingCost ?? 0)}${rode}`, dim: true});
		}
		for (const l of p.lines) lines.push({text: `      ${l}`, dim: true});
		if (content === undefined) lines.push({text: '      loading…', dim: true});
		else if (!p.lines.length && tokens !== undefined) lines.push({text: '      (no text kept)', dim: true});
	}
	return lines;
}

/**
 * The body of the turn screen, narrowed by the screen's `/` filter: the lines that contain it
 * (case-insensitive), or one line that says none does.
 */
function wrapText(text: string, width: number): string[] {
	const out: string[] = [];
	let rest = text;
	const room = Math.max(20, width);
	while (rest.length > room) {
		let cut = rest.lastIndexOf(' ', room);
		if (cut <= 0) cut = room;
		out.push(rest.slice(0, cut));
		rest = rest.slice(cut).trimStart();
	}
	out.push(rest);
	return out;
}

export function turnLines(turn: TimelineTurn, content: ContentRecord[] | undefined, width: number, filter = ''): TurnLine[] {
	const body = turnBody(turn, content, width);
	const q = filter.trim().toLowerCase();
	if (!q) return body;
	const kept = body.filter((l) => l.text.toLowerCase().includes(q));
	return kept.length ? kept : [{text: `  no lines match /${sanitize(filter)} (esc clears)`, dim: true}];
}

/**
 * Rows of text that fit under the title and how far the body can scroll. A body taller than
 * the room gives its last row to a `lines i–j of n` line.
 */
export function turnScroll(bodyLines: number, height: number): {visible: number; maxOffset: number} {
	const room = Math.max(2, height - 2);
	if (bodyLines <= room) return {visible: room, maxOffset: 0};
	return {visible: room - 1, maxOffset: bodyLines - (room - 1)};
}

/** One turn: usage, then each tool call with its result size and the first lines of its text. */
export function TurnView({
	turn,
	content,
	width,
	height,
	offset = 0,
	filter = '',
	lines,
}: {
	turn: TimelineTurn | undefined;
	content: ContentRecord[] | undefined;
	width: number;
	height: number;
	offset?: number;
	filter?: string;
	/** The body when already derived (the view model's, filtered). */
	lines?: TurnLine[];
}) {
	const theme = useTheme();
	if (!turn) return <Text> this turn is not in the window</Text>;
	const body = lines ?? turnLines(turn, content, width, filter);
	const {visible, maxOffset} = turnScroll(body.length, height);
	const top = Math.min(Math.max(0, offset), maxOffset);
	const shown = body.slice(top, top + visible);
	if (maxOffset > 0) shown.push({text: `  lines ${top + 1}–${top + shown.length} of ${body.length} · ↑↓ scroll`, dim: true});
	return (
		<Box flexDirection="column">
			{[...turnTitle(turn), ...shown].map((l, i) => (
				<Text key={i} {...(l.bold ? theme.title : {})} {...(l.dim ? theme.dim : {})} {...(l.color === 'red' ? theme.error : l.color === 'yellow' ? theme.warn : {})}>
					{truncateEnd(l.text, width - 1)}
				</Text>
			))}
		</Box>
	);
}
