// End to end: a plain Chromium (no proxy settings) opens the sample app at the gateway URL; the feed shows both channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { expireTokenAndReload, openApp, signIn, TEST_USER, waitForData } from './support/sample-flows.ts';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  world = await startProxiedWorld();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('sample world through the gateway', () => {
  it('signs in through the gateway and the feed shows the browser flow and the API’s JWKS download', async () => {
    const page = await browser.context.newPage();
    await openApp(page, world.webOrigin);
    const shown = await signIn(page);
    expect(shown.userName).toBe(TEST_USER.name);
    expect(shown.items).toHaveLength(2);
    await expireTokenAndReload(page);
    expect((await waitForData(page)).userName).toBe(TEST_USER.name);
    await page.waitForTimeout(300);
    const exchanges = world.finished();
    const jwks = exchanges.find(
      (e) => e._channel === 'back-channel' && /jwks|certs|keys/.test(new URL(e.request.url).pathname),
    );
    expect(jwks, exchanges.map((e) => `${e._channel} ${e.request.url}`).join('\n')).toBeDefined();
    expect(jwks!.response.status).toBe(200);
    expect(jwks!.response.content.text).toContain('"keys"');
    const hosts = new Set(
      exchanges.filter((e) => e._channel === 'browser').map((e) => new URL(e.request.url).hostname),
    );
    expect([...hosts].sort()).toEqual(['api.localhost', 'login.localhost', 'web.localhost']);
    // The browser needed no proxy setting: everything it sent came in through the gateway; the API's own calls
    // went out through the forward proxy.
    expect(exchanges.filter((e) => e._channel === 'browser').every((e) => e._via === 'gateway')).toBe(true);
    expect(jwks!._via).toBe('forward-proxy');
    expect(
      exchanges.some((e) => e._channel === 'browser' && new URL(e.request.url).searchParams.has('code_challenge')),
    ).toBe(true);
    await page.close();
  });
});
