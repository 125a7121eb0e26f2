import React from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {STEP_ORDER, initialProgress, type ProgressModel} from './progress-model.js';
import {useTheme} from './theme.js';

export function ProgressPanel({title, model = initialProgress(), width}: {title: string; model?: ProgressModel; width: number}) {
	const theme = useTheme();
	const detailWidth = Math.max(10, width - 32);
	return (
		<Box flexDirection="column">
			<Text {...theme.title}> {title}</Text>
			{STEP_ORDER.map((id) => {
				const s = model[id];
				const mark =
					s.status === 'done' ? (
						<Text {...theme.ok}>✔</Text>
					) : s.status === 'running' ? (
						<Text {...theme.accent}>
							<Spinner type="dots" />
						</Text>
					) : (
						<Text> </Text>
					);
				const detail = `${s.detail}${s.rate ? `   ${s.rate}` : ''}`.slice(0, detailWidth);
				return (
					<Box key={id}>
						<Text> </Text>
						{mark}
						<Text> {s.label.padEnd(17)}</Text>
						<Box width={detailWidth}>
							<Text {...(s.status === 'waiting' ? theme.dim : {})}>{detail}</Text>
						</Box>
						<Text {...theme.dim}>{s.status === 'done' && s.elapsedMs !== undefined ? `${(s.elapsedMs / 1000).toFixed(2)}s`.padStart(7) : ''}</Text>
					</Box>
				);
			})}
		</Box>
	);
}
