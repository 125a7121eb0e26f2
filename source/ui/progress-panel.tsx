import React from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {STEP_ORDER, initialProgress, type ProgressModel} from './progress-model.js';

export function ProgressPanel({title, model = initialProgress(), width}: {title: string; model?: ProgressModel; width: number}) {
	const detailWidth = Math.max(10, width - 32);
	return (
		<Box flexDirection="column">
			<Text bold> {title}</Text>
			{STEP_ORDER.map((id) => {
				const s = model[id];
				const mark =
					s.status === 'done' ? <Text color="green">✔</Text> : s.status === 'running' ? <Text color="cyan"><Spinner type="dots" /></Text> : <Text> </Text>;
				const detail = `${s.detail}${s.rate ? `   ${s.rate}` : ''}`.slice(0, detailWidth);
				return (
					<Box key={id}>
						<Text> </Text>
						{mark}
						<Text> {s.label.padEnd(17)}</Text>
						<Box width={detailWidth}>
							<Text dimColor={s.status === 'waiting'}>{detail}</Text>
						</Box>
						<Text dimColor>{s.status === 'done' && s.elapsedMs !== undefined ? `${(s.elapsedMs / 1000).toFixed(2)}s`.padStart(7) : ''}</Text>
					</Box>
				);
			})}
		</Box>
	);
}
