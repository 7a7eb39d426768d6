// The live feed: a loopback WebSocket endpoint that checks the per-run token and Origin, then streams exchanges.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { streamHistory, type FeedHistory } from './feed-history.ts';
import {
  FEED_PROTOCOL_VERSION,
  FEED_TOKEN_PROTOCOL_PREFIX,
  parseFeedRequest,
  type Exchange,
  type FeedMessage,
  type FeedRequest,
  type SampleWorldInfo,
  type SessionInfo,
} from '@oauth-inspector/core';

export type { FeedHistory } from './feed-history.ts';

export interface FeedSource {
  session(): SessionInfo;
  /** The history window a connecting client starts from (LiveSession.history: the session's memory window). */
  history(): Promise<FeedHistory | readonly Exchange[]> | FeedHistory | readonly Exchange[];
  sampleWorld?(): SampleWorldInfo | undefined;
}

export interface FeedServerOptions {
  token: string;
  /** Origins allowed to connect (the inspector's own, plus e.g. a Vite dev server). */
  allowedOrigins: string[];
  /**
   * Host header values (lower-cased host:port) the upgrade may carry, as for every HTTP route of the inspector
   * server (DNS rebinding: a page on another name that resolves to 127.0.0.1). Read at each upgrade, so a set the
   * server fills once it listens works. Without it, Host is not checked.
   */
  allowedHosts?: ReadonlySet<string>;
  source: FeedSource;
  /** Handles set-scenario / reset-session; a thrown error becomes a `notice` to that client. */
  onRequest?: (request: FeedRequest) => Promise<void>;
  /** A client whose unsent data grows past this many bytes is dropped (it reconnects and resyncs). Default 8 MiB. */
  maxBufferedBytes?: number;
  path?: string;
}

export interface Feed {
  broadcast(message: FeedMessage): void;
  readonly clientCount: number;
  /** Clients dropped because they could not keep up. */
  readonly droppedClients: number;
  close(): Promise<void>;
}

/** Compares a presented token with the run's in constant time (the feed and the session routes). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function offeredProtocols(req: IncomingMessage): string[] {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

function refuse(socket: Duplex, status: Refusal[0], reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
}

type Refusal = [status: 401 | 403 | 404 | 421, reason: string];

/** Why an upgrade is refused, checked in this order; undefined when it may connect. */
function refusal(
  req: IncomingMessage,
  options: FeedServerOptions,
  allowedOrigins: ReadonlySet<string>,
): Refusal | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== (options.path ?? '/feed')) return [404, 'Not Found'];
  // DNS rebinding: a name this server does not answer for is refused before anything else (RFC 9110 §15.5.20).
  if (options.allowedHosts && !options.allowedHosts.has(String(req.headers.host ?? '').toLowerCase()))
    return [421, 'Misdirected Request'];
  const fromQuery = url.searchParams.get('token') ?? '';
  const fromProtocol =
    offeredProtocols(req)
      .find((p) => p.startsWith(FEED_TOKEN_PROTOCOL_PREFIX))
      ?.slice(FEED_TOKEN_PROTOCOL_PREFIX.length) ?? '';
  if (!sameToken(fromQuery || fromProtocol, options.token)) return [401, 'Unauthorized'];
  // Cross-site WebSocket hijacking: browsers always send Origin; only our own pages may read the feed.
  if (!allowedOrigins.has(String(req.headers.origin ?? '').toLowerCase())) return [403, 'Forbidden'];
  return undefined;
}

/** Runs one request from a client; what went wrong is told to that client alone. */
async function answer(text: string, options: FeedServerOptions, reply: (message: FeedMessage) => void): Promise<void> {
  const request = parseFeedRequest(text);
  if (!request) {
    reply({
      type: 'notice',
      level: 'warning',
      code: 'bad-request',
      message: 'The proxy did not understand that message.',
    });
    return;
  }
  try {
    await options.onRequest?.(request);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    reply({ type: 'notice', level: 'error', code: e.code ?? 'request-failed', message: e.message ?? String(err) });
  }
}

