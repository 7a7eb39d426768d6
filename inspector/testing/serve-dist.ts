// Serves inspector/dist (building it first when missing or stale) on an ephemeral loopback port with the strict CSP header.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

export const INSPECTOR_DIR = join(import.meta.dirname, '..');
export const DIST_DIR = join(INSPECTOR_DIR, 'dist');

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the inspector when dist/ is missing or older than its sources, or than the core and lessons it bundles. */
export function ensureBuilt(): void {
  const index = join(DIST_DIR, 'index.html');
  const bundled = ['src', '../core/src', '../lessons/src', '../lessons/tracks']
    .map((dir) => join(INSPECTOR_DIR, dir))
    .filter((dir) => existsSync(dir));
  const sources = Math.max(
    ...bundled.map(newestMtime),
    statSync(join(INSPECTOR_DIR, 'index.html')).mtimeMs,
    statSync(join(INSPECTOR_DIR, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: INSPECTOR_DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.har': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves dist/ plus optional extra files (e.g. `/recordings/x.har`) from memory. */
export async function serveDist(given: Record<string, string> = {}): Promise<StaticServer> {
  // Like the inspector server, answer the recording index from the recordings given.
  const names = Object.keys(given).flatMap((path) => /^\/recordings\/([^/]+)\.har$/.exec(path)?.slice(1) ?? []);
  const extra: Record<string, string> = {
    '/recordings/index.json': JSON.stringify({ recordings: names.map((name) => ({ name, description: '' })) }),
    ...given,
  };
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
    if (extra[path] !== undefined) {
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'text/plain' });
      response.end(extra[path]);
      return;
    }
    const file = normalize(join(DIST_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST_DIR)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, headers).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
