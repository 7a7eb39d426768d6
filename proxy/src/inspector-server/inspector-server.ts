// The inspector's HTTP server on loopback: the built app under a strict CSP, bundled recordings, and the feed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '@oauth-inspector/http-listen';
import { assertPortFree } from '../port-check.ts';
import { attachFeed, type Feed, type FeedServerOptions } from '../feed/feed-server.ts';
import { serveApp, serveRecordings } from './static-routes.ts';
import { serveSessions, type SessionRoutesOptions } from './session-routes.ts';

export { listRecordings, type RecordingEntry } from './static-routes.ts';

export const INSPECTOR_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface InspectorServerOptions extends Omit<FeedServerOptions, 'allowedOrigins' | 'allowedHosts'> {
  port?: number;
  host?: string;
  /** inspector/dist */
  distDir: string;
  /** lessons/recordings */
  recordingsDir: string;
  /** Origins allowed on the feed besides the server's own (e.g. `http://localhost:5173` for vite dev). */
  extraOrigins?: string[];
  /** The journaled sessions the session picker lists and opens; absent: the routes answer 404. */
  sessions?: SessionRoutesOptions;
}

export interface InspectorServer {
  port: number;
  /** The page to open, with the feed token. */
  url: string;
  feed: Feed;
  close(): Promise<void>;
}

/**
 * Every answer gets the CSP and nosniff; a Host this server does not answer to gets 421 (a defence against DNS
 * rebinding, RFC 9110 §15.5.20); only GET and HEAD are served.
 */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: InspectorServerOptions,
  allowedHosts: ReadonlySet<string>,
  allowedOrigins: ReadonlySet<string>,
): Promise<void> {
  res.setHeader('content-security-policy', INSPECTOR_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  if (!allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
    res
      .writeHead(421, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The inspector answers only at localhost or 127.0.0.1.\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const guard = { token: options.token, origins: allowedOrigins };
  if (await serveSessions(req, res, pathname, guard, options.sessions)) return;
  if (pathname.startsWith('/recordings/')) return serveRecordings(req, res, pathname, options.recordingsDir);
  return serveApp(req, res, pathname, options.distDir);
}

/** The lower-case host:port of each origin; an unusable --allow-origin is reported by the feed and adds no host. */
function hostsOf(origins: string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      return [new URL(origin).host.toLowerCase()];
    } catch {
      return [];
    }
  });
}

export async function startInspectorServer(options: InspectorServerOptions): Promise<InspectorServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8081;
  await assertPortFree(host, port, '--inspector-port');

  // Filled once the port is known: the Host names this server (and its feed) answers to.
  const allowedHosts = new Set<string>();
  const origins = new Set<string>();
  const server = createServer((req, res) => {
    handle(req, res, options, allowedHosts, origins).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const listening = await listen(server, { host, port });
  const allowedOrigins = [
    `http://localhost:${listening.port}`,
    `http://127.0.0.1:${listening.port}`,
    ...(options.extraOrigins ?? []),
  ];
  for (const name of hostsOf(allowedOrigins)) allowedHosts.add(name);
  for (const origin of allowedOrigins) origins.add(origin.toLowerCase());
  const feed = attachFeed(server, { ...options, allowedOrigins, allowedHosts });
  return {
    port: listening.port,
    url: `http://localhost:${listening.port}/?token=${encodeURIComponent(options.token)}`,
    feed,
    async close() {
      await feed.close();
      await listening.close();
    },
  };
}
