// Generates the lesson recordings: drives the real sample world through the proxy with headless Chromium, saves HAR files.
//
//   npm run record                      every recording
//   npm run record -- happy-path        just one
//   npm run record -- --redact-existing re-publish the existing files through the same redaction (no browser)
//
// The recordings in lessons/recordings/ are produced only by this script, never written by hand. They are
// published redacted: see RECORDING_KEEPS for what a lesson needs as captured.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Response } from 'playwright-core';
import type { HarFile } from '@oauth-inspector/core/har.ts';
import { redactHarFile, toHarFile, type RedactedHarFile, type SecretKind } from '@oauth-inspector/core/har-export.ts';
import type { KnownSecret } from '@oauth-inspector/core/redaction/redact.ts';
import { TEST_USERS } from '@oauth-inspector/auth-server/users.ts';
import { startStack } from '@oauth-inspector/proxy/stack.ts';
import type { ScenarioId } from '@oauth-inspector/proxy/sample-world/scenarios.ts';
import { launchChromium } from '../e2e/support/chromium.ts';
import { expireTokenAndReload, openApp, readErrorPanel, signIn, waitForData } from '../e2e/support/sample-flows.ts';
import { LEGACY_RECORDINGS } from './legacy-recordings.ts';

const RECORDINGS_DIR = fileURLToPath(new URL('../lessons/recordings/', import.meta.url));

export interface Recording {
  name: string;
  scenario: ScenarioId;
  description: string;
  /** Access token lifetime in seconds, when the recording waits for a real expiry. */
  tokenLifetimeSeconds?: number;
  drive(page: Page, webOrigin: string, setScenario: (id: ScenarioId) => Promise<void>): Promise<void>;
}

/** Seconds the token-expiry recording's access tokens live: long enough to sign in, short enough to wait for. */
const EXPIRY_SECONDS = 8;

/** What each recording shows; the analyzer's tests name these files. */
export const RECORDINGS: Recording[] = [
  {
    name: 'happy-path',
    scenario: 'default',
    description: 'Steps 1–20: sign in with PKCE, call the API, spoil the token, see the 401 and the silent re-login.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
      await expireTokenAndReload(page);
      await waitForData(page);
    },
  },
  {
    name: 'token-expiry',
    scenario: 'default',
    tokenLifetimeSeconds: EXPIRY_SECONDS,
    description: `Steps 19–20 with a token that really expired (lifetime ${EXPIRY_SECONDS} s): the API's 401 says why, and the SPA signs in again silently.`,
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
      await page.waitForTimeout((EXPIRY_SECONDS + 2) * 1000);
      await page.click('[data-testid="reload-data"]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="status"]')?.textContent === 'Data loaded',
        undefined,
        { timeout: 20_000 },
      );
    },
  },
  {
    name: 'wrong-audience',
    scenario: 'default',
    description:
      'Step 20 gone wrong on purpose: signed in, then the API refuses every token (wrong audience); the SPA signs in once more, then stops.',
    async drive(page, web, setScenario) {
      await openApp(page, web, '/');
      await signIn(page);
      await setScenario('wrong-audience');
      await page.click('[data-testid="reload-data"]');
      await page.waitForFunction(
        () => /avoid a loop/.test(document.querySelector('[data-testid="error-details"]')?.textContent ?? ''),
        undefined,
        { timeout: 20_000 },
      );
      await page.waitForTimeout(1000);
    },
  },
  {
    name: 'invalid-scope',
    scenario: 'invalid-scope',
    description: 'Step 10: the SPA asks for an unknown scope and the authorization server answers invalid_scope.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await readErrorPanel(page);
    },
  },
  {
    name: 'bad-jwks-url',
    scenario: 'bad-jwks-url',
    description: 'Step 17: the API cannot download its keys and answers 500, not 401.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await signInUntilError(page);
    },
  },
  {
    name: 'introspection',
    scenario: 'introspection',
    description: 'Legacy track: opaque access tokens that the API validates at the introspection endpoint.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
    },
  },
  {
    name: 'bad-introspection-secret',
    scenario: 'bad-introspection-secret',
    description: 'Legacy track: the API presents a wrong introspection secret and answers 500, with no redirect loop.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await signInUntilError(page);
    },
  },
  errorPageRecording('unknown-client', 'a client id the server does not know'),
  errorPageRecording('unregistered-redirect-uri', 'a redirect URI that is not registered'),
  itemRecording(
    'other-users-item',
    "Step 18: signed in as Alice, the SPA asks for Bob's item b-1 and the API answers 404.",
    1,
  ),
  itemRecording(
    'jwks-cache',
    'Step 16: the SPA asks for the list and each item by id; the API downloads its keys once, for the first call.',
    2,
  ),
  ...LEGACY_RECORDINGS,
];

/** Step 10's other failure: the SPA sends `what`, and the authorization server answers with its error page. */
function errorPageRecording(scenario: ScenarioId, what: string): Recording {
  return {
    name: scenario,
    scenario,
    description: `Step 10: the SPA sends ${what}; the server shows an error page, no redirect.`,
    drive: (page, web) => openAppUntilErrorPage(page, web),
  };
}

/** Signs in as Alice and waits for the SPA's `count` requests for one item by id. */
function itemRecording(scenario: ScenarioId, description: string, count: number): Recording {
  return {
    name: scenario,
    scenario,
    description,
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
      await waitForItemResults(page, count);
    },
  };
}

