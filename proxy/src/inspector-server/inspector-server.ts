// The inspector's HTTP server on loopback: the built app under a strict CSP, bundled recordings, and the feed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { assertPortFree } from '../port-check.ts';
import { attachFeed, type Feed, type FeedServerOptions } from '../feed/feed-server.ts';

export const INSPECTOR_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.har': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface InspectorServerOptions extends Omit<FeedServerOptions, 'allowedOrigins'> {
  port?: number;
  host?: string;
  /** inspector/dist */
  distDir: string;
  /** lessons/recordings */
  recordingsDir: string;
  /** Origins allowed on the feed besides the server's own (e.g. `http://localhost:5173` for vite dev). */
  extraOrigins?: string[];
}

export interface InspectorServer {
  port: number;
  /** The page to open, with the feed token. */
  url: string;
  feed: Feed;
  close(): Promise<void>;
}

/** Resolves `rel` under `root`, or null when it would escape it. */
function inside(root: string, rel: string): string | null {
  const path = normalize(join(root, rel));
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

async function fileOrNull(path: string | null): Promise<Buffer | null> {
  if (!path) return null;
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? readFile(path) : null;
}

export async function startInspectorServer(options: InspectorServerOptions): Promise<InspectorServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8081;
  await assertPortFree(host, port, '--inspector-port');

  // Filled once the port is known: the Host names this server answers to (a defence against DNS rebinding).
  const allowedHosts = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('content-security-policy', INSPECTOR_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('The inspector answers only at localhost or 127.0.0.1.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.startsWith('/recordings/')) {
      const name = pathname.slice('/recordings/'.length);
      const body = /^[A-Za-z0-9._-]+\.har$/.test(name) ? await fileOrNull(inside(options.recordingsDir, name)) : null;
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such recording.\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
    let path = inside(options.distDir, rel);
    let body = await fileOrNull(path);
    if (!body && !extname(rel)) {
      // Client-side routes fall back to the app shell.
      path = join(options.distDir, 'index.html');
      body = await fileOrNull(path);
    }
    if (!body) {
      const index = await fileOrNull(join(options.distDir, 'index.html'));
      const message = index ? 'Not found.\n' : 'The inspector is not built yet: run npm run build (in the repository root), then reload.\n';
      res.writeHead(index ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path!)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as { port: number }).port;
  const allowedOrigins = [`http://localhost:${actualPort}`, `http://127.0.0.1:${actualPort}`, ...(options.extraOrigins ?? [])];
  for (const origin of allowedOrigins) {
    try {
      allowedHosts.add(new URL(origin).host.toLowerCase());
    } catch {
      // An unusable --allow-origin is reported by the feed; it adds no host here.
    }
  }
  const feed = attachFeed(server, { ...options, allowedOrigins });
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/?token=${encodeURIComponent(options.token)}`,
    feed,
    async close() {
      await feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
