import {createContext, useContext} from 'react';

/** The props of an Ink `<Text>` a theme role sets. */
export interface Style {
	color?: string;
	dimColor?: boolean;
	bold?: boolean;
	inverse?: boolean;
}

/**
 * Every colour and emphasis of the UI, by role. Screens never name a colour: they spread a
 * role (`<Text {...theme.warn}>`). Without colour every role is empty, so no escape sequence
 * at all reaches the terminal, as with `--no-color`.
 */
export interface Theme {
	color: boolean;
	/** Figures that matter: the spend, the sparkline, the text being typed. */
	accent: Style;
	/** Notices, findings, the left-out line. */
	warn: Style;
	error: Style;
	/** A finished step. */
	ok: Style;
	/** Secondary text: the footer, waiting steps, result text. */
	dim: Style;
	/** Titles. */
	title: Style;
	/** The selected row and the active tab. */
	selected: Style;
	/** Column titles. */
	heading: Style;
	/** The keys column of the help. */
	key: Style;
}

export function makeTheme(color: boolean): Theme {
	if (!color) {
		return {color, accent: {}, warn: {}, error: {}, ok: {}, dim: {}, title: {}, selected: {}, heading: {}, key: {}};
	}
	return {
		color,
		accent: {color: 'cyan'},
		warn: {color: 'yellow'},
		error: {color: 'red'},
		ok: {color: 'green'},
		dim: {dimColor: true},
		title: {bold: true},
		selected: {inverse: true},
		heading: {bold: true, dimColor: true},
		key: {color: 'cyan'},
	};
}

/**
 * Colour is on unless `NO_COLOR` is set to anything non-empty (no-color.org) or `--no-color`
 * was given.
 */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
	if (env.NO_COLOR) return false;
	return !argv.includes('--no-color') && !argv.includes('--color=none');
}

export const ThemeContext = createContext<Theme>(makeTheme(true));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
