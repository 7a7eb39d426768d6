// Serves the built SPA (sample-spa/dist) and its configuration JSON, generated per request from the scenario.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { listen } from '@oauth-inspector/http-listen';
import type { SpaConfig } from '../src/spa-config.ts';

export type { SpaConfig } from '../src/spa-config.ts';
export const SPA_CONFIG_PATH = '/spa.config.json';
export const DEFAULT_DIST_DIR = resolve(import.meta.dirname, '..', 'dist');

export interface SpaServerConfig {
  host?: string;
  port?: number;
  distDir?: string;
  /** Called for every configuration download, so a scenario switch applies on the next page load. */
  getConfig(): SpaConfig;
  /** The page served for app routes, read per request: `index.html` (code flow, the default) or `legacy.html`. */
  getPage?(): SpaPage;
}

/** The SPA's two pages: the code-flow app and the legacy implicit-flow page of seed 000. */
export type SpaPage = 'index.html' | 'legacy.html';

export interface SpaServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Fails with a clear message when the SPA was not built yet. */
export async function assertSpaBuilt(distDir: string = DEFAULT_DIST_DIR): Promise<void> {
  try {
    await stat(join(distDir, 'index.html'));
  } catch {
    const error = new Error(
      `The sample SPA is not built (${distDir}/index.html missing): run \`npm run build -w @oauth-inspector/sample-spa\`.`,
    );
    (error as Error & { code: string }).code = 'SPA_NOT_BUILT';
    throw error;
  }
}

export async function startSpaServer(config: SpaServerConfig): Promise<SpaServer> {
  const distDir = resolve(config.distDir ?? DEFAULT_DIST_DIR);
  await assertSpaBuilt(distDir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://spa.invalid').pathname);
    const spaConfig = config.getConfig();
    // The bundle may only talk to its own server, the authorization server and the API.
    const connect = [
      ...new Set([new URL(spaConfig.oauth.authority).origin, new URL(spaConfig.app.apiBaseUrl).origin]),
    ].join(' ');
    const headers = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (path === SPA_CONFIG_PATH) {
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(spaConfig, null, 2));
      return;
    }
    // Paths without a file extension are SPA routes (deep links, /callback): serve index.html.
    const file = extname(path) ? normalize(join(distDir, path)) : join(distDir, config.getPage?.() ?? 'index.html');
    if (!file.startsWith(distDir)) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    readFile(file).then(
      (body) => {
        const immutable = file.includes(`${join(distDir, 'assets')}`);
        res.writeHead(200, {
          ...headers,
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      },
    );
  });
  const listening = await listen(server, config);
  return { url: listening.url, close: listening.close };
}
