// End to end: headless Chromium drives the standalone sample world through the article's steps and rehearsals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import {
  countAuthorizationRequests,
  expireTokenAndReload,
  openApp,
  readErrorPanel,
  signIn,
  signOut,
  TEST_USER,
  waitForData,
} from './support/sample-flows.ts';
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

describe('sample world (standalone, three origins)', () => {
  it('signs in, shows data and signs in again silently exactly once after Expire Token', async () => {
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web, '/items?view=all');
    await page.waitForSelector('[data-testid="login-username"]');
    expect(new URL(page.url()).origin).toBe(stack.origins.login);
    const shown = await signIn(page);
    expect(shown.userName).toBe(TEST_USER.name);
    expect(shown.items).toEqual(['Quarterly report (Draft for review)', 'Travel booking (Berlin, 3 nights)']);
    // The deep link the user started on is restored after the login.
    expect(page.url()).toBe(`${stack.origins.web}/items?view=all`);

    const logins = countAuthorizationRequests(page);
    const loginPages: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('/interaction/')) loginPages.push(frame.url());
    });
    const before = stack.logEntries().length;
    await expireTokenAndReload(page);
    const again = await waitForData(page);
    expect(again.userName).toBe(TEST_USER.name);
    expect(again.items).toHaveLength(2);
    await page.waitForTimeout(300);
    expect(logins.count).toBe(1);
    expect(loginPages).toEqual([]);
    const statuses = stack
      .logEntries()
      .slice(before)
      .filter((e) => e.type === 'request' && e.preflight !== true)
      .map((e) => e.status);
    expect(statuses).toEqual([401, 200]);
    await page.close();
  });

  it('shows invalid_scope in the error panel when the SPA asks for an unknown scope', async () => {
    await stack.world.setScenario('invalid-scope');
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web);
    const panel = await readErrorPanel(page);
    expect(panel).toMatchObject({ area: 'Login', code: 'invalid_scope' });
    expect(panel.details).toContain('xxx');
    await page.close();
  });

  it('shows status 500 in the error panel when the API has a wrong JWKS URL', async () => {
    await stack.world.setScenario('bad-jwks-url');
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web);
    const panel = await readErrorPanel(page);
    expect(panel).toMatchObject({ area: 'API', code: 'server_error', status: '500' });
    const failure = stack.logEntries().findLast((e) => e.type === 'request' && e.status === 500) as
      { error: { code: string } } | undefined;
    expect(failure?.error.code).toBe('jwks_download_failed');
    await page.close();
  });

  it('signs in again exactly once on a 401, then shows the error instead of looping (a 500 in between does not count)', async () => {
    await stack.world.setScenario('bad-jwks-url');
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web);
    expect(await readErrorPanel(page)).toMatchObject({ status: '500' });
    // The API now refuses every token (it expects another audience): a fresh login cannot help, so one is tried, not more.
    await stack.world.setScenario('wrong-audience');
    const logins = countAuthorizationRequests(page);
    await page.click('[data-testid="reload-data"]');
    await expect
      .poll(async () => (await page.textContent('[data-testid="error-status"]'))?.trim(), { timeout: 20_000 })
      .toBe('401');
    const panel = await readErrorPanel(page);
    expect(panel).toMatchObject({ area: 'API', code: 'invalid_token', status: '401' });
    expect(panel.details).toContain('avoid a loop');
    await page.waitForTimeout(300);
    expect(logins.count).toBe(1);
    await page.close();
  });

  it('shows data in introspection mode and the API log shows the introspection call', async () => {
    await stack.world.setScenario('introspection');
    const before = stack.logEntries().length;
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web);
    const shown = await waitForData(page);
    expect(shown.userName).toBe(TEST_USER.name);
    const calls = stack
      .logEntries()
      .slice(before)
      .filter((e) => e.type === 'back-channel' && e.call === 'introspection');
    expect(calls[0]).toMatchObject({ method: 'POST', url: `${stack.origins.login}/token/introspection`, status: 200 });
    await page.close();
  });

  it('shows status 500, not a login loop, when the API introspects with a wrong secret', async () => {
    await stack.world.setScenario('bad-introspection-secret');
    const page = await browser.context.newPage();
    const logins = countAuthorizationRequests(page);
    await openApp(page, stack.origins.web);
    const panel = await readErrorPanel(page);
    expect(panel).toMatchObject({ area: 'API', status: '500' });
    expect(logins.count).toBe(1);
    await page.close();
  });

  it('signs out at the authorization server so the next visit shows the login page again', async () => {
    await stack.world.setScenario('default');
    const page = await browser.context.newPage();
    await openApp(page, stack.origins.web);
    await waitForData(page);
    await signOut(page);
    await page.waitForSelector('[data-testid="login-username"]', { timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(stack.origins.login);
    const shown = await signIn(page, { username: 'bob', password: 'bob-password' });
    expect(shown).toEqual({ userName: 'Bob Brown', items: ['Team offsite (Venue shortlist)'] });
    await page.close();
  });
});
