// The inspector with files: a malformed HAR keeps what was shown, 10,000 exchanges stay virtualized, replay reveals one by one.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';
import { bigSession, harOf, sampleFlow } from '../inspector/testing/sample-flow.ts';

let server: StaticServer;
let browser: LaunchedBrowser;
const dir = join(tmpdir(), `oauth-inspector-files-${process.pid}`);
const files = { sample: join(dir, 'sample-flow.har'), broken: join(dir, 'broken.har'), big: join(dir, 'big.har') };
const sampleHar = JSON.stringify(harOf(sampleFlow()));

beforeAll(async () => {
  ensureBuilt();
  await mkdir(dir, { recursive: true });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(files.sample, sampleHar);
  await writeFile(files.broken, '{"log": {"entries": [ {"request": ');
  await writeFile(files.big, JSON.stringify(harOf(bigSession(10_000))));
  server = await serveDist({ '/recordings/sample-flow.har': sampleHar });
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens the inspector (on the exchange list unless the path names a view or step). */
async function open(path = '/#view=exchanges'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

/** The inspector with the sample flow opened from disk, its 14 exchanges listed. */
async function openSample(): Promise<Page> {
  const page = await open();
  await page.locator('[data-testid=file-input]').setInputFiles(files.sample);
  await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(14);
  return page;
}

async function idle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __inspector: { idle(): Promise<void> } }).__inspector.idle());
}

