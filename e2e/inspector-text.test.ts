// Text out is text: invisible and bidi characters in captured strings show as escapes; a huge body waits for "Show anyway".
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';
import { harOf } from '../inspector/testing/sample-flow.ts';
import {
  ESC,
  invisibleTextSession,
  LARGE_BODY_END,
  largeBodySession,
  RLO,
  SPOOFED_FILE_NAME,
  ZWSP,
} from '../inspector/testing/text-out.ts';

let server: StaticServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ensureBuilt();
  server = await serveDist();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** All text on the page, shadow roots included (what a reader sees, plus title attributes). */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (node.parentElement?.tagName !== 'STYLE') parts.push(node.textContent ?? '');
      for (const element of root.querySelectorAll('*')) {
        const title = element.getAttribute('title');
        if (title) parts.push(title);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return parts.join('\n');
  });
}

function expectNoRawInvisibles(text: string): void {
  expect(text).not.toContain(RLO);
  expect(text).not.toContain(ESC);
  expect(text).not.toContain(ZWSP);
}

async function openHar(page: Page, name: string, har: unknown): Promise<void> {
  await page.goto(`${server.url}/#view=exchanges`);
  await page
    .locator('[data-testid=file-input]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(har)) });
}

describe('inspector text out', () => {
  it('shows bidi, escape and zero-width characters in a file name, URL, header and claim as visible escapes', async () => {
    const page = await browser.context.newPage();
    await openHar(page, SPOOFED_FILE_NAME, harOf(invisibleTextSession()));
    await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(2);
    expect(await page.locator('[data-testid=source]').textContent()).toBe('File: invoice\\u{202E}rah.exe\\u{200B}.har');

    await page.locator('[data-testid=exchange-row]').first().click();
    const title = (await page.locator('[data-testid=detail-title]').textContent()) ?? '';
    expect(title).toContain('client_id=spa\\u{202E}ipa');
    expect(title).toContain('state=s\\x1b[2J\\u{200B}');
    await expect
      .poll(() => page.locator('oi-exchange-detail').evaluate((d) => d.shadowRoot?.textContent ?? ''))
      .toContain('left\\u{202E}thgir\\x1b[31m\\u{200B}end');
    const detailText = await pageText(page);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-text-escaped.png') });

    await page.locator('[data-testid=view-tokens]').click();
    await page.locator('[data-testid=token-item]', { hasText: 'access token' }).click();
    const claim = page.locator('[data-testid=claim]').filter({ hasText: 'name' }).first();
    await expect.poll(() => claim.textContent()).toContain('Ali\\u{202E}ce\\x1b]0;owned\\x1b\\\\u{200B}');
    const tokenText = await pageText(page);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-text-claims.png') });

    for (const text of [detailText, tokenText]) expectNoRawInvisibles(text);
    await page.close();
  });

  it('announces a body over 1 MiB with its size, and renders it plain only after "Show anyway"', async () => {
    const page = await browser.context.newPage();
    await openHar(page, 'large.har', harOf(largeBodySession(8 * 1024 * 1024)));
    await page.locator('[data-testid=exchange-row]').first().click();
    const started = Date.now();
    await page.locator('[data-testid=detail-tab-response]').click();
    const notice = page.locator('[data-testid=large-body]');
    await notice.waitFor();
    const noticeMs = Date.now() - started;
    expect(await notice.textContent()).toMatch(/Response body is 8\.\d MiB: /);
    expect(await page.locator('oi-exchange-detail oi-code').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-large-body.png') });

    const clicked = Date.now();
    await page.locator('[data-testid=show-large-body]').click();
    const viewer = page.locator('oi-exchange-detail oi-large-text');
    await viewer.waitFor();
    await viewer.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const shownMs = Date.now() - clicked;
    expect(await viewer.textContent()).toBe('');
    expect(await viewer.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('"note":"xxxx'); // as sent: a large body is not re-indented
    // Only the rows in view are in the DOM; scrolled to the end, the last line of the body is there, as plain text.
    await viewer.evaluate((el) => {
      const viewport = el.shadowRoot!.querySelector('.viewport')!;
      viewport.scrollTop = viewport.scrollHeight;
      viewport.dispatchEvent(new Event('scroll'));
    });
    await expect
      .poll(() => viewer.evaluate((el, end) => el.shadowRoot?.textContent?.includes(end) ?? false, LARGE_BODY_END))
      .toBe(true);
    expect(await viewer.evaluate((el) => el.shadowRoot?.querySelectorAll('.row').length ?? 0)).toBeLessThan(200);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-large-body-shown.png') });
    expect(await viewer.evaluate((el) => el.shadowRoot?.querySelectorAll('.row span').length ?? -1)).toBe(0);
    console.info(`8 MiB response body: size notice after ${noticeMs} ms, body shown ${shownMs} ms after "Show anyway"`);
    await page.close();
  });
});
