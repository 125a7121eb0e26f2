import {useEffect, useState} from 'react';
import type {ContentRecord} from '../core/records.js';
import type {DataSource} from './use-data.js';

/** The text of sessions (content sidecars) for the turn screen, read once per session when first needed. */
export function useTurnContent(source: DataSource, sessionId: string | null): Map<string, ContentRecord[]> {
	const [content, setContent] = useState<Map<string, ContentRecord[]>>(new Map());
	useEffect(() => {
		if (!sessionId || content.has(sessionId)) return;
		let live = true;
		source.content(sessionId).then(
			(records) => live && setContent((m) => new Map(m).set(sessionId, records)),
			() => live && setContent((m) => new Map(m).set(sessionId, [])),
		);
		return () => {
			live = false;
		};
	}, [sessionId, content, source]);
	return content;
}
