// The largest files chainward reads (README.md, "Command line", "Files in and out"): the command line
// refuses a larger file before reading it, and so does the explorer's open and drop.

/** A scenario file: 256 MiB, four times a generated network of 100 000 sites (about 64 MB). */
export const MAX_SCENARIO_BYTES = 256 * 1024 * 1024;

/**
 * A results file (`chainward run --format json`) or a partial result (`--shard`), and anything the
 * explorer opens: 500 MiB. The results of a 100 000-site network are about 385 MB; a file read whole
 * becomes one string, and V8 strings end at 2^29 − 24 (about 536.9 million) UTF-16 units, which a file
 * of at most 500 MiB (524.3 million bytes) never exceeds.
 */
export const MAX_RESULTS_BYTES = 500 * 1024 * 1024;

/** A byte count as people read it: `300 B`, `12.4 KiB`, `256 MiB`, `1.2 GiB`. */
export function byteSize(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let x = n;
  let u = 0;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  const digits = u === 0 || Number.isInteger(x) ? 0 : 1;
  return `${x.toFixed(digits)} ${units[u]}`;
}
