// The developer's filters in the inspector: OAuth only, a hidden host, browser background as one host entry, search in headers and bodies.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { devtoolsHar } from '@oauth-inspector/core/testing/devtools-har.ts';
import { ARTIFACTS_DIR, launchChromium, type LaunchedBrowser } from './support/chromium.ts';
import { ensureBuilt, serveDist, type StaticServer } from '../inspector/testing/serve-dist.ts';

let server: StaticServer;
let browser: LaunchedBrowser;
const dir = join(tmpdir(), `oauth-inspector-dev-filters-${process.pid}`);
const file = join(dir, 'happy-path-with-noise.har');
type Entry = {
  request: { url: string; postData?: { text?: string } };
  response: { headers: { name: string; value: string }[] };
};

/** What the recording holds, counted from plain URL and header facts (so a new recording keeps the test true). */
const facts = { entries: 0, assets: 0, web: 0, callbacks: 0, verifier: '' };

/** The happy-path recording (its static assets are under /assets/) with three browser background requests added. */
async function noisyRecording(): Promise<string> {
  const recording = JSON.parse(
    await readFile(new URL('../lessons/recordings/happy-path.har', import.meta.url), 'utf8'),
  ) as { log: { entries: Entry[] } };
  const all = recording.log.entries;
  const isAsset = (e: Entry) => new URL(e.request.url).pathname.startsWith('/assets/');
  const location = (e: Entry) => e.response.headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
  facts.entries = all.length;
  facts.assets = all.filter(isAsset).length;
  facts.web = all.filter((e) => !isAsset(e) && new URL(e.request.url).host === 'web.localhost:8080').length;
  facts.callbacks = all.filter((e) => location(e).startsWith('http://web.localhost:8080/callback')).length;
  const body = all.map((e) => e.request.postData?.text ?? '').find((text) => text.includes('code_verifier='));
  facts.verifier = new URLSearchParams(body).get('code_verifier') ?? '';
  const noise = (devtoolsHar().log.entries as unknown as Entry[]).filter((_, i) => [5, 6, 10].includes(i));
  const entries = recording.log.entries;
  recording.log.entries = [
    ...entries.slice(0, 5),
    noise[0]!,
    ...entries.slice(5, 16),
    noise[1]!,
    noise[2]!,
    ...entries.slice(16),
  ];
  return JSON.stringify(recording);
}

/** Every exchange: the recording's and the three background requests. */
const total = () => facts.entries + 3;
/** What OAuth only keeps: in this recording, everything but the static assets and the background requests. */
const oauth = () => total() - 3 - facts.assets;

beforeAll(async () => {
  ensureBuilt();
  await mkdir(dir, { recursive: true });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(file, await noisyRecording());
  server = await serveDist();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openNoisy(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/#view=exchanges`);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  await expect.poll(() => page.locator('[data-testid=row-count]').textContent()).toBe(`${total()} of ${total()}`);
  return page;
}

const count = (page: Page) => page.locator('[data-testid=row-count]').textContent();
/** The host cell and the path of every listed row. */
const listed = (page: Page) =>
  page.locator('[data-testid=exchange-row]').evaluateAll((rows) =>
    rows.map((r) => ({
      host: r.children[2]?.textContent ?? '',
      path: r.querySelector('[data-testid=row-path]')?.textContent ?? '',
    })),
  );

describe('developer filters in the inspector', () => {
  it('narrows a noisy recording: OAuth only, a hidden host, then a PKCE verifier and a Location header found in bodies and headers', async () => {
    const page = await openNoisy();
    const hostOptions = await page
      .locator('[data-testid=filter-host] option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(hostOptions).toEqual([
      '',
      'web.localhost:8080',
      'login.localhost:8080',
      'api.localhost:8080',
      'browser background',
    ]);

    await page.locator('[data-testid=filter-oauth]').check();
    await expect.poll(() => count(page)).toBe(`${oauth()} of ${total()}`);
    const oauthRows = await listed(page);
    expect(oauthRows.map((r) => `${r.host}${r.path}`).join('\n')).not.toMatch(/\/assets\/|googleapis|ListAccounts/);

    await page.locator('[data-testid=filter-hide-host]').selectOption('web.localhost:8080');
    await expect.poll(() => count(page)).toBe(`${oauth() - facts.web} of ${total()}`);
    expect(await page.locator('[data-testid=hidden-host]').textContent()).toContain('web.localhost:8080');
    expect(new Set((await listed(page)).map((r) => r.host))).toEqual(
      new Set(['login.localhost:8080', 'api.localhost:8080']),
    );

    const text = page.locator('[data-testid=filter-text]');
    expect(facts.verifier.length).toBeGreaterThan(24);
    await text.fill(facts.verifier.slice(0, 24).toUpperCase());
    await expect.poll(() => count(page)).toBe(`0 of ${total()}`);
    await page.locator('[data-testid=filter-scope]').selectOption('everything');
    await expect.poll(() => count(page)).toBe(`1 of ${total()}`);
    expect(await page.locator('[data-testid=exchange-row]').textContent()).toContain('/token');
    expect(await text.getAttribute('placeholder')).toContain('256 KiB');

    await text.fill('location: http://web.localhost:8080/callback');
    await expect.poll(() => count(page)).toBe(`${facts.callbacks} of ${total()}`);
    await page.locator('oi-filter-bar').screenshot({ path: join(ARTIFACTS_DIR, 'inspector-developer-filters.png') });
    await page
      .locator('section.content')
      .screenshot({ path: join(ARTIFACTS_DIR, 'inspector-developer-filters-list.png') });

    // The hidden host comes back from its chip; nothing captured was dropped.
    await text.fill('');
    await page.locator('[data-testid=hidden-host]').click();
    await expect.poll(() => count(page)).toBe(`${oauth()} of ${total()}`);
    await page.locator('[data-testid=filter-oauth]').uncheck();
    await page.locator('[data-testid=filter-host]').selectOption('browser background');
    await expect.poll(() => count(page)).toBe(`3 of ${total()}`);

    // The sequence diagram gives them no lane and says they were left out.
    await page.locator('[data-testid=view-diagram]').click();
    const note = page.locator('[data-testid=diagram-background]');
    await note.waitFor();
    expect(await note.textContent()).toContain('3 browser background requests are not drawn');
    const svg = (await page.locator('[data-testid=sequence-diagram]').textContent()) ?? '';
    expect(svg).toContain('login.localhost:8080');
    expect(svg).not.toMatch(/googleapis|accounts\.google/);
    await page.close();
  });
});
