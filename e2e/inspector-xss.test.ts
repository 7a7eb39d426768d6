// The inspector renders a hostile session (payloads in bodies, headers, URLs, cookies, JSON, JWT claims) without running any of it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';
import { hostileSession } from '../inspector/testing/hostile.ts';
import { harOf } from '../inspector/testing/sample-flow.ts';

let server: StaticServer;
let browser: LaunchedBrowser;
let harPath: string;

beforeAll(async () => {
  ensureBuilt();
  server = await serveDist();
  browser = await launchChromium();
  harPath = join(tmpdir(), `oauth-inspector-hostile-${process.pid}.har`);
  await writeFile(harPath, JSON.stringify(harOf(hostileSession())));
  await mkdir(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(harPath, { force: true });
});

/** Every element in the page, shadow roots included, with an on* attribute or a javascript: URL. */
async function dangerousElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) {
          const value = element.getAttribute(attribute) ?? '';
          if (
            /^on/i.test(attribute) ||
            (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(attribute) && /^\s*javascript:/i.test(value)) ||
            attribute === 'srcdoc'
          ) {
            found.push(`<${element.tagName.toLowerCase()} ${attribute}="${value.slice(0, 60)}">`);
          }
        }
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName) && root !== document)
          found.push(`<${element.tagName.toLowerCase()}> in a component`);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    // The page's own module script is expected at the top level; injected ones are not.
    const scripts = [...document.querySelectorAll('script')].filter(
      (s) => !(s.type === 'module' && s.src.includes('/assets/')),
    );
    for (const s of scripts) found.push(`<script> ${s.outerHTML.slice(0, 80)}`);
    return found;
  });
}

describe('inspector XSS safety', () => {
  it('opens a hostile HAR and visits every view without any payload executing', async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    const consoleSigns: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.text().includes('PWNED')) consoleSigns.push(message.text());
    });
    page.on('pageerror', (error) => consoleSigns.push(`pageerror: ${error.message}`));
    // The exchange list is windowed: a page tall enough for every row keeps all of them in the DOM, whatever
    // the detail pane does to the list's height, so each exchange can be clicked by its index.
    await page.setViewportSize({ width: 1400, height: 4000 });
    await page.goto(`${server.url}/#view=exchanges`);
    await page.locator('[data-testid=file-input]').setInputFiles(harPath);
    const rows = page.locator('[data-testid=exchange-row]');
    const total = hostileSession().length;
    expect(total).toBeGreaterThan(10);
    await expect.poll(() => rows.count()).toBe(total);

    // Every exchange, every detail tab.
    for (let i = 0; i < total; i++) {
      await rows.nth(i).click();
      for (const tab of ['request', 'response', 'cookies', 'tokens', 'curl']) {
        await page.locator(`[data-testid=detail-tab-${tab}]`).click();
      }
    }
    // Tokens opened from an exchange, then the JWT viewer with every token.
    await page.locator('[data-testid=view-tokens]').click();
    const tokens = page.locator('[data-testid=token-item]');
    const tokenCount = await tokens.count();
    expect(tokenCount).toBeGreaterThan(0);
    for (let i = 0; i < tokenCount; i++) await tokens.nth(i).click();
    await page.locator('[data-testid=view-checks]').click();
    await page.locator('[data-testid=view-diagram]').click();
    await page.locator('[data-testid=diagram-arrow]').first().click();
    // Timeline, then lesson mode: every step's text and every message beside it, fields highlighted.
    const steps = page.locator('[data-testid=timeline-step]');
    if ((await steps.count()) > 0) {
      await steps.first().click();
      await page.locator('[data-testid=view-lesson]').click();
      await page.locator('[data-testid=lesson]').waitFor();
      // In presenter mode, so that masked captured text is rendered too.
      await page.locator('[data-testid=presenter]').click();
      const next = page.locator('[data-testid=lesson-next]');
      let shownMessages = 0;
      for (;;) {
        const tabs = page.locator('[data-testid=lesson-message-tab]');
        for (let t = 0; t < (await tabs.count()); t++) await tabs.nth(t).click();
        shownMessages += await page.locator('[data-testid=lesson-message]').count();
        if (await next.isDisabled()) break;
        await next.click();
      }
      expect(shownMessages).toBeGreaterThan(0);
      await page.locator('[data-testid=view-checks]').click();
      await page.locator('[data-testid=presenter]').click();
    }
    await page.locator('[data-testid=theme]').click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-xss.png'), fullPage: true });
    await page.waitForTimeout(300);

    expect(dialogs).toEqual([]);
    expect(consoleSigns).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await dangerousElements(page)).toEqual([]);
    // The payload text is there, shown as text.
    // The payloads are on screen as text: the evil JSON body shows its markup literally.
    await page.locator('[data-testid=view-exchanges]').click();
    if ((await page.locator('[data-testid=filter-step]').count()) > 0)
      await page.locator('[data-testid=filter-step]').selectOption('');
    await page.locator('[data-testid=filter-text]').fill('data.json');
    await rows.first().click();
    await page.locator('[data-testid=detail-tab-response]').click();
    await expect
      .poll(() =>
        page
          .locator('oi-code')
          .last()
          .evaluate((code) => code.shadowRoot?.textContent ?? ''),
      )
      .toContain('<img src=x onerror=');
    expect(await dangerousElements(page)).toEqual([]);
    await page.close();
  });
});
