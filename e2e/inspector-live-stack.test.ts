// End to end with the whole stack: a learner signs in to the sample app while the inspector, fed live by the proxy, fills the lesson timeline.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formParams, paramValue, type Exchange } from '@oauth-inspector/core';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { expireTokenAndReload, openApp, signIn, TEST_USER, waitForData } from './support/sample-flows.ts';
import { ensureBuilt } from '../inspector/testing/serve-dist.ts';

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  world = await startProxiedWorld();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

function inspectorUrl(): string {
  return world.stack.urls.find((u) => u.name === 'Inspector')!.url;
}

async function stepStatuses(inspector: Page): Promise<Record<number, string>> {
  return inspector
    .locator('[data-testid=timeline-step]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [Number(el.getAttribute('data-step')), el.getAttribute('data-status') ?? ''])),
    );
}

/** Steps with no message of their own: explained from the step they follow, never marked seen. */
const EXPLAINED = new Set([2, 9, 11, 12, 14]);
const expectedStatus = (n: number) => (EXPLAINED.has(n) ? 'explained' : 'seen');

async function waitForSteps(inspector: Page, steps: number[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const statuses = await stepStatuses(inspector);
        return steps.filter((n) => statuses[n] !== expectedStatus(n));
      },
      { timeout: 20_000 },
    )
    .toEqual([]);
}

/** The first captured exchange matching a predicate, as the proxy fed it. */
function captured(predicate: (e: Exchange) => boolean): Exchange {
  const found = world.finished().find(predicate);
  if (!found) throw new Error('expected exchange was not captured');
  return found;
}

