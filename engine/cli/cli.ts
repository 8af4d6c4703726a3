// Process entry of the command line: runs main() and sets the exit status.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
