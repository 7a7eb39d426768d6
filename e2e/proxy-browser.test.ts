// End to end: the sample flow once more with Chromium using exactly `oauth-inspector browser`'s forward-proxy flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyBrowserFlags } from '@oauth-inspector/proxy';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { openApp, signIn, TEST_USER } from './support/sample-flows.ts';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';
import { startHttpsServer } from '@oauth-inspector/proxy/testing/servers.ts';

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  world = await startProxiedWorld();
  browser = await launchChromium({
    args: proxyBrowserFlags({ proxyUrl: world.stack.proxy.url, caSpkiSha256: world.stack.ca.spkiSha256 }),
  });
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('sample world through the forward proxy (oauth-inspector browser flags)', () => {
  it('signs in with every browser request going through the forward proxy', async () => {
    const page = await browser.context.newPage();
    await openApp(page, world.webOrigin);
    const shown = await signIn(page);
    expect(shown.userName).toBe(TEST_USER.name);
    await page.waitForTimeout(300);
    const exchanges = world.finished();
    const browserSide = exchanges.filter((e) => e._channel === 'browser');
    expect(browserSide.length).toBeGreaterThan(3);
    // Received as a forward proxy (absolute-form requests), not through the gateway the same port also serves.
    expect(exchanges.map((e) => e._via)).toEqual(exchanges.map(() => 'forward-proxy'));
    // Sent by Chromium as a proxy client: the user agent is the browser's, and the API's key download is back channel.
    expect(
      browserSide.every((e) =>
        /Mozilla\//.test(e.request.headers.find((h) => h.name.toLowerCase() === 'user-agent')?.value ?? ''),
      ),
    ).toBe(true);
    expect(exchanges.some((e) => e._channel === 'back-channel' && e.response.status === 200)).toBe(true);
    await page.close();
  });

  it('intercepts HTTPS for that profile alone: the page loads with no certificate error and the exchange is decrypted', async () => {
    const secure = await startHttpsServer(world.stack.ca, (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>secure</title><p data-testid="secure">hello over TLS</p>');
    });
    try {
      const page = await browser.context.newPage();
      const response = await page.goto(`${secure.origin}/secure-page`);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('[data-testid=secure]')).toBe('hello over TLS');
      await expect
        .poll(() => world.finished().find((e) => e.request.url.endsWith('/secure-page'))?.response.content.text)
        .toContain('hello over TLS');
      const exchange = world.finished().find((e) => e.request.url.endsWith('/secure-page'))!;
      expect(exchange.request.url.startsWith('https://')).toBe(true);
      expect(exchange._via).toBe('forward-proxy');
      await page.close();
    } finally {
      await secure.close();
    }
  });
});
