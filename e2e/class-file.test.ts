// End to end: a session exported as one HTML file opens from file:// in Chromium with the network cut, replays, and holds no unredacted secret.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentText, formParams, jsonObject, paramValue, type Exchange } from '@oauth-inspector/core';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';
import { harOf, sampleFlow } from '../inspector/testing/sample-flow.ts';

let server: StaticServer;
let browser: LaunchedBrowser;
const dir = join(tmpdir(), `oauth-inspector-class-${process.pid}`);
const flow = sampleFlow();
const harPath = join(dir, 'sample-flow.har');

beforeAll(async () => {
  ensureBuilt();
  await mkdir(dir, { recursive: true });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(harPath, JSON.stringify(harOf(flow)));
  server = await serveDist({});
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The secrets of the sample flow: the password, the code, the verifier and the tokens. */
function secrets(exchanges: Exchange[]): string[] {
  const found: string[] = ['wonderland'];
  for (const e of exchanges) {
    const form = formParams(e.request);
    for (const name of ['code', 'code_verifier', 'password']) {
      const value = paramValue(form, name);
      if (value) found.push(value);
    }
    const body = jsonObject(contentText(e.response.content));
    for (const name of ['access_token', 'refresh_token', 'id_token']) {
      const value = body?.[name];
      // A JWT's header and claims are not secret; its signature is what redaction removes.
      if (typeof value === 'string') found.push(value.split('.').pop()!);
    }
  }
  return [...new Set(found)].filter((s) => s.length >= 8);
}

async function exportClassFile(redact: boolean): Promise<string> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/#view=exchanges`);
  await page.locator('[data-testid=file-input]').setInputFiles(harPath);
  await expect.poll(() => page.locator('[data-testid=exchange-row]').count()).toBe(flow.length);
  const checkbox = page.locator('[data-testid=redact]');
  if ((await checkbox.isChecked()) !== redact) await checkbox.click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=export-class]').click(),
  ]);
  const path = join(dir, `class${redact ? '-redacted' : ''}.html`);
  await download.saveAs(path);
  await page.close();
  return path;
}

describe('class file', () => {
  it('opens from file:// with no network, replays the flow with its lesson text, and holds no secret when redacted', async () => {
    const path = await exportClassFile(true);
    const html = await readFile(path, 'utf8');
    const hidden = secrets(flow);
    expect(hidden.length).toBeGreaterThan(4);
    expect(hidden.filter((s) => html.includes(s))).toEqual([]);
    // Unredacted, the same values are there: the check above can fail.
    const plain = await readFile(await exportClassFile(false), 'utf8');
    expect(hidden.filter((s) => !plain.includes(s))).toEqual([]);

    const page = await browser.context.newPage();
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await browser.context.setOffline(true);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path).href);
    await page.locator('[data-testid=replay-next]').waitFor();
    // No proxy stands behind a class file: there are no journaled sessions to pick.
    expect(await page.locator('[data-testid=session-picker-button]').count()).toBe(0);
    expect(await page.locator('[data-testid=replay-position]').textContent()).toBe(`0 / ${flow.length}`);
    await page.locator('[data-testid=replay-last]').click();
    await expect
      .poll(() => page.locator('[data-testid=timeline-step][data-step="8"]').getAttribute('data-status'))
      .toBe('seen');
    // Lesson mode works from the file: the step text and its message.
    await page.locator('[data-testid=timeline-step][data-step="4"]').click();
    await page.locator('[data-testid=view-lesson]').click();
    expect(await page.locator('[data-testid=lesson]').textContent()).toContain('What to look at');
    await page.locator('[data-testid=lesson-field][data-focused][data-name=code_challenge]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'class-file-offline.png') });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await browser.context.setOffline(false);
    await page.close();
  });
});

describe('presenter mode', () => {
  it('masks the password, the code and the verifier with labels equal for equal values, and reveals on click', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid=file-input]').setInputFiles(harPath);
    await page.locator('[data-testid=lesson-mode]').waitFor();
    await page.locator('[data-testid=presenter]').click();
    const tokenRequest = flow.find((e) => paramValue(formParams(e.request), 'grant_type') === 'authorization_code')!;
    const verifier = paramValue(formParams(tokenRequest.request), 'code_verifier')!;
    const field = (name: string) => page.locator(`[data-testid=lesson-field][data-name="${name}"]`).first();

    await page.locator('[data-testid=timeline-step][data-step="5"]').click();
    const tabs = page.locator('[data-testid=lesson-message-tab]');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      if ((await field('password').count()) > 0) break;
    }
    expect(await field('password').textContent()).not.toContain('wonderland');
    expect(await field('password').locator('[data-testid=masked]').getAttribute('data-label')).toMatch(/^password-/);

    await page.locator('[data-testid=timeline-step][data-step="7"]').click();
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      if ((await field('code').count()) > 0) break;
    }
    const issued = await field('code').locator('[data-testid=masked]').getAttribute('data-label');
    await page.locator('[data-testid=timeline-step][data-step="8"]').click();
    expect(await field('code').locator('[data-testid=masked]').getAttribute('data-label')).toBe(issued);
    const masked = field('code_verifier').locator('[data-testid=masked]');
    expect(await field('code_verifier').textContent()).not.toContain(verifier);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'presenter-masked.png') });
    await masked.click();
    await expect.poll(() => field('code_verifier').textContent()).toContain(verifier);
    await page.close();
  });
});
