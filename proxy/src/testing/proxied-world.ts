// Test helper: starts `oauth-inspector start`'s stack in-process for e2e tests (ephemeral ports, throwaway home) plus a feed client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parseFeedMessage, type Exchange, type FeedMessage } from '@oauth-inspector/core';
import { startStack, type Stack, type StackOptions } from '../stack.ts';

export interface ProxiedWorld {
  stack: Stack;
  webOrigin: string;
  /** Every message the feed sent to a client that connected right after start. */
  messages: FeedMessage[];
  finished(): Exchange[];
  close(): Promise<void>;
}

/** Optional start settings: a scenario other than `default`, a short access token lifetime. */
export type ProxiedWorldOptions = Pick<StackOptions, 'scenario' | 'accessTokenLifetimeSeconds'>;

export async function startProxiedWorld(options: ProxiedWorldOptions = {}): Promise<ProxiedWorld> {
  const home = await mkdtemp(join(tmpdir(), 'oi-e2e-proxy-'));
  const stack = await startStack({
    ...options,
    port: 0,
    inspectorPort: 0,
    sampleWorld: true,
    env: { OAUTH_INSPECTOR_HOME: home },
    log: () => undefined,
  });
  const messages: FeedMessage[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${stack.inspector!.port}/feed?token=${stack.token}`, {
    origin: `http://localhost:${stack.inspector!.port}`,
  });
  socket.on('message', (data) => {
    const message = parseFeedMessage(data.toString());
    if (message) messages.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    stack,
    webOrigin: stack.urls.find((u) => u.name === 'Sample app')!.url.replace(/\/$/, ''),
    messages,
    finished: () =>
      messages.flatMap((m) =>
        m.type === 'exchange-completed' || m.type === 'exchange-failed'
          ? [m.exchange]
          : m.type === 'history'
            ? m.exchanges
            : [],
      ),
    async close() {
      socket.close();
      await stack.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
