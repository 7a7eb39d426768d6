// The session picker on the real stack: a session journaled by an earlier run opens read-only with the #N ids analyze prints, and live comes back.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAnalyzeCommand } from '@oauth-inspector/proxy/cli/analyze-command.ts';
import { inspectorPaths } from '@oauth-inspector/proxy/paths.ts';
import { exportSessionToFile } from '@oauth-inspector/proxy/session/session-export.ts';
import { startStack, type Stack } from '@oauth-inspector/proxy/stack.ts';
import { ensureBuilt } from '../inspector/testing/serve-dist.ts';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { openApp, signIn, TEST_USER, waitForData } from './support/sample-flows.ts';

let home: string;
let browser: LaunchedBrowser;
let stack: Stack | undefined;

const env = () => ({ OAUTH_INSPECTOR_HOME: home });
const start = () => startStack({ port: 0, inspectorPort: 0, sampleWorld: true, env: env(), log: () => undefined });
const urlOf = (s: Stack, name: string) => s.urls.find((u) => u.name === name)!.url;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  home = await mkdtemp(join(tmpdir(), 'oi-e2e-sessions-'));
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await rm(home, { recursive: true, force: true });
});

/** What `oauth-inspector sessions export <id>` then `analyze --json` say about a session: `#N` → request URL. */
async function analyzedIds(id: string): Promise<Map<string, string>> {
  const file = join(home, `${id}.har`);
  await exportSessionToFile(inspectorPaths(env()).dataDir, id, file);
  const out: string[] = [];
  expect(await runAnalyzeCommand([file, '--json', '--track', 'none'], { stdout: (t) => out.push(t) })).toBe(0);
  const { exchanges } = JSON.parse(out.join('\n')) as { exchanges: { label: string; url: string }[] };
  return new Map(exchanges.map((x) => [x.label, new URL(x.url).pathname]));
}

/** The inspector's rows: `#N` → path (query dropped), read while scrolling the windowed list from top to bottom. */
async function rowIds(page: Page): Promise<Map<string, string>> {
  const list = page.locator('[data-testid=exchange-list]');
  const rows = new Map<string, string>();
  for (let top = 0, more = true; more; top += 300) {
    more = await list.evaluate((el, y) => {
      el.scrollTop = y;
      return y + el.clientHeight < el.scrollHeight;
    }, top);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const seen = await page
      .locator('[data-testid=exchange-row]')
      .evaluateAll((els) =>
        els.map((el) => [
          el.querySelector('[data-testid=row-number]')?.textContent?.trim() ?? '',
          (el.querySelector('[data-testid=row-path]')?.textContent ?? '').split('?')[0]!,
        ]),
      );
    for (const [label, path] of seen) rows.set(label!, path!);
  }
  return new Map([...rows].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))));
}

describe('session picker', () => {
  it('opens an earlier run’s session with the ids analyze prints, keeps capturing, and goes back to live', async () => {
    // Run 1: sign in, then stop the proxy. Its journal stays in the data directory.
    stack = await start();
    const first = stack.session.info;
    const app = await browser.context.newPage();
    await openApp(app, urlOf(stack, 'Sample app').replace(/\/$/, ''));
    expect((await signIn(app)).userName).toBe(TEST_USER.name);
    await stack.session.flushed();
    const firstCount = stack.session.exchangeCount;
    await stack.close();
    stack = undefined;

    // Run 2, same data directory: a new live session with traffic of its own.
    stack = await start();
    const live = stack.session.info;
    await openApp(app, urlOf(stack, 'Sample app').replace(/\/$/, ''));
    await signIn(app);

    const inspector = await browser.context.newPage();
    await inspector.goto(`${urlOf(stack, 'Inspector')}#view=exchanges`);
    await expect.poll(() => inspector.locator('[data-testid=source]').textContent()).toContain('Live:');
    await inspector.locator('[data-testid=session-picker-button]').click();
    const options = inspector.locator('[data-testid=session-option]');
    await expect.poll(() => options.count()).toBe(2);
    // Newest first: the live one, then run 1's with its exchange count.
    expect(await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')))).toEqual([
      live.id,
      first.id,
    ]);
    expect(await options.nth(0).textContent()).toContain('live');
    expect(await options.nth(1).textContent()).toContain(`${firstCount} exchanges`);
    // The header with the picker open (the list hangs below the header, so the picture covers both).
    const header = (await inspector.locator('oi-header').boundingBox())!;
    const panel = (await inspector.locator('[data-testid=session-picker]').boundingBox())!;
    const clip = { x: 0, y: 0, width: header.width, height: Math.max(header.height, panel.y + panel.height) + 8 };
    await inspector.screenshot({ path: join(ARTIFACTS_DIR, 'session-picker.png'), clip });

    // A press elsewhere closes the list; the button opens it again.
    await inspector.locator('[data-testid=source]').click();
    await expect.poll(() => inspector.locator('[data-testid=session-picker]').count()).toBe(0);
    await inspector.locator('[data-testid=session-picker-button]').click();
    await options.nth(1).click();
    await expect.poll(() => inspector.locator('[data-testid=source]').textContent()).toBe(`Session: ${first.name}`);
    const expected = await analyzedIds(first.id);
    await expect.poll(async () => (await rowIds(inspector)).size, { timeout: 15_000 }).toBe(expected.size);
    expect([...(await rowIds(inspector))]).toEqual([...expected]);
    // A deep link names an exchange by the same number, and the detail header shows it.
    await inspector.evaluate(() => (location.hash = 'exchange=5'));
    await expect.poll(() => inspector.locator('[data-testid=detail-number]').textContent()).toBe('#5');
    expect(await inspector.locator('[data-testid=detail-title]').textContent()).toContain(expected.get('#5'));
    // Selecting a row writes its number into the address.
    const row = inspector.locator('[data-testid=exchange-row]').first();
    const picked = (await row.locator('[data-testid=row-number]').textContent())!;
    await row.click();
    await expect.poll(() => inspector.evaluate(() => location.hash)).toBe(`#exchange=${picked.slice(1)}`);

    // The address names the session, so a reload (or a shared link) opens that session and its #N, not the live one's.
    expect(await inspector.evaluate(() => new URL(location.href).searchParams.get('session'))).toBe(first.id);
    await inspector.reload();
    await expect.poll(() => inspector.locator('[data-testid=source]').textContent()).toBe(`Session: ${first.name}`);
    await expect.poll(() => inspector.locator('[data-testid=detail-number]').textContent()).toBe(picked);

    // The proxy goes on capturing while an old session is shown.
    const before = stack.session.exchangeCount;
    await app.reload();
    await waitForData(app);
    await expect.poll(() => stack!.session.exchangeCount).toBeGreaterThan(before);
    expect(await inspector.locator('[data-testid=source]').textContent()).toBe(`Session: ${first.name}`);

    // Back to live: the live session again, with what was captured meanwhile.
    await inspector.locator('[data-testid=back-to-live]').click();
    await expect.poll(() => inspector.locator('[data-testid=source]').textContent()).toBe(`Live: ${live.name}`);
    expect(await inspector.evaluate(() => new URL(location.href).searchParams.get('session'))).toBeNull();
    await expect
      .poll(async () => (await rowIds(inspector)).size, { timeout: 15_000 })
      .toBe(stack.session.exchangeCount);
    await app.close();
    await inspector.close();
  });
});
