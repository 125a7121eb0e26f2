import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';

/**
 * Opens a file for reading only when it is a regular file. O_NONBLOCK makes the open itself
 * return at once for a FIFO with no writer (a plain open would wait forever); fstat on the open
 * descriptor then refuses anything that is not a regular file (FIFO, socket, device, directory).
 */
export function openRegular(path: string): number {
	const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	try {
		if (fstatSync(fd).isFile()) return fd;
	} catch (error) {
		closeSync(fd);
		throw error;
	}
	closeSync(fd);
	throw Object.assign(new Error(`${path} is not a regular file`), {code: 'ENOTREG', path});
}

/** The whole of a regular file (see openRegular). */
export function readRegular(path: string): Buffer {
	const fd = openRegular(path);
	try {
		const size = fstatSync(fd).size;
		const buf = Buffer.allocUnsafe(size);
		let at = 0;
		while (at < size) {
			const n = readSync(fd, buf, at, size - at, at);
			if (n === 0) break;
			at += n;
		}
		return at === size ? buf : buf.subarray(0, at);
	} finally {
		closeSync(fd);
	}
}
