// The inspector on a live feed: token handling, connection state, scenario switching, and a disconnect mid-session
// (exchanges kept, reconnect with backoff, resync from history without duplicates, a new session id starts over).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Exchange, FeedMessage } from '@oauth-inspector/core';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';
import { sampleFlow } from '../inspector/testing/sample-flow.ts';

const TOKEN = 'run-token-123';
let server: StaticServer;
let browser: LaunchedBrowser;
let feed: WebSocketServer;
const sockets: WebSocket[] = [];
const received: string[] = [];
let onConnect: (socket: WebSocket) => void = () => undefined;

beforeAll(async () => {
  ensureBuilt();
  server = await serveDist();
  feed = new WebSocketServer({ noServer: true });
  server.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname !== '/feed' || url.searchParams.get('token') !== TOKEN) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    feed.handleUpgrade(request, socket, head, (ws) => {
      sockets.push(ws);
      ws.on('message', (data) => received.push(String(data)));
      onConnect(ws);
    });
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  feed?.close();
  await browser?.close();
  await server?.close();
});

const send = (ws: WebSocket, message: FeedMessage) => ws.send(JSON.stringify(message));
const session = (id: string) => ({ id, name: `session ${id}`, startedDateTime: '2026-01-01T10:00:00.000Z' });
const world = {
  scenario: 'happy-path',
  scenarios: [
    { id: 'happy-path', title: 'Happy path' },
    { id: 'invalid-scope', title: 'Invalid scope' },
  ],
  urls: [],
};

describe('inspector live feed', () => {
  it('connects with the URL token, keeps exchanges through a disconnect, and resyncs from history', async () => {
    const flow: Exchange[] = sampleFlow({ idPrefix: 'live-' });
    let connections = 0;
    onConnect = (ws) => {
      connections += 1;
      send(ws, { type: 'hello', protocol: 1, session: session('s1'), sampleWorld: world });
      if (connections === 1) {
        send(ws, { type: 'history', sessionId: 's1', exchanges: flow.slice(0, 3) });
        send(ws, { type: 'exchange-started', exchange: { ...flow[3]!, _state: 'pending' } });
        send(ws, { type: 'exchange-completed', exchange: flow[3]! });
      } else {
        send(ws, { type: 'history', sessionId: 's1', exchanges: flow.slice(0, 6) });
      }
    };
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?token=${TOKEN}#view=exchanges`);
    const state = page.locator('[data-testid=connection-state]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('open');
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem('oauth-inspector.token'))).toBe(TOKEN);
    const rows = page.locator('[data-testid=exchange-row]');
    await expect.poll(() => rows.count()).toBe(4);

    await page.locator('[data-testid=scenario]').selectOption('invalid-scope');
    await expect
      .poll(() => received.map((m) => JSON.parse(m) as { type: string; scenario?: string }))
      .toContainEqual({ type: 'set-scenario', scenario: 'invalid-scope' });

    sockets[0]!.terminate();
    await expect.poll(() => state.getAttribute('data-state')).toBe('reconnecting');
    expect(await rows.count()).toBe(4);
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    await expect.poll(() => rows.count()).toBe(6);
    expect(await page.locator('[data-testid=exchange-row][data-exchange-id="live-0"]').count()).toBe(1);

    // The proxy restarted: a new session id means the old exchanges belong to another session.
    onConnect = (ws) => {
      send(ws, { type: 'hello', protocol: 1, session: session('s2') });
      send(ws, { type: 'history', sessionId: 's2', exchanges: flow.slice(0, 1) });
    };
    sockets[1]!.terminate();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });

  it('shows a refused feed (wrong token) as reconnecting, then says what to do, and leaves the page usable', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?token=wrong`);
    await expect
      .poll(() => page.locator('[data-testid=connection-state]').getAttribute('data-state'))
      .toBe('reconnecting');
    expect(await page.locator('[data-testid=empty-state]').count()).toBe(1);
    await expect
      .poll(() => page.locator('[data-testid=notice]').textContent(), { timeout: 10_000 })
      .toContain('open the Inspector URL the proxy printed');
    await page.close();
  });

  it('tells a visitor without the feed token how to connect', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/#view=exchanges`);
    await expect
      .poll(() => page.locator('[data-testid=not-connected]').textContent())
      .toContain('open the Inspector URL');
    expect(await page.locator('[data-testid=connection-state]').count()).toBe(0);
    await page.close();
  });

  it('shows hostile text from the feed (session name, scenario titles, notices, error ids) as text, running none of it', async () => {
    const payload = `<img src=x onerror="window.__pwned=1">`;
    const flow: Exchange[] = sampleFlow({ idPrefix: 'hostile-' });
    onConnect = (ws) => {
      send(ws, {
        type: 'hello',
        protocol: 1,
        session: { ...session('s9'), name: `evil ${payload}` },
        sampleWorld: {
          scenario: 'x',
          scenarios: [
            { id: 'x', title: `scenario ${payload}` },
            { id: `y${payload}`, title: payload },
          ],
          urls: [],
        },
      });
      send(ws, { type: 'history', sessionId: 's9', exchanges: flow.slice(0, 2) });
      send(ws, { type: 'notice', level: 'warning', code: payload, message: `notice ${payload}` });
    };
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/?token=${TOKEN}#view=exchanges`);
    await expect.poll(() => page.locator('[data-testid=notice]').textContent()).toContain(`notice ${payload}`);
    expect(await page.locator('[data-testid=source]').textContent()).toContain(`evil ${payload}`);
    expect(await page.locator('[data-testid=scenario] option').allTextContents()).toContain(payload);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // No element was made from the payload, in the page or any component.
    expect(
      await page.evaluate(() => {
        let found = 0;
        const visit = (root: Document | ShadowRoot) => {
          for (const element of root.querySelectorAll('*')) {
            if (element.getAttribute('src') === 'x' || element.hasAttribute('onerror')) found++;
            if (element.shadowRoot) visit(element.shadowRoot);
          }
        };
        visit(document);
        return found;
      }),
    ).toBe(0);
    await page.close();
  });
});
