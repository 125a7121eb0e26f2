// CSI (ESC [ or 0x9b), OSC (ESC ] … BEL/ST), DCS/SOS/PM/APC (ESC P|X|^|_ … ST), other ESC x.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?/g;
// C0 and C1 controls and DEL; bidi marks, overrides and isolates (they reorder what follows on
// screen); zero-width and invisible format characters (soft hyphen, Mongolian vowel separator,
// zero-width space/joiners, word joiner and invisible operators, BOM), which take no column and
// so misalign tables.
const CONTROLS = /[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text from logs made safe for a terminal: escape sequences removed, line breaks and tabs as
 * spaces, every other control character (and bidi override) removed.
 */
export function sanitize(s: string): string {
	if (typeof s !== 'string') return '';
	return s.replace(ESCAPES, '').replace(/[\t\n\r\v\f\u2028\u2029]/g, ' ').replace(CONTROLS, '');
}
