// Test helpers for the feed: a WebSocket client that collects messages, a refusal probe, a feed on a bare HTTP server.
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { parseFeedMessage, type FeedMessage } from '@oauth-inspector/core';
import { attachFeed, type FeedHistory, type FeedSource } from './feed-server.ts';

/** Connects and collects messages; resolves once `count` messages arrived. */
export function collect(
  url: string,
  options: WebSocket.ClientOptions & { protocols?: string[] },
  count: number,
): Promise<{ messages: FeedMessage[]; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], options);
    const messages: FeedMessage[] = [];
    socket.on('message', (data) => {
      const message = parseFeedMessage(data.toString());
      if (message) messages.push(message);
      if (messages.length >= count) resolve({ messages, socket });
    });
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

/** The status of a refused upgrade (rejects if the connection was accepted). */
export function refusedStatus(url: string, options: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => reject(new Error('connection was accepted')));
    socket.on('error', () => undefined);
  });
}

export interface BareFeedOptions {
  maxBufferedBytes?: number;
  history?: FeedSource['history'];
  allowedHosts?: ReadonlySet<string>;
}

/** A feed on a real HTTP server on 127.0.0.1 (no stack), for clients from origin http://localhost:1 with token "t". */
export async function bareFeed(options: BareFeedOptions = {}) {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const empty: FeedHistory = { lines: [], total: 0 };
  const feed = attachFeed(server, {
    token: 't',
    allowedOrigins: ['http://localhost:1'],
    ...(options.maxBufferedBytes ? { maxBufferedBytes: options.maxBufferedBytes } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    source: { session: () => ({ id: 's', name: 's', startedDateTime: '' }), history: options.history ?? (() => empty) },
  });
  return {
    feed,
    port,
    url: `ws://127.0.0.1:${port}/feed?token=t`,
    connect: (count: number, headers: Record<string, string> = {}) =>
      collect(`ws://127.0.0.1:${port}/feed?token=t`, { origin: 'http://localhost:1', headers }, count),
    async close() {
      await feed.close();
      server.close();
    },
  };
}
