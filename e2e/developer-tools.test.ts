// The developer's tools in Chromium: copy buttons (Clipboard API and the textarea fallback), the paste-a-JWT box, Basic credentials decoded.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';

const RECORDINGS = join(import.meta.dirname, '..', 'lessons', 'recordings');
let server: StaticServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  server = await serveDist();
  browser = await launchChromium({ viewport: { width: 1400, height: 1000 } });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(recording: string, view: string, init?: () => void): Promise<Page> {
  const page = await browser.context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(`${server.url}/#view=${view}`);
  await page.locator('[data-testid=file-input]').setInputFiles(join(RECORDINGS, `${recording}.har`));
  await page.locator('[data-testid=source]', { hasText: recording }).waitFor();
  await page.evaluate(() => (window as unknown as { __inspector: { idle(): Promise<void> } }).__inspector.idle());
  return page;
}

describe('developer tools', () => {
  it('copies a token, verifies it when pasted back, and disables copying while presenter mode masks it', async () => {
    const page = await open('happy-path', 'tokens');
    await page.locator('[data-testid=token-item]', { hasText: 'access token 1' }).click();
    const raw = (await page.locator('[aria-label="Encoded token"]').textContent())!.replace(/\s+/g, '');
    const copyToken = page.locator('[data-testid=jwt-viewer] [data-testid=copy]').first();
    await copyToken.click();
    await expect
      .poll(() => page.locator('[data-testid=jwt-viewer] [role=status]').first().textContent())
      .toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(raw);
    expect(copied.split('.')).toHaveLength(3);

    // Rows of one kind read differently: flow, issue time, expiry, uses.
    const rows = await page.locator('[data-testid=token-row-summary]').allTextContents();
    expect(rows.every((r) => /used \d+×/.test(r))).toBe(true);

    const box = page.locator('[data-testid=paste-token]');
    await box.fill(`Authorization: Bearer ${copied}`);
    await expect
      .poll(() => page.locator('[data-testid=paste-verdict]').textContent())
      .toMatch(/^signature verified with key \S+ from http:\/\/login\.localhost:8080\/\S*jwks/);
    expect(await page.locator('[data-testid=token-paste] [data-claim=exp] .time').textContent()).toMatch(/^\d{4}-/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'tokens-paste-box.png') });

    await box.fill('<b>not a token</b>');
    await expect.poll(() => page.locator('[data-testid=paste-problem]').textContent()).toMatch(/^No JWT found/);
    expect(await page.locator('[data-testid=token-paste] b').count()).toBe(0);

    await page.locator('[data-testid=presenter]').click();
    await expect.poll(() => copyToken.isDisabled()).toBe(true);
    await page.close();
  });

  it('shows Basic credentials of an introspection call decoded, and copies a value through the fallback without a Clipboard API', async () => {
    const page = await open('legacy-happy-path', 'exchanges', () => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      document.addEventListener('copy', (e) => {
        (window as unknown as { copied: string }).copied = (e.target as HTMLTextAreaElement).value;
      });
    });
    await page.locator('[data-testid=exchange-row]', { hasText: '/token/introspection' }).first().click();
    const section = page
      .locator('section')
      .filter({ has: page.locator('h4', { hasText: 'Basic credentials, decoded' }) })
      .last();
    await section.waitFor();
    const cells = await section.locator('td').allTextContents();
    expect(cells[0]).toContain('sample-api');
    expect(cells[1]).toMatch(/REDACTED-client-secret-\d+/);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'basic-decoded.png') });
    await section.locator('[data-testid=copy]').first().click();
    await expect.poll(() => section.locator('[role=status]').first().textContent()).toBe('Copied');
    expect(await page.evaluate(() => (window as unknown as { copied: string }).copied)).toBe('sample-api');
    await page.close();
  });
});
