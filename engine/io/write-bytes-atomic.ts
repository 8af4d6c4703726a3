// Writes bytes (a PDF) whole or not at all, as writeAtomic writes text: a temporary file beside the
// target, flushed to the disk, then a rename; removed on failure, SIGINT, SIGTERM or exit.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { registerTemporary, unregisterTemporary } from './write-atomic.js';

/** Writes `bytes` to `path` atomically; an existing target keeps its permission bits. */
export function writeBytesAtomic(path: string, bytes: Uint8Array): void {
  let mode: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error(`${path} exists and is not a regular file`);
    mode = st.mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  registerTemporary(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o666);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(tmp, mode & 0o777);
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    unregisterTemporary(tmp);
  }
}
