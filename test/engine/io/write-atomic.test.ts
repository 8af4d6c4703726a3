// writeAtomic (README.md, "Files in and out"): the bytes of the whole text encoded at once, an existing
// target's permission bits kept, a target that is not a regular file refused, nothing left behind on
// failure — and, through the real command line, no temporary file left when SIGINT or SIGTERM comes
// during the write (before, the signal's default action ended the process with a 50 MB `.NAME.*.tmp`
// beside the target).
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../../engine/io/write-atomic.js';
import { REPO } from '../../support/run-cli.js';

let root: string;
let n = 0;
/** A fresh, empty folder for one case. */
function folder(): string {
  const d = join(root, `case-${n++}`);
  mkdirSync(d);
  return d;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'chainward-write-atomic-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('writes the bytes of the whole text encoded at once, across the pieces it writes in (a surrogate pair on the boundary)', async () => {
    const d = folder();
    // the pieces are 2^20 UTF-16 units: the pair 🚚 straddles the first boundary, a lone surrogate ends the text
    const text = 'a'.repeat(2 ** 20 - 1) + '🚚' + 'é→東'.repeat(1000) + 'b'.repeat(2 ** 20) + '\uD800';
    const p = join(d, 'out.json');
    await writeAtomic(p, text);
    expect(readFileSync(p).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(readdirSync(d)).toEqual(['out.json']);
  });

  it('an empty text makes an empty file', async () => {
    const d = folder();
    await writeAtomic(join(d, 'empty.txt'), '');
    expect(readFileSync(join(d, 'empty.txt'), 'utf8')).toBe('');
  });

  it("keeps an existing target's permission bits: a read-only file stays read-only (before: replaced by a 0644 file)", async () => {
    const d = folder();
    for (const mode of [0o444, 0o640, 0o600]) {
      const p = join(d, `m${mode.toString(8)}.json`);
      writeFileSync(p, 'old');
      chmodSync(p, mode);
      await writeAtomic(p, 'new');
      expect(readFileSync(p, 'utf8')).toBe('new');
      expect(statSync(p).mode & 0o777).toBe(mode);
    }
  });

  it('refuses a target that is not a regular file (a FIFO stays a FIFO) and leaves no temporary file', async () => {
    const d = folder();
    const fifo = join(d, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(writeAtomic(fifo, 'x')).rejects.toThrow('exists and is not a regular file');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['fifo']);
  });

  it('fails into a missing folder without leaving anything', async () => {
    const d = folder();
    await expect(writeAtomic(join(d, 'no-such', 'x.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('the signal listeners are there only while a temporary file exists', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const d = folder();
    const writing = writeAtomic(join(d, 'big.txt'), 'x'.repeat(8 * 2 ** 20));
    expect(process.listenerCount('SIGINT')).toBe(before[0]! + 1);
    expect(process.listenerCount('SIGTERM')).toBe(before[1]! + 1);
    await writing;
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});

/**
 * Runs `chainward generate --sites 100000 --out FILE` (about 64 MB) and sends `signal` as soon as the
 * temporary file beside FILE holds data, that is during the write; resolves with how the child ended
 * and what the folder holds then.
 */
function interruptWrite(signal: NodeJS.Signals): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; left: string[]; sent: boolean }> {
  const d = folder();
  const out = join(d, 'net.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chainward.js', 'generate', '--sites', '100000', '--out', out], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    let sent = false;
    const poll = setInterval(() => {
      if (sent) return;
      for (const f of readdirSync(d)) {
        if (!f.endsWith('.tmp')) continue;
        let size = 0;
        try {
          size = statSync(join(d, f)).size;
        } catch {
          continue; // gone between the listing and the stat
        }
        if (size > 0) {
          child.kill(signal);
          sent = true;
        }
      }
    }, 1);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status, sig) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ status, signal: sig, stderr, left: readdirSync(d), sent });
    });
  });
}

describe('a signal during the write (real command line)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the temporary file is removed, the target not written, exit status %i', async (signal, status) => {
    const r = await interruptWrite(signal);
    expect(r.sent, 'the temporary file was seen holding data').toBe(true);
    expect(r.left).toEqual([]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(`chainward: interrupted (${signal}); `);
    expect(r.stderr).toContain('net.json not written');
  }, 150_000);
});