describe('inspector with HAR files', () => {
  it('shows one clear message for a malformed HAR and keeps the exchanges already shown', async () => {
    const page = await open();
    await page.locator('[data-testid=file-input]').setInputFiles(files.sample);
    const rows = page.locator('[data-testid=exchange-row]');
    await expect.poll(() => rows.count()).toBe(14);
    await page.locator('[data-testid=file-input]').setInputFiles(files.broken);
    const message = page.locator('[data-testid=error-message]');
    await message.waitFor();
    const text = (await message.locator('span').textContent()) ?? '';
    expect(text).toMatch(/^broken\.har: /);
    expect(text).not.toMatch(/at \w+ \(|Error:|SyntaxError/);
    expect(await page.locator('[data-testid=error-message]').count()).toBe(1);
    expect(await rows.count()).toBe(14);
    expect(await page.locator('[data-testid=source]').textContent()).toContain('sample-flow.har');
    await page.close();
  });

  it('opens 10,000 exchanges with only a window of rows in the DOM, and scrolls to the last', async () => {
    const page = await open();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const started = Date.now();
    await page.locator('[data-testid=file-input]').setInputFiles(files.big);
    await expect
      .poll(() => page.locator('[data-testid=row-count]').textContent(), { timeout: 30_000 })
      .toContain('10000 of 10000');
    await idle(page);
    const openMs = Date.now() - started;
    const domRows = await page.locator('[data-testid=exchange-row]').count();
    expect(domRows).toBeGreaterThan(5);
    expect(domRows).toBeLessThan(100);
    await page.locator('[data-testid=exchange-list]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.locator('[data-testid=exchange-row][data-exchange-id=b9999]').count()).toBe(1);
    await page.locator('[data-testid=exchange-row][data-exchange-id=b9999]').click();
    await expect.poll(() => page.locator('[data-testid=detail-title]').textContent()).toContain('http');
    expect(await page.locator('[data-testid=exchange-row]').count()).toBeLessThan(100);
    console.info(`10,000-exchange HAR opened and analyzed in ${openMs} ms (${domRows} rows in the DOM)`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('replays a bundled recording: Next reveals the exchanges one by one, keys too, and #step deep links reveal through a step', async () => {
    const page = await open('/?recording=sample-flow#view=exchanges');
    const rows = page.locator('[data-testid=exchange-row]');
    await page.locator('[data-testid=replay-next]').waitFor();
    expect(await rows.count()).toBe(0);
    await page.locator('[data-testid=replay-next]').click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('[data-testid=replay-next]').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('[data-testid=replay-position]').textContent()).toBe('2 / 14');
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => rows.count()).toBe(3);
    await page.locator('body').press('ArrowLeft');
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator('[data-testid=replay-last]').click();
    await expect.poll(() => rows.count()).toBe(14);
    await page.locator('[data-testid=replay-first]').click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.close();

    const linked = await open('/?recording=sample-flow#step=8');
    await linked.locator('[data-testid=lesson-mode][data-step="8"]').waitFor();
    const position = await linked.locator('[data-testid=replay-position]').textContent();
    const revealed = Number(position?.split('/')[0]);
    expect(revealed).toBeGreaterThan(5);
    expect(revealed).toBeLessThan(14);
    expect(await linked.locator('[data-testid=timeline-step][data-step="8"]').getAttribute('data-status')).toBe('seen');
    await linked.close();
  });

  it('takes screenshots of the timeline, a JWT, the PKCE check and the sequence diagram', async () => {
    const page = await openSample();
    await idle(page);
    const seen = page.locator('[data-testid=timeline-step][data-status=seen]');
    expect(await seen.count()).toBeGreaterThan(5);
    await page.locator('[data-testid=timeline-step][data-step="8"]').click();
    await page.locator('[data-testid=exchange-row]').first().click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-timeline.png') });

    await page.locator('[data-testid=view-tokens]').click();
    const idToken = page.locator('[data-testid=token-item]', { hasText: 'ID token' }).first();
    await idToken.click();
    await page.locator('[data-testid=jwt-viewer]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-jwt.png') });
    // Tokens told apart: numbered names, and a lifeline from issue to use.
    const names = await page.locator('[data-testid=token-item]').allTextContents();
    expect(names.some((t) => t.includes('ID token 1'))).toBe(true);
    const kinds = await page
      .locator('[data-testid=life-event]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds[0]).toBe('issued');
    await page.locator('[data-testid=token-item]', { hasText: 'access token 1' }).click();
    await expect
      .poll(() =>
        page.locator('[data-testid=life-event]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
      )
      .toContain('presented');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'token-lifelines.png') });

    await page.locator('[data-testid=view-checks]').click();
    // Counts first; each check id once, passes folded until opened.
    await page.locator('[data-testid=checks-summary]').waitFor();
    const passed = Number(await page.locator('[data-testid=count-pass] strong').textContent());
    expect(passed).toBe(await page.locator('[data-testid=finding][data-status=pass]').count());
    const group = page.locator('[data-testid=check-group][data-check-id="pkce.s256-matches"]');
    expect(await group.count()).toBe(1);
    expect(await group.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'checks-summary.png') });
    await group.locator('summary').click();
    const check = page.locator('[data-testid=finding][data-check-id="pkce.s256-matches"]');
    await check.waitFor();
    expect(await check.getAttribute('data-status')).toBe('pass');
    await check.scrollIntoViewIfNeeded();
    await check.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-pkce-check.png') });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-checks.png') });
    expect(
      await page.locator('[data-testid=finding][data-check-id="state.echoed"][data-status=pass]').count(),
    ).toBeGreaterThan(0);

    await page.locator('[data-testid=view-diagram]').click();
    await page.locator('[data-testid=sequence-diagram]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-diagram.png') });
    // Static assets folded away until asked for.
    const appJs = page.locator('[data-testid=diagram-arrow][aria-label$="request: GET /app.js"]');
    expect(await appJs.count()).toBe(0);
    expect(await page.locator('[data-testid=diagram-static]').textContent()).toContain('Show 1 static asset');
    await page.locator('[data-testid=diagram-static]').click();
    await expect.poll(() => appJs.count()).toBe(1);
    await page.locator('[data-testid=diagram-static]').click();
    // Arrows grouped by step, and the diagram saved as SVG.
    expect(await page.locator('[data-testid=diagram-step]').allTextContents()).toContain(
      'Step 8. The SPA exchanges the code for tokens',
    );
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=diagram-export]').click(),
    ]);
    const exported = await readFile(await svgDownload.path(), 'utf8');
    expect(exported.startsWith('<svg')).toBe(true);
    expect(exported).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(exported).not.toContain('var(--');
    await page.locator('[data-testid=diagram-arrow][aria-label$="request: POST /token"]').first().click();
    await expect.poll(() => page.locator('[data-testid=detail-title]').textContent()).toContain('/token');
    await page.locator('[data-testid=detail-tab-response]').click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-exchange-detail.png') });
    // A token in the response links to the token viewer, which links back to the exchanges that carried it.
    await page.locator('[data-testid=open-token]').first().click();
    await page.locator('[data-testid=jwt-viewer]').waitFor();
    expect(await page.locator('[data-testid=sighting]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=sighting]').first().click();
    await expect.poll(() => page.locator('[data-testid=detail-title]').count()).toBe(1);
    await page.close();
  });

  it('opens a HAR dropped on the page', async () => {
    const page = await open();
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.har', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    }, sampleHar);
    await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(14);
    expect(await page.locator('[data-testid=source]').textContent()).toContain('dropped.har');
    await page.close();
  });

  it('exports the session as HAR with secrets redacted', async () => {
    const page = await openSample();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export]').click()]);
    const path = await download.path();
    const har = JSON.parse(await readFile(path, 'utf8')) as {
      log: { version: string; entries: { request: { url: string; postData?: { text?: string } } }[] };
    };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(14);
    expect(JSON.stringify(har)).not.toContain('wonderland');
    await page.close();
  });

  it('exports only the filtered exchanges when a filter is on, says so, keeps the filter shown across views, and clears it for a new file', async () => {
    const page = await openSample();
    await idle(page);
    const host = (await page.locator('[data-testid=filter-host] option').nth(1).getAttribute('value')) ?? '';
    await page.locator('[data-testid=filter-host]').selectOption(host);
    const listed = await page.locator('[data-testid=exchange-row]').count();
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(14);
    await expect.poll(() => page.locator('[data-testid=export]').textContent()).toBe(`Export ${listed} listed`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export]').click()]);
    const har = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      log: { entries: { request: { url: string } }[] };
    };
    expect(har.log.entries).toHaveLength(listed);
    expect(har.log.entries.every((e) => new URL(e.request.url).host === host)).toBe(true);
    await page.locator('[data-testid=filter-finding]').selectOption('fail');
    await page.locator('[data-testid=view-checks]').click();
    await page.locator('[data-testid=view-exchanges]').click();
    expect(await page.locator('[data-testid=filter-finding]').inputValue()).toBe('fail');
    expect(await page.locator('[data-testid=filter-host]').inputValue()).toBe(host);
    // A new file starts unfiltered.
    await page.locator('[data-testid=file-input]').setInputFiles(files.sample);
    await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(14);
    expect(await page.locator('[data-testid=filter-finding]').inputValue()).toBe('');
    expect(await page.locator('[data-testid=filter-host]').inputValue()).toBe('');
    expect(await page.locator('[data-testid=export]').textContent()).toBe('Export HAR');
    await page.close();
  });

  it('leaves replay with Esc, and Space on a focused button presses that button instead of playing', async () => {
    const page = await open('/?recording=sample-flow#view=exchanges');
    await page.locator('[data-testid=replay-next]').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('[data-testid=replay-position]').textContent()).toMatch(/^1 \//);
    expect(await page.locator('[data-testid=replay-play]').getAttribute('aria-label')).toContain('Play');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(14);
    await page.close();
  });

  it('moves between the views with the arrow keys, and names the selected step in its rows', async () => {
    const page = await openSample();
    await idle(page);
    await page.locator('[data-testid=view-exchanges]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-testid=view-checks]').getAttribute('aria-selected')).toBe('true');
    expect(
      await page.evaluate(() =>
        document.querySelector('oi-app')?.shadowRoot?.activeElement?.getAttribute('data-testid'),
      ),
    ).toBe('view-checks');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[data-testid=view-exchanges]').getAttribute('aria-selected')).toBe('true');
    await page.locator('[data-testid=timeline-step][data-step="8"]').click();
    const steps = await page.locator('[data-testid=exchange-row] .step').allTextContents();
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((text) => text.startsWith('8. '))).toBe(true);
    await page.close();
  });

  it('presents a recording in large type, replayed step by step', async () => {
    const page = await open('/?recording=sample-flow#view=exchanges');
    await page.locator('[data-testid=presenter]').click();
    expect(await page.locator('oi-app').getAttribute('presenter')).not.toBeNull();
    for (let i = 0; i < 4; i++) await page.locator('[data-testid=replay-next-step]').click();
    await page.locator('[data-testid=exchange-row]').last().click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'inspector-presenter.png') });
    const revealed = Number((await page.locator('[data-testid=replay-position]').textContent())?.split('/')[0]);
    expect(revealed).toBeGreaterThanOrEqual(4);
    await page.close();
  });
});