/** A source may still hand over exchanges (a test, a small fixed session): each becomes one line. */
function asHistory(value: FeedHistory | readonly Exchange[]): FeedHistory {
  if (!Array.isArray(value)) return value as FeedHistory;
  return { lines: value.map((exchange) => Buffer.from(JSON.stringify(exchange))), total: value.length };
}

/** The history to send, and the notices that go before it: history unreadable, or shorter than the session. */
async function historyFor(source: FeedSource): Promise<{ history: FeedHistory; notices: FeedMessage[] }> {
  try {
    const history = asHistory(await source.history());
    if (history.total <= history.lines.length) return { history, notices: [] };
    const message = `Showing the last ${history.lines.length} of ${history.total} exchanges of this session: export it (oauth-inspector sessions export) to see them all.`;
    return { history, notices: [{ type: 'notice', level: 'info', code: 'history-window', message }] };
  } catch (err) {
    // The journal was deleted or cannot be read: the live feed goes on, the client hears why its history is empty.
    const message = `The session's history could not be read (${(err as Error).message}); new exchanges will still appear.`;
    return {
      history: { lines: [], total: 0 },
      notices: [{ type: 'notice', level: 'error', code: 'history-unavailable', message }],
    };
  }
}

/** The server the upgrades are handed to: it takes no port of its own and small messages only. */
function feedSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Echo the token subprotocol so a browser that offered it accepts the connection (RFC 6455 §4.2.2).
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith(FEED_TOKEN_PROTOCOL_PREFIX)) ?? false,
  });
}

/** The first message a client gets: the protocol version, the session, and the sample world when one runs. */
function helloFor(source: FeedSource): Extract<FeedMessage, { type: 'hello' }> {
  const sampleWorld = source.sampleWorld?.();
  return {
    type: 'hello',
    protocol: FEED_PROTOCOL_VERSION,
    session: source.session(),
    ...(sampleWorld ? { sampleWorld } : {}),
  };
}

/** Attaches the feed to an HTTP server's upgrade event on `path` (default /feed). */
export function attachFeed(server: Server, options: FeedServerOptions): Feed {
  const limit = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const allowed = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  const wss = feedSocketServer();
  /** Messages held for a client while its history is being sent (a fragmented message cannot be interleaved). */
  const held = new Map<WebSocket, { messages: string[]; bytes: number }>();
  let dropped = 0;

  function drop(ws: WebSocket): void {
    // Too slow: never buffer without bound or slow the proxy; the client resyncs from history on reconnect.
    dropped++;
    held.delete(ws);
    ws.terminate();
  }

  /** Sends one message's JSON text (serialized once by the caller, however many clients get it). */
  function send(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    const hold = held.get(ws);
    if (hold) {
      hold.messages.push(text);
      hold.bytes += text.length;
      if (hold.bytes > limit) drop(ws);
      return;
    }
    if (ws.bufferedAmount > limit) return drop(ws);
    ws.send(text);
  }

  /** hello, then (held messages waiting) the history window, then what was held meanwhile, in order. */
  async function greet(ws: WebSocket): Promise<void> {
    const hello = helloFor(options.source);
    ws.send(JSON.stringify(hello));
    held.set(ws, { messages: [], bytes: 0 });
    const { history, notices } = await historyFor(options.source);
    for (const notice of notices) ws.send(JSON.stringify(notice));
    if (ws.readyState !== ws.OPEN || !(await streamHistory(ws, hello.session.id, history.lines)))
      return void held.delete(ws);
    const hold = held.get(ws);
    held.delete(ws);
    for (const text of hold?.messages ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = refusal(req, options, allowed);
    if (refused) return refuse(socket, ...refused);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', async (ws: WebSocket) => {
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => void answer(data.toString(), options, (message) => send(ws, JSON.stringify(message))));
    ws.on('close', () => held.delete(ws));
    await greet(ws);
  });

  return {
    broadcast(message) {
      if (wss.clients.size === 0) return;
      const text = JSON.stringify(message);
      for (const ws of wss.clients) send(ws, text);
    },
    get clientCount() {
      return wss.clients.size;
    },
    get droppedClients() {
      return dropped;
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
