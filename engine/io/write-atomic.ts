// Writes a file whole or not at all: a temporary file in the same folder, flushed to the disk, then a
// rename; and the checks on an output path made before any work (README.md, "Files in and out").
//
// While a temporary file exists it is registered, and SIGINT and SIGTERM remove it before the process
// exits with 130 or 143: the text is written in pieces, asynchronously, so that a signal is answered
// during a long write and not only after it. Outside a write the signals keep their default action.
// The text may itself come in pieces (a generator), so a document of hundreds of megabytes is never
// one string; a generator that fails part-way leaves the target as it was.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, fsync, openSync, renameSync, rmSync, statSync, write, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { utf8Pieces, type TextContent } from './utf8-pieces.js';

/** The temporary file's name is the target's name and this many bytes more: `.` + `.` + 12 hex digits + `.tmp`. */
export const TEMP_NAME_EXTRA_BYTES = 18;

/** The longest file name most file systems allow (NAME_MAX), in bytes. */
const NAME_MAX = 255;

/** The temporary file beside `path`: `.NAME.<12 hex digits>.tmp`. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Temporary files that exist now, with the file each becomes (undefined: a working file, such as a parked plan). */
const pending = new Map<string, string | undefined>();

const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof EXIT_ON_SIGNAL;

/** Removes the temporary files and exits with the signal's conventional status. */
function onSignal(signal: Signal): void {
  for (const [tmp, target] of pending) {
    try {
      rmSync(tmp, { force: true, recursive: true }); // recursive: a working folder (parked plans) goes whole
    } catch {
      // the process ends either way; nothing more can be done for this file
    }
    if (target !== undefined) process.stderr.write(`chainward: interrupted (${signal}); ${target} not written\n`);
  }
  process.exit(EXIT_ON_SIGNAL[signal]);
}
const onSigint = () => onSignal('SIGINT');
const onSigterm = () => onSignal('SIGTERM');
/** At exit (an error that ended the command, say), what is left is removed. */
const onExit = () => {
  for (const tmp of pending.keys()) rmSync(tmp, { force: true, recursive: true });
};

let listening = false;

function register(tmp: string, target: string | undefined): void {
  if (!listening) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    process.on('exit', onExit);
    listening = true;
  }
  pending.set(tmp, target);
}

/** `tmp` is gone (renamed or removed); with none left, the signals have their default action again. */
function unregister(tmp: string): void {
  pending.delete(tmp);
  if (pending.size > 0 || !listening) return;
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigterm);
  process.off('exit', onExit);
  listening = false;
}

/**
 * Registers a working file or folder (not an output: parked plans, engine/io/plan-spill.ts) to be
 * removed, a folder with what it holds, on SIGINT, SIGTERM or exit, like the temporary files of
 * writeAtomic; unregisterTemporary once removed.
 */
export function registerTemporary(path: string): void {
  register(path, undefined);
}

export function unregisterTemporary(path: string): void {
  unregister(path);
}

/** The existing regular file at `path`, or undefined when there is none; anything else is an error. */
function existingTarget(path: string): Stats | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!st.isFile()) throw new Error(`${path} exists and is not a regular file`);
  return st;
}

/** Writes all of `buf` to `fd`, asynchronously (a write may take only part). */
async function writeAll(fd: number, buf: Uint8Array): Promise<void> {
  for (let at = 0; at < buf.length; ) {
    at += await new Promise<number>((done, fail) => write(fd, buf, at, buf.length - at, null, (e, n) => (e ? fail(e) : done(n))));
  }
}

/**
 * Writes `text` (UTF-8; a string or its pieces in order) to `path` atomically: the bytes are those of
 * the whole text encoded at once, flushed to the disk before the rename. On any failure (the pieces'
 * generator throwing included), or SIGINT or SIGTERM, the target is left as it was and the temporary
 * file is removed. An existing target keeps its permission bits; a target that exists and is not a
 * regular file (a device, a FIFO, a folder) is an error.
 */
export async function writeAtomic(path: string, text: TextContent): Promise<void> {
  await writeBytesAtomic(path, utf8Pieces(text));
}

/**
 * Writes `bytes` (one buffer, or pieces in order) to `path` atomically, as writeAtomic writes text:
 * a PDF, say.
 */
