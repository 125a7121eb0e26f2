import type {ReaderOutput} from '../reader.js';

/** A reader pass over OpenCode data: ReaderOutput plus the warnings to tell the user once. */
export interface OpencodeOutput<S> extends ReaderOutput<S> {
	warnings?: string[];
}
