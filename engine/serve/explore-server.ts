// The explorer's HTTP server: binds 127.0.0.1 only, answers GET and HEAD for the built explorer's
// files and for /input.json (the scenario or results it was started with, and for a scenario the
// trials and seed the page should run, in two headers), and nothing else — no directory listings,
// no paths outside the build, no other host names (DNS rebinding).
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.woff2', 'font/woff2'],
  ['.txt', 'text/plain; charset=utf-8'],
]);

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-cache',
};

export interface ExploreInput {
  /** The file's text (a scenario or results JSON). */
  text: string;
  /** Its name, shown in the page (sent as a header, ASCII only). */
  name: string;
  /** For a scenario: the trials and seed the page runs unless its URL names others (`chainward explore --trials --seed`). */
  run?: { trials: number; seed: number | string };
}

/**
 * The headers of /input.json that carry `run`: the page reads them (explorer/state/url-state.ts,
 * serverRunDefaults). The seed is percent-encoded, as a header holds ASCII only.
 */
export const RUN_HEADERS = { trials: 'X-Chainward-Trials', seed: 'X-Chainward-Seed' } as const;

export interface ExploreServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      fail(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const a = server.address();
      ok(typeof a === 'object' && a ? a.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Serves `dir` (a built explorer) and `input` on 127.0.0.1. Port 0 takes any free port; otherwise
 * `port` or, when it is taken and `exactPort` is false, the next free one (up to 20 further).
 */
export async function startExploreServer(opts: { dir: string; input?: ExploreInput; port?: number; exactPort?: boolean }): Promise<ExploreServer> {
  const dir = realpathSync(opts.dir);
  const input = opts.input;
  let boundPort = 0;
  const server = createServer((req, res) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${boundPort}` && host !== `localhost:${boundPort}`) return send(421, 'unknown host\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad path\n');
    }
    if (path.includes('\0')) return send(400, 'bad path\n');
    if (path === '/input.json') {
      if (!input) return send(404, 'no input\n');
      const run: Record<string, string> = input.run ? { [RUN_HEADERS.trials]: String(input.run.trials), [RUN_HEADERS.seed]: encodeURIComponent(String(input.run.seed)) } : {};
      return send(200, input.text, { 'Content-Type': 'application/json; charset=utf-8', 'X-Chainward-Source': input.name.replace(/[^\x20-\x7e]/g, '?'), ...run });
    }
    const file = resolve(dir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(dir + sep)) return send(404, 'not found\n');
    let real: string;
    try {
      real = realpathSync(file);
      if (!real.startsWith(dir + sep) || !statSync(real).isFile()) return send(404, 'not found\n');
    } catch {
      return send(404, 'not found\n');
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES.get(extname(real).toLowerCase()) ?? 'application/octet-stream', 'Content-Length': String(statSync(real).size) });
    if (req.method === 'HEAD') return res.end();
    createReadStream(real).on('error', () => res.destroy()).pipe(res);
  });
  const first = opts.port ?? 5173;
  let port = first;
  for (let attempt = 0; ; attempt++) {
    try {
      boundPort = await listen(server, port);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || opts.exactPort || first === 0 || attempt >= 20) throw e;
      port++;
    }
  }
  return {
    url: `http://127.0.0.1:${boundPort}/`,
    port: boundPort,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

