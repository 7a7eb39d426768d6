// Reusable browser steps on the sample SPA (standalone, through the gateway, or through a forward proxy).
import type { Page, Request } from 'playwright-core';

export const TEST_USER = { username: 'alice', password: 'alice-password', name: 'Alice Anders' } as const;

const WAIT = { timeout: 20_000 };

export interface ShownData {
  userName: string;
  items: string[];
}

export interface ErrorPanel {
  area: string;
  code: string;
  status: string;
  details: string;
}

/** An authorization request by protocol meaning (response_type + client_id), not by our URL. */
export function isAuthorizationRequest(request: Request): boolean {
  if (request.method() !== 'GET' || !request.isNavigationRequest()) return false;
  const params = new URL(request.url()).searchParams;
  return params.has('response_type') && params.has('client_id');
}

/** Counts the authorization requests the page makes from now on. */
export function countAuthorizationRequests(page: Page): { readonly count: number } {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (isAuthorizationRequest(request)) counter.count++;
  });
  return counter;
}

/** Opens the SPA; with no token it redirects to the login page. */
export async function openApp(page: Page, webOrigin: string, path = '/'): Promise<void> {
  await page.goto(`${webOrigin}${path}`);
}

/** Fills the authorization server's login form (step 5) and waits for the SPA to show data. */
export async function signIn(page: Page, user: { username: string; password: string } = TEST_USER): Promise<ShownData> {
  await page.waitForSelector('[data-testid="login-username"]', WAIT);
  await page.fill('[data-testid="login-username"]', user.username);
  await page.fill('[data-testid="login-password"]', user.password);
  await page.click('[data-testid="login-submit"]');
  return waitForData(page);
}

/** Waits until the SPA shows the user's name and items. */
export async function waitForData(page: Page): Promise<ShownData> {
  await page.waitForSelector('[data-testid="data"]:not([hidden]) [data-testid="item"]', WAIT);
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="user-name"]')?.textContent ?? '') !== '',
    undefined,
    WAIT,
  );
  return {
    userName: (await page.textContent('[data-testid="user-name"]')) ?? '',
    items: await page.locator('[data-testid="item"]').allTextContents(),
  };
}

/** Steps 19–20: spoil the token, reload: the API answers 401 and the SPA signs in again (silently with SSO). */
export async function expireTokenAndReload(page: Page): Promise<void> {
  await page.click('[data-testid="expire-token"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="status"]')?.textContent === 'Access token expired',
    undefined,
    WAIT,
  );
  await page.click('[data-testid="reload-data"]');
}

/** Waits for the error panel and reads it. */
export async function readErrorPanel(page: Page): Promise<ErrorPanel> {
  await page.waitForSelector('[data-testid="error-panel"]:not([hidden])', WAIT);
  const text = async (id: string) => ((await page.textContent(`[data-testid="${id}"]`)) ?? '').trim();
  return {
    area: await text('error-area'),
    code: await text('error-code'),
    status: await text('error-status'),
    details: await text('error-details'),
  };
}

export async function signOut(page: Page): Promise<void> {
  await page.click('[data-testid="sign-out"]');
}
