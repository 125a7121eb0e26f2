import React from 'react';
import {Box, Text} from 'ink';
import type {ContentRecord} from '../core/records.js';
import type {TimelineTurn} from '../analysis/report-types.js';
import {fmtTokens, fmtUsd, sanitize, shortenMiddle} from '../report/format.js';
import {fmtDateTime} from './fmt.js';
import {resultPreview} from './preview.js';

/** One turn: usage, then each tool call with its result size and the first lines of its text. */
export function TurnView({turn, content, width, height}: {turn: TimelineTurn | undefined; content: ContentRecord[] | undefined; width: number; height: number}) {
	if (!turn) return <Text> this turn is not in the window</Text>;
	const lines: Array<{text: string; dim?: boolean; bold?: boolean; color?: string}> = [];
	lines.push({
		text: ` turn ${turn.index} · ${fmtDateTime(turn.ts)} · ${sanitize(turn.model)} · in ${fmtTokens(turn.input)} · cache w ${fmtTokens(turn.cacheWrite)} · cache r ${fmtTokens(turn.cacheRead)} · out ${fmtTokens(turn.output)} · ${turn.cost === null ? 'unpriced' : fmtUsd(turn.cost)}`,
		bold: true,
	});
	if (turn.calls.length === 0) lines.push({text: '  no tool calls in this turn', dim: true});
	const budget = Math.max(1, Math.floor((height - 2 - turn.calls.length * 1) / Math.max(1, turn.calls.length)));
	for (const call of turn.calls) {
		const p = resultPreview(content, call.id, Math.min(4, budget), width - 6);
		const target = shortenMiddle(sanitize(call.target ?? ''), Math.max(10, width - 40));
		const size = p.tokens !== undefined ? `${fmtTokens(p.tokens)} tok` : content === undefined ? 'loading…' : 'no text';
		lines.push({
			text: `  ${call.isError ? '✘' : '•'} ${call.display} ${target}  · ${size} · ${fmtUsd(call.cost)}`,
			color: call.isError ? 'red' : undefined,
		});
		for (const l of p.lines) lines.push({text: `      ${l}`, dim: true});
	}
	return (
		<Box flexDirection="column">
			{lines.slice(0, height).map((l, i) => (
				<Text key={i} bold={l.bold} dimColor={l.dim} color={l.color}>
					{l.text.slice(0, width)}
				</Text>
			))}
		</Box>
	);
}
