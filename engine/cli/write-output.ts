// Writes a command's output whole: to a file atomically (checked before the work by checkOutputPath),
// or to standard output.
import { writeAtomic } from '../io/write-atomic.js';
import { oneLine } from '../report/format.js';

/** Writes `text` whole to `out` (atomically; checked before the work by checkOutputPath) or to stdout. */
export async function writeOutput(text: string, out: string | boolean | undefined, quiet: boolean): Promise<void> {
  if (typeof out === 'string') {
    try {
      await writeAtomic(out, text);
    } catch (e) {
      throw new Error(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!quiet) process.stderr.write(`wrote ${oneLine(out)}\n`);
  } else process.stdout.write(text);
}