describe('inspector on the live stack', () => {
  it('fills steps 1–20 as the learner signs in, passes PKCE and state with their values, and shows expiry as steps 19–20', async () => {
    const inspector = await browser.context.newPage();
    await inspector.goto(`${inspectorUrl()}#view=exchanges`);
    await expect
      .poll(() => inspector.locator('[data-testid=connection-state]').getAttribute('data-state'))
      .toBe('open');

    const app = await browser.context.newPage();
    await openApp(app, world.webOrigin);
    expect((await signIn(app)).userName).toBe(TEST_USER.name);

    // Everything a first sign-in and API call show; 17 and 19–20 need an error, 10 needs the invalid-scope scenario.
    const firstSignIn = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18];
    await waitForSteps(inspector, firstSignIn);
    let statuses = await stepStatuses(inspector);
    expect([statuses[19], statuses[20]]).toEqual(['not-seen', 'not-seen']);

    // Each step with a message of its own lists its exchanges when selected.
    for (const n of [1, 4, 8, 15]) {
      await inspector.locator(`[data-testid=timeline-step][data-step="${n}"]`).click();
      await expect
        .poll(() => inspector.locator('[data-testid=exchange-row]').count(), { message: `step ${n}` })
        .toBeGreaterThan(0);
    }
    await inspector.locator('[data-testid=timeline-step][data-step="8"]').click();
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'live-timeline.png') });
    await inspector.locator('[data-testid=filter-step]').selectOption('');

    // PKCE (RFC 7636 §4.6): the inspector recomputes the challenge from the verifier the SPA really sent.
    const tokenRequest = captured(
      (e) => e.request.method === 'POST' && paramValue(formParams(e.request), 'grant_type') === 'authorization_code',
    );
    const verifier = paramValue(formParams(tokenRequest.request), 'code_verifier')!;
    const authorization = captured((e) => new URL(e.request.url).searchParams.has('code_challenge'));
    const query = new URL(authorization.request.url).searchParams;
    await inspector.locator('[data-testid=view-checks]').click();
    // Passing checks are folded: open the PKCE group.
    await inspector.locator('[data-testid=check-group][data-check-id="pkce.s256-matches"] > summary').click();
    const pkce = inspector.locator('[data-testid=finding][data-check-id="pkce.s256-matches"]').first();
    await pkce.waitFor();
    expect(await pkce.getAttribute('data-status')).toBe('pass');
    const chain = (await pkce.locator('[data-testid=computed-chain]').textContent()) ?? '';
    expect(chain).toContain(verifier);
    expect(chain).toContain(query.get('code_challenge')!);
    await pkce.scrollIntoViewIfNeeded();
    await pkce.screenshot({ path: join(ARTIFACTS_DIR, 'live-pkce-check.png') });

    const state = inspector.locator('[data-testid=finding][data-check-id="state.echoed"]').first();
    expect(await state.getAttribute('data-status')).toBe('pass');
    expect(await state.textContent()).toContain(query.get('state')!);

    // Expire Token + Reload Data: the API's 401 and the silent re-login arrive as steps 19 and 20.
    await expireTokenAndReload(app);
    expect((await waitForData(app)).userName).toBe(TEST_USER.name);
    await waitForSteps(inspector, [17, 19, 20]);
    statuses = await stepStatuses(inspector);
    const expected = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [i + 1, i + 1 === 10 ? 'not-seen' : expectedStatus(i + 1)]),
    );
    expect(statuses).toEqual(expected);
    await inspector.locator('[data-testid=view-checks]').click();
    // The one failing finding is the altered token's signature (what the token is); the API's refusal of it passes.
    const failing = inspector.locator('[data-testid=finding][data-status=fail]');
    expect(await failing.evaluateAll((els) => els.map((el) => el.getAttribute('data-check-id')))).toEqual([
      'jwt.signature',
    ]);
    expect(
      await inspector
        .locator('[data-testid=finding][data-check-id="api.invalid-token-refused"][data-status=pass]')
        .count(),
    ).toBe(1);
    await inspector.locator('[data-testid=view-exchanges]').click();
    await inspector.locator('[data-testid=timeline-step][data-step="19"]').click();
    const rows = inspector.locator('[data-testid=exchange-row]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('401');
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'live-step-19.png') });
    await app.close();
    await inspector.close();
  });

  it('replays a bundled recording from the inspector server: Next reveals the exchanges one by one', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${inspectorUrl().replace('/?', '/?recording=happy-path&')}#view=exchanges`);
    await page.locator('[data-testid=replay-next]').waitFor();
    const rows = page.locator('[data-testid=exchange-row]');
    const total = Number((await page.locator('[data-testid=replay-position]').textContent())?.split('/')[1]);
    expect(total).toBeGreaterThan(20);
    expect(await rows.count()).toBe(0);
    for (let shown = 1; shown <= 5; shown++) {
      await page.locator('[data-testid=replay-next]').click();
      await expect.poll(() => rows.count()).toBe(shown);
      expect(await page.locator('[data-testid=replay-position]').textContent()).toBe(`${shown} / ${total}`);
    }
    await page.locator('[data-testid=replay-last]').click();
    await expect.poll(() => page.locator('[data-testid=row-count]').textContent()).toContain(`${total} of ${total}`);
    await expect
      .poll(() => page.locator('[data-testid=timeline-step][data-step="20"]').getAttribute('data-status'))
      .toBe('seen');
    await page.close();
  });

  it('offers the bundled recordings on an empty page and opens one in replay mode', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${inspectorUrl().replace(/\?token=.*$/, '')}#view=exchanges`);
    const links = page.locator('[data-testid=recording-link]');
    await expect
      .poll(() => links.evaluateAll((els) => els.map((el) => el.getAttribute('data-recording'))))
      .toEqual([
        'happy-path',
        'bad-introspection-secret',
        'bad-jwks-url',
        'introspection',
        'invalid-scope',
        'jwks-cache',
        'legacy-happy-path',
        'legacy-invalid-scope',
        'legacy-token-expiry',
        'legacy-wrong-introspection-secret',
        'other-users-item',
        'token-expiry',
        'unknown-client',
        'unregistered-redirect-uri',
        'wrong-audience',
      ]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-empty-state.png') });
    await page.locator('[data-testid=recording-link][data-recording=invalid-scope]').click();
    await page.locator('[data-testid=replay-last]').click();
    await expect
      .poll(() => page.locator('[data-testid=timeline-step][data-step="10"]').getAttribute('data-status'))
      .toBe('seen');
    expect(new URL(page.url()).searchParams.get('recording')).toBe('invalid-scope');
    await page.locator('[data-testid=recording-picker]').selectOption('happy-path');
    await expect.poll(() => page.locator('[data-testid=source]').textContent()).toContain('happy-path');
    await page.close();
  });
});
