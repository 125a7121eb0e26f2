import type {RelationshipRecord} from '../../core/records.js';
import {READER_VERSION} from '../reader.js';
import {firstStr, type Json} from './line.js';

type Fields = Omit<RelationshipRecord, 'v' | 'source' | 'rv'>;

/** A claude-code relationship row; optional fields left undefined are omitted. */
export function relationship(fields: Fields): RelationshipRecord {
	const r: RelationshipRecord = {v: 1, source: 'claude-code', sessionId: fields.sessionId, relationshipType: fields.relationshipType};
	for (const [k, v] of Object.entries(fields)) {
		if (v !== undefined && v !== '') (r as unknown as Record<string, unknown>)[k] = v;
	}
	r.rv = READER_VERSION;
	return r;
}

export interface ExplicitLink {
	relationshipType: 'fork' | 'continuation';
	relatedSessionId: string;
	sourceSessionId?: string;
}

/** Fork / continuation fields a line may carry (data-formats §3.10), other than its own id. */
export function explicitLinks(o: Json, ownId: string): ExplicitLink[] {
	const out: ExplicitLink[] = [];
	const sourceSessionId = firstStr(o, ['sourceSessionId', 'source_session_id']);
	const fork = firstStr(o, ['forkSessionId', 'fork_session_id']);
	const cont = firstStr(o, ['continuedFromSessionId', 'continued_from_session_id']);
	if (fork && fork !== ownId) out.push({relationshipType: 'fork', relatedSessionId: fork, ...(sourceSessionId ? {sourceSessionId} : {})});
	if (cont && cont !== ownId) out.push({relationshipType: 'continuation', relatedSessionId: cont, ...(sourceSessionId ? {sourceSessionId} : {})});
	return out;
}

export function versionOf(o: Json): string | undefined {
	return firstStr(o, ['version', 'sourceVersion', 'source_version']);
}
