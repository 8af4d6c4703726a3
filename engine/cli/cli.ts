// Process entry of the command line: runs main() and sets the exit status.
import '../model/zod-config.js'; // first: before any schema is built
import { EXIT_INTERNAL, EXIT_OK } from '../io/errors.js';
import { main } from './main.js';

// A reader that stops early (`chainward generate --sites 2000 | head`) closes the pipe: the output is
// no longer wanted, so the command ends quietly with status 0 instead of an unhandled EPIPE error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT_OK);
  process.stderr.write(`chainward: cannot write to standard output: ${e.code ?? e.message}\n`);
  process.exit(EXIT_INTERNAL);
});
// Messages have nowhere to go once standard error is closed; the command itself carries on.
process.stderr.on('error', () => {});

process.exitCode = await main(process.argv.slice(2));
