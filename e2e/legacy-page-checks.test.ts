// The legacy page in headless Chromium refuses a forged state and a replayed ID token, as a real implicit client must, and never loops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { countAuthorizationRequests, openApp, readErrorPanel, signIn } from './support/sample-flows.ts';

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  world = await startProxiedWorld({ scenario: 'legacy' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

/** The fragment of the first implicit redirect the proxy captured. */
function firstFragment(): URLSearchParams {
  const redirect = world
    .finished()
    .map((e) => e.response.headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? '')
    .find((location) => /#(.*&)?access_token=/.test(location));
  return new URLSearchParams(new URL(redirect!).hash.slice(1));
}

/**
 * Answers the page's next authorization request itself, with a fragment built from the request's own state, then
 * drops the stored token and reloads the page, so that its call without a token gets a 401 and it signs in.
 */
async function nextLoginAnswers(page: Page, fragment: (state: string) => URLSearchParams): Promise<void> {
  await page.route(
    (url) => url.searchParams.has('response_type') && url.searchParams.has('client_id'),
    (route) => {
      const state = new URL(route.request().url()).searchParams.get('state') ?? '';
      return route.fulfill({ status: 302, headers: { location: `${world.webOrigin}/callback#${fragment(state)}` } });
    },
    { times: 1 },
  );
  await page.evaluate(() => sessionStorage.removeItem('legacy-spa.session'));
  await page.reload();
}

const storedToken = (page: Page) => page.evaluate(() => sessionStorage.getItem('legacy-spa.session'));

describe('the legacy page checks the fragment', () => {
  it('refuses a replayed ID token (nonce) and a forged state, keeps no token, and does not sign in again', async () => {
    const app = await browser.context.newPage();
    await openApp(app, world.webOrigin);
    await signIn(app);
    const old = firstFragment();
    const logins = countAuthorizationRequests(app);

    // The tokens of the first login, replayed into a new one with its own state: the ID token's nonce is not this login's.
    await nextLoginAnswers(app, (state) => new URLSearchParams({ ...Object.fromEntries(old), state }));
    const replay = await readErrorPanel(app);
    expect([replay.area, replay.code]).toEqual(['Login', 'invalid_id_token']);
    expect(replay.details).toContain('nonce');
    expect(await storedToken(app)).toBeNull();

    // A response whose state is not the one the page sent is refused before anything in it is believed.
    await nextLoginAnswers(app, () => new URLSearchParams({ ...Object.fromEntries(old), state: 'forged' }));
    expect((await readErrorPanel(app)).code).toBe('state_mismatch');
    expect(await storedToken(app)).toBeNull();

    await app.waitForTimeout(1000);
    expect(logins.count).toBe(2);
    await app.close();
  });
});
