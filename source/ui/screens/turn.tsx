import React from 'react';
import {Box} from 'ink';
import type {ContentRecord} from '../../core/records.js';
import type {TimelineTurn} from '../../analysis/report-types.js';
import {TurnView, type TurnLine} from '../turn-view.js';

/** One turn: usage, then each call with the first lines of its result (filtered by `/`: lines). */
export function TurnScreen(props: {turn: TimelineTurn | undefined; content: ContentRecord[] | undefined; lines: TurnLine[]; status: React.ReactNode; offset: number; width: number; height: number}) {
	return (
		<Box flexDirection="column">
			{props.status}
			<TurnView turn={props.turn} content={props.content} lines={props.lines} width={props.width} height={props.height} offset={props.offset} />
		</Box>
	);
}
