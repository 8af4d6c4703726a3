// Writes a command's output whole: to a file atomically (checked before the work by checkOutputPath),
// or to standard output. The output may come in pieces (a generator), written as they come, so a large
// results document is never one string.
import { writeAtomic } from '../io/write-atomic.js';
import { utf8Pieces, type TextContent } from '../io/utf8-pieces.js';
import { oneLine } from '../report/format.js';

/** Writes `buf` to standard output, waiting while its buffer is full (a slow reader holds the writer back). */
function toStdout(buf: Buffer): Promise<void> | undefined {
  if (process.stdout.write(buf)) return undefined;
  return new Promise((done) => {
    // a closed pipe ends the process from the 'error' listener (engine/cli/cli.ts); 'close' keeps a wait from hanging
    const go = () => {
      process.stdout.off('drain', go);
      process.stdout.off('close', go);
      done();
    };
    process.stdout.on('drain', go);
    process.stdout.on('close', go);
  });
}

/** Writes `text` (a string or its pieces) whole to `out` (atomically; checked before the work by checkOutputPath) or to stdout. */
export async function writeOutput(text: TextContent, out: string | boolean | undefined, quiet: boolean): Promise<void> {
  if (typeof out === 'string') {
    try {
      await writeAtomic(out, text);
    } catch (e) {
      // a failure of the pieces' generator is not a write error: it keeps its own message and kind
      if (typeof text !== 'string' && (e as NodeJS.ErrnoException).code === undefined) throw e;
      throw new Error(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!quiet) process.stderr.write(`wrote ${oneLine(out)}\n`);
  } else if (typeof text === 'string') process.stdout.write(text);
  else for await (const buf of utf8Pieces(text)) await toStdout(buf);
}
