// End to end in the legacy scenario: headless Chromium runs seed 000's design through the proxy, and the inspector sees all 16 steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formParams, paramValue, type Exchange } from '@oauth-inspector/core';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { countAuthorizationRequests, openApp, signIn } from './support/sample-flows.ts';
import { reloadUntilError, signInWithUnknownScope, waitForExpiryAndReload } from './support/legacy-flows.ts';
import { ensureBuilt } from '../inspector/testing/serve-dist.ts';

/** Long enough to sign in and rehearse steps 8 and 13, short enough to wait for step 16. */
const LIFETIME_SECONDS = 15;

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  world = await startProxiedWorld({ scenario: 'legacy', accessTokenLifetimeSeconds: LIFETIME_SECONDS });
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

async function stepStatuses(inspector: Page): Promise<Record<number, string>> {
  return inspector
    .locator('[data-testid=timeline-step]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [Number(el.getAttribute('data-step')), el.getAttribute('data-status') ?? ''])),
    );
}

/** The exchanges the inspector lists for one step, as the proxy captured them. */
async function exchangesOfStep(inspector: Page, n: number): Promise<Exchange[]> {
  await inspector.locator(`[data-testid=timeline-step][data-step="${n}"]`).click();
  const rows = inspector.locator('[data-testid=exchange-row]');
  await expect.poll(() => rows.count(), { message: `step ${n}` }).toBeGreaterThan(0);
  const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-exchange-id') ?? ''));
  const captured = world.finished();
  return ids.map((id) => captured.find((e) => e._id === id)!).filter(Boolean);
}

const header = (headers: { name: string; value: string }[], name: string) =>
  headers.find((h) => h.name.toLowerCase() === name)?.value;

describe('the legacy scenario, live through the proxy', () => {
  it('shows all 16 steps of the legacy track from their own exchanges: the 401 before login, the token in the fragment, active: false after expiry', async () => {
    const inspector = await browser.context.newPage();
    await inspector.goto(`${world.stack.urls.find((u) => u.name === 'Inspector')!.url}#view=exchanges`);
    await inspector.locator('select[aria-label="Lesson track"]').selectOption('implicit-and-introspection');

    const app = await browser.context.newPage();
    const logins = countAuthorizationRequests(app);
    await openApp(app, world.webOrigin);
    expect((await signIn(app)).items.length).toBeGreaterThan(0);
    expect((await signInWithUnknownScope(app)).code).toBe('invalid_scope');
    await world.stack.sampleWorld!.setScenario('bad-introspection-secret');
    expect((await reloadUntilError(app)).status).toBe('500');
    await world.stack.sampleWorld!.setScenario('legacy');
    expect((await waitForExpiryAndReload(app, LIFETIME_SECONDS)).items.length).toBeGreaterThan(0);
    // One login, one rehearsed failure, one renewal after expiry: no loop anywhere.
    expect(logins.count).toBe(3);

    await expect
      .poll(async () => Object.values(await stepStatuses(inspector)).filter((s) => s === 'seen').length, {
        timeout: 20_000,
      })
      .toBe(16);

    const [preflight, noToken] = await exchangesOfStep(inspector, 2);
    expect(preflight!.request.method).toBe('OPTIONS');
    expect(noToken!.response.status).toBe(401);
    expect(header(noToken!.request.headers, 'authorization')).toBeUndefined();
    expect(noToken!.response.content.text).toContain('No access token was supplied');

    const [implicitRequest] = await exchangesOfStep(inspector, 4);
    expect(new URL(implicitRequest!.request.url).searchParams.get('response_type')).toBe('id_token token');

    const [redirect] = await exchangesOfStep(inspector, 7);
    const fragment = new URLSearchParams(new URL(header(redirect!.response.headers, 'location')!).hash.slice(1));
    expect(fragment.get('access_token')).toBeTruthy();
    expect(fragment.get('expires_in')).toBe(String(LIFETIME_SECONDS));

    const [inactive] = await exchangesOfStep(inspector, 16);
    expect(JSON.parse(inactive!.response.content.text ?? '{}')).toEqual({ active: false });
    expect(paramValue(formParams(inactive!.request), 'token')).toBe(fragment.get('access_token'));

    await app.close();
    await inspector.close();
  }, 120_000);
});