/** An authorization request answered with an error page (4xx, no redirect): step 10's unknown client or redirect URI. */
async function openAppUntilErrorPage(page: Page, web: string): Promise<void> {
  const refused = page.waitForResponse(
    (response: Response) => response.status() >= 400 && new URL(response.url()).searchParams.has('response_type'),
    { timeout: 20_000 },
  );
  await openApp(page, web, '/');
  await refused;
}

/** Waits until the SPA shows `count` answers to its requests for one item by id. */
async function waitForItemResults(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="item-result"]').length >= n, count, {
    timeout: 20_000,
  });
}

/**
 * What the lessons need as captured: tokens and their signatures (the analyzer verifies them against the captured
 * JWKS), PKCE verifiers (it recomputes the challenge), codes, cookies and interaction ids (one-time values of a
 * throwaway local server that show the flow as it really looks). Everything else is replaced: the password of
 * every test user (RECORDING_SECRETS), the API's introspection secret (its Basic credentials), and any other key or
 * credential.
 */
export const RECORDING_KEEPS: readonly SecretKind[] = [
  'token',
  'signature',
  'code-verifier',
  'code',
  'cookie',
  'session-id',
];

/**
 * Every test user's password, wherever it appears: the one typed into the login form is found by its field name,
 * but the login page also lists every test user with their password, where nothing names it a credential.
 */
export const RECORDING_SECRETS: readonly KnownSecret[] = TEST_USERS.map((user) => ({
  value: user.password,
  kind: 'password',
}));

const GENERATED = 'Generated by scripts/record-lessons.ts.';

/**
 * A recording as published: redacted by RECORDING_KEEPS and RECORDING_SECRETS, its log saying what was replaced and what was kept
 * (`log._redacted`, and a sentence in `log.comment` before the generator's note, which the inspector's menu drops).
 */
export function publishRecording(har: HarFile): RedactedHarFile {
  const comment = (har.log.comment ?? '').replace(` ${GENERATED}`, '').replace(GENERATED, '');
  const published = redactHarFile(
    { ...har, log: { ...har.log, comment } },
    {
      keep: RECORDING_KEEPS,
      known: RECORDING_SECRETS,
    },
  );
  return { ...published, log: { ...published.log, comment: `${published.log.comment} ${GENERATED}` } };
}

async function writeRecording(file: string, har: HarFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(publishRecording(har), null, 2)}\n`);
}

/** Runs the recordings already in lessons/recordings/ through publishRecording, so they match what `record` now writes. */
async function redactExisting(wanted: readonly string[]): Promise<void> {
  const names = (await readdir(RECORDINGS_DIR)).filter(
    (f) => f.endsWith('.har') && (wanted.length === 0 || wanted.includes(f.replace(/\.har$/, ''))),
  );
  for (const name of names) {
    const file = join(RECORDINGS_DIR, name);
    const har = JSON.parse(await readFile(file, 'utf8')) as HarFile;
    await writeRecording(file, har);
    console.log(`${name}: redacted → ${file}`);
  }
}

/** Fills the login form and waits for the SPA's error panel instead of data. */
export async function signInUntilError(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="login-username"]', { timeout: 20_000 });
  await page.fill('[data-testid="login-username"]', 'alice');
  await page.fill('[data-testid="login-password"]', 'alice-password');
  await page.click('[data-testid="login-submit"]');
  await readErrorPanel(page);
}

async function record(recording: Recording, port: number): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'oauth-inspector-record-'));
  const stack = await startStack({
    port,
    inspectorPort: null,
    sampleWorld: true,
    scenario: recording.scenario,
    ...(recording.tokenLifetimeSeconds ? { accessTokenLifetimeSeconds: recording.tokenLifetimeSeconds } : {}),
    dataDir: home,
    env: { OAUTH_INSPECTOR_HOME: home },
    sessionName: recording.name,
  });
  const browser = await launchChromium();
  try {
    const web = stack.urls.find((u) => u.name === 'Sample app')!.url.replace(/\/$/, '');
    const page = await browser.context.newPage();
    await recording.drive(page, web, (id) => stack.sampleWorld!.setScenario(id));
    // Let requests still in flight (favicon, a last API call) finish and reach the journal.
    await page.waitForLoadState('networkidle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exchanges = await stack.session.history();
    const har = toHarFile(exchanges, { comment: `${recording.description} ${GENERATED}` });
    const file = join(RECORDINGS_DIR, `${recording.name}.har`);
    await writeRecording(file, har);
    return `${recording.name}: ${exchanges.length} exchanges → ${file}`;
  } finally {
    await browser.close();
    await stack.close();
    await rm(home, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice('--port='.length)) : 8080;
  const unknown = wanted.filter((name) => !RECORDINGS.some((r) => r.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown recording ${unknown.join(', ')}: choose from ${RECORDINGS.map((r) => r.name).join(', ')}.`);
    return 2;
  }
  await mkdir(RECORDINGS_DIR, { recursive: true });
  if (process.argv.includes('--redact-existing')) {
    await redactExisting(wanted);
    return 0;
  }
  for (const recording of RECORDINGS.filter((r) => wanted.length === 0 || wanted.includes(r.name))) {
    console.log(await record(recording, port));
  }
  return 0;
}

process.exitCode = await main();
