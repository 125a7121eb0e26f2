import {spawn, type ChildProcess} from 'node:child_process';
import {appendFileSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import {CLI} from './cli.js';

/** A hand-written Claude Code assistant line (the format of data-formats.md), at `ts`. */
export function claudeLine(o: {session: string; uuid: string; parent?: string | null; msg: string; req: string; ts: string; output: number; input?: number; tools?: string[]; stop?: string | null; model?: string}): string {
	const content = o.tools?.length
		? o.tools.map((name, i) => ({type: 'tool_use', id: `toolu_${o.uuid}_${i}`, name, input: {command: 'ls'}}))
		: [{type: 'text', text: 'working on it'}];
	return `${JSON.stringify({
		type: 'assistant',
		uuid: o.uuid,
		parentUuid: o.parent ?? null,
		sessionId: o.session,
		timestamp: o.ts,
		cwd: '/tmp/live/app',
		isSidechain: false,
		version: '2.0.14',
		requestId: o.req,
		message: {
			id: o.msg,
			type: 'message',
			role: 'assistant',
			model: o.model ?? 'claude-sonnet-4-6',
			content,
			stop_reason: o.stop ?? null,
			usage: {input_tokens: o.input ?? 1000, output_tokens: o.output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0},
		},
	})}\n`;
}

export function append(path: string, text: string): void {
	mkdirSync(dirname(path), {recursive: true});
	appendFileSync(path, text);
}

/** A running `burn watch` whose output the test waits on, each wait with a deadline. */
export class Watch {
	readonly child: ChildProcess;
	stdout = '';
	stderr = '';
	readonly closed: Promise<{code: number | null; signal: NodeJS.Signals | null}>;

	constructor(args: string[], env: NodeJS.ProcessEnv) {
		this.child = spawn(process.execPath, [CLI, 'watch', ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
		this.child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
		this.closed = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({code, signal})));
	}

	lines(): string[] {
		return this.stdout.split('\n').filter(Boolean);
	}

	/** Waits until `ok()` holds, polling every 20 ms; fails with the output after `ms`. */
	async until(ok: () => boolean, what: string, ms = 15_000): Promise<void> {
		const end = Date.now() + ms;
		while (!ok()) {
			if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
			await new Promise((r) => setTimeout(r, 20));
		}
	}

	ready(): Promise<void> {
		return this.until(() => this.stderr.includes('for new turns'), 'the watch to start', 60_000);
	}

	/** Stops it with a signal and waits (bounded) for the exit. */
	async stop(signal: NodeJS.Signals = 'SIGINT', ms = 15_000): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
		this.child.kill(signal);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				this.child.kill('SIGKILL');
				reject(new Error(`burn watch did not exit within ${ms} ms after ${signal}`));
			}, ms);
		});
		try {
			return await Promise.race([this.closed, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}
}
