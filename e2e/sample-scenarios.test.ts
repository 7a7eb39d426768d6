// End to end: headless Chromium in the scenarios that rehearse steps 10, 16 and 18 (error page, key cache, 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { openApp, signIn } from './support/sample-flows.ts';
import { startStandalone, type StandaloneWorld } from './support/start-standalone.ts';

let stack: StandaloneWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  stack = await startStandalone();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The SPA's answers to its requests for one item by id, once `count` are shown. */
async function itemResults(page: Page, count: number): Promise<{ status: string; text: string }[]> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="item-result"]').length >= n, count, {
    timeout: 20_000,
  });
  return page.$$eval('[data-testid="item-result"]', (items) =>
    items.map((li) => ({ status: (li as HTMLElement).dataset.status ?? '', text: li.textContent ?? '' })),
  );
}

describe('sample world scenarios (standalone, fresh browser profile per test)', () => {
  it.each([
    ['unknown-client', 'invalid_client'],
    ['unregistered-redirect-uri', 'invalid_redirect_uri'],
  ] as const)(
    '%s: the authorization server shows its error page and sends nothing back to the SPA',
    async (id, code) => {
      await stack.world.setScenario(id);
      const context = await browser.browser.newContext();
      const page = await context.newPage();
      const refused = page.waitForResponse((r) => new URL(r.url()).searchParams.has('response_type'));
      await openApp(page, stack.origins.web);
      const response = await refused;
      expect(response.status()).toBe(400);
      expect(response.headers().location).toBeUndefined();
      expect(await page.textContent('[data-testid="op-error"]')).toBe(code);
      expect(new URL(page.url()).origin).toBe(stack.origins.login);
      await context.close();
    },
  );

  it("other-users-item: signed in as Alice, the SPA's request for Bob's item b-1 gets 404, her own a-2 200", async () => {
    await stack.world.setScenario('other-users-item');
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    await openApp(page, stack.origins.web);
    await signIn(page);
    expect(await itemResults(page, 1)).toEqual([{ status: '404', text: 'b-1: 404 No such item' }]);
    // Any id can be asked for by hand; her own item is served.
    await page.fill('[data-testid="item-id"]', 'a-2');
    await page.click('[data-testid="load-item"]');
    expect((await itemResults(page, 2))[1]).toEqual({ status: '200', text: 'a-2: Travel booking (Berlin, 3 nights)' });
    await context.close();
  });

  it('jwks-cache: three API calls are served with one key download', async () => {
    await stack.world.setScenario('jwks-cache');
    const before = stack.logEntries().length;
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    await openApp(page, stack.origins.web);
    await signIn(page);
    const results = await itemResults(page, 2);
    expect(results.map((r) => r.status)).toEqual(['200', '200']);
    const since = stack.logEntries().slice(before);
    const served = since.filter((e) => e.type === 'request' && e.preflight !== true && e.status === 200);
    expect(served).toHaveLength(3);
    expect(since.filter((e) => e.type === 'back-channel' && e.call === 'jwks')).toHaveLength(1);
    await context.close();
  });
});