export async function writeBytesAtomic(path: string, bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  const mode = existingTarget(path)?.mode;
  const tmp = tempPathFor(path);
  register(tmp, path);
  let fd: number | undefined;
  try {
    // created synchronously: from the moment it exists, a signal finds it registered and removes it
    fd = openSync(tmp, 'wx', 0o666);
    for await (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) await writeAll(fd, piece);
    const synced = fd;
    // on the disk before the rename: a crash just after it cannot leave an empty or partial target
    await new Promise<void>((done, fail) => fsync(synced, (e) => (e ? fail(e) : done())));
    const done = fd;
    fd = undefined;
    closeSync(done);
    if (mode !== undefined) chmodSync(tmp, mode & 0o777); // the permission bits; never set-user-ID or set-group-ID
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    unregister(tmp);
  }
}

/** Why a path cannot be used, in words, from an error code. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'ELOOP') return 'too many symbolic links';
  return String(code ?? (e as Error).message ?? e);
}

/**
 * Checks before any work that `out` (the value of `option`, `--out` by default) can be written, so that
 * a run of hours does not end in an error: its folder exists and takes a new file of the temporary
 * file's name (tried by creating and removing one: permissions, a read-only or special file system
 * such as /proc, a name too long for the file system); the target, if it exists, is a regular file
 * the user may write and is none of `inputs` (the same file by device and inode, through any path or
 * link). Each problem is an InputError naming the option. Nothing happens when `out` is undefined.
 */
export function checkOutputPath(out: string | boolean | undefined, inputs: readonly string[] = [], option = '--out'): void {
  if (out === undefined) return;
  if (typeof out !== 'string' || out === '') throw new InputError(`${option}: expected a file name`);
  const target = resolve(out);
  const dir = dirname(target);
  const name = basename(target);
  let dirStats: Stats;
  try {
    dirStats = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${option}: folder "${dir}" does not exist`);
    if (code === 'ENOTDIR') throw new InputError(`${option}: "${dir}" is not a folder`);
    throw new InputError(`${option}: cannot use folder "${dir}": ${reason(e)}`);
  }
  if (!dirStats.isDirectory()) throw new InputError(`${option}: "${dir}" is not a folder`);
  const nameBytes = Buffer.byteLength(name);
  const tooLong = () =>
    new InputError(
      `${option}: the file name is ${nameBytes} bytes long; chainward writes through a temporary file ".NAME.<12 hex digits>.tmp", ` +
        `${TEMP_NAME_EXTRA_BYTES} bytes longer, and file systems allow ${NAME_MAX} bytes at most: use a name of at most ${NAME_MAX - TEMP_NAME_EXTRA_BYTES} bytes`,
    );
  if (nameBytes + TEMP_NAME_EXTRA_BYTES > NAME_MAX) throw tooLong();

  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENAMETOOLONG') throw new InputError(`${option}: the path is too long`);
    if (code !== 'ENOENT') throw new InputError(`${option}: cannot use "${out}": ${reason(e)}`);
  }
  if (existing !== undefined) {
    if (existing.isDirectory()) throw new InputError(`${option}: "${out}" is a folder; expected a file name`);
    if (!existing.isFile()) {
      throw new InputError(
        `${option}: "${out}" exists and is not a regular file; chainward writes a new file and renames it over the target, which would replace it. ` +
          `Without ${option}, the output goes to standard output`,
      );
    }
    for (const input of inputs) {
      let st: Stats;
      try {
        st = statSync(input);
      } catch {
        continue; // a missing input is reported when it is read
      }
      if (st.dev === existing.dev && st.ino === existing.ino) {
        throw new InputError(`${option}: "${out}" is the input file ${input}; writing it would replace the input: choose another file`);
      }
    }
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new InputError(`${option}: "${out}" is read-only; chainward does not replace a file you may not write (make it writable, or choose another file)`);
    }
  }

  const probe = tempPathFor(target);
  register(probe, target);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENAMETOOLONG') {
      // the name passed the check above: the whole path is too long, or this file system allows shorter names
      throw new InputError(`${option}: the path of the temporary file ("${basename(probe)}" beside the target) is too long for this file system; use a shorter name or path`);
    }
    throw new InputError(`${option}: cannot create a file in folder "${dir}": ${code === 'ENOENT' ? 'the folder takes no new files' : reason(e)}`);
  } finally {
    rmSync(probe, { force: true });
    unregister(probe);
  }
}
