import {DirError, makeDirs, tightenDir} from './make-dir.js';
import {readRegular} from './open-regular.js';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';

export interface BurnConfig {
	content: 'full' | 'off';
	retentionDays: number;
}

/** `--home`, else BURN_HOME, else ~/.burn. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv): string {
	if (flag) return resolve(flag);
	if (env.BURN_HOME) return resolve(env.BURN_HOME);
	return join(env.HOME || homedir(), '.burn');
}

/** Creates a directory (and parents) readable only by the user. */
export function ensurePrivateDir(dir: string): void {
	makeDirs(dir, 0o700);
	tightenDir(dir);
}

/**
 * The data directory, created if needed; a bad one is one plain error line (exit 1). One that
 * others may write into is set to 0700, and the line saying so is returned.
 */
export function ensureHome(home: string): string | undefined {
	try {
		makeDirs(home, 0o700);
	} catch (error) {
		if (error instanceof DirError) throw new Error(`cannot use ${home} as the data directory: ${error.why}`, {cause: error});
		throw error;
	}
	return tightenDir(home);
}

/** config.json; env BURN_CONTENT wins over the file. Bad values fall back to defaults. */
export function loadConfig(home: string, env: NodeJS.ProcessEnv): {config: BurnConfig; warnings: string[]} {
	const config: BurnConfig = {content: 'full', retentionDays: 90};
	const warnings: string[] = [];
	try {
		const raw = JSON.parse(readRegular(join(home, 'config.json')).toString('utf8')) as Record<string, unknown>;
		if (raw.content === 'full' || raw.content === 'off') config.content = raw.content;
		else if (raw.content !== undefined) warnings.push(`config.json: "content" must be "full" or "off"`);
		if (typeof raw.retentionDays === 'number' && raw.retentionDays > 0) config.retentionDays = raw.retentionDays;
		else if (raw.retentionDays !== undefined) warnings.push(`config.json: "retentionDays" must be a positive number`);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTREG') warnings.push(`config.json is not a regular file; using defaults`);
		else if (code !== 'ENOENT') warnings.push(`config.json is not valid JSON; using defaults`);
	}
	const envContent = env.BURN_CONTENT?.toLowerCase();
	if (envContent === 'off' || envContent === 'full') config.content = envContent;
	return {config, warnings};
}
