// startExploreServer serves only the built explorer's files and the input, on 127.0.0.1, to requests
// for its own host name: no paths outside the build (.., encoded .., symlinks), no other methods.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_HEADERS, startExploreServer, type ExploreServer } from '../../../engine/serve/explore-server.js';

function get(port: number, path: string, opts: { method?: string; host?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The run headers of a response (RUN_HEADERS), as sent. */
const input = (res: { headers: Record<string, string | string[] | undefined> }) => ({
  trials: res.headers[RUN_HEADERS.trials.toLowerCase()] as string | undefined,
  seed: res.headers[RUN_HEADERS.seed.toLowerCase()] as string | undefined,
});

describe('startExploreServer', () => {
  let root: string;
  let server: ExploreServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'chainward-serve-'));
    const dir = join(root, 'build');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'secret.txt'), join(dir, 'link.txt'));
    server = await startExploreServer({ dir, input: { text: '{"format":"chainward/v1"}', name: 'my<scenario>.json' }, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('startExploreServer listens on 127.0.0.1 and prints a 127.0.0.1 URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('startExploreServer serves the index, assets with their types and security headers, and the input', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await get(server.port, '/assets/main.js');
    expect(js.headers['content-type']).toMatch(/javascript/);
    const input = await get(server.port, '/input.json');
    expect(input.body).toBe('{"format":"chainward/v1"}');
    expect(input.headers['x-chainward-source']).toBe('my<scenario>.json');
    expect((await get(server.port, '/', { method: 'HEAD' })).status).toBe(200);
  });

  it('startExploreServer sends the run asked for with a scenario in two headers (the seed percent-encoded), none without one', async () => {
    expect(input(await get(server.port, '/input.json')).trials).toBeUndefined();
    const dir = join(root, 'build');
    const run = await startExploreServer({ dir, input: { text: '{}', name: 's.json', run: { trials: 6000, seed: 'Q3 review é' } }, port: 0 });
    try {
      const res = await get(run.port, '/input.json');
      expect(input(res)).toEqual({ trials: '6000', seed: 'Q3%20review%20%C3%A9' });
      expect(decodeURIComponent(input(res).seed!)).toBe('Q3 review é');
      expect(input(await get(run.port, '/input.json', { method: 'HEAD' }))).toEqual({ trials: '6000', seed: 'Q3%20review%20%C3%A9' });
      expect(input(await get(run.port, '/'))).toEqual({ trials: undefined, seed: undefined }); // only with the input
    } finally {
      await run.close();
    }
  });

  it('startExploreServer refuses paths outside the build, symlinks out of it, folders and unknown files', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/link.txt', '/assets', '/nope.js', '/%00']) {
      const r = await get(server.port, p);
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
  });

  it('startExploreServer answers only GET and HEAD, and only for its own host name', async () => {
    expect((await get(server.port, '/', { method: 'POST' })).status).toBe(405);
    expect((await get(server.port, '/', { method: 'PUT' })).status).toBe(405);
    expect((await get(server.port, '/', { host: 'evil.example:80' })).status).toBe(421);
    expect((await get(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('startExploreServer takes the next free port when the asked one is taken, unless it must be exact', async () => {
    const second = await startExploreServer({ dir: join(root, 'build'), port: server.port });
    expect(second.port).not.toBe(server.port);
    await second.close();
    await expect(startExploreServer({ dir: join(root, 'build'), port: server.port, exactPort: true })).rejects.toThrow(/EADDRINUSE/);
  });
});
