// Browser steps on the legacy page (seed 000): the rehearsals of steps 8, 13 and 16, shared by the e2e test and the recordings.
import type { Page } from 'playwright-core';
import {
  isAuthorizationRequest,
  readErrorPanel,
  waitForData,
  type ErrorPanel,
  type ShownData,
} from './sample-flows.ts';

const WAIT = { timeout: 20_000 };

/** Step 8: a login asking for an unknown scope ends with the error in the fragment, shown, never retried. */
export async function signInWithUnknownScope(page: Page): Promise<ErrorPanel> {
  const login = page.waitForRequest(isAuthorizationRequest, WAIT);
  await page.click('[data-testid="bad-scope-login"]');
  await login;
  return readErrorPanel(page);
}

/** Step 13: with the API's introspection secret wrong (set by the caller), Reload Data ends on a 500, not a login. */
export async function reloadUntilError(page: Page): Promise<ErrorPanel> {
  await page.waitForSelector('[data-testid="reload-data"]:not([disabled])', WAIT);
  await page.click('[data-testid="reload-data"]');
  return readErrorPanel(page);
}

/** Step 16: waits until the access token really expired, reloads: 401 (active: false), a new login, data again. */
export async function waitForExpiryAndReload(page: Page, lifetimeSeconds: number): Promise<ShownData> {
  await page.waitForTimeout((lifetimeSeconds + 2) * 1000);
  await page.waitForSelector('[data-testid="reload-data"]:not([disabled])', WAIT);
  // The 401 sends the browser to the authorization endpoint at once: wait for that request, not for a status text.
  const login = page.waitForRequest(isAuthorizationRequest, WAIT);
  await page.click('[data-testid="reload-data"]');
  await login;
  return waitForData(page);
}
