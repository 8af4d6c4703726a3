// Reads a file the user named: only a regular file, and at most a given size (README.md, "Files in and
// out"). A device (/dev/zero, /dev/urandom) would be read without end and a FIFO would block, so the
// path is stat-ed first (stat opens nothing), then opened without blocking and checked again on the
// open descriptor (the path may have changed between the two), and at most limit + 1 bytes are read
// (a file growing while it is read is caught too).
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { byteSize } from '../model/file-limits.js';
import { InputError } from './errors.js';

/** What kind of file a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file cannot be read, in words, from an error code. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return String(code ?? (e as Error).message ?? e);
  }
}

/** The checks on a file's status: a regular file of at most `limit` bytes. */
function checkStats(path: string, st: Stats, limit: number, what: string): void {
  if (st.isDirectory()) throw new InputError(`cannot read ${path}: is a folder`);
  if (!st.isFile()) throw new InputError(`cannot read ${path}: ${kindOf(st)}, not a regular file; expected ${what} saved in a file`);
  if (st.size > limit) throw new InputError(`cannot read ${path}: ${st.size.toLocaleString('en-US')} bytes (${byteSize(st.size)}), more than the ${byteSize(limit)} ${what} may have`);
}

/**
 * The text (UTF-8) of the regular file at `path`, at most `limit` bytes; `what` names the kind of
 * file in messages ("a scenario file"). Anything else — a missing file, a folder, a device, a FIFO,
 * a socket, a file above the limit — is an InputError naming the path.
 */
export function readRegularFile(path: string, limit: number, what: string): string {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${reason(e)}`);
  }
  checkStats(path, st, limit, what);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${reason(e)}`);
  }
  try {
    checkStats(path, fstatSync(fd), limit, what);
    // room for the size seen plus one byte, so a file that grew since is noticed; never more than limit + 1
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, fstatSync(fd).size + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(2 * buf.length, 1 << 16)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    if (n > limit) throw new InputError(`cannot read ${path}: it grew past the ${byteSize(limit)} ${what} may have while it was read`);
    return buf.toString('utf8', 0, n);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${path}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}
