// End to end: after a real sign-in through the stack, lesson mode walks steps 1–20 one at a time, each step's text beside its message with the fields it talks about highlighted.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formParams, paramValue, type Exchange } from '@oauth-inspector/core';
import { startProxiedWorld, type ProxiedWorld } from '@oauth-inspector/proxy/testing/proxied-world.ts';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { openApp, signIn, TEST_USER } from './support/sample-flows.ts';
import { ensureBuilt } from '../inspector/testing/serve-dist.ts';

let world: ProxiedWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  world = await startProxiedWorld();
  browser = await launchChromium({ viewport: { width: 1500, height: 950 } });
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

function captured(predicate: (e: Exchange) => boolean): Exchange {
  const found = world.finished().find(predicate);
  if (!found) throw new Error('expected exchange was not captured');
  return found;
}

async function currentStep(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid=lesson-mode]').getAttribute('data-step'));
}

/** The highlighted field of that name in the message shown, with its note. */
function field(page: Page, name: string): Locator {
  return page.locator(`[data-testid=lesson-field][data-focused][data-name="${name}"]`).first();
}

async function walkTo(page: Page, step: number): Promise<void> {
  while ((await currentStep(page)) < step) {
    const before = await currentStep(page);
    await page.locator('[data-testid=lesson-next]').click();
    await expect.poll(() => currentStep(page)).toBe(before + 1);
  }
}

describe('lesson mode on the live stack', () => {
  it('walks steps 1–20 with next/previous and points at code_challenge, state, PKCE and the nonce', async () => {
    const inspector = await browser.context.newPage();
    await inspector.goto(world.stack.urls.find((u) => u.name === 'Inspector')!.url);
    const app = await browser.context.newPage();
    await openApp(app, world.webOrigin);
    expect((await signIn(app)).userName).toBe(TEST_USER.name);
    await expect
      .poll(() => inspector.locator('[data-testid=timeline-step][data-step="16"]').getAttribute('data-status'), {
        timeout: 20_000,
      })
      .toBe('seen');

    // Lesson mode is the default view, opened on step 1.
    await inspector.bringToFront();
    await inspector.locator('[data-testid=lesson-mode]').waitFor();
    expect(await inspector.locator('[data-testid=view-lesson]').getAttribute('aria-selected')).toBe('true');
    expect(await currentStep(inspector)).toBe(1);
    expect(await inspector.locator('[data-testid=lesson-prev]').isDisabled()).toBe(true);

    const authorization = captured((e) => new URL(e.request.url).searchParams.has('code_challenge'));
    const query = new URL(authorization.request.url).searchParams;
    await walkTo(inspector, 4);
    const challenge = field(inspector, 'code_challenge');
    expect(await challenge.textContent()).toContain(query.get('code_challenge')!);
    expect(await challenge.locator('[data-testid=field-note]').textContent()).toContain('hash of a secret');
    const state = field(inspector, 'state');
    expect(await state.textContent()).toContain(query.get('state')!);
    expect(await state.locator('[data-testid=field-note]').textContent()).toContain('expect back unchanged');
    expect(await state.locator('[data-testid=field-finding]').getAttribute('data-check-id')).toBe('state.present');
    expect(await state.locator('[data-testid=field-finding]').getAttribute('data-status')).toBe('pass');
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'lesson-mode-step-4-light.png') });

    // Step 9 has no message of its own: it shows the verifier → challenge computation of the check.
    const tokenRequest = captured(
      (e) => e.request.method === 'POST' && paramValue(formParams(e.request), 'grant_type') === 'authorization_code',
    );
    const verifier = paramValue(formParams(tokenRequest.request), 'code_verifier')!;
    await walkTo(inspector, 9);
    const computed = inspector.locator('[data-testid=lesson-computed][data-check-id="pkce.s256-matches"]');
    expect(await computed.getAttribute('data-status')).toBe('pass');
    const chain = (await computed.textContent()) ?? '';
    expect(chain).toContain(verifier);
    expect(chain).toContain(query.get('code_challenge')!);
    expect(await field(inspector, 'code_verifier').textContent()).toContain(verifier);
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'lesson-mode-step-9-light.png') });

    // Step 10 needs a scenario: it says so instead of showing nothing.
    await walkTo(inspector, 10);
    expect(await inspector.locator('[data-testid=lesson-hint]').textContent()).toContain('invalid-scope');
    // One click switches the live sample to that scenario (the header's menu follows); then back, for the steps after.
    const scenarioMenu = inspector.locator('[data-testid=scenario]');
    const before = await scenarioMenu.inputValue();
    await inspector.locator('[data-testid=lesson-switch-scenario]').click();
    await expect.poll(() => scenarioMenu.inputValue()).toBe('invalid-scope');
    // Once the sample runs it, the step offers no switch to what already runs.
    await expect.poll(() => inspector.locator('[data-testid=lesson-switch-scenario]').count()).toBe(0);
    await scenarioMenu.selectOption(before);
    await expect.poll(() => scenarioMenu.inputValue()).toBe(before);

    // Step 12: the ID token decoded from the token response, its nonce the one the SPA sent in step 4.
    await walkTo(inspector, 12);
    // The step open in lesson mode does not narrow what Export saves.
    expect((await inspector.locator('[data-testid=export]').textContent())?.trim()).toBe('Export HAR');
    const nonce = field(inspector, 'nonce');
    expect(await nonce.textContent()).toContain(query.get('nonce')!);
    expect(await nonce.locator('[data-testid=field-finding]').getAttribute('data-check-id')).toBe('nonce.matches');
    await inspector.locator('[data-testid=theme]').click();
    await nonce.scrollIntoViewIfNeeded();
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'lesson-mode-step-12-dark.png') });
    await inspector.locator('[data-testid=theme]').click();

    // On to 20 (19–20 say what to do: Expire Token), then back to 1 with Previous.
    await walkTo(inspector, 20);
    expect(await inspector.locator('[data-testid=lesson-next]').isDisabled()).toBe(true);
    expect(await inspector.locator('[data-testid=lesson-hint]').textContent()).toContain('Expire Token');
    for (let n = 19; n >= 1; n--) {
      await inspector.locator('[data-testid=lesson-prev]').click();
      await expect.poll(() => currentStep(inspector)).toBe(n);
    }

    // A step with several messages offers them one click away.
    await walkTo(inspector, 5);
    const tabs = inspector.locator('[data-testid=lesson-message-tab]');
    expect(await tabs.count()).toBeGreaterThan(1);
    const firstShown = await inspector.locator('[data-testid=lesson-message]').getAttribute('data-exchange-id');
    await tabs.nth(1).click();
    await expect
      .poll(() => inspector.locator('[data-testid=lesson-message]').getAttribute('data-exchange-id'))
      .not.toBe(firstShown);
    await app.close();
    await inspector.close();
  });
});
