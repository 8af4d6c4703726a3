// Results written in pieces (renderContent → writeOutput → writeAtomic): the file's bytes equal the
// whole-string rendering (render(results, 'json'), JSON.stringify with two spaces) on the shipped
// scenarios' results, on results carrying odd numbers (−0, 1e21, the smallest subnormal, 1e-7,
// long fractions) and odd strings, and on a large generated network's; standard output gets the same
// bytes; a failure part-way leaves the target as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { renderContent } from '../../../engine/cli/render-content.js';
import { loadScenarioFile } from '../../../engine/cli/scenario-file.js';
import { writeOutput } from '../../../engine/cli/write-output.js';
import { generateScenario } from '../../../engine/generate/generate-scenario.js';
import { writeAtomic } from '../../../engine/io/write-atomic.js';
import { render } from '../../../engine/report/render.js';
import type { Results } from '../../../engine/results/schema.js';
import { REPO } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-streamed-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** The bytes the streamed writer puts in a file for `results` as JSON. */
async function streamed(results: Results): Promise<Buffer> {
  const file = join(dir, `r-${n++}.json`);
  const content = renderContent(results, 'json');
  expect(typeof content).not.toBe('string'); // JSON comes in pieces
  await writeOutput(content, file, true);
  return readFileSync(file);
}

const shipped = ['eu-electronics-inbound', 'pharma-cold-chain-air', 'us-mexico-crossborder-road'];

describe('streamed results JSON', () => {
  it.each(shipped)('the streamed JSON of %s results equals render(results, "json") byte for byte', async (name) => {
    const results = await simulateScenario(loadScenarioFile(join(REPO, 'scenarios', `${name}.json`)), { trials: 2048, seed: 7 });
    expect((await streamed(results)).equals(Buffer.from(render(results, 'json'), 'utf8'))).toBe(true);
  });

  it('the streamed JSON of results with odd numbers and strings equals render(results, "json") byte for byte', async () => {
    const results = await simulateScenario(loadScenarioFile(join(REPO, 'scenarios/eu-electronics-inbound.json')), { trials: 512, seed: 1 });
    const odd = structuredClone(results);
    odd.baseline.eal = -0;
    odd.baseline.max = 1e21;
    odd.baseline.sd = 5e-324;
    odd.baseline.se = 1e-7;
    odd.baseline.p50 = 0.1 + 0.2;
    odd.baseline.p90 = -1.7976931348623157e308;
    odd.scenario = 'ünïcødé "quoted" \\ back\nslash \u2028 \ud83d\ude9a lone \ud800 end';
    odd.risks[0]!.owner = '\u0000\u001f\u007f';
    odd.risks[0]!.meanLossPerEvent = 123456789012345680000;
    const text = render(odd, 'json');
    expect(text).toContain('"eal": 0');
    expect(text).toContain('1e+21');
    expect((await streamed(odd)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('the streamed JSON of a large generated network equals render(results, "json") byte for byte', async () => {
    const results = await simulateScenario(generateScenario({ sites: 3000, seed: 5 }), { trials: 1024, seed: 3 });
    const whole = Buffer.from(render(results, 'json'), 'utf8');
    expect(whole.length).toBeGreaterThan(4 * 1024 * 1024); // several megabytes: many pieces
    expect((await streamed(results)).equals(whole)).toBe(true);
  }, 120_000);

  it('standard output gets the same bytes, in pieces', async () => {
    const results = await simulateScenario(loadScenarioFile(join(REPO, 'scenarios/pharma-cold-chain-air.json')), { trials: 512, seed: 2 });
    const pieces: Buffer[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      pieces.push(Buffer.from(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await writeOutput(renderContent(results, 'json'), undefined, true);
    } finally {
      process.stdout.write = write;
    }
    expect(Buffer.concat(pieces).equals(Buffer.from(render(results, 'json'), 'utf8'))).toBe(true);
  });

  it('writeAtomic of pieces whose generator fails part-way leaves the target as it was and no temporary file', async () => {
    const target = join(dir, 'kept.json');
    writeFileSync(target, 'before');
    function* failing(): Generator<string> {
      yield 'x'.repeat(1 << 21);
      throw new RangeError('part-way');
    }
    await expect(writeAtomic(target, failing())).rejects.toThrow(/part-way/);
    expect(readFileSync(target, 'utf8')).toBe('before');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writeAtomic joins a surrogate pair split between pieces, as the whole text encoded at once', async () => {
    const target = join(dir, 'pairs.txt');
    const text = 'a'.repeat(70_000) + '\ud83d\ude9a' + 'b'.repeat(10) + '\ud800';
    const cut = 70_001; // between the two halves of the pair
    await writeAtomic(target, [text.slice(0, cut), text.slice(cut)]);
    expect(readFileSync(target).equals(Buffer.from(text, 'utf8'))).toBe(true);
    const bytes: string[] = [];
    for (const ch of text) bytes.push(ch);
    await writeAtomic(target, bytes); // one code point (or lone surrogate) a piece
    expect(readFileSync(target).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
