// Launches Debian's Chromium through playwright-core with the quiet offline flags every browser test needs.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

/** Flags that keep Chromium from reaching for the network on a machine that has none (see GUIDE §4). */
export const QUIET_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium executable to drive, or a clear error saying how to install one. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error('No Chromium found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).');
  }
  return found;
}

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  /** Extra command-line flags, e.g. a forward proxy setup. */
  args?: string[];
  /** Keep the profile on disk (a throwaway directory is made and removed otherwise). */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/**
 * Starts headless Chromium with a throwaway profile. As root it also needs --no-sandbox.
 * Uses a persistent context so flags such as --proxy-server apply exactly as `oauth-inspector browser` sets them.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'oauth-inspector-chromium-'));
  const launchOptions: LaunchOptions = {
    executablePath: chromiumPath(),
    headless: true,
    args: [...QUIET_FLAGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...(options.args ?? [])],
  };
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Where tests write screenshots: build artifacts, never committed. */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'artifacts');
