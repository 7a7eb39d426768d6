// An exchange in flight when the session is reset belongs to the session it started in: its journal, its numbers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedMessage, type FeedMessage } from '@oauth-inspector/core';
import { collect } from '../feed/feed-test-helpers.ts';
import { rawRequest, startHttpServer, type TestServer } from '../testing/servers.ts';
import { startStack, type Stack } from '../stack.ts';
import { readJournal } from './journal-read.ts';
import { getSession } from './session-store.ts';

let home: string;
let origin: TestServer;
let stack: Stack;
let release: () => void = () => undefined;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-reset-'));
  origin = await startHttpServer((req, res) => {
    if (req.url === '/slow') release = () => res.end('slow done');
    else res.end(`ok ${req.url}`);
  });
  stack = await startStack({
    port: 0,
    inspectorPort: 0,
    dataDir: join(home, 'data'),
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

describe('a session reset while an exchange is in flight', () => {
  it('journals the late exchange in the old session, keeps the new one’s numbers its own, and tells no client', async () => {
    const feed = await collect(
      `ws://127.0.0.1:${stack.inspector!.port}/feed?token=${encodeURIComponent(stack.token)}`,
      { origin: `http://localhost:${stack.inspector!.port}` },
      2,
    );
    const seen: FeedMessage[] = [];
    feed.socket.on('message', (d) => seen.push(parseFeedMessage(d.toString())!));
    await rawRequest({ port: stack.proxy.port, path: `${origin.origin}/first` });
    const slow = rawRequest({ port: stack.proxy.port, path: `${origin.origin}/slow` });
    await expect
      .poll(() => seen.some((m) => m.type === 'exchange-started' && m.exchange.request.url.endsWith('/slow')))
      .toBe(true);
    const old = stack.session.info.id;
    feed.socket.send(JSON.stringify({ type: 'reset-session', name: 'after the reset' }));
    await expect.poll(() => seen.some((m) => m.type === 'session-reset')).toBe(true);
    release();
    await slow;
    await rawRequest({ port: stack.proxy.port, path: `${origin.origin}/after` });
    await stack.session.flushed();

    const paths = (xs: { request: { url: string }; _seq: number }[]) =>
      xs.map((x) => [new URL(x.request.url).pathname, x._seq]);
    expect(paths(await readJournal((await getSession(join(home, 'data'), old)).journalPath))).toEqual([
      ['/first', 0],
      ['/slow', 1],
    ]);
    expect(paths(await readJournal(stack.session.journalPath))).toEqual([['/after', 0]]);
    expect(stack.session.exchangeCount).toBe(1);
    const reset = seen.findIndex((m) => m.type === 'session-reset');
    const completedAfter = seen
      .slice(reset)
      .flatMap((m) => (m.type === 'exchange-completed' ? [new URL(m.exchange.request.url).pathname] : []));
    expect(completedAfter).toEqual(['/after']);
    feed.socket.close();
  });
});
