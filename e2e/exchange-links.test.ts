// The exchange detail names the back-channel calls tied to an exchange: the API's key download and the call it answered.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';

let server: StaticServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const recording = await readFile(new URL('../lessons/recordings/happy-path.har', import.meta.url), 'utf8');
  server = await serveDist({ '/recordings/happy-path.har': recording });
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('exchange detail links', () => {
  it('opens the API call a key download was made for, and lists the download under that call', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?recording=happy-path#view=exchanges`);
    // A bundled recording opens as a replay: once it is loaded, show all of it.
    const position = page.locator('[data-testid=replay-position]');
    await expect.poll(() => position.textContent()).toMatch(/^0 \/ [1-9]/);
    await page.locator('[data-testid=replay-last]').click();
    await expect.poll(() => position.textContent()).toMatch(/^([1-9]\d*) \/ \1$/);
    // The list draws only the rows in view: narrow it to the key download.
    await page.locator('[data-testid=filter-text]').fill('/jwks');
    await page.locator('[data-testid=exchange-row]', { hasText: '/jwks' }).first().click();
    const links = page.locator('[data-testid=detail-links]');
    await expect.poll(() => links.textContent()).toContain('Back-channel call made to answer');
    const jwksNumber = (await page.locator('[data-testid=detail-number]').textContent())!;
    const served = (await links.locator('[data-testid=detail-link-number]').first().textContent())!.trim();
    await page.locator('[data-testid=filter-text]').fill('');
    await links.locator('[data-testid=detail-link]').first().click();
    await expect.poll(() => page.locator('[data-testid=detail-number]').textContent()).toBe(served);
    expect(await page.locator('[data-testid=detail-title]').textContent()).toContain('/api/');
    await expect.poll(() => links.textContent()).toContain('To answer this, the server made');
    expect(await links.locator('[data-testid=detail-link-number]').allTextContents()).toContain(jwksNumber);
    expect(await links.locator('[data-testid=detail-link]').allTextContents()).toContainEqual(
      expect.stringContaining('GET http://'),
    );
    await page.locator('oi-exchange-detail').screenshot({ path: join(ARTIFACTS_DIR, 'exchange-links.png') });
    await page.close();
  });
});
