// Finds a Chromium/Chrome and builds the flags that send a throwaway profile through the proxy, trusting only our CA.
import { existsSync } from 'node:fs';
import { InspectorError } from '../errors.ts';

export class NoBrowserError extends InspectorError {
  constructor() {
    super(
      'no-browser',
      'No Chromium or Chrome found: install one (on Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    // An explicit choice that is wrong is said so, rather than quietly replaced by another browser.
    if (existsSync(fromEnv)) return fromEnv;
    throw new InspectorError(
      'no-browser',
      `CHROMIUM_PATH is set to ${fromEnv}, which does not exist: point it at a Chromium or Chrome executable, or unset it.`,
    );
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new NoBrowserError();
  return found;
}

export interface ProxyBrowserFlagsOptions {
  /** e.g. http://127.0.0.1:8080 */
  proxyUrl: string;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo. */
  caSpkiSha256: string;
}

/**
 * The flags `oauth-inspector browser` uses (the e2e tests reuse them as they are):
 * every request through the proxy, loopback included (Chromium bypasses it by default), and our CA's
 * certificates accepted for this profile only, with no change to the system trust store.
 */
export function proxyBrowserFlags(options: ProxyBrowserFlagsOptions): string[] {
  return [
    `--proxy-server=${options.proxyUrl}`,
    '--proxy-bypass-list=<-loopback>',
    `--ignore-certificate-errors-spki-list=${options.caSpkiSha256}`,
  ];
}

/**
 * Everything to launch a throwaway profile: the proxy flags plus the profile directory and quieting — no first-run
 * pages, and none of the browser's own update, component and sync traffic in the capture (GUIDE §4: some still comes).
 */
export function browserLaunchArgs(
  options: ProxyBrowserFlagsOptions & { userDataDir: string; url?: string; isRoot?: boolean; headless?: boolean },
): string[] {
  return [
    ...(options.headless ? ['--headless', '--disable-gpu'] : []),
    `--user-data-dir=${options.userDataDir}`,
    ...proxyBrowserFlags(options),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(options.isRoot ? ['--no-sandbox'] : []),
    ...(options.url ? [options.url] : []),
  ];
}
