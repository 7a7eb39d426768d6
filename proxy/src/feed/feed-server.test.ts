// Tests for the live feed through the real stack: token and Origin checks, hello + history, live messages, scenarios.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_TOKEN_PROTOCOL_PREFIX, parseFeedMessage, type FeedMessage } from '@oauth-inspector/core';
import { bareFeed, collect, refusedStatus } from './feed-test-helpers.ts';
import { rawRequest, startHttpServer, type TestServer } from '../testing/servers.ts';
import { startStack, type Stack } from '../stack.ts';

let home: string;
let origin: TestServer;
let stack: Stack;

function feedUrl(query = `?token=${encodeURIComponent(stack.token)}`): string {
  return `ws://127.0.0.1:${stack.inspector!.port}/feed${query}`;
}

function ownOrigin(): string {
  return `http://localhost:${stack.inspector!.port}`;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-feed-'));
  origin = await startHttpServer((req, res) => res.end(`ok ${req.url}`));
  stack = await startStack({
    port: 0,
    inspectorPort: 0,
    env: { OAUTH_INSPECTOR_HOME: home },
    distDir: join(home, 'no-dist'),
    recordingsDir: join(home, 'recordings'),
  });
});

afterAll(async () => {
  await stack?.close();
  await origin?.close();
  await rm(home, { recursive: true, force: true });
});

describe('feed access', () => {
  it('refuses a client without the token (401)', async () => {
    expect(await refusedStatus(feedUrl(''), { origin: ownOrigin() })).toBe(401);
    expect(await refusedStatus(feedUrl('?token=wrong'), { origin: ownOrigin() })).toBe(401);
  });

  it('refuses a client from a foreign Origin even with the token (403)', async () => {
    expect(await refusedStatus(feedUrl(), { origin: 'http://evil.example' })).toBe(403);
    expect(await refusedStatus(feedUrl(), {})).toBe(403);
  });

  it('accepts the token as a subprotocol and echoes it', async () => {
    const { socket, messages } = await collect(
      feedUrl(''),
      { origin: ownOrigin(), protocols: [`${FEED_TOKEN_PROTOCOL_PREFIX}${stack.token}`] },
      2,
    );
    expect(socket.protocol).toBe(`${FEED_TOKEN_PROTOCOL_PREFIX}${stack.token}`);
    expect(messages[0]?.type).toBe('hello');
    socket.close();
  });
});

describe('feed content', () => {
  it('streams exchanges live, and a late client gets them as history', async () => {
    const early = await collect(feedUrl(), { origin: ownOrigin() }, 2);
    expect(early.messages.map((m) => m.type)).toEqual(['hello', 'history']);
    const live: FeedMessage[] = [];
    early.socket.on('message', (d) => live.push(parseFeedMessage(d.toString())!));
    for (const i of [1, 2, 3]) await rawRequest({ port: stack.proxy.port, path: `${origin.origin}/late/${i}` });
    await new Promise((r) => setTimeout(r, 100));
    expect(live.filter((m) => m.type === 'exchange-completed')).toHaveLength(3);
    expect(live.filter((m) => m.type === 'exchange-started')).toHaveLength(3);

    const late = await collect(feedUrl(), { origin: ownOrigin() }, 2);
    const [hello, history] = late.messages;
    expect(hello?.type === 'hello' && hello.session.id).toBe(stack.session.info.id);
    const urls = history?.type === 'history' ? history.exchanges.map((e) => new URL(e.request.url).pathname) : [];
    expect(urls.filter((p) => p.startsWith('/late/'))).toEqual(['/late/1', '/late/2', '/late/3']);
    early.socket.close();
    late.socket.close();
  });

  it('answers set-scenario with a notice when no sample world runs', async () => {
    const { socket } = await collect(feedUrl(), { origin: ownOrigin() }, 2);
    const reply = new Promise<FeedMessage>((resolve) =>
      socket.once('message', (d) => resolve(parseFeedMessage(d.toString())!)),
    );
    socket.send(JSON.stringify({ type: 'set-scenario', scenario: 'x' }));
    expect(await reply).toMatchObject({ type: 'notice', level: 'error', code: 'no-sample-world' });
    socket.close();
  });

  it('starts a new session on reset-session and tells every client', async () => {
    const { socket } = await collect(feedUrl(), { origin: ownOrigin() }, 2);
    const before = stack.session.info.id;
    const reply = new Promise<FeedMessage>((resolve) =>
      socket.once('message', (d) => resolve(parseFeedMessage(d.toString())!)),
    );
    socket.send(JSON.stringify({ type: 'reset-session', name: 'second' }));
    const message = await reply;
    expect(message.type).toBe('session-reset');
    expect(message.type === 'session-reset' && message.session.name).toBe('second');
    expect(stack.session.info.id).not.toBe(before);
    socket.close();
  });
});

describe('slow clients', () => {
  it('drops a client that stops reading instead of buffering without bound', async () => {
    const bare = await bareFeed({ maxBufferedBytes: 256 * 1024 });
    const { feed } = bare;
    const { socket } = await bare.connect(2);
    // Stop reading: the kernel buffers fill, then the server's bufferedAmount grows.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 2000 && feed.clientCount > 0; i++) {
      feed.broadcast({ type: 'notice', level: 'info', code: 'filler', message: big });
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(feed.droppedClients).toBe(1);
    expect(feed.clientCount).toBe(0);
    socket.terminate();
    await bare.close();
  });

  it('keeps serving a client whose history cannot be read, and tells it why', async () => {
    const bare = await bareFeed({
      history: async () => {
        throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
      },
    });
    const { messages, socket } = await bare.connect(3);
    expect(messages.map((m) => m.type)).toEqual(['hello', 'notice', 'history']);
    expect(messages[1]).toMatchObject({ level: 'error', code: 'history-unavailable' });
    expect(messages[2]).toMatchObject({ type: 'history', exchanges: [] });
    expect(bare.feed.clientCount).toBe(1);
    socket.terminate();
    await bare.close();
  });
});
